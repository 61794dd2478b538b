"""Malformed query strings, paths and Host headers at every public URL: never a 5xx.

Property-based (hypothesis): each test states how many requests it makes, and together they make
at least 10,000 on every run, in CI too. Requests go through Django's test client against a
small site made once per test; streamed downloads are read to their end, since a download that
breaks half-way is a server error too.
"""

import logging
import string
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statements.models import CorrectionKind, Position
from tests.factories import (
    CorrectionFactory,
    PartyFactory,
    StatementFactory,
    politician_with_statements,
)
from tests.test_html_validity import walk

pytestmark = pytest.mark.django_db

# Requests per test; the total is the figure the issue asks for.
QUERY_REQUESTS = 5_000
PATH_REQUESTS = 3_000
HOST_REQUESTS = 2_000
assert QUERY_REQUESTS + PATH_REQUESTS + HOST_REQUESTS >= 10_000

FUZZ = settings(
    deadline=None,
    database=None,  # no example folder in the work tree; every run explores afresh
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=False,
)

# The parameters the public pages read, and some they do not.
KNOWN_KEYS = ["q", "position", "party", "house", "bench", "tiktok", "sort", "page", "from", "to",
              "kind", "topic", "format", "legislature", "role", "o", "per_page"]  # fmt: skip
HOSTILE_VALUES = ["", " ", "0", "-1", "99999999999999999999", "1e9", "NaN", "2023-02-30",
                  "13/03/2023", "9999-12-31", "0000-01-01", "<script>alert(1)</script>", "'\"",
                  "%", "%zz", "%E9", "%00", "\x00", "..", "../../etc/passwd", "=cmd|' /C calc'!A0",
                  "a" * 5000, "supports,opposes", "tiktok-ban", "labour", "commons", "-name",
                  "\u202e", "🤳", "NOT", "\"unclosed", "AND OR NOT", "*", "(", ")"]  # fmt: skip

unicode_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
)
key = st.one_of(st.sampled_from(KNOWN_KEYS), unicode_text)
value = st.one_of(st.sampled_from(HOSTILE_VALUES), unicode_text, st.integers().map(str))


def encode(text: str, raw: bool) -> str:
    # Half the time as a browser would send it, half the time raw: broken escapes and all.
    return text.replace("&", "%26").replace("#", "%23") if raw else quote(text, safe="")


query = st.lists(st.tuples(key, value, st.booleans()), max_size=6).map(
    lambda pairs: "&".join(f"{encode(k, raw)}={encode(v, raw)}" for k, v, raw in pairs)
)


@pytest.fixture
def public_urls(topic, reviewer):
    """Every public URL from the resolver, filled from a small site."""
    labour = PartyFactory(name="Labour", slug="labour")
    members = [
        politician_with_statements(position, party=labour, slug=f"member-{n}")
        for n, position in enumerate([Position.SUPPORTS, Position.OPPOSES, None])
    ]
    statement = StatementFactory(published=True, politician=members[0])
    CorrectionFactory(statement=statement, kind=CorrectionKind.CORRECTION)
    samples = {
        "slug": {"statements": topic.slug, "politicians": members[0].slug},
        "pk": statement.pk,
    }
    urls = []
    for name, route, parameters in walk(get_resolver().url_patterns):
        filled = route
        for parameter in parameters:
            value = samples[parameter]
            if isinstance(value, dict):
                value = (
                    value["politicians"] if "politician" in (name or "") else value["statements"]
                )
                if name and "party" in name:
                    value = labour.slug
            filled = filled.replace(f"<slug:{parameter}>", str(value)).replace(
                f"<int:{parameter}>", str(value)
            )
        urls.append("/" + filled)
    assert "/" in urls and "/statements/" in urls and "/politicians.csv" in urls
    return urls


@pytest.fixture(autouse=True)
def _quiet_request_log():
    # Django logs every 4xx with its traceback; thousands of them cost more than the requests.
    # Server errors are logged at ERROR and still show.
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


class Reader(Client):
    """The test client without its record of every template and context a page rendered.

    Copying each context costs more than the request itself, and no test here reads them. An
    exception in a view still becomes the 500 page, which the assertions catch, and is logged
    with its traceback.
    """

    requests = 0

    def request(self, **request):
        self.requests += 1
        return self.handler(self._base_environ(**request))


@pytest.fixture
def reader():
    return Reader()


def test_malformed_query_strings_at_every_public_url_never_give_a_5xx(reader, public_urls):
    @settings(FUZZ, max_examples=QUERY_REQUESTS)
    @given(url=st.sampled_from(public_urls), raw_query=query)
    def never_a_server_error(url, raw_query):
        response = fetch(reader, f"{url}?{raw_query}")
        assert response.status_code < 500, (url, raw_query)

    never_a_server_error()
    assert reader.requests >= QUERY_REQUESTS


path_segment = st.one_of(
    st.sampled_from(["..", ".", "", "%", "%zz", "%00", "%2F", "%C0%AF", "a" * 300, "1" * 30,
                     "-1", "0", "index.php", "wp-admin", "%E9", "~", ";", "@", "*"]),
    unicode_text.map(lambda text: quote(text, safe="")),
    # Raw tab, CR and LF aside: no request line carries them, and the test client's urlsplit
    # drops them, which can turn "/\n/[" into "//[", a host name it refuses before any request.
    st.text(alphabet=[c for c in string.printable if c not in "?#\t\r\n"], max_size=30),
)  # fmt: skip


def test_malformed_paths_under_every_public_url_never_give_a_5xx(reader, public_urls):
    @settings(FUZZ, max_examples=PATH_REQUESTS)
    @given(url=st.sampled_from(public_urls), segments=st.lists(path_segment, max_size=4),
           replace_last=st.booleans())  # fmt: skip
    def never_a_server_error(url, segments, replace_last):
        base = url.rstrip("/").rsplit("/", 1)[0] if replace_last else url.rstrip("/")
        # A path the test client would take for a host name ("//[…") is sent as one slash.
        path = "/" + (base + "/" + "/".join(segments)).lstrip("/")
        response = fetch(reader, path)
        assert response.status_code < 500, path

    never_a_server_error()
    assert reader.requests >= PATH_REQUESTS


host = st.one_of(
    st.sampled_from(["localhost", "127.0.0.1", "[::1]", "localhost:8000", "evil.example",
                     "localhost:port", "", " ", "a" * 300, "local host", "localhost\r\nX: y",
                     "[::1", "127.0.0.1:99999999999", "xn--80ak6aa92e.com", "LOCALHOST"]),
    st.text(alphabet=st.characters(codec="latin-1", exclude_categories=["Cs"]), max_size=60),
)  # fmt: skip


def test_malformed_host_headers_at_every_public_url_never_give_a_5xx(
    reader, public_urls, page_cache
):
    # With the page cache on, as production runs: kept pages are looked up by host before most
    # of the middleware runs (core.caching.KeptPages), and a bad host must still be a 400.
    @settings(FUZZ, max_examples=HOST_REQUESTS)
    @given(url=st.sampled_from(public_urls), host=host)
    def never_a_server_error(url, host):
        response = fetch(reader, url, HTTP_HOST=host)
        assert response.status_code < 500, (url, host)

    never_a_server_error()
    assert reader.requests >= HOST_REQUESTS
