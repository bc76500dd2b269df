"""Every introduction URL, for every kind of visitor: the exact answer. A URL
added to projects.views.introductions without a row here fails."""

import pytest
from django.urls import URLPattern, reverse

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from projects import urls as project_urls
from projects.factories import IntroductionFactory
from projects.models import IntroductionStatus
from projects.views import introductions as views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


ROLES = ["anonymous", "asking member", "asked member", "outsider", "moderator"]
LOGIN = "login"


@pytest.fixture
def world(initiative_moderator):
    asking, asked, outsider = (UserFactory(verified=True) for _ in range(3))
    requester = OrganisationFactory(owner=asking, slug="asking")
    recipient = OrganisationFactory(owner=asked, slug="asked")
    OrganisationFactory(owner=outsider, slug="outside")
    introduction = IntroductionFactory(
        requester=requester, recipient=recipient, requested_by=asking
    )
    return {
        "users": {
            "asking member": asking,
            "asked member": asked,
            "outsider": outsider,
            "moderator": initiative_moderator,
        },
        "introduction": introduction,
    }


def _url(name: str, world) -> str:
    introduction = world["introduction"]
    kwargs = {
        "introduction_ask": {"slug": introduction.recipient.slug},
        "my_introductions": {},
    }.get(name, {"pk": introduction.pk})
    return reverse(f"projects:{name}", kwargs=kwargs)


# The moderator belongs to no organisation: they may not ask (the page says
# why) and see no one's introductions.
GET_MATRIX = {
    "introduction_ask": (LOGIN, 200, 200, 200, 200),
    "my_introductions": (LOGIN, 200, 200, 200, 200),
    "introduction_detail": (LOGIN, 200, 200, 404, 404),
    "introduction_answer": (405, 405, 405, 405, 405),
}
POST_MATRIX = {
    "introduction_answer": (LOGIN, 403, 302, 404, 404),
}


def _client_as(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _answer(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def test_every_introduction_url_is_in_the_matrix():
    names = {
        pattern.name
        for pattern in project_urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.callback in vars(views).values()
    }
    assert names == set(GET_MATRIX)


@pytest.mark.parametrize("name", list(GET_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_get(client, world, name, role):
    expected = GET_MATRIX[name][ROLES.index(role)]
    assert _answer(_client_as(client, world, role).get(_url(name, world))) == (expected)


@pytest.mark.parametrize("name", list(POST_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_post(client, world, name, role):
    expected = POST_MATRIX[name][ROLES.index(role)]
    response = _client_as(client, world, role).post(
        _url(name, world), {"answer": "accept"}
    )
    assert _answer(response) == expected
    introduction = world["introduction"]
    introduction.refresh_from_db()
    accepted = introduction.status == IntroductionStatus.ACCEPTED
    assert accepted == (expected == 302)
