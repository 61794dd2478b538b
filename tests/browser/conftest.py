"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server."""

import contextlib
import csv
import os
import re
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.factories import EditorFactory, ReviewerFactory, second_factor_code

# Every browser test: the `browser` mark, and a database the live server's thread shares.
LIVE_BROWSER = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The machines have no network but the package registries: without these flags Chromium
# stalls on background connections to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between page actions are still synchronous, so Django's async guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # Playwright's sync API runs the tests in a new contextvars context, where Django hands
        # out new connection objects without the migrations' data that serialized_rollback
        # restores; without it every browser test after the first found the editor groups and
        # the default topic gone whenever a fast test had opened the database first.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _cookies_over_plain_http(settings):
    # The live server speaks plain HTTP; production cookies are Secure-only.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}


@contextlib.contextmanager
def _new_page(browser, request, *, screenshot=True, **context_options):
    """A page in its own browser context, closed after the test; by default its last state is
    kept as a screenshot named after the test."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    if screenshot:
        _save_screenshot(page, request.node.name)
    context.close()


@pytest.fixture
def page(browser, request):
    with _new_page(browser, request, viewport=DESKTOP) as page:
        yield page


@pytest.fixture
def page_without_javascript(browser, request):
    with _new_page(browser, request, java_script_enabled=False, viewport=DESKTOP) as page:
        yield page


@pytest.fixture
def phone_page(browser, request):
    with _new_page(
        browser, request, screenshot=False, viewport=PHONE, is_mobile=True, has_touch=True
    ) as page:
        yield page


@pytest.fixture
def axe_page(browser, request):
    """A page whose CSP lets the test inject axe-core; the site's own pages never inline."""
    with _new_page(browser, request, screenshot=False, bypass_csp=True, viewport=DESKTOP) as page:
        yield page


def _save_screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:120]
    # A screenshot is an artifact, never a test result: a closed page must not fail the test.
    with contextlib.suppress(Exception):
        page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)


def save_screenshot(page, name):
    _save_screenshot(page, name)


def axe_violations(page, *, selector_exclude=()):
    """Run axe-core's WCAG 2.x A/AA rules on the current page; return the violations."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (exclude) => {
            const result = await axe.run({exclude: exclude}, {
                runOnly: {type: 'tag',
                          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
            });
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""",
        list(selector_exclude),
    )


@pytest.fixture
def editor(db):
    """The newsroom's editor, by a name the screenshots can show."""
    return EditorFactory(username="eddie")


@pytest.fixture
def reviewer(db):
    """The newsroom's reviewer, by a name the screenshots can show."""
    return ReviewerFactory(username="rita")


def downloaded_csv(page, tmp_path: Path, column: str) -> list[str]:
    """Click the page's CSV download and read one column of the file the browser saves."""
    with page.expect_download() as download_info:
        page.locator(".downloads").get_by_role("link", name="CSV").click()
    path = tmp_path / "download.csv"
    download_info.value.save_as(path)
    with path.open(encoding="utf-8-sig") as f:
        return [row[column] for row in csv.DictReader(f)]


def login(page, live_server, user, password="correct horse battery staple"):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # Staff give the code their authenticator app shows before any admin page.
    page.wait_for_url(re.compile(r".*/staff/second-factor/.*"))
    page.get_by_label("Six-digit code from your authenticator app").fill(second_factor_code(user))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
