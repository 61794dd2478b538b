"""Fetching, archiving and reading a source, against a local web server: no network."""

import io
import os
import socket
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from warcio.archiveiterator import ArchiveIterator

from sources.capturing import source_archive, source_for_url, source_link_check
from sources.models import Capture, CaptureState, LinkCheck
from tests.article_server import ARTICLE_HTML, Answer

pytestmark = pytest.mark.django_db


def _warc_files(media_root):
    return [
        os.path.join(folder, name) for folder, _, names in os.walk(media_root) for name in names
    ]


def _archive(server, path):
    return source_archive(source=source_for_url(url=server.url(path)))


def _warc_responses(capture):
    """The response records of the capture's WARC: address, status and body."""
    with default_storage.open(capture.warc.name, "rb") as warc:
        return [
            (
                r.rec_headers.get_header("WARC-Target-URI"),
                r.http_headers.get_statuscode(),
                r.content_stream().read(),
            )
            for r in ArchiveIterator(warc)
            if r.rec_type == "response"
        ]


def test_an_article_is_fetched_archived_as_warc_and_read(article_server, media_root):
    article_server.routes["/politics/tiktok-ban"] = Answer(body=ARTICLE_HTML.encode())

    capture = _archive(article_server, "/politics/tiktok-ban")

    assert (
        capture.state,
        capture.status_code,
        capture.final_url,
        capture.title,
        capture.site_name,
        capture.published_on.isoformat(),
    ) == (
        CaptureState.ARCHIVED,
        200,
        article_server.url("/politics/tiktok-ban"),
        "MPs split over TikTok ban on ministers' phones",
        "The Westford Courier",
        "2023-03-16",
    )
    assert capture.content_type.startswith("text/html")
    assert "This ban should cover every phone a minister" in capture.text
    assert "Copyright" not in capture.text  # the page's furniture is not the article
    # The WARC holds the exact response: its status line, headers and body as served.
    assert _warc_responses(capture) == [(capture.final_url, "200", ARTICLE_HTML.encode())]
    # The source learns what the page says about itself.
    source = capture.source
    source.refresh_from_db()
    assert (source.title, source.outlet) == (capture.title, "The Westford Courier")
    # The fetcher says who it is.
    assert "WhereTheyStandBot" in article_server.requests[0]["headers"]["User-Agent"]


def test_archiving_twice_fetches_once(article_server):
    article_server.routes["/a"] = Answer(body=ARTICLE_HTML.encode())
    first = _archive(article_server, "/a")
    second = _archive(article_server, "/a")
    assert first.pk == second.pk
    assert len(article_server.requests) == 1
    assert Capture.objects.count() == 1


def test_a_redirect_is_followed_and_recorded(article_server):
    article_server.routes["/old"] = Answer(status=301, headers={"Location": "/new"})
    article_server.routes["/new"] = Answer(body=ARTICLE_HTML.encode())

    capture = _archive(article_server, "/old")

    assert capture.state == CaptureState.ARCHIVED
    assert capture.final_url == article_server.url("/new")
    assert capture.redirects == [{"url": article_server.url("/old"), "status": 301}]


def test_a_redirect_loop_ends_failed_with_the_reason(article_server, media_root):
    article_server.routes["/loop"] = Answer(status=302, headers={"Location": "/loop"})
    capture = _archive(article_server, "/loop")
    assert capture.state == CaptureState.FAILED
    assert "More than 5 redirects" in capture.failure_reason
    assert len(capture.redirects) == 6
    assert _warc_files(media_root) == []


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (Answer(status=404, body=b"gone"), "The server answered 404 Not Found."),
        (
            Answer(body=b"%PDF-1.4 not a page", content_type="application/pdf"),
            "Not a web page: the server sent “application/pdf”",
        ),
        (
            Answer(body=b"<html>" + b"x" * 5000 + b"</html>"),
            "The page is larger than 2,000 bytes, the most we archive.",
        ),
        (Answer(body=ARTICLE_HTML.encode(), delay=1.5), "did not answer in time"),
    ],
    ids=["404", "non-html", "over-size", "timeout"],
)
def test_a_page_that_cannot_be_archived_ends_failed_and_nothing_is_half_written(
    article_server, media_root, settings, answer, reason
):
    settings.WTS_FETCH_MAX_BYTES = 2000
    settings.WTS_FETCH_READ_TIMEOUT = 0.5
    article_server.routes["/page"] = answer

    capture = _archive(article_server, "/page")

    assert capture.state == CaptureState.FAILED
    assert reason in capture.failure_reason
    assert capture.warc.name in ("", None)
    assert capture.text == ""
    assert _warc_files(media_root) == []


def test_an_over_size_body_without_a_length_header_is_cut_off_while_streaming(
    article_server, settings, media_root
):
    settings.WTS_FETCH_MAX_BYTES = 2000
    article_server.routes["/chunky"] = Answer(
        body=b"<html>" + b"y" * 50_000 + b"</html>", send_length=False
    )

    capture = _archive(article_server, "/chunky")

    assert capture.state == CaptureState.FAILED
    assert capture.failure_reason == "The page is larger than 2,000 bytes, the most we archive."
    assert _warc_files(media_root) == []


