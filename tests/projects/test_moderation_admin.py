"""Moderators work the queue of initiatives in Wagtail's admin, as they do
organisations': filter it, decide one or many, correct an initiative, see its
history and partners, export the list. Drafts never reach them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.test.utils.form_data import querydict_from_html

from hub.factories import ThemeFactory, UserFactory
from partners.factories import OrganisationFactory
from partners.models import HelixSector, ModerationAction, ModerationStatus
from projects import services
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import (
    Initiative,
    InitiativeDecision,
    InitiativeMatchingState,
    InitiativeSource,
    InitiativeStage,
    PartnerState,
    SoughtSector,
)

pytestmark = pytest.mark.django_db
QUEUE = "/admin/snippets/projects/initiative/"
BULK = "/admin/bulk/projects/initiative/"
REASON_REQUIRED = "Please give a reason: the owners will read it."


@pytest.fixture(autouse=True)
def _no_other_initiatives(db):
    """These tests count initiatives from an empty list, without any the demo
    site may bring."""
    Initiative.objects.all().delete()


def _url(view: str, initiative: Initiative) -> str:
    return f"{QUEUE}{view}/{initiative.pk}/"


def _initiative(title: str, *, days_old: int = 0, sectors=(), **fields) -> Initiative:
    fields.setdefault("status", ModerationStatus.PENDING)
    fields.setdefault(
        "owner", OrganisationFactory(owner=UserFactory(verified=True, language="en"))
    )
    initiative = InitiativeFactory(
        title=title,
        contact_email="team@initiative.example.org",
        submitted_at=timezone.now() - timedelta(days=days_old),
        **fields,
    )
    services.sectors_set(initiative=initiative, sectors=sectors)
    return initiative


def _listed(response) -> list[str]:
    return [initiative.title for initiative in response.context["object_list"]]


def _owner_emails(initiative: Initiative) -> list[str]:
    return [
        membership.user.email
        for membership in initiative.owner.memberships.select_related("user")
    ]


def _as_member_of(client, group: str, **user_fields):
    user = UserFactory(verified=True, **user_fields)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def registry_moderator(client):
    return _as_member_of(
        client, "Registry moderators", first_name="Mira", last_name="Moderator"
    )


@pytest.fixture
def theme():
    return ThemeFactory(name="Smart lighting", slug="smart-lighting")


@pytest.fixture
def queue(theme):
    """Two initiatives awaiting review, one public and edited since, and a
    draft nobody but its owners may see."""
    lights = _initiative(
        "Utrecht smart lights",
        days_old=40,
        stage=InitiativeStage.RUNNING,
        owner=OrganisationFactory(
            name="Gemeente Utrecht", owner=UserFactory(verified=True)
        ),
        sectors=[HelixSector.BUSINESS],
    )
    lights.themes.add(theme)
    heat = _initiative(
        "Berlin heat grid",
        days_old=10,
        stage=InitiativeStage.IDEA,
        country="DE",
        city="Berlin",
        source=InitiativeSource.CORDIS,
        external_id="101000001",
        sectors=[HelixSector.KNOWLEDGE],
    )
    mobility = _initiative(
        "Eindhoven mobility hub",
        days_old=400,
        status=ModerationStatus.APPROVED,
        stage=InitiativeStage.PLANNING,
        city="Eindhoven",
        edited_since_review_at=timezone.now(),
    )
    draft = _initiative("Secret draft", status=ModerationStatus.DRAFT)
    return lights, heat, mobility, draft


class TestQueue:
    def test_awaiting_initiatives_come_first_oldest_at_the_top_and_no_drafts(
        self, client, registry_moderator, queue
    ):
        response = client.get(QUEUE)
        assert response.status_code == 200
        assert _listed(response) == [
            "Utrecht smart lights",
            "Berlin heat grid",
            "Eindhoven mobility hub",
        ]
        assert "Secret draft" not in response.text

    def test_awaiting_review_button_shows_only_the_queue(
        self, client, registry_moderator, queue
    ):
        html = client.get(QUEUE).text
        assert "Awaiting review (2)" in html
        assert f"{QUEUE}?status=pending" in html
        response = client.get(QUEUE, {"status": "pending"})
        assert _listed(response) == ["Utrecht smart lights", "Berlin heat grid"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"status": "approved"}, ["Eindhoven mobility hub"]),
            # Not a choice: the filter is ignored, and drafts stay out.
            (
                {"status": "draft"},
                ["Utrecht smart lights", "Berlin heat grid", "Eindhoven mobility hub"],
            ),
            ({"stage": "idea"}, ["Berlin heat grid"]),
            ({"country": "DE"}, ["Berlin heat grid"]),
            ({"theme": "smart-lighting"}, ["Utrecht smart lights"]),
            ({"sector": "knowledge"}, ["Berlin heat grid"]),
            ({"edited": "true"}, ["Eindhoven mobility hub"]),
            ({"edited": "false"}, ["Utrecht smart lights", "Berlin heat grid"]),
            ({"age": "30"}, ["Utrecht smart lights", "Eindhoven mobility hub"]),
            (
                {"age": "7"},
                ["Utrecht smart lights", "Berlin heat grid", "Eindhoven mobility hub"],
            ),
            ({"source": "cordis"}, ["Berlin heat grid"]),
            ({"q": "heat"}, ["Berlin heat grid"]),
        ],
    )
    def test_filters_narrow_the_list(
        self, client, registry_moderator, queue, query, expected
    ):
        response = client.get(QUEUE, query)
        assert response.status_code == 200
        assert _listed(response) == expected

    def test_drafts_are_not_even_a_status_to_filter_by(
        self, client, registry_moderator, queue
    ):
        html = client.get(QUEUE).text
        assert 'value="pending"' in html
        assert 'value="draft"' not in html

    def test_columns_show_what_a_moderator_needs(
        self, client, registry_moderator, queue
    ):
        html = client.get(QUEUE).text
        for text in (
            "Owner organisation",
            "Gemeente Utrecht",
            "Stage",
            "Running",
            "Germany",
            "Berlin",
            "Awaiting review",
            "Approved",
            "Submitted",
            "Edited since review",
        ):
            assert text in html, text

    def test_empty_filter_result_says_so(self, client, registry_moderator, queue):
        html = client.get(QUEUE, {"q": "no such initiative"}).text
        assert "No initiatives match your query." in html

    def test_queue_queries_do_not_grow_with_the_list(
        self, client, registry_moderator, django_assert_max_num_queries
    ):
        for number in range(5):
            _initiative(f"Queued {number}")
        client.get(QUEUE)
        with django_assert_max_num_queries(30) as measured:
            client.get(QUEUE)
        for number in range(5, 20):
            _initiative(f"Queued {number}")
        with django_assert_max_num_queries(len(measured.captured_queries)):
            response = client.get(QUEUE)
        assert len(response.context["object_list"]) == 20

    def test_dashboard_counts_what_awaits_review_and_what_was_edited(
        self, client, registry_moderator, queue
    ):
        html = client.get("/admin/").text
        assert "2 initiatives await review." in html
        assert (
            "1 public initiative was edited significantly since its last review."
            in html
        )
        assert f"{QUEUE}?status=pending" in html
        assert f"{QUEUE}?edited=true" in html

    def test_the_queue_is_in_the_registry_menu(self, client, registry_moderator):
        html = client.get("/admin/").text
        registry = html[html.index('"label": "Registry"') :]
        assert '"label": "Initiatives", "icon_name": "rocket"' in registry
        assert f'"url": "{QUEUE}"' in registry


class TestInspect:
    def test_history_shows_who_decided_what_why_and_when_owners_were_mailed(
        self, client, registry_moderator, queue
    ):
        mobility = queue[2]
        owner = mobility.owner.memberships.get().user
        services.initiative_update(
            initiative=mobility,
            user=owner,
            fields={"title": "Eindhoven mobility hubs", "city": "Veldhoven"},
        )
        decision = services.initiative_decide(
            initiative=mobility,
            moderator=registry_moderator,
            action="request_changes",
            reason="Please say which streets the hubs are in.",
        )
        # Mailed days later (a worker was down), so that the two dates differ.
        mailed = timezone.now() + timedelta(days=3)
        InitiativeDecision.objects.filter(pk=decision.pk).update(
            owners_notified_at=mailed
        )
        response = client.get(_url("inspect", mobility))
        history = response.text[response.text.index("Moderation history") :]
        assert "Edited significantly while public" in history
        assert "Fields changed: Title, City" in history
        assert "Changes requested" in history
        assert "Please say which streets the hubs are in." in history
        assert "Mira Moderator" in history
        assert owner.get_username() in history  # the owner made the edit
        assert date_format(timezone.localtime(mailed), "SHORT_DATETIME_FORMAT") in (
            history
        )
        assert _url("decide", mobility) in response.text

    def test_confirmed_and_invited_partners_are_listed_declined_ones_not(
        self, client, registry_moderator, queue
    ):
        lights = queue[0]
        for name, state in [
            ("TU Eindhoven", PartnerState.CONFIRMED),
            ("Brightlane GmbH", PartnerState.INVITED),
            ("Gone Away BV", PartnerState.DECLINED),
        ]:
            InitiativePartnerFactory(
                initiative=lights,
                organisation=OrganisationFactory(name=name),
                state=state,
                role="Sensors" if state == PartnerState.CONFIRMED else "",
            )
        html = client.get(_url("inspect", lights)).text
        partners = html[html.index('id="partners-heading"') :]
        assert "TU Eindhoven" in partners
        assert "Confirmed" in partners
        assert "Sensors" in partners
        assert "Brightlane GmbH" in partners
        assert "Invited, awaiting confirmation" in partners
        assert "Gone Away BV" not in html
        assert "Business" in html  # the sector it seeks

    def test_an_initiative_without_partners_says_so(
        self, client, registry_moderator, queue
    ):
        html = client.get(_url("inspect", queue[1])).text
        assert "No partners confirmed or invited." in html
        assert "No decisions yet." in html


class TestDecide:
    def test_moderator_approves_and_the_owners_are_mailed_once(
        self, client, registry_moderator, queue, django_capture_on_commit_callbacks
    ):
        lights = queue[0]
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(_url("decide", lights), {"action": "approve"})
        assert response.status_code == 302
        assert response["Location"] == _url("inspect", lights)
        lights.refresh_from_db()
        assert lights.status == ModerationStatus.APPROVED
        decision = lights.decisions.get()
        assert (decision.action, decision.decided_by) == (
            ModerationAction.APPROVE,
            registry_moderator,
        )
        assert len(callbacks) == 2  # the e-mail and matching tasks, once committed
        assert mail.outbox == []
        messages = [str(message).strip() for message in response.wsgi_request._messages]
        assert messages == [
            "Your decision on “Utrecht smart lights” is saved; its owners will be "
            "e-mailed."
        ]

    def test_decide_page_preselects_the_action_and_shows_the_status(
        self, client, registry_moderator, queue
    ):
        html = client.get(_url("decide", queue[0]), {"action": "reject"}).text
        assert querydict_from_html(html, form_id="w-editor-form")["action"] == "reject"
        assert "Awaiting review" in html
        assert "Gemeente Utrecht" in html
        assert "Approve: the initiative becomes public" in html

    def test_decide_page_says_when_it_was_edited_since_review(
        self, client, registry_moderator, queue
    ):
        html = client.get(_url("decide", queue[2])).text
        assert "Edited since review" in html

    @pytest.mark.parametrize(
        "action", ["reject", "request_changes", "suspend"], ids=str
    )
    def test_decisions_against_need_a_reason_and_keep_the_choice(
        self, client, registry_moderator, queue, action
    ):
        lights = queue[0]
        response = client.post(
            _url("decide", lights), {"action": action, "reason": "   "}
        )
        assert response.status_code == 200
        assert REASON_REQUIRED in response.text
        form = querydict_from_html(response.text, form_id="w-editor-form")
        assert form["action"] == action
        lights.refresh_from_db()
        assert lights.status == ModerationStatus.PENDING
        assert not lights.decisions.exists()

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
        queue,
        action,
        status,
        django_capture_on_commit_callbacks,
    ):
        mobility = queue[2]
        reason = "The initiative does not say what it does in the city."
        with django_capture_on_commit_callbacks() as callbacks:
            client.post(_url("decide", mobility), {"action": action, "reason": reason})
        mobility.refresh_from_db()
        assert (mobility.status, mobility.status_reason) == (status, reason)
        assert mobility.edited_since_review_at is None  # reviewed now
        decision = mobility.decisions.get()
        assert (decision.decided_by, decision.reason) == (registry_moderator, reason)
        assert (
            len(callbacks) == 2
        )  # the e-mail, and the job that removes its suggestions


class TestBulkDecisions:
    def test_bulk_approve_decides_each(
        self, client, registry_moderator, queue, django_capture_on_commit_callbacks
    ):
        lights, heat, _, _ = queue
        url = f"{BULK}approve/?id={lights.pk}&id={heat.pk}"
        confirmation = client.get(url)
        assert confirmation.status_code == 200
        assert "Utrecht smart lights" in confirmation.text
        assert "Berlin heat grid" in confirmation.text
        assert "these 2 initiatives" in confirmation.text
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(url)
        assert response.status_code == 302
        assert len(callbacks) == 4  # an e-mail and a matching job each
        for initiative in (lights, heat):
            initiative.refresh_from_db()
            assert initiative.status == ModerationStatus.APPROVED
            assert initiative.decisions.get().decided_by == registry_moderator

    def test_bulk_reject_needs_a_reason(self, client, registry_moderator, queue):
        lights, heat, _, _ = queue
        url = f"{BULK}reject/?id={lights.pk}&id={heat.pk}"
        response = client.post(url, {"reason": ""})
        assert response.status_code == 200
        assert REASON_REQUIRED in response.text
        assert "every initiative listed above" in response.text
        assert not InitiativeDecision.objects.exists()

    def test_bulk_reject_gives_every_initiative_the_reason(
        self, client, registry_moderator, queue
    ):
        lights, heat, _, _ = queue
        url = f"{BULK}reject/?id={lights.pk}&id={heat.pk}"
        client.post(url, {"reason": "Not about cities."})
        for initiative in (lights, heat):
            initiative.refresh_from_db()
            assert initiative.status == ModerationStatus.REJECTED
            assert initiative.decisions.get().reason == "Not about cities."

    @pytest.mark.parametrize(
        ("action", "status"),
        [
            ("request_changes", ModerationStatus.CHANGES_REQUESTED),
            ("suspend", ModerationStatus.SUSPENDED),
        ],
    )
    def test_other_bulk_decisions(
        self, client, registry_moderator, queue, action, status
    ):
        mobility = queue[2]
        client.post(f"{BULK}{action}/?id={mobility.pk}", {"reason": "Outdated."})
        mobility.refresh_from_db()
        assert (mobility.status, mobility.status_reason) == (status, "Outdated.")

    def test_selecting_all_takes_only_what_the_filters_show_and_no_drafts(
        self, client, registry_moderator, queue
    ):
        client.post(f"{BULK}suspend/?id=all&status=pending&q=heat", {"reason": "x"})
        client.post(f"{BULK}approve/?id=all&q=secret")
        statuses = dict(Initiative.objects.values_list("title", "status"))
        assert statuses == {
            "Utrecht smart lights": ModerationStatus.PENDING,
            "Berlin heat grid": ModerationStatus.SUSPENDED,
            "Eindhoven mobility hub": ModerationStatus.APPROVED,
            "Secret draft": ModerationStatus.DRAFT,
        }

    def test_a_draft_cannot_be_decided_by_its_id(
        self, client, registry_moderator, queue
    ):
        draft = queue[3]
        response = client.post(f"{BULK}approve/?id={draft.pk}", follow=True)
        assert response.status_code == 404
        draft.refresh_from_db()
        assert draft.status == ModerationStatus.DRAFT


class TestEdit:
    def _form(self, client, initiative):
        html = client.get(_url("edit", initiative)).text
        return html, querydict_from_html(html, form_id="w-editor-form")

    def test_status_and_owner_are_shown_but_not_editable(
        self, client, registry_moderator, queue
    ):
        html, data = self._form(client, queue[0])
        assert "Awaiting review" in html
        assert "Gemeente Utrecht" in html
        assert "status" not in data
        assert "owner" not in data
        assert "title" in data

    def test_moderator_corrects_a_typo_without_changing_status_or_owner(
        self, client, registry_moderator, queue
    ):
        lights = queue[0]
        owner = lights.owner
        _, data = self._form(client, lights)
        data["title"] = "Utrecht smart lighting"
        data["tags"] = "lighting, sensors"
        data["status"] = ModerationStatus.APPROVED
        data["owner"] = str(OrganisationFactory().pk)
        response = client.post(_url("edit", lights), data)
        assert response.status_code == 302
        lights.refresh_from_db()
        assert lights.title == "Utrecht smart lighting"
        assert sorted(lights.tags.names()) == ["lighting", "sensors"]
        assert lights.status == ModerationStatus.PENDING
        assert lights.owner == owner
        assert lights.edited_since_review_at is None
        assert not lights.decisions.exists()

    def test_moderator_corrects_the_sectors_sought(
        self, client, registry_moderator, queue
    ):
        mobility = queue[2]  # public: its suggestions are computed again
        mobility.sought_sectors.all().delete()
        SoughtSector.objects.create(initiative=mobility, sector=HelixSector.BUSINESS)
        _html, data = self._form(client, mobility)
        assert data.getlist("sectors_sought") == [HelixSector.BUSINESS]
        data.setlist(
            "sectors_sought", [HelixSector.KNOWLEDGE, HelixSector.CIVIL_SOCIETY]
        )
        # Every ticked box: a QueryDict's items() would send only the last.
        response = client.post(_url("edit", mobility), dict(data.lists()))
        assert response.status_code == 302
        assert sorted(mobility.sought_sectors.values_list("sector", flat=True)) == [
            HelixSector.CIVIL_SOCIETY,
            HelixSector.KNOWLEDGE,
        ]
        assert InitiativeMatchingState.objects.get(initiative=mobility).requested_at

    def test_invalid_correction_keeps_what_was_typed(
        self, client, registry_moderator, queue
    ):
        lights = queue[0]
        _, data = self._form(client, lights)
        data["title"] = ""
        data["city"] = "Utrecht-Noord"
        response = client.post(_url("edit", lights), data)
        assert response.status_code == 200
        assert 'value="Utrecht-Noord"' in response.text
        lights.refresh_from_db()
        assert lights.title == "Utrecht smart lights"

    def test_only_moderators_correct_through_the_service(self, queue):
        with pytest.raises(PermissionDenied):
            services.initiative_correct(
                initiative=queue[0], moderator=UserFactory(), fields={"title": "x"}
            )
        with pytest.raises(ValueError, match="Status and owner"):
            services.initiative_correct(
                initiative=queue[0],
                moderator=UserFactory(is_superuser=True),
                fields={"status": ModerationStatus.APPROVED},
            )


class TestExport:
    def test_csv_lists_the_queue_without_anyones_email_address(
        self, client, registry_moderator, queue
    ):
        response = client.get(QUEUE, {"export": "csv", "status": "pending"})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv"
        content = b"".join(response.streaming_content).decode()
        assert "Utrecht smart lights" in content
        assert "Berlin heat grid" in content
        assert "Gemeente Utrecht" in content
        assert "Eindhoven mobility hub" not in content
        assert "Secret draft" not in content
        assert "Owner organisation" in content
        assert "Awaiting review" in content
        assert "@" not in content

    def test_xlsx_is_offered(self, client, registry_moderator, queue):
        response = client.get(QUEUE, {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )


# Permissions -----------------------------------------------------------------
LOGIN = "login"  # a redirect to the admin's log-in page
DASHBOARD = "dashboard"  # sent back to the dashboard: "you may not"
ROLES = ["anonymous", "plain user", "editor", "moderator", "superuser"]


def _admin_urls(initiative: Initiative) -> dict[str, str]:
    return {
        "queue": QUEUE,
        "results": f"{QUEUE}results/",
        "export": f"{QUEUE}?export=csv",
        "add": f"{QUEUE}add/",
        "inspect": _url("inspect", initiative),
        "edit": _url("edit", initiative),
        "decide": _url("decide", initiative),
        "history": _url("history", initiative),
        "delete": _url("delete", initiative),
        "bulk approve": f"{BULK}approve/?id={initiative.pk}",
        "bulk reject": f"{BULK}reject/?id={initiative.pk}",
        "bulk request changes": f"{BULK}request_changes/?id={initiative.pk}",
        "bulk suspend": f"{BULK}suspend/?id={initiative.pk}",
    }


# Moderators and superusers: 200 unless named. Nobody adds initiatives in the
# admin; moderators do not delete them (withdrawing is the owners' act).
ADMIN_MATRIX = {
    "anonymous": dict.fromkeys(_admin_urls(Initiative(pk=1)), LOGIN),
    "plain user": dict.fromkeys(_admin_urls(Initiative(pk=1)), LOGIN),
    "editor": dict.fromkeys(_admin_urls(Initiative(pk=1)), DASHBOARD),
    "moderator": {"add": DASHBOARD, "delete": DASHBOARD},
    "superuser": {"add": DASHBOARD},
}


def _log_in(client, role: str) -> None:
    if role == "plain user":
        client.force_login(UserFactory(verified=True))
    elif role == "editor":
        _as_member_of(client, "Editors")
    elif role == "moderator":
        _as_member_of(client, "Registry moderators")
    elif role == "superuser":
        client.force_login(UserFactory(verified=True, is_superuser=True))


def _answer(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return LOGIN
        if location == "/admin/":
            return DASHBOARD
        return location
    return response.status_code


class TestPermissions:
    @pytest.mark.parametrize("role", ROLES)
    def test_each_role_gets_the_expected_answer_at_every_admin_url(
        self, client, queue, role
    ):
        _log_in(client, role)
        answers = {
            view: _answer(client.get(url))
            for view, url in _admin_urls(queue[0]).items()
        }
        expected = {view: ADMIN_MATRIX[role].get(view, 200) for view in answers}
        assert answers == expected

    @pytest.mark.parametrize("role", ["anonymous", "plain user", "editor"])
    def test_decisions_posted_by_others_change_nothing(self, client, queue, role):
        _log_in(client, role)
        lights = queue[0]
        expected = ADMIN_MATRIX[role]["decide"]
        posts = {
            "decide": {"action": "approve"},
            "edit": {"title": "Taken over"},
            "bulk approve": {},
            "bulk reject": {"reason": "x"},
        }
        urls = _admin_urls(lights)
        for view, data in posts.items():
            assert _answer(client.post(urls[view], data)) == expected, view
        lights.refresh_from_db()
        assert (lights.title, lights.status) == (
            "Utrecht smart lights",
            ModerationStatus.PENDING,
        )
        assert not lights.decisions.exists()

    @pytest.mark.parametrize("role", ["moderator", "superuser"])
    def test_a_draft_is_not_found_at_any_of_its_urls(self, client, queue, role):
        _log_in(client, role)
        draft = queue[3]
        for view in ("inspect", "edit", "decide", "history", "delete"):
            response = client.get(_url(view, draft), follow=True)
            assert response.status_code == 404, view
        assert "Secret draft" not in client.get(QUEUE, {"q": "secret"}).text

    def test_editors_do_not_see_the_initiatives_menu_or_panel(self, client, queue):
        _as_member_of(client, "Editors")
        html = client.get("/admin/").text
        assert QUEUE not in html
        assert "initiatives await review" not in html

    def test_superuser_moderates(self, client, queue):
        _log_in(client, "superuser")
        client.post(_url("decide", queue[0]), {"action": "approve"})
        queue[0].refresh_from_db()
        assert queue[0].status == ModerationStatus.APPROVED
