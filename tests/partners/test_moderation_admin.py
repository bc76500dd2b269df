"""Moderators work the queue of organisations in Wagtail's admin: filter it,
decide one or many, correct a profile, see its history, export the list."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from hub.factories import UserFactory
from partners import selectors, services
from partners.factories import OrganisationFactory
from partners.models import (
    DataSource,
    HelixSector,
    ModerationAction,
    ModerationStatus,
    Organisation,
    OrganisationDecision,
    OrganisationKind,
)


@pytest.fixture(autouse=True)
def _empty_registry(db):
    """These tests count organisations from an empty registry, without the
    demo site's."""
    Organisation.objects.all().delete()


pytestmark = pytest.mark.django_db
QUEUE = "/admin/snippets/partners/organisation/"
BULK = "/admin/bulk/partners/organisation/"
REASON_REQUIRED = "Please give a reason: the owners will read it."


def _url(view: str, organisation: Organisation) -> str:
    return f"{QUEUE}{view}/{organisation.pk}/"


def _pending(name: str, *, days_old: int = 0, **fields) -> Organisation:
    organisation = OrganisationFactory(
        name=name,
        status=ModerationStatus.PENDING,
        owner=UserFactory(verified=True),
        **fields,
    )
    _age(organisation, days_old)
    return organisation


def _age(organisation: Organisation, days: int) -> None:
    # created_at is set on insert; only an update can date it back.
    Organisation.objects.filter(pk=organisation.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def _listed(response, among) -> list[str]:
    """The names the listing shows, of the organisations ``among``: the demo
    site may bring organisations of its own."""
    names = {organisation.name for organisation in among}
    return [
        organisation.name
        for organisation in response.context["object_list"]
        if organisation.name in names
    ]


def _owner_emails(organisation: Organisation) -> list[str]:
    return selectors.organisation_owner_emails(organisation_id=organisation.pk)


@pytest.fixture
def registry_moderator(client):
    user = UserFactory(verified=True, first_name="Mira", last_name="Moderator")
    user.groups.add(Group.objects.get(name="Registry moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def registry():
    utrecht = _pending(
        "Gemeente Utrecht",
        days_old=40,
        sector=HelixSector.GOVERNMENT,
        kind=OrganisationKind.MUNICIPALITY,
        country="NL",
    )
    brightlane = _pending(
        "Brightlane GmbH",
        days_old=10,
        sector=HelixSector.BUSINESS,
        kind=OrganisationKind.SME,
        country="DE",
        city="Berlin",
        source=DataSource.CORDIS,
        external_id="999123456",
    )
    eindhoven = OrganisationFactory(
        name="TU Eindhoven",
        sector=HelixSector.KNOWLEDGE,
        kind=OrganisationKind.UNIVERSITY,
        country="NL",
        city="Eindhoven",
        stale_since=timezone.now(),
        owner=UserFactory(verified=True),
    )
    _age(eindhoven, 400)
    return utrecht, brightlane, eindhoven


class TestQueue:
    def test_awaiting_organisations_come_first_oldest_at_the_top(
        self, client, registry_moderator, registry
    ):
        response = client.get(QUEUE)
        assert response.status_code == 200
        assert _listed(response, registry) == [
            "Gemeente Utrecht",
            "Brightlane GmbH",
            "TU Eindhoven",
        ]

    def test_awaiting_review_button_shows_only_the_queue(
        self, client, registry_moderator, registry
    ):
        html = client.get(QUEUE).text
        assert "Awaiting review (2)" in html
        assert f"{QUEUE}?status=pending" in html
        response = client.get(QUEUE, {"status": "pending"})
        assert _listed(response, registry) == ["Gemeente Utrecht", "Brightlane GmbH"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"sector": "business"}, ["Brightlane GmbH"]),
            ({"kind": "university"}, ["TU Eindhoven"]),
            ({"country": "DE"}, ["Brightlane GmbH"]),
            ({"source": "cordis"}, ["Brightlane GmbH"]),
            ({"age": "30"}, ["Gemeente Utrecht", "TU Eindhoven"]),
            ({"age": "7"}, ["Gemeente Utrecht", "Brightlane GmbH", "TU Eindhoven"]),
            ({"outdated": "true"}, ["TU Eindhoven"]),
            ({"q": "brightl"}, ["Brightlane GmbH"]),
            ({"status": "approved", "outdated": "false"}, []),
        ],
    )
    def test_filters_narrow_the_list(
        self, client, registry_moderator, registry, query, expected
    ):
        response = client.get(QUEUE, query)
        assert response.status_code == 200
        assert _listed(response, registry) == expected

    def test_columns_show_what_a_moderator_needs(
        self, client, registry_moderator, registry
    ):
        html = client.get(QUEUE).text
        for text in (
            "Helix sector",
            "Knowledge institution",
            "University",
            "Germany",
            "Berlin",
            "Awaiting review",
            "Approved",
            "Registered",
            "Outdated",
        ):
            assert text in html

    def test_empty_filter_result_says_so(self, client, registry_moderator, registry):
        html = client.get(QUEUE, {"q": "no such organisation"}).text
        assert "No organisations match your query." in html

    def test_queue_queries_do_not_grow_with_the_list(
        self, client, registry_moderator, django_assert_max_num_queries
    ):
        for number in range(5):
            _pending(f"Queued {number}")
        client.get(QUEUE)
        with django_assert_max_num_queries(30) as measured:
            client.get(QUEUE)
        for number in range(5, 20):
            _pending(f"Queued {number}")
        with django_assert_max_num_queries(len(measured.captured_queries)):
            response = client.get(QUEUE)
        assert len(response.context["object_list"]) == 20

    def test_dashboard_counts_what_awaits_review(
        self, client, registry_moderator, registry
    ):
        html = client.get("/admin/").text
        assert "2 organisations await review." in html
        assert f"{QUEUE}?status=pending" in html


