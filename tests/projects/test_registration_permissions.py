"""Every registrant URL of the initiatives, for every kind of visitor: the
exact answer. A URL added to projects.urls without a row here fails."""

import pytest
from django.urls import URLPattern, reverse

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects import urls as project_urls
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import Initiative, PartnerState
from projects.views import registration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_initiatives")]

ROLES = ["anonymous", "member", "outsider", "moderator"]
LOGIN = "login"
# Built by the public pages' helper, not tested here.


@pytest.fixture
def world(member, member_organisation, initiative_moderator):
    outsider = UserFactory(verified=True)
    other = OrganisationFactory(owner=outsider, name="Other Org")
    public = InitiativeFactory(owner=member_organisation, slug="public")
    draft = InitiativeFactory(
        owner=member_organisation, slug="draft", status=ModerationStatus.DRAFT
    )
    suspended = InitiativeFactory(
        owner=member_organisation, slug="suspended", status=ModerationStatus.SUSPENDED
    )
    partnership = InitiativePartnerFactory(
        initiative=public, organisation=other, state=PartnerState.INVITED
    )
    return {
        "users": {
            "member": member,
            "outsider": outsider,
            "moderator": initiative_moderator,
        },
        "initiatives": {"public": public, "draft": draft, "suspended": suspended},
        "partnership": partnership,
    }


def _url(name: str, world, initiative: str) -> str:
    slug = world["initiatives"][initiative].slug
    kwargs = {
        "initiative_register": {},
        "my_initiatives": {},
        "partner_remove": {"slug": slug, "pk": world["partnership"].pk},
        "invitation_answer": {"pk": world["partnership"].pk},
    }.get(name, {"slug": slug})
    return reverse(f"projects:{name}", kwargs=kwargs)


# GET per URL name and initiative: anonymous, member of the owner, member of
# another organisation, moderator. What a visitor may not see is 404; what
# they may see but not change is 403.
GET_MATRIX = {
    ("initiative_register", "public"): (LOGIN, 200, 200, 200),
    ("my_initiatives", "public"): (LOGIN, 200, 200, 200),
    ("initiative_edit", "public"): (LOGIN, 200, 403, 403),
    ("initiative_edit", "draft"): (LOGIN, 200, 404, 403),
    ("initiative_edit", "suspended"): (LOGIN, 403, 404, 403),
    ("initiative_pause", "public"): (LOGIN, 200, 403, 403),
    ("initiative_pause", "draft"): (LOGIN, 200, 404, 403),
    ("initiative_resume", "public"): (LOGIN, 200, 403, 403),
    ("initiative_resume", "draft"): (LOGIN, 200, 404, 403),
    ("initiative_withdraw", "public"): (LOGIN, 200, 403, 403),
    ("initiative_withdraw", "draft"): (LOGIN, 200, 404, 403),
    ("initiative_withdraw", "suspended"): (LOGIN, 403, 404, 403),
    ("initiative_partners", "public"): (LOGIN, 200, 403, 403),
    ("initiative_partners", "draft"): (LOGIN, 200, 404, 403),
    # Buttons: POST only.
    ("partner_remove", "public"): (405, 405, 405, 405),
    ("invitation_answer", "public"): (405, 405, 405, 405),
}


def _client_as(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _answer(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def test_every_registration_url_is_in_the_matrix():
    # The other views of the app have their own permission tests.
    names = {
        pattern.name
        for pattern in project_urls.urlpatterns
        if isinstance(pattern, URLPattern)
        and pattern.callback in vars(registration).values()
    }
    assert names == {name for name, _ in GET_MATRIX}


@pytest.mark.parametrize(("name", "initiative"), list(GET_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_get(client, world, name, initiative, role):
    url = _url(name, world, initiative)
    expected = GET_MATRIX[name, initiative][ROLES.index(role)]
    assert _answer(_client_as(client, world, role).get(url)) == expected


# POST: who may take each step, and that refused ones change nothing.
POST_MATRIX = {
    "initiative_pause": (LOGIN, 302, 403, 403),
    "initiative_withdraw": (LOGIN, 302, 403, 403),
    # The invited organisation may end the partnership itself.
    "partner_remove": (LOGIN, 302, 302, 403),
}


@pytest.mark.parametrize("name", list(POST_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_post_on_the_public_initiative(client, world, name, role):
    url = _url(name, world, "public")
    expected = POST_MATRIX[name][ROLES.index(role)]
    assert _answer(_client_as(client, world, role).post(url)) == expected
    public = Initiative.objects.filter(slug="public").first()
    if expected != 302:
        assert public is not None and public.paused_at is None
        assert public.partnerships.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", LOGIN), ("member", 404), ("outsider", 302), ("moderator", 404)],
)
def test_only_the_invited_organisation_answers(client, world, role, expected):
    url = _url("invitation_answer", world, "public")
    response = _client_as(client, world, role).post(url, {"answer": "confirm"})
    assert _answer(response) == expected
    world["partnership"].refresh_from_db()
    confirmed = world["partnership"].state == PartnerState.CONFIRMED
    assert confirmed == (expected == 302)


def test_an_anonymous_post_logs_in_and_comes_back_to_the_page(client, world):
    response = client.post(_url("partner_remove", world, "public"))
    assert response["Location"] == (
        "/en/accounts/login/?next=/en/initiatives/public/partners/"
    )


def test_a_user_without_a_verified_address_registers_nothing(client, world):
    client.force_login(UserFactory())
    response = client.post(reverse("projects:initiative_register"), {"title": "X"})
    assert "verify" in response.text.lower()
    assert not Initiative.objects.filter(title="X").exists()
