"""The suggestions in a browser: an initiative's suggested partners and team
for its owner's members, in English and Dutch, dismissing one, and the
initiatives suggested to an organisation."""

import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from hub.models import Theme
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import HelixSector, OrganisationKind
from projects.factories import (
    InitiativeFactory,
    InitiativeMatchingStateFactory,
    InitiativePartnerFactory,
    MatchSuggestionFactory,
)
from projects.models import MatchDismissal, SoughtSector, SuggestionDirection
from tests.browser.accessibility import assert_no_axe_violations

EMAIL = "suggestions-owner@example.org"
PARTS = {
    "text": 0.5,
    "themes": 1.0,
    "tags": 1.0,
    "sector": 1.0,
    "distance": 0.98,
    "activity": 1.0,
}


def _organisation(name, slug, sector, kind, mobility):
    organisation = OrganisationFactory(
        name=name,
        slug=slug,
        sector=sector,
        kind=kind,
        city="Eindhoven",
        latitude=51.4484,
        longitude=5.4906,
    )
    organisation.themes.set([mobility])
    organisation.expertise.add("sensors")
    return organisation


@pytest.fixture(scope="module")
def suggested(site_server, django_db_blocker):
    """An initiative seeking three sectors with three suggested partners (two
    of whom worked together), and an initiative suggested to one of the
    owner's organisations; committed so that the live server sees them, and
    deleted afterwards."""
    with django_db_blocker.unblock():
        mobility = Theme.objects.get(slug="mobility", locale__language_code="en")
        user = UserFactory(email=EMAIL, verified=True)
        owner = OrganisationFactory(
            name="Gemeente Eindhoven", slug="suggestions-eindhoven", owner=user
        )
        initiative = InitiativeFactory(
            title="Smart street lights",
            slug="suggestions-street-lights",
            owner=owner,
            latitude=51.4416,
            longitude=5.4697,
        )
        initiative.themes.set([mobility])
        initiative.expertise_sought.add("sensors")
        for sector in [
            HelixSector.KNOWLEDGE,
            HelixSector.BUSINESS,
            HelixSector.CIVIL_SOCIETY,
        ]:
            SoughtSector.objects.create(initiative=initiative, sector=sector)
        university = _organisation(
            "TU Eindhoven",
            "suggestions-tue",
            HelixSector.KNOWLEDGE,
            OrganisationKind.UNIVERSITY,
            mobility,
        )
        company = _organisation(
            "Signify",
            "suggestions-signify",
            HelixSector.BUSINESS,
            OrganisationKind.LARGE_COMPANY,
            mobility,
        )
        other = _organisation(
            "Philips Lighting Lab",
            "suggestions-philips",
            HelixSector.BUSINESS,
            OrganisationKind.START_UP,
            mobility,
        )
        lab = InitiativeFactory(
            title="Light lab", slug="suggestions-light-lab", owner=university
        )
        InitiativePartnerFactory(initiative=lab, organisation=company)
        for rank, organisation in enumerate([other, university, company], start=1):
            MatchSuggestionFactory(
                initiative=initiative, organisation=organisation, rank=rank, parts=PARTS
            )
        InitiativeMatchingStateFactory(initiative=initiative)
        # The owner is a member of the university too: it is suggested an
        # initiative of someone else's.
        MembershipFactory(organisation=university, user=user)
        elsewhere = InitiativeFactory(
            title="Quiet streets Helmond",
            slug="suggestions-quiet-streets",
            owner=_organisation(
                "Gemeente Helmond",
                "suggestions-helmond",
                HelixSector.GOVERNMENT,
                OrganisationKind.MUNICIPALITY,
                mobility,
            ),
        )
        elsewhere.themes.set([mobility])
        SoughtSector.objects.create(initiative=elsewhere, sector=HelixSector.KNOWLEDGE)
        MatchSuggestionFactory(
            initiative=elsewhere,
            organisation=university,
            direction=SuggestionDirection.FOR_ORGANISATION,
            rank=1,
            parts=PARTS,
        )
        created = [owner, university, company, other, elsewhere.owner]
        yield initiative
        for organisation in created:
            organisation.delete()
        user.delete()


def log_in(page, language="en"):
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[type=email]").fill(EMAIL)
    page.locator("input[type=password]").fill("a-Long-test-passphrase")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("form[action*='logout'] button")).to_be_visible()


def test_the_owner_finds_the_suggested_partners_and_dismisses_one(page, suggested):
    log_in(page)
    page.goto(f"/en/initiatives/{suggested.slug}/")
    preview = page.locator("section", has=page.locator("#suggested-heading"))
    expect(preview.locator(".hub-suggestion")).to_have_count(3)
    expect(preview.locator(".hub-suggestion", has_text="TU Eindhoven")).to_contain_text(
        "You seek a knowledge institution — this is a university"
    )
    assert_no_axe_violations(page)
    preview.get_by_role("link", name="All suggested partners").click()
    expect(page).to_have_url(re.compile(r"/en/initiatives/.+/suggested-partners/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggested partners")
    team = page.locator(".hub-team")
    expect(team).to_contain_text("Together they cover business and knowledge")
    expect(team).to_contain_text(
        "Signify and TU Eindhoven worked together on Light lab."
    )
    expect(team).to_contain_text(
        "No organisation from civil society is among the suggestions yet"
    )
    card = page.locator(".hub-suggestion", has_text="TU Eindhoven")
    expect(card).to_contain_text(
        "You seek a knowledge institution — this is a university"
    )
    expect(page.get_by_text(re.compile(r"^Last computed"))).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Dismiss – Philips Lighting Lab").click()
    expect(
        page.get_by_text(
            "Philips Lighting Lab will not be suggested for this initiative again."
        )
    ).to_be_visible()
    expect(
        page.get_by_role("button", name="Dismiss – Philips Lighting Lab")
    ).to_have_count(0)
    expect(page.locator(".hub-suggestion")).to_have_count(2)
    assert MatchDismissal.objects.filter(
        initiative=suggested, organisation__slug="suggestions-philips"
    ).exists()
    assert_no_axe_violations(page)


def test_the_suggested_partners_in_dutch(page, suggested):
    log_in(page, "nl")
    page.goto(f"/nl/initiatives/{suggested.slug}/suggested-partners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorgestelde partners")
    expect(page.locator(".hub-team")).to_contain_text(
        "Samen dekken ze bedrijfsleven en kennisinstellingen."
    )
    expect(page.locator(".hub-suggestion", has_text="TU Eindhoven")).to_contain_text(
        "U zoekt een kennisinstelling — dit is een universiteit"
    )
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("language", "link", "heading", "reason"),
    [
        (
            "en",
            "Initiatives that could use you – TU Eindhoven",
            "Initiatives that could use you",
            "Seeks a knowledge institution — you are one",
        ),
        (
            "nl",
            "Initiatieven die u kunnen gebruiken – TU Eindhoven",
            "Initiatieven die u kunnen gebruiken",
            "Zoekt een kennisinstelling — dat bent u",
        ),
    ],
)
def test_an_organisation_finds_initiatives_that_could_use_it(
    page, suggested, language, link, heading, reason
):
    log_in(page, language)
    page.goto(f"/{language}/my/organisations/")
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    card = page.locator(".hub-suggestion", has_text="Quiet streets Helmond")
    expect(card).to_contain_text(reason)
    assert_no_axe_violations(page)
