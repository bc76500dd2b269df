"""The operators' matching panel in the admin: who sees it, what it says, and
the button that recomputes every suggestion."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hub.factories import UserFactory
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import MatchingRun, MatchingRunKind, MatchingRunStatus

URL = "/admin/matching/"
RECOMPUTE = "projects.tasks.recompute_all_suggestions"


def _with_permission(codename: str):
    user = UserFactory(verified=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename=codename, content_type__app_label="projects"),
    )
    return user


@pytest.fixture
def operator(client, db):
    user = _with_permission("run_matching")
    client.force_login(user)
    return user


def _messages(response) -> list[str]:
    return [str(message).strip() for message in response.wsgi_request._messages]


class TestPermissions:
    def test_anonymous_visitors_are_sent_to_log_in(self, client, db):
        assert client.get(URL)["Location"].startswith("/admin/login/")
        assert client.post(URL)["Location"].startswith("/admin/login/")
        assert not MatchingRun.objects.exists()

    def test_an_editor_without_the_permission_may_not_see_or_start_it(self, client, db):
        editor = UserFactory(verified=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        assert client.get(URL)["Location"] == "/admin/"
        assert client.post(URL)["Location"] == "/admin/"
        assert not MatchingRun.objects.exists()

    def test_a_moderator_sees_the_panel_but_not_the_button(self, client, db):
        client.force_login(_with_permission("moderate_initiative"))
        response = client.get(URL)
        assert response.status_code == 200
        assert "Recompute all suggestions" not in response.text
        assert client.post(URL)["Location"] == "/admin/"
        assert not MatchingRun.objects.exists()

    def test_the_menu_shows_it_only_to_those_who_may_see_it(self, client, db):
        editor = UserFactory(verified=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        assert URL not in client.get("/admin/").text
        client.force_login(_with_permission("run_matching"))
        assert URL in client.get("/admin/").text

    def test_the_button_needs_the_forms_csrf_token(self, operator, db):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(operator)
        assert strict.post(URL).status_code == 403
        assert not MatchingRun.objects.exists()


class TestRecompute:
    def test_the_button_starts_a_full_run_on_the_workers(
        self, client, operator, queue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL)
        assert response["Location"] == URL
        run = MatchingRun.objects.get()
        assert (run.kind, run.status, run.started_by) == (
            MatchingRunKind.FULL,
            MatchingRunStatus.RUNNING,
            operator,
        )
        assert queue() == [(RECOMPUTE, [run.pk])]
        assert _messages(response) == [
            "All suggestions will be computed again; this page shows how."
        ]

    def test_pressing_it_again_while_it_runs_starts_no_second_run(
        self, client, operator, queue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL)
            response = client.post(URL)
        assert MatchingRun.objects.count() == 1
        assert "already running" in _messages(response)[-1]

    # Committed for real: the run is sent once its row is saved, and the page
    # then says how the sending went.
    @pytest.mark.django_db(transaction=True)
    def test_with_the_queue_down_it_says_so_and_the_run_shows_failed(
        self, client, operator, unreachable_broker
    ):
        response = client.post(URL)
        assert "could not be reached" in _messages(response)[0]
        assert MatchingRun.objects.get().status == MatchingRunStatus.FAILED


class TestPanel:
    def test_it_shows_the_last_run_and_recent_failures(self, client, operator):
        MatchingRun.objects.create(
            kind=MatchingRunKind.FULL,
            status=MatchingRunStatus.FAILED,
            algorithm_version=ALGORITHM_VERSION,
            error="OperationalError: the database went away",
        )
        html = client.get(URL).text
        assert "Full recompute started" in html
        assert "the database went away" in html
        assert "Recompute all suggestions" in html

    def test_the_dashboard_has_a_summary(self, client, operator):
        html = client.get("/admin/").text
        assert 'id="matching-jobs-heading"' in html
        assert "0 recent runs failed." in html

    def test_its_queries_do_not_grow_with_the_runs_shown(self, client, operator):
        def failed_runs(count):
            MatchingRun.objects.bulk_create(
                MatchingRun(
                    kind=MatchingRunKind.ORGANISATIONS,
                    status=MatchingRunStatus.FAILED,
                    algorithm_version=ALGORITHM_VERSION,
                    started_by=operator,
                    error="OperationalError: gone",
                )
                for _ in range(count)
            )

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(URL).status_code == 200
            return len(captured)

        failed_runs(1)
        one = queries()
        failed_runs(9)
        assert queries() == one
