import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from publications import services
from publications.models import EnquiryDelivery, ExpertPage

pytestmark = pytest.mark.django_db
URL = "/en/experts/climate-adaptation-adviser/"
ENQUIRY = {
    "your_name": "Alderman of Zwolle",
    "your_e_mail_address": "alderman@zwolle.example",
    "your_question": "How do we start with water squares?",
}


def test_expert_page_never_shows_the_experts_address(client, demo_site):
    html = client.get(URL).text
    assert "adaptation.expert@example.org" not in html
    assert "Contact Climate adaptation adviser" in html


def test_enquiry_is_stored_and_mailed_after_the_transaction(
    client, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(URL, ENQUIRY)
    assert response.status_code == 200
    assert "Your message is on its way" in response.text
    assert len(callbacks) == 1  # the task is enqueued only once committed
    submission = FormSubmission.objects.get()
    assert submission.form_data["your_question"] == ENQUIRY["your_question"]
    assert mail.outbox == []  # nothing sent inside the request


def test_enquiry_mail_reaches_the_expert_and_answers_the_visitor(client, demo_site):
    client.post(URL, ENQUIRY)
    assert services.expert_enquiry_send(submission_id=FormSubmission.objects.get().pk)
    (message,) = mail.outbox
    assert message.to == ["adaptation.expert@example.org"]
    assert message.reply_to == ["alderman@zwolle.example"]
    assert "Your question: How do we start with water squares?" in message.body


def test_enquiry_is_mailed_once_even_when_the_task_runs_twice(client, demo_site):
    client.post(URL, ENQUIRY)
    submission_id = FormSubmission.objects.get().pk
    services.expert_enquiry_send(submission_id=submission_id)
    assert not services.expert_enquiry_send(submission_id=submission_id)
    assert len(mail.outbox) == 1
    assert EnquiryDelivery.objects.get().sent_at is not None


def test_invalid_enquiry_explains_and_keeps_what_was_typed(client, demo_site):
    response = client.post(URL, {**ENQUIRY, "your_e_mail_address": "not-an-address"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "How do we start with water squares?" in response.text
    assert not FormSubmission.objects.exists()


def test_dutch_expert_page_asks_in_dutch(client, demo_site):
    html = client.get("/nl/experts/adviseur-klimaatadaptatie/").text
    assert "Uw e-mailadres" in html


def test_expert_index_lists_the_experts(client, demo_site):
    response = client.get("/en/experts/")
    assert (
        len(response.context["experts"])
        == ExpertPage.objects.filter(locale=demo_site.locale).count()
    )