class TestInspect:
    def test_history_and_members_are_shown(self, client, registry_moderator, registry):
        utrecht = registry[0]
        services.organisation_decide(
            organisation=utrecht,
            moderator=registry_moderator,
            action="request_changes",
            reason="Please describe what you offer.",
        )
        html = client.get(_url("inspect", utrecht)).text
        assert "Moderation history" in html
        assert "Changes requested" in html
        assert "Please describe what you offer." in html
        assert "Mira Moderator" in html
        (owner_email,) = _owner_emails(utrecht)
        assert owner_email in html
        assert "Owner" in html
        assert _url("decide", utrecht) in html


class TestDecide:
    def test_moderator_approves_and_the_owners_are_mailed_once(
        self, client, registry_moderator, registry, django_capture_on_commit_callbacks
    ):
        utrecht = registry[0]
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(_url("decide", utrecht), {"action": "approve"})
        assert response.status_code == 302
        assert response["Location"] == _url("inspect", utrecht)
        utrecht.refresh_from_db()
        assert utrecht.status == ModerationStatus.APPROVED
        decision = utrecht.decisions.get()
        assert (decision.action, decision.decided_by) == (
            ModerationAction.APPROVE,
            registry_moderator,
        )
        assert len(callbacks) == 2  # the e-mail and matching tasks, once committed
        assert mail.outbox == []
        services.decision_notify_owners(decision_id=decision.pk)
        (message,) = mail.outbox
        assert message.to == _owner_emails(utrecht)

    def test_decide_page_preselects_the_action_and_shows_the_status(
        self, client, registry_moderator, registry
    ):
        html = client.get(_url("decide", registry[0]), {"action": "reject"}).text
        assert querydict_from_html(html, form_id="w-editor-form")["action"] == "reject"
        assert "Awaiting review" in html

    @pytest.mark.parametrize(
        "action", ["reject", "request_changes", "suspend"], ids=str
    )
    def test_decisions_against_need_a_reason_and_keep_the_choice(
        self, client, registry_moderator, registry, action
    ):
        utrecht = registry[0]
        response = client.post(
            _url("decide", utrecht), {"action": action, "reason": "   "}
        )
        assert response.status_code == 200
        assert REASON_REQUIRED in response.text
        form = querydict_from_html(response.text, form_id="w-editor-form")
        assert form["action"] == action
        utrecht.refresh_from_db()
        assert utrecht.status == ModerationStatus.PENDING
        assert not utrecht.decisions.exists()

    @pytest.mark.parametrize(
        ("action", "status"),
        [
            ("reject", ModerationStatus.REJECTED),
            ("request_changes", ModerationStatus.CHANGES_REQUESTED),
            ("suspend", ModerationStatus.SUSPENDED),
        ],
    )
    def test_decision_with_a_reason_is_recorded_and_mailed(
        self,
        client,
        registry_moderator,
        registry,
        action,
        status,
        django_capture_on_commit_callbacks,
    ):
        utrecht = registry[0]
        reason = "The website does not mention smart-city work."
        with django_capture_on_commit_callbacks() as callbacks:
            client.post(_url("decide", utrecht), {"action": action, "reason": reason})
        utrecht.refresh_from_db()
        assert (utrecht.status, utrecht.status_reason) == (status, reason)
        decision = utrecht.decisions.get()
        assert (decision.decided_by, decision.reason) == (registry_moderator, reason)
        assert len(callbacks) == 1
        services.decision_notify_owners(decision_id=decision.pk)
        (message,) = mail.outbox
        assert message.to == _owner_emails(utrecht)
        assert reason in message.body


