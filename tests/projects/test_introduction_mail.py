"""The owners of an organisation asked for an introduction hear of it once,
in their own language; the person who asked hears the answer (with the other
side's contact when accepted) or that it expired, once. Lost e-mails are
sent by the hourly repair; the expiry job tells each requester once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hub.factories import UserFactory
from hub.personal_data import exported_parts
from hub.services import user_delete
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import MemberRole
from projects import introductions, tasks
from projects.models import Introduction, IntroductionStatus

pytestmark = pytest.mark.django_db

MESSAGE = "Could we compare notes on smart street lighting?"


@pytest.fixture
def asker():
    return UserFactory(
        verified=True,
        email="anna@delft.example.org",
        first_name="Anna",
        last_name="de Vries",
        language="nl",
    )


@pytest.fixture
def delft(asker):
    return OrganisationFactory(
        name="Gemeente Delft", contact_email="info@delft.example.org", owner=asker
    )


@pytest.fixture
def answerer():
    return UserFactory(
        verified=True,
        email="bea@tue.example.org",
        first_name="Bea",
        last_name="Jansen",
        language="en",
    )


@pytest.fixture
def tue(answerer):
    """An organisation with an English and a Dutch owner, and an editor who
    is not e-mailed."""
    organisation = OrganisationFactory(
        name="TU Eindhoven", contact_email="contact@tue.example.org", owner=answerer
    )
    MembershipFactory(
        organisation=organisation,
        role=MemberRole.OWNER,
        user=UserFactory(verified=True, email="joost@tue.example.org", language="nl"),
    )
    MembershipFactory(
        organisation=organisation,
        role=MemberRole.EDITOR,
        user=UserFactory(verified=True, email="eva@tue.example.org"),
    )
    return organisation


@pytest.fixture
def ask(asker, delft, tue, tasks_run_at_once, django_capture_on_commit_callbacks):
    def ask() -> Introduction:
        with django_capture_on_commit_callbacks(execute=True):
            return introductions.introduction_request(
                user=asker, requester=delft, recipient=tue, message=MESSAGE
            )

    return ask


@pytest.fixture
def answer(answerer, django_capture_on_commit_callbacks):
    def answer(introduction, *, accept: bool) -> Introduction:
        with django_capture_on_commit_callbacks(execute=True):
            return introductions.introduction_answer(
                introduction=introduction, user=answerer, accept=accept
            )

    return answer


def _by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


class TestRequestMail:
    def test_the_owners_are_e_mailed_in_their_language(self, ask):
        introduction = ask()

        messages = _by_recipient()
        assert set(messages) == {"bea@tue.example.org", "joost@tue.example.org"}
        english, dutch = (
            messages["bea@tue.example.org"],
            messages["joost@tue.example.org"],
        )
        assert english.subject == "Gemeente Delft asks for an introduction"
        assert dutch.subject == "Gemeente Delft vraagt om een kennismaking"
        assert MESSAGE in english.body
        assert f"/en/my/introductions/{introduction.pk}/" in english.body
        assert f"/nl/my/introductions/{introduction.pk}/" in dutch.body
        introduction.refresh_from_db()
        assert introduction.recipient_notified_at is not None

    def test_the_request_shares_no_contact_details(self, ask):
        ask()

        for message in mail.outbox:
            assert "anna@delft.example.org" not in message.body
            assert "info@delft.example.org" not in message.body

    def test_a_retried_task_sends_nothing_twice(self, ask):
        introduction = ask()

        tasks.notify_introduction_request(introduction.pk)
        tasks.notify_introduction_request(introduction.pk)

        assert len(mail.outbox) == 2


class TestOutcomeMail:
    def test_acceptance_sends_the_requester_the_other_sides_contact(self, ask, answer):
        introduction = ask()
        mail.outbox.clear()

        answer(introduction, accept=True)

        (message,) = mail.outbox
        assert message.to == ["anna@delft.example.org"]
        assert message.subject == (
            "TU Eindhoven heeft uw verzoek om een kennismaking geaccepteerd"
        )
        assert "Bea Jansen <bea@tue.example.org>" in message.body
        assert "contact@tue.example.org" in message.body
        introduction.refresh_from_db()
        assert introduction.requester_notified_at is not None

    def test_a_decline_shares_no_contact(self, ask, answer):
        introduction = ask()
        mail.outbox.clear()

        answer(introduction, accept=False)

        (message,) = mail.outbox
        assert message.to == ["anna@delft.example.org"]
        assert "bea@tue.example.org" not in message.body
        assert "contact@tue.example.org" not in message.body

    def test_the_outcome_is_sent_once(self, ask, answer):
        introduction = ask()
        answer(introduction, accept=True)
        mail.outbox.clear()

        tasks.notify_introduction_outcome(introduction.pk)

        assert mail.outbox == []

    def test_a_pending_request_has_no_outcome_to_send(self, ask):
        introduction = ask()
        mail.outbox.clear()

        tasks.notify_introduction_outcome(introduction.pk)

        assert mail.outbox == []


class TestExpiry:
    def test_the_expiry_job_tells_the_requester_once(self, ask):
        introduction = ask()
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - timedelta(minutes=5)
        )
        mail.outbox.clear()

        tasks.expire_introductions()
        tasks.expire_introductions()

        (message,) = mail.outbox
        assert message.to == ["anna@delft.example.org"]
        assert "verlopen" in message.subject
        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.EXPIRED


class TestRepair:
    def _lost(self, introduction, **fields):
        Introduction.objects.filter(pk=introduction.pk).update(**fields)

    def test_a_lost_request_mail_is_sent_by_the_repair(
        self, asker, delft, tue, tasks_run_at_once
    ):
        introduction = introductions.introduction_request(
            user=asker, requester=delft, recipient=tue, message=MESSAGE
        )  # its task never enqueued: no commit callbacks run
        self._lost(introduction, requested_at=timezone.now() - timedelta(hours=1))

        tasks.repair_missed_initiative_notifications()
        tasks.repair_missed_initiative_notifications()

        assert len(mail.outbox) == 2

    def test_a_recent_request_is_left_to_its_own_task(
        self, asker, delft, tue, tasks_run_at_once
    ):
        introductions.introduction_request(
            user=asker, requester=delft, recipient=tue, message=MESSAGE
        )

        tasks.repair_missed_initiative_notifications()

        assert mail.outbox == []

    def test_a_lost_answer_mail_is_sent_by_the_repair(
        self, ask, answerer, tasks_run_at_once
    ):
        introduction = ask()
        introductions.introduction_answer(
            introduction=introduction, user=answerer, accept=False
        )
        self._lost(introduction, answered_at=timezone.now() - timedelta(hours=1))
        mail.outbox.clear()

        tasks.repair_missed_initiative_notifications()

        assert [message.to for message in mail.outbox] == [["anna@delft.example.org"]]

    def test_a_lost_expiry_mail_is_sent_by_the_repair(self, ask, tasks_run_at_once):
        introduction = ask()
        self._lost(
            introduction,
            status=IntroductionStatus.EXPIRED,
            expires_at=timezone.now() - timedelta(hours=1),
        )
        mail.outbox.clear()

        tasks.repair_missed_initiative_notifications()

        assert [message.to for message in mail.outbox] == [["anna@delft.example.org"]]


class TestPersonalData:
    def test_the_download_holds_the_introductions_asked_and_answered(
        self, ask, answer, asker, answerer
    ):
        answer(ask(), accept=True)

        asked = exported_parts(asker)["introductions"]["asked"]
        answered = exported_parts(answerer)["introductions"]["answered"]

        assert [entry["message"] for entry in asked] == [MESSAGE]
        assert asked[0]["asked_of_organisation"] == "TU Eindhoven"
        assert [entry["status"] for entry in answered] == ["accepted"]

    def test_deleting_the_person_keeps_the_introduction_without_them(
        self, ask, answer, asker, tue, client, answerer
    ):
        introduction = ask()
        # Another owner takes over Delft, so that Anna may go.
        MembershipFactory(organisation=introduction.requester, role=MemberRole.OWNER)
        user_delete(user=asker)
        answer(introduction, accept=True)
        client.force_login(answerer)

        page = client.get(introductions.introduction_url(introduction)).content.decode()

        introduction.refresh_from_db()
        assert introduction.requested_by is None
        assert "anna@delft.example.org" not in page
        assert "info@delft.example.org" in page
