"""Every public page is valid HTML, as the W3C Nu HTML Checker (vnu) reads it.

The pages are found by walking the URL resolver, so a new page is checked without editing this
file; a new page that takes a slug or an id fails here until SAMPLE_ARGUMENTS says which one to
show. Java starts once for all pages: it takes seconds each time.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from core.errors import server_error
from statements.models import CorrectionKind, Position
from statements.services import statement_retract
from tests.factories import (
    CorrectionFactory,
    PartyFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
    politician_with_statements,
    statement_with_archived_source,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The editors' pages are Django's admin: not ours to validate, and not public. The second-factor
# pages staff pass on the way in are built on the admin's templates, and are checked below.
PRIVATE_NAMESPACES = {"admin", "accounts"}


@pytest.fixture
def site(topic, reviewer, settings):
    """A small site with every kind of row a public page shows, and lists long enough to page."""
    settings.WTS_PAGE_SIZE = 2
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    members = [
        politician_with_statements(
            position, party=labour if n % 2 else conservative, slug=f"member-{n}"
        )
        for n, position in enumerate(
            [Position.WANTS_EXTENDED, Position.SUPPORTS, Position.MIXED, Position.OPPOSES, None]
        )
    ]
    statement = StatementFactory(published=True, politician=members[0], is_paraphrase=True)
    CorrectionFactory(statement=statement, kind=CorrectionKind.CORRECTION)
    retracted = statement_retract(
        statement=StatementFactory(published=True, politician=members[1]),
        actor=reviewer,
        reason="The source misattributed the quote.",
    )
    archived = statement_with_archived_source(politician=members[2])
    archived.source.link_dead_since = archived.source.created_at
    archived.source.save()
    # A second topic, so that every page carries the topic selector the checker must pass.
    TopicFactory(slug="next-ban", title="The next ban")
    return {
        "sources:statement_source": {"pk": archived.pk},
        "statements:topic": {"slug": topic.slug},
        "statements:detail": {"pk": statement.pk},
        "statements:embed": {"slug": topic.slug},
        "statements:topic_feed": {"slug": topic.slug},
        "statements:politician_feed": {"slug": members[0].slug},
        "statements:party_feed": {"slug": labour.slug},
        "politicians:detail": {"slug": members[0].slug},
        "politicians:party_detail": {"slug": labour.slug},
        "api:politician": {"slug": members[0].slug},
        "politicians:card": {"slug": members[0].slug},
        "politicians:party_compare": {"slug": labour.slug},
        "statements:topic_card": {"slug": topic.slug},
        "statements:statement_card": {"pk": statement.pk},
        "api:statement": {"pk": statement.pk},
        "api:topic": {"slug": topic.slug},
        "retracted": retracted.get_absolute_url(),
    }


def walk(patterns, prefix="", namespace=""):
    """Every URL pattern outside the private namespaces: (name, route, its parameters)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in PRIVATE_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            assert isinstance(entry.pattern, RoutePattern), f"{entry}: use path(), not re_path()"
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, prefix + str(entry.pattern), entry.pattern.converters.keys()


def public_urls(samples):
    """Each public pattern's URL, its parameters filled with the site's rows."""
    urls = []
    for name, route, parameters in walk(get_resolver().url_patterns):
        if parameters:
            assert name in samples, f"/{route} takes {', '.join(parameters)}: add it to site()"
            filled = route
            for parameter, value in samples[name].items():
                filled = re.sub(rf"<(\w+:)?{parameter}>", str(value), filled)
            urls.append(f"/{filled}")
        else:
            urls.append(f"/{route}")
    return urls


# Pages the resolver walk cannot reach on its own: a list filtered, searched and paged, and the
# error pages a reader meets.
FILTERED = [
    "/politicians/?position=supports&position=opposes&party=labour&house=commons&sort=-name",
    "/politicians/?page=2",
    "/statements/?q=statement&position=supports&party=conservative&from=2023-01-01&to=2023-12-31",
    "/statements/?page=2",
    "/parties/?topic=tiktok-ban",
]
ERRORS = {
    "/politicians/?position=sometimes": 400,
    "/statements/?party=no-such-party&from=13/03/2023": 400,
    "/no-such-page/": 404,
    "/politicians/nobody/": 404,
}


def run_vnu(pages: dict[str, bytes], tmp_path) -> dict[str, list[str]]:
    """The checker's errors for each page, read from its JSON report."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "The Nu HTML Checker needs Java 11 or later on the PATH: "
            "apt-get install default-jre-headless (make test does, as root)"
        )
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    files = {}
    for n, (url, content) in enumerate(pages.items()):
        path = tmp_path / f"page-{n:03d}.html"
        path.write_bytes(content)
        files[path.resolve().as_uri()] = url
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--exit-zero-always", "--format", "json"]
        + [str(tmp_path / name) for name in sorted(p.name for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"The Nu HTML Checker did not run:\n{result.stderr[-2000:]}")
    errors = {}
    for message in report["messages"]:
        url = files.get(message.get("url", "").replace("file:/", "file:///", 1), message.get("url"))
        where = f"line {message.get('lastLine', '?')}"
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(url, []).append(f"{where}: {message['message']} [{extract}]")
    return errors


def test_every_public_page_passes_the_nu_html_checker(client, site, rf, tmp_path, settings):
    UserFactory(username="checker")  # staff, for the second-factor pages
    pages = {}
    for url in [*public_urls(site), site["retracted"], *FILTERED]:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            pages[url] = response.content
    for url, status in ERRORS.items():
        response = client.get(url)
        assert response.status_code == status, url
        pages[url] = response.content
    pages["(server error)"] = server_error(rf.get("/")).content
    pages["(bad host)"] = client.get("/", HTTP_HOST="evil.example").content
    settings.WTS_RATE_LIMIT_SEARCH = "1/hour"
    client.get("/statements/?q=first")
    limited = client.get("/statements/?q=second")
    assert limited.status_code == 429
    pages["(rate limited)"] = limited.content
    staff = Client()
    staff.post("/admin/login/", {"username": "checker", "password": "correct horse battery staple"})
    for url in ["/staff/second-factor/", "/staff/second-factor/set-up/"]:
        response = staff.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content
    # The walk must have found the pages, or an empty walk would pass.
    assert {"/", "/politicians/", "/statements/", "/methodology/", "/corrections/"} <= set(pages)
    assert "/embed/tiktok-ban/" in pages
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()

    errors = run_vnu(pages, pages_dir)

    if errors:
        pytest.fail(
            "The Nu HTML Checker finds errors:\n"
            + "\n".join(f"{url}\n  " + "\n  ".join(found) for url, found in errors.items())
        )


def test_the_checker_says_when_java_is_missing_rather_than_skipping(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(pytest.fail.Exception, match="needs Java 11 or later"):
        run_vnu({"/": b"<!doctype html>"}, tmp_path)


def test_the_checker_reports_an_error_against_its_page(tmp_path):
    head = b"<!doctype html><html lang=en><title>t</title>"

    errors = run_vnu({"/good/": head + b"<p>ok", "/bad/": head + b"<p hx-get=x>no"}, tmp_path)

    assert list(errors) == ["/bad/"]
    assert "hx-get" in errors["/bad/"][0]