class TestBulkDecisions:
    def test_bulk_approve_decides_each_and_mails_each_owner_once(
        self, client, registry_moderator, registry, django_capture_on_commit_callbacks
    ):
        utrecht, brightlane, _ = registry
        url = f"{BULK}approve/?id={utrecht.pk}&id={brightlane.pk}"
        confirmation = client.get(url)
        assert confirmation.status_code == 200
        assert "Gemeente Utrecht" in confirmation.text
        assert "Brightlane GmbH" in confirmation.text
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(url)
        assert response.status_code == 302
        assert len(callbacks) == 4  # an e-mail and a matching job each
        for organisation in (utrecht, brightlane):
            organisation.refresh_from_db()
            assert organisation.status == ModerationStatus.APPROVED
            decision = organisation.decisions.get()
            assert decision.decided_by == registry_moderator
            services.decision_notify_owners(decision_id=decision.pk)
        recipients = sorted(message.to[0] for message in mail.outbox)
        assert recipients == sorted(_owner_emails(utrecht) + _owner_emails(brightlane))

    def test_bulk_reject_needs_a_reason(self, client, registry_moderator, registry):
        utrecht, brightlane, _ = registry
        url = f"{BULK}reject/?id={utrecht.pk}&id={brightlane.pk}"
        response = client.post(url, {"reason": ""})
        assert response.status_code == 200
        assert REASON_REQUIRED in response.text
        assert not OrganisationDecision.objects.exists()

    def test_bulk_reject_gives_every_owner_the_reason(
        self, client, registry_moderator, registry
    ):
        utrecht, brightlane, _ = registry
        url = f"{BULK}reject/?id={utrecht.pk}&id={brightlane.pk}"
        client.post(url, {"reason": "Not an organisation working on cities."})
        for organisation in (utrecht, brightlane):
            organisation.refresh_from_db()
            assert organisation.status == ModerationStatus.REJECTED
            decision = organisation.decisions.get()
            assert decision.reason == "Not an organisation working on cities."
            services.decision_notify_owners(decision_id=decision.pk)
        assert len(mail.outbox) == 2
        assert all("Not an organisation" in message.body for message in mail.outbox)

    @pytest.mark.parametrize(
        ("action", "status"),
        [
            ("request_changes", ModerationStatus.CHANGES_REQUESTED),
            ("suspend", ModerationStatus.SUSPENDED),
        ],
    )
    def test_other_bulk_decisions(
        self, client, registry_moderator, registry, action, status
    ):
        eindhoven = registry[2]
        client.post(f"{BULK}{action}/?id={eindhoven.pk}", {"reason": "Outdated."})
        eindhoven.refresh_from_db()
        assert (eindhoven.status, eindhoven.status_reason) == (status, "Outdated.")

    def test_selecting_all_takes_only_what_the_filters_show(
        self, client, registry_moderator, registry
    ):
        utrecht, brightlane, eindhoven = registry
        client.post(f"{BULK}suspend/?id=all&status=pending&q=brightl", {"reason": "x"})
        statuses = {
            organisation.name: organisation.status
            for organisation in Organisation.objects.filter(
                pk__in=[utrecht.pk, brightlane.pk, eindhoven.pk]
            )
        }
        assert statuses == {
            "Gemeente Utrecht": ModerationStatus.PENDING,
            "Brightlane GmbH": ModerationStatus.SUSPENDED,
            "TU Eindhoven": ModerationStatus.APPROVED,
        }


class TestEdit:
    def _form(self, client, organisation):
        html = client.get(_url("edit", organisation)).text
        return html, querydict_from_html(html, form_id="w-editor-form")

    def test_status_is_shown_but_not_editable(
        self, client, registry_moderator, registry
    ):
        html, data = self._form(client, registry[0])
        assert "Awaiting review" in html
        assert "status" not in data
        assert "name" in data

    def test_moderator_corrects_a_typo_without_changing_the_status(
        self, client, registry_moderator, registry
    ):
        utrecht = registry[0]
        _, data = self._form(client, utrecht)
        data["name"] = "Gemeente Utrecht (corrected)"
        data["website"] = "https://www.Utrecht.nl/smart-city"
        data["expertise"] = "lighting, open data"
        data["status"] = ModerationStatus.APPROVED
        response = client.post(_url("edit", utrecht), data)
        assert response.status_code == 302
        utrecht.refresh_from_db()
        assert utrecht.name == "Gemeente Utrecht (corrected)"
        assert utrecht.website_domain == "utrecht.nl"
        assert sorted(utrecht.expertise.names()) == ["lighting", "open data"]
        assert utrecht.status == ModerationStatus.PENDING
        assert not utrecht.decisions.exists()

    def test_invalid_correction_keeps_what_was_typed(
        self, client, registry_moderator, registry
    ):
        utrecht = registry[0]
        _, data = self._form(client, utrecht)
        data["name"] = ""
        data["city"] = "Utrecht-Noord"
        response = client.post(_url("edit", utrecht), data)
        assert response.status_code == 200
        assert 'value="Utrecht-Noord"' in response.text
        utrecht.refresh_from_db()
        assert utrecht.name == "Gemeente Utrecht"

    def test_organisations_are_not_added_or_copied_in_the_admin(
        self, client, registry_moderator, registry
    ):
        assert client.get(f"{QUEUE}add/").status_code in {302, 403}
        copy = client.get(_url("copy", registry[0]), follow=True)
        assert copy.status_code == 404


