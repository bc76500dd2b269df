"""Every registry URL, for every kind of visitor: the expected answer, and no
trace of organisations that are not public in any list, search, feed, sitemap
or export. A URL added to the registry without a row here fails the test."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import URLPattern, reverse

from hub.factories import UserFactory
from partners import urls as partner_urls
from partners.factories import (
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
)
from partners.models import MemberRole, Membership, ModerationStatus, Organisation

pytestmark = pytest.mark.django_db

GROUP_MIGRATION = importlib.import_module(
    "partners.migrations.0003_registry_moderators_group"
)
ROLES = ["anonymous", "member", "outsider", "moderator", "superuser"]
LOGIN = "login"  # a redirect to the log-in page


@pytest.fixture
def world(db):
    """Organisation A (public) and P (awaiting review), both owned by the
    member; B (public) owned by the outsider; plus hidden ones."""
    member = UserFactory(verified=True)
    outsider = UserFactory(verified=True)
    moderator = UserFactory(verified=True)
    GROUP_MIGRATION.create_group(apps, None)
    moderator.groups.add(Group.objects.get(name=GROUP_MIGRATION.GROUP))
    superuser = UserFactory(verified=True, is_superuser=True, is_staff=True)
    a = OrganisationFactory(name="Alpha Approved", slug="alpha", owner=member)
    p = OrganisationFactory(
        name="Pending Pelican",
        slug="pelican",
        owner=member,
        status=ModerationStatus.PENDING,
    )
    OrganisationFactory(name="Beta Public", slug="beta", owner=outsider)
    for status in (ModerationStatus.REJECTED, ModerationStatus.SUSPENDED):
        OrganisationFactory(
            name=f"Hidden {status.label} Heron", slug=f"heron-{status}", status=status
        )
    editor = MembershipFactory(organisation=a, role=MemberRole.EDITOR)
    join_request = JoinRequestFactory(organisation=a)
    return {
        "users": {
            "member": member,
            "outsider": outsider,
            "moderator": moderator,
            "superuser": superuser,
        },
        "a": a,
        "p": p,
        "editor": editor,
        "join_request": join_request,
    }


def _url(name: str, world, organisation: str = "a") -> str:
    slug = world[organisation].slug
    kwargs = {
        "organisation_list": {},
        "organisation_register": {},
        "organisation_similar": {},
        "my_organisations": {},
        "membership_update": {"slug": slug, "pk": world["editor"].pk},
        "join_request_answer": {"slug": slug, "pk": world["join_request"].pk},
    }.get(name, {"slug": slug})
    return reverse(f"partners:{name}", kwargs=kwargs)


# GET, per URL name and organisation: anonymous, member, outsider, moderator,
# superuser. Moderators and superusers work in the admin; on the site they may
# see every organisation but edit none that is not theirs.
GET_MATRIX = {
    ("organisation_list", "a"): (200, 200, 200, 200, 200),
    ("organisation_register", "a"): (LOGIN, 200, 200, 200, 200),
    ("organisation_similar", "a"): (LOGIN, 200, 200, 200, 200),
    ("my_organisations", "a"): (LOGIN, 200, 200, 200, 200),
    ("organisation_detail", "a"): (200, 200, 200, 200, 200),
    ("organisation_detail", "p"): (404, 200, 404, 200, 200),
    ("organisation_edit", "a"): (LOGIN, 200, 403, 403, 403),
    ("organisation_edit", "p"): (LOGIN, 200, 404, 403, 403),
    ("organisation_join", "a"): (LOGIN, 200, 200, 200, 200),
    ("organisation_join", "p"): (LOGIN, 403, 404, 403, 403),
    ("organisation_members", "a"): (LOGIN, 200, 403, 403, 403),
    ("organisation_members", "p"): (LOGIN, 200, 404, 403, 403),
    ("organisation_withdraw", "a"): (LOGIN, 200, 403, 403, 403),
    ("organisation_withdraw", "p"): (LOGIN, 200, 404, 403, 403),
    # Buttons: POST only.
    ("membership_update", "a"): (405, 405, 405, 405, 405),
    ("join_request_answer", "a"): (405, 405, 405, 405, 405),
    ("organisation_reconfirm", "a"): (405, 405, 405, 405, 405),
}


def _client_as(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _answer(response) -> object:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def test_every_registry_url_is_in_the_matrix():
    names = {
        pattern.name
        for pattern in partner_urls.urlpatterns
        if isinstance(pattern, URLPattern)
    }
    assert names == {name for name, _ in GET_MATRIX}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer(client, world, role):
    client = _client_as(client, world, role)
    index = ROLES.index(role)
    answers = {
        (name, organisation): _answer(client.get(_url(name, world, organisation)))
        for name, organisation in GET_MATRIX
    }
    expected = {key: row[index] for key, row in GET_MATRIX.items()}
    assert answers == expected


# The buttons, pressed by those who may not: nothing may change.
POSTS = {
    "membership_update": {"action": "remove"},
    "join_request_answer": {"answer": "accept"},
    "organisation_reconfirm": {},
    "organisation_withdraw": {},
    "organisation_edit": {"name": "Taken over", "sector": "business"},
}
POST_MATRIX = {  # anonymous, outsider, moderator
    "membership_update": (LOGIN, 403, 403),
    "join_request_answer": (LOGIN, 403, 403),
    "organisation_reconfirm": (LOGIN, 403, 403),
    "organisation_withdraw": (LOGIN, 403, 403),
    "organisation_edit": (LOGIN, 403, 403),
}


@pytest.mark.parametrize("role", ["anonymous", "outsider", "moderator"])
def test_buttons_pressed_by_others_change_nothing(client, world, role):
    client = _client_as(client, world, role)
    before = _registry_state()
    index = ["anonymous", "outsider", "moderator"].index(role)
    answers = {
        name: _answer(client.post(_url(name, world), data))
        for name, data in POSTS.items()
    }
    assert answers == {name: row[index] for name, row in POST_MATRIX.items()}
    assert _registry_state() == before


def _registry_state():
    return (
        sorted(Organisation.objects.values_list("slug", "name", "status")),
        sorted(Membership.objects.values_list("user", "organisation", "role")),
        sorted(
            Organisation.objects.values_list("slug", "reconfirmed_at", "updated_at")
        ),
    )


ACCOUNT_URLS = ["account_privacy", "account_data_download", "account_delete"]


@pytest.mark.parametrize("role", ROLES)
def test_personal_data_pages_need_an_account(client, world, role):
    client = _client_as(client, world, role)
    expected = LOGIN if role == "anonymous" else 200
    for name in ACCOUNT_URLS:
        assert _answer(client.get(reverse(name))) == expected, name


ADMIN = "/admin/snippets/partners/organisation/"
BULK = "/admin/bulk/partners/organisation/"


def _admin_urls(organisation) -> dict[str, str]:
    return {
        "queue": ADMIN,
        "export": f"{ADMIN}?export=csv",
        "inspect": f"{ADMIN}inspect/{organisation.pk}/",
        "edit": f"{ADMIN}edit/{organisation.pk}/",
        "decide": f"{ADMIN}decide/{organisation.pk}/",
        "history": f"{ADMIN}history/{organisation.pk}/",
        "delete": f"{ADMIN}delete/{organisation.pk}/",
        "bulk approve": f"{BULK}approve/?id={organisation.pk}",
    }


ADMIN_MATRIX = {
    # Registry moderators may not delete (withdrawing is the owners' act):
    # Wagtail sends them back to the dashboard with a message.
    "moderator": {"delete": 302},
    "superuser": {},
}


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_reach_the_moderation_admin(client, world, role):
    client = _client_as(client, world, role)
    for view, url in _admin_urls(world["p"]).items():
        response = client.get(url)
        if role in ADMIN_MATRIX:
            assert response.status_code == ADMIN_MATRIX[role].get(view, 200), view
        else:
            assert response.status_code in {302, 403}, view
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/"), view


HIDDEN = ["Pending Pelican", "Hidden Rejected Heron", "Hidden Suspended Heron"]


@pytest.mark.parametrize("role", ROLES)
def test_organisations_that_are_not_public_leak_nowhere(client, world, role):
    """Not even their own members find them in public lists: the dashboard
    and the organisation page are where members see them."""
    client = _client_as(client, world, role)
    public_places = [
        reverse("partners:organisation_list"),
        reverse("partners:organisation_list") + "?q=Pelican",
        reverse("partners:organisation_list") + "?q=Heron",
        "/sitemap.xml",
        "/en/search/?q=Pelican",
        "/en/news/feed/",
    ]
    assert "Alpha Approved" in client.get(public_places[0]).text
    assert "/organisations/alpha/" in client.get("/sitemap.xml").text
    for url in public_places:
        content = client.get(url).content.decode()
        for name in HIDDEN:
            assert name not in content, (url, name)
        assert "pelican" not in content, url


def test_the_duplicate_check_names_a_pending_organisation_without_a_link(client, world):
    client.force_login(world["users"]["outsider"])
    html = client.get(
        reverse("partners:organisation_similar"), {"name": "Pending Pelican"}
    ).text
    assert "Pending Pelican" in html
    assert "/organisations/pelican/" not in html
    html = client.get(
        reverse("partners:organisation_similar"), {"name": "Hidden Rejected Heron"}
    ).text
    assert "Heron" not in html


def test_an_outsiders_data_export_holds_nothing_of_others(client, world):
    client.force_login(world["users"]["outsider"])
    content = client.get(reverse("account_data_download")).content.decode()
    assert "Beta Public" in content
    for name in ["Alpha Approved", *HIDDEN]:
        assert name not in content
