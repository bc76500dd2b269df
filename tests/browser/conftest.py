import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from hub.demo import demo_content_load

# Playwright's sync API keeps an event loop in the test thread; the database
# calls the tests make around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Without these Chromium calls home at start-up, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.exit(
            "Chromium is missing. Install it with: apt-get install -y chromium",
            returncode=3,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class OutsideRequests(list):
    """Every request a page tried to send beyond this machine (all are blocked)."""

    def route(self, route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.append(route.request.url)
            route.abort()


@pytest.fixture
def site(transactional_db):
    """The demo site, committed so that the live server's thread sees it. It also
    puts back the locales and root page that the flush after each test removes."""
    demo_content_load()


def _new_page(browser, live_server, request, **context_options):
    context = browser.new_context(base_url=live_server.url, **context_options)
    outside = OutsideRequests()
    context.route("**/*", outside.route)
    page = context.new_page()
    policy_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and policy_violations.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: policy_violations.append(str(error)))
    request.addfinalizer(context.close)
    return page, outside, policy_violations


@pytest.fixture
def page(browser, live_server, site, request):
    """A browser tab on the live server. The test fails if the page reaches for
    another host, breaks the Content-Security-Policy or throws a script error."""
    page, outside, problems = _new_page(browser, live_server, request)
    yield page
    assert outside == [], f"Requests left 127.0.0.1: {outside}"
    assert problems == [], f"Script or CSP errors: {problems}"


@pytest.fixture
def page_without_javascript(browser, live_server, site, request):
    page, outside, _ = _new_page(
        browser, live_server, request, java_script_enabled=False
    )
    yield page
    assert outside == [], f"Requests left 127.0.0.1: {outside}"