def test_a_gzipped_page_is_archived_as_sent_and_read_unpacked(article_server, media_root):
    import gzip

    packed = gzip.compress(ARTICLE_HTML.encode())
    article_server.routes["/packed"] = Answer(body=packed, headers={"Content-Encoding": "gzip"})

    capture = _archive(article_server, "/packed")

    assert capture.state == CaptureState.ARCHIVED
    assert "This ban should cover every phone a minister" in capture.text
    with default_storage.open(capture.warc.name, "rb") as warc:
        bodies = [r.raw_stream.read() for r in ArchiveIterator(warc) if r.rec_type == "response"]
    assert bodies == [packed]  # the exact bytes that came over the wire


def test_a_private_address_is_refused_unless_allowed(article_server, settings, media_root):
    settings.WTS_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    article_server.routes["/inside"] = Answer(body=ARTICLE_HTML.encode())

    capture = _archive(article_server, "/inside")

    assert capture.state == CaptureState.FAILED
    assert capture.failure_reason.startswith("Refused: 127.0.0.1 is on a private or local network")
    assert article_server.requests == []  # not even one request reached it
    assert _warc_files(media_root) == []


@pytest.fixture
def article_server_as_if_public(monkeypatch):
    """The tests' local server passes the address check, as a public host would; every other
    host is checked for real."""
    from sources import fetching

    real = fetching._refuse_private

    def check(host, port):
        return ["127.0.0.1"] if host == "127.0.0.1" else real(host, port)

    monkeypatch.setattr(fetching, "_refuse_private", check)


def test_a_redirect_to_a_private_address_is_refused(
    article_server, article_server_as_if_public, settings, media_root
):
    settings.WTS_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    article_server.routes["/out"] = Answer(status=302, headers={"Location": "http://10.0.0.7/x"})

    capture = _archive(article_server, "/out")

    assert capture.state == CaptureState.FAILED
    assert "10.0.0.7 is on a private or local network" in capture.failure_reason
    assert capture.redirects == [{"url": article_server.url("/out"), "status": 302}]


def test_a_host_that_resolves_to_a_private_address_when_connected_to_is_refused(
    article_server, settings, media_root, monkeypatch
):
    """DNS rebinding: the name answers a public address to the check and the local server's
    to the lookup that connects. The address connected to must be the one checked."""
    settings.WTS_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    article_server.routes["/inside"] = Answer(body=ARTICLE_HTML.encode())
    port = urlsplit(article_server.url("/")).port
    lookups = []

    def rebinding(host, port_, *args, **kwargs):
        lookups.append(host)
        address = "93.184.216.34" if len(lookups) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port_))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    capture = source_archive(source=source_for_url(url=f"http://rebind.example:{port}/inside"))

    assert capture.state == CaptureState.FAILED
    assert "Refused: rebind.example is on a private or local network (127.0.0.1)" in (
        capture.failure_reason
    )
    assert article_server.requests == []
    assert _warc_files(media_root) == []


def test_only_web_addresses_are_taken():
    from sources.capturing import SourceError

    with pytest.raises(SourceError, match="starts with http:// or https://"):
        source_for_url(url="file:///etc/passwd")


def test_a_link_check_marks_a_gone_page_dead_and_keeps_the_history(article_server):
    article_server.routes["/story"] = Answer(body=ARTICLE_HTML.encode())
    source = source_for_url(url=article_server.url("/story"))

    alive = source_link_check(source_id=source.pk)
    source.refresh_from_db()
    assert (alive.is_dead, alive.status_code, source.is_link_dead) == (False, 200, False)

    article_server.routes["/story"] = Answer(status=404, body=b"gone")
    dead = source_link_check(source_id=source.pk)
    source.refresh_from_db()
    assert (dead.is_dead, dead.status_code, source.is_link_dead) == (True, 404, True)
    dead_since = source.link_dead_since

    article_server.routes["/story"] = Answer(status=503, body=b"busy")
    source_link_check(source_id=source.pk)
    source.refresh_from_db()
    assert source.link_dead_since == dead_since  # a server error says nothing new

    assert list(
        LinkCheck.objects.filter(source=source).newest_first().values_list("status_code", flat=True)
    ) == [503, 404, 200]


def test_archive_source_command_prints_the_id_and_state(article_server):
    article_server.routes["/cmd"] = Answer(body=ARTICLE_HTML.encode())
    out = io.StringIO()
    call_command("archive_source", article_server.url("/cmd"), stdout=out)
    source = Capture.objects.get().source
    assert out.getvalue().strip() == f"source {source.pk} archived"


def test_archive_source_command_reports_a_failure_as_an_error_line(article_server):
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"source \d+ could not be archived"):
        call_command("archive_source", article_server.url("/missing"), stdout=out)
    assert "failed: The server answered 404 Not Found." in out.getvalue()


def test_archive_source_command_refuses_an_address_that_is_not_a_web_address(db):
    with pytest.raises(CommandError, match="starts with http:// or https://"):
        call_command("archive_source", "ftp://example.org/file")
