import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

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


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """A live server for the pages that tests only read. Unlike pytest-django's
    ``live_server`` it does not make every test transactional, so the demo site
    is built once instead of once per test."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost:0")
        server._live_server_modified_settings.enable()
        yield server
        server._live_server_modified_settings.disable()
        server.stop()


def _new_page(browser, base_url, request, **context_options):
    context = browser.new_context(base_url=base_url, **context_options)
    outside = OutsideRequests()
    context.route("**/*", outside.route)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    request.addfinalizer(context.close)
    return page, outside, problems


def _guarded(page, outside, problems):
    yield page
    assert outside == [], f"Requests left 127.0.0.1: {outside}"
    assert problems == [], f"Script or CSP errors: {problems}"


@pytest.fixture
def page(browser, site_server, db, request):
    """A browser tab on the demo site, for tests that only read. The site was
    committed when the test database was made, and pytest-django runs these
    tests before any transactional test flushes it. The test fails if the page
    reaches for another host, breaks the Content-Security-Policy or throws a
    script error."""
    yield from _guarded(*_new_page(browser, site_server.url, request))


@pytest.fixture
def writing_page(browser, live_server, transactional_db, request):
    """A browser tab for journeys that write (sign up, edit): the database is
    flushed after the test. Same guards as ``page``."""
    demo_content_load()
    yield from _guarded(*_new_page(browser, live_server.url, request))


@pytest.fixture
def writing_page_without_javascript(browser, live_server, transactional_db, request):
    demo_content_load()
    page, outside, _ = _new_page(
        browser, live_server.url, request, java_script_enabled=False
    )
    yield page
    assert outside == [], f"Requests left 127.0.0.1: {outside}"
