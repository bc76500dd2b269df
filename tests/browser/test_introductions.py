"""Issue #6's introduction, in English and in Dutch: a member of Gemeente
Delft opens TU Eindhoven's page and asks for an introduction; a member of TU
Eindhoven signs in and accepts; then both see each other's contact details,
and not before. Axe runs on every page on the way. The same, starting from
the partners the matching job suggested for Gemeente Delft's initiative."""

import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import HelixSector, Organisation
from projects.factories import InitiativeFactory
from projects.matching import jobs
from projects.models import (
    Introduction,
    IntroductionOrigin,
    IntroductionStatus,
    SoughtSector,
)
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.conftest import _guarded, _new_page

pytestmark = pytest.mark.django_db(transaction=True)

ANNA, BEA = "anna@delft.example.org", "bea@tue.example.org"
DELFT_CONTACT, TUE_CONTACT = "info@delft.example.org", "contact@tue.example.org"
MESSAGE = "We run smart street lights in Delft and would like to compare notes."
WORDS = {
    "en": {
        "ask": "Ask for an introduction",
        "message": "Your message",
        "send": "Send the request",
        "required": "Please write a short message",
        "sent": "Your request has been sent to TU Eindhoven.",
        "introductions": "Introductions",
        "incoming": "Gemeente Delft asks TU Eindhoven",
        "accept": "Accept",
        "accepted": "You accepted the request of Gemeente Delft.",
        "not_yet": "Contact details are shared once TU Eindhoven accepts.",
    },
    "nl": {
        "ask": "Vraag om een kennismaking",
        "message": "Uw bericht",
        "send": "Verstuur het verzoek",
        "required": "Schrijf een kort bericht",
        "sent": "Uw verzoek is verstuurd naar TU Eindhoven.",
        "introductions": "Kennismakingen",
        "incoming": "Gemeente Delft vraagt TU Eindhoven",
        "accept": "Accepteren",
        "accepted": "U hebt het verzoek van Gemeente Delft geaccepteerd.",
        "not_yet": "Contactgegevens worden gedeeld zodra TU Eindhoven accepteert.",
    },
}


@pytest.fixture
def organisations(transactional_db):
    anna = UserFactory(
        email=ANNA, first_name="Anna", last_name="de Vries", verified=True
    )
    OrganisationFactory(
        name="Gemeente Delft",
        slug="gemeente-delft",
        contact_email=DELFT_CONTACT,
        owner=anna,
    )
    bea = UserFactory(email=BEA, first_name="Bea", last_name="Jansen", verified=True)
    OrganisationFactory(
        name="TU Eindhoven",
        slug="tu-eindhoven",
        sector="knowledge",
        kind="university",
        contact_email=TUE_CONTACT,
        owner=bea,
    )


@pytest.fixture
def second_page(browser, live_server, request):
    """A second person's browser, with its own cookies."""
    yield from _guarded(*_new_page(browser, live_server.url, request))


def log_in(page, email: str, language: str) -> None:
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[type=email]").fill(email)
    page.locator("input[type=password]").fill("a-Long-test-passphrase")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("form[action*='logout'] button")).to_be_visible()


def _shows_no_contact(page) -> None:
    content = page.content()
    assert "mailto:" not in content
    for email in (ANNA, BEA, DELFT_CONTACT, TUE_CONTACT):
        assert email not in content


