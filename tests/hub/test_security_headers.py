import re

import pytest

pytestmark = pytest.mark.django_db

# A script element without src, except JSON-LD: a data block that browsers do
# not run, so the policy lets it be (tests/browser/test_seo.py checks that).
EXECUTABLE_INLINE_SCRIPT = (
    r'<script(?![^>]*\b(?:src=|type="application/ld\+json"))[^>]*>'
)


@pytest.fixture
def home_response(client, demo_site):
    return client.get("/en/")


def _csp(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(
        directive.strip().split(" ", 1) for directive in policy.split(";") if directive
    )


def test_pages_allow_scripts_and_styles_only_from_this_site(home_response):
    csp = _csp(home_response)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert "unsafe" not in home_response["Content-Security-Policy"]


def test_pages_cannot_be_framed_by_other_sites(home_response):
    assert _csp(home_response)["frame-ancestors"] == "'none'"
    assert home_response["X-Frame-Options"] == "DENY"


def test_pages_send_the_other_security_headers(home_response):
    assert home_response["X-Content-Type-Options"] == "nosniff"
    assert home_response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in home_response["Permissions-Policy"]
    assert home_response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path", ["/en/", "/nl/over/", "/en/accounts/login/", "/nl/accounts/signup/"]
)
def test_pages_have_no_inline_scripts_or_styles(client, demo_site, path):
    html = client.get(path).text
    assert not re.search(EXECUTABLE_INLINE_SCRIPT, html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_pages_load_nothing_from_other_hosts(client, demo_site):
    html = client.get("/en/").text
    assert not re.search(r'(src|href)="(https?:)?//(?!testserver)[^"]*\.(js|css)', html)
