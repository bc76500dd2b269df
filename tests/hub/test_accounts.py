import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings

from hub.factories import UserFactory
from hub.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-test-passphrase"


def _sign_up(client, language="en", **overrides):
    data = {
        "email": "mayor@example.org",
        "password1": "Amsterdam-2030-neutral",
        "password2": "Amsterdam-2030-neutral",
        "privacy_consent": "on",
        **overrides,
    }
    return client.post(f"/{language}/accounts/signup/", data)


class TestSignUp:
    def test_sign_up_records_consent_and_asks_to_verify_the_address(self, client):
        response = _sign_up(client)
        assert response.status_code == 302
        user = User.objects.get(email="mayor@example.org")
        assert user.privacy_consent_at is not None
        assert len(mail.outbox) == 1
        assert "mayor@example.org" in mail.outbox[0].to

    def test_sign_up_without_consent_is_refused_and_keeps_what_was_typed(self, client):
        response = _sign_up(client, privacy_consent="")
        assert response.status_code == 200
        assert "Please agree to the privacy statement" in response.text
        assert 'value="mayor@example.org"' in response.text
        assert not User.objects.exists()

    def test_sign_up_errors_are_tied_to_their_field(self, client):
        response = _sign_up(client, email="not-an-address")
        assert 'aria-invalid="true"' in response.text
        assert re.search(r'aria-describedby="[^"]*id_email-error', response.text)

    def test_sign_up_page_links_to_the_privacy_statement(self, client, demo_site):
        assert 'href="/nl/privacy/"' in client.get("/nl/accounts/signup/").text

    def test_sign_up_page_speaks_dutch(self, client, demo_site):
        response = client.get("/nl/accounts/signup/")
        assert "Account aanmaken" in response.text
        assert '<html lang="nl"' in response.text


class TestLogIn:
    def test_unverified_user_cannot_log_in_until_the_address_is_confirmed(self, client):
        _sign_up(client)
        client.logout()
        response = client.post(
            "/en/accounts/login/",
            {"login": "mayor@example.org", "password": "Amsterdam-2030-neutral"},
        )
        assert response.status_code == 302
        assert response["Location"].endswith("/accounts/confirm-email/")
        assert "_auth_user_id" not in client.session

    def test_confirming_the_address_lets_the_user_in(self, client):
        _sign_up(client)
        link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body)[0]
        key_path = link.split("testserver", 1)[-1]
        client.post(key_path)
        assert EmailAddress.objects.get(email="mayor@example.org").verified

    def test_verified_user_logs_in_with_an_email_address(self, client):
        user = UserFactory(verified=True)
        response = client.post(
            "/en/accounts/login/", {"login": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert int(client.session["_auth_user_id"]) == user.pk

    def test_wrong_password_is_refused_with_a_clear_message(self, client):
        user = UserFactory(verified=True)
        response = client.post(
            "/en/accounts/login/", {"login": user.email, "password": "wrong"}
        )
        assert response.status_code == 200
        assert "not correct" in response.text

    @override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
    def test_repeated_failed_logins_lock_out_even_the_right_password(self, client):
        user = UserFactory(verified=True)
        for _ in range(3):
            client.post(
                "/en/accounts/login/", {"login": user.email, "password": "wrong"}
            )
        response = client.post(
            "/en/accounts/login/", {"login": user.email, "password": PASSWORD}
        )
        assert "Too many failed login attempts" in response.text
        assert "_auth_user_id" not in client.session

    def test_log_out_needs_a_post(self, client):
        user = UserFactory(verified=True)
        client.force_login(user)
        client.post("/en/accounts/logout/")
        assert "_auth_user_id" not in client.session


class TestPasswords:
    def test_password_reset_sends_a_link_by_email(self, client):
        user = UserFactory(verified=True)
        response = client.post("/en/accounts/password/reset/", {"email": user.email})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        assert "/accounts/password/reset/key/" in mail.outbox[0].body

    def test_signed_in_user_changes_their_password(self, client):
        user = UserFactory(verified=True)
        client.force_login(user)
        client.post(
            "/en/accounts/password/change/",
            {
                "oldpassword": PASSWORD,
                "password1": "Rotterdam-adapts-2050",
                "password2": "Rotterdam-adapts-2050",
            },
        )
        user.refresh_from_db()
        assert user.check_password("Rotterdam-adapts-2050")


class TestLanguageAfterSigningIn:
    def test_logging_in_on_a_dutch_page_lands_on_the_dutch_home_page(
        self, client, demo_site
    ):
        user = UserFactory(verified=True)
        response = client.post(
            "/nl/accounts/login/", {"login": user.email, "password": PASSWORD}
        )
        assert response["Location"] == "/nl/"

    def test_logging_out_on_a_dutch_page_lands_on_the_dutch_home_page(
        self, client, demo_site
    ):
        client.force_login(UserFactory(verified=True))
        assert client.post("/nl/accounts/logout/")["Location"] == "/nl/"


def test_sign_up_asks_for_consent_last_and_without_placeholders(client):
    html = client.get("/en/accounts/signup/").text
    assert html.index('name="password2"') < html.index('name="privacy_consent"')
    assert "placeholder=" not in html