def _shows_both_contacts(page) -> None:
    for email in (ANNA, BEA, DELFT_CONTACT, TUE_CONTACT):
        expect(page.locator(f'a[href="mailto:{email}"]')).to_be_visible()
    expect(page.get_by_text("Anna de Vries")).to_be_visible()
    expect(page.get_by_text("Bea Jansen")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_asked_accepted_and_both_see_each_others_contact(
    writing_page, second_page, organisations, language
):
    words = WORDS[language]
    asker, answerer = writing_page, second_page

    # Anna asks from TU Eindhoven's page.
    log_in(asker, ANNA, language)
    asker.goto(f"/{language}/organisations/tu-eindhoven/")
    assert_no_axe_violations(asker)
    asker.get_by_role("link", name=words["ask"]).click()
    expect(asker).to_have_url(
        re.compile(rf"/{language}/organisations/tu-eindhoven/introduction/$")
    )
    assert_no_axe_violations(asker)
    asker.get_by_role("button", name=words["send"]).click()
    expect(asker.get_by_role("alert")).to_contain_text(words["required"])
    assert_no_axe_violations(asker)
    asker.get_by_label(words["message"]).fill(MESSAGE)
    asker.get_by_role("button", name=words["send"]).click()
    expect(asker.get_by_text(words["sent"])).to_be_visible()
    expect(asker.get_by_text(words["not_yet"])).to_be_visible()
    _shows_no_contact(asker)
    assert_no_axe_violations(asker)
    detail_url = asker.url
    asker.get_by_role("link", name=words["introductions"], exact=True).click()
    assert_no_axe_violations(asker)

    # Bea reads it on her introductions page, sees no contact yet, accepts.
    log_in(answerer, BEA, language)
    answerer.get_by_role("link", name=words["introductions"], exact=True).click()
    assert_no_axe_violations(answerer)
    answerer.get_by_role("link", name=words["incoming"]).click()
    expect(answerer.get_by_text(MESSAGE)).to_be_visible()
    _shows_no_contact(answerer)
    assert_no_axe_violations(answerer)
    answerer.get_by_role("button", name=words["accept"], exact=True).click()
    expect(answerer.get_by_text(words["accepted"])).to_be_visible()
    _shows_both_contacts(answerer)
    assert_no_axe_violations(answerer)

    # Anna sees Bea's and TU Eindhoven's contact on the same page.
    asker.goto(detail_url)
    _shows_both_contacts(asker)
    assert_no_axe_violations(asker)
    assert Introduction.objects.get().status == IntroductionStatus.ACCEPTED


SUGGESTION_WORDS = {
    "en": {
        "reason": "You seek a knowledge institution — this is a university",
        "ask": "Ask for an introduction – TU Eindhoven",
    },
    "nl": {
        "reason": "U zoekt een kennisinstelling — dit is een universiteit",
        "ask": "Vraag om een kennismaking – TU Eindhoven",
    },
}


@pytest.fixture
def suggested_university(organisations):
    """Gemeente Delft's initiative seeks a knowledge institution; the
    matching job, run as the worker runs it, suggests TU Eindhoven."""
    delft = Organisation.objects.get(slug="gemeente-delft")
    initiative = InitiativeFactory(
        title="Slimme straatverlichting Delft",
        slug="slimme-straatverlichting-delft",
        summary="Street lights that dim when nobody is around, in Delft.",
        owner=delft,
        city="Delft",
        latitude=52.0116,
        longitude=4.3571,
    )
    SoughtSector.objects.create(initiative=initiative, sector=HelixSector.KNOWLEDGE)
    Organisation.objects.filter(slug="tu-eindhoven").update(
        description="Research on smart street lights and sensors in cities."
    )
    jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
    return initiative


@pytest.mark.parametrize("language", ["en", "nl"])
def test_owner_asks_a_suggested_partner_who_accepts(
    writing_page, second_page, suggested_university, language
):
    words = {**WORDS[language], **SUGGESTION_WORDS[language]}
    asker, answerer = writing_page, second_page
    initiative = suggested_university

    # Anna, an owner of the initiative, reads why TU Eindhoven is suggested.
    log_in(asker, ANNA, language)
    asker.goto(f"/{language}/initiatives/{initiative.slug}/suggested-partners/")
    card = asker.locator("li", has=asker.get_by_role("link", name="TU Eindhoven"))
    expect(card.first).to_contain_text(words["reason"])
    assert_no_axe_violations(asker)
    asker.get_by_role("link", name=words["ask"]).click()
    asker.get_by_label(words["message"]).fill(MESSAGE)
    asker.get_by_role("button", name=words["send"]).click()
    expect(asker.get_by_text(words["sent"])).to_be_visible()
    _shows_no_contact(asker)
    assert_no_axe_violations(asker)
    detail_url = asker.url
    introduction = Introduction.objects.get()
    assert introduction.initiative == initiative
    assert introduction.origin == IntroductionOrigin.SUGGESTION
    assert introduction.suggestion_rank >= 1

    # Bea accepts; then each sees the other's contact.
    log_in(answerer, BEA, language)
    answerer.get_by_role("link", name=words["introductions"], exact=True).click()
    answerer.get_by_role("link", name=words["incoming"]).click()
    answerer.get_by_role("button", name=words["accept"], exact=True).click()
    _shows_both_contacts(answerer)
    asker.goto(detail_url)
    _shows_both_contacts(asker)
    assert_no_axe_violations(asker)