class TestExport:
    def test_csv_lists_the_queue_without_anyones_email_address(
        self, client, registry_moderator, registry
    ):
        response = client.get(QUEUE, {"export": "csv", "status": "pending"})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv"
        content = b"".join(response.streaming_content).decode()
        assert "Gemeente Utrecht" in content
        assert "Brightlane GmbH" in content
        assert "TU Eindhoven" not in content
        assert "Helix sector" in content
        assert "Awaiting review" in content
        assert "@" not in content

    def test_xlsx_is_offered(self, client, registry_moderator, registry):
        response = client.get(QUEUE, {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )


def _moderation_urls(organisation: Organisation) -> list[str]:
    return [
        QUEUE,
        f"{QUEUE}?export=csv",
        _url("inspect", organisation),
        _url("edit", organisation),
        _url("decide", organisation),
        _url("history", organisation),
        _url("delete", organisation),
        f"{BULK}approve/?id={organisation.pk}",
        f"{BULK}reject/?id={organisation.pk}",
        f"{BULK}request_changes/?id={organisation.pk}",
        f"{BULK}suspend/?id={organisation.pk}",
    ]


class TestPermissions:
    @pytest.mark.parametrize("who", ["visitor", "editor", "owner"])
    def test_only_moderators_reach_any_moderation_url(self, client, registry, who):
        utrecht = registry[0]
        if who == "editor":
            user = UserFactory(verified=True)
            user.groups.add(Group.objects.get(name="Editors"))
            client.force_login(user)
        elif who == "owner":
            owner = utrecht.memberships.get().user
            owner.groups.add(Group.objects.get(name="Editors"))  # admin access
            client.force_login(owner)
        for url in _moderation_urls(utrecht):
            assert client.get(url).status_code in {302, 403}, url
            response = client.post(url, {"action": "approve", "reason": "x"})
            assert response.status_code in {302, 403}, url
            if response.status_code == 302:
                assert "/login/" in response["Location"] or (
                    response["Location"] == "/admin/"
                ), url
        utrecht.refresh_from_db()
        assert utrecht.status == ModerationStatus.PENDING
        assert not utrecht.decisions.exists()

    def test_editors_do_not_see_the_registry_menu(self, client, registry):
        user = UserFactory(verified=True)
        user.groups.add(Group.objects.get(name="Editors"))
        client.force_login(user)
        assert QUEUE not in client.get("/admin/").text

    def test_superuser_moderates(self, client, registry):
        admin = UserFactory(is_superuser=True)
        client.force_login(admin)
        assert client.get(QUEUE).status_code == 200
        client.post(_url("decide", registry[0]), {"action": "approve"})
        registry[0].refresh_from_db()
        assert registry[0].status == ModerationStatus.APPROVED


class TestRegistryModeratorsGroup:
    def test_group_holds_exactly_the_moderation_permissions(self):
        group = Group.objects.get(name="Registry moderators")
        permissions = {
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in group.permissions.select_related("content_type")
        }
        assert permissions == {
            "wagtailadmin.access_admin",
            "partners.moderate_organisation",
            "partners.view_organisation",
            "projects.moderate_initiative",
            "projects.view_initiative",
            "projects.change_initiative",
            "partners.change_organisation",
        }
        assert not group.page_permissions.exists()
        assert not group.collection_permissions.exists()

    def test_member_moderates_but_cannot_edit_pages(
        self, client, registry_moderator, registry, demo_site
    ):
        assert selectors.is_moderator(registry_moderator)
        home = Page.objects.get(depth=2, locale__language_code="en")
        assert not home.permissions_for_user(registry_moderator).can_edit()
        assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in {302, 403}
        assert client.get("/admin/images/").status_code in {302, 403}
        assert client.get("/admin/users/").status_code in {302, 403}
        response = client.post(_url("decide", registry[0]), {"action": "approve"})
        assert response.status_code == 302
