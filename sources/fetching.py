"""Fetching a web page as a well-behaved client that cannot be turned on our own network.

The fetcher names itself (User-Agent), gives up after connect and read timeouts, follows
redirects by hand so that every hop is recorded and checked, resolves each hop's host and
refuses loopback, private, link-local and reserved addresses (unless
WTS_FETCH_ALLOW_PRIVATE_ADDRESSES is on, for the tests' local server), takes http(s) only, and
stops reading at a size cap. It keeps the body exactly as it came over the wire (a WARC holds
the exact response); `decoded_body` undoes a content encoding for reading the text.
"""

import ipaddress
import socket
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Hop:
    url: str
    status_code: int


@dataclass
class FetchedPage:
    requested_url: str
    final_url: str
    status_code: int
    reason_phrase: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    redirects: list[Hop] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return ""

    def decoded_body(self) -> bytes:
        encoding = next(
            (value.lower() for name, value in self.headers if name.lower() == "content-encoding"),
            "",
        )
        if encoding in ("gzip", "x-gzip", "deflate"):
            wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
            # The cap applies to what we unpack too: a small zip bomb must not fill memory.
            inflater = zlib.decompressobj(wbits)
            return inflater.decompress(self.body, settings.WTS_FETCH_MAX_BYTES)
        return self.body


class FetchError(Exception):
    """The page could not be fetched; `reason` is written for an editor."""

    def __init__(
        self,
        reason: str,
        *,
        final_url="",
        status_code=None,
        redirects=(),
        page=None,
        transient=True,
    ):
        super().__init__(reason)
        # False only when the address itself is gone (its host no longer exists): a link check
        # may call that dead; a timeout or a refusal says nothing about the page.
        self.transient = transient
        self.reason = reason
        self.final_url = final_url
        self.status_code = status_code
        self.redirects = list(redirects)
        self.page = page


def _refuse_private(host: str, port: int) -> list[str]:
    """The host's addresses, all of them public; FetchError if it has none or any is not."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise FetchError(
            f"The address's host {host} could not be found ({error}).", transient=False
        ) from error
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            raise FetchError(
                f"Refused: {host} is on a private or local network ({address}); "
                "we only fetch pages on the public internet."
            )
        addresses.append(str(address))
    return addresses


class _PublicAddressesOnly(httpcore.SyncBackend):
    """Connects only to an address it has just checked is public.

    The check before each hop gives the editor a clear reason, but the HTTP client would
    resolve the host again to connect: a name that answers a public address to the first
    lookup and 127.0.0.1 to the second (DNS rebinding) would get through. Here the address
    connected to is the one checked. TLS still verifies the certificate against the host name.
    """

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if settings.WTS_FETCH_ALLOW_PRIVATE_ADDRESSES:
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        last_error = None
        for address in _refuse_private(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                last_error = error
        raise last_error or httpcore.ConnectError(f"{host} has no address to connect to")


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"Only http:// and https:// addresses can be fetched, not “{url}”.")
    if not parts.hostname:
        raise FetchError(f"“{url}” has no host name.")
    if not settings.WTS_FETCH_ALLOW_PRIVATE_ADDRESSES:
        _refuse_private(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))


def _client() -> httpx.Client:
    timeout = httpx.Timeout(
        connect=settings.WTS_FETCH_CONNECT_TIMEOUT,
        read=settings.WTS_FETCH_READ_TIMEOUT,
        write=settings.WTS_FETCH_READ_TIMEOUT,
        pool=settings.WTS_FETCH_CONNECT_TIMEOUT,
    )
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx takes no network backend of its own; its connection pool does.
    transport._pool._network_backend = _PublicAddressesOnly()
    return httpx.Client(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={
            "User-Agent": settings.WTS_FETCH_USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip, identity",
        },
        # No proxy from the environment: a proxy would resolve hosts we never checked.
        trust_env=False,
    )


def fetch_page(url: str, *, read_body: bool = True) -> FetchedPage:
    """GET `url`, following up to WTS_FETCH_MAX_REDIRECTS redirects; the final page must answer
    200 with HTML. Raises FetchError with what happened; `read_body=False` (link checks) stops
    after the status and headers."""
    redirects: list[Hop] = []
    current = url
    with _client() as client:
        for _ in range(settings.WTS_FETCH_MAX_REDIRECTS + 1):
            try:
                _check_address(current)
            except FetchError as error:
                error.final_url, error.redirects = current, list(redirects)
                raise
            try:
                with client.stream("GET", current) as response:
                    status = response.status_code
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        redirects.append(Hop(current, status))
                        if not location:
                            raise FetchError(
                                f"{current} answered {status} without saying where to.",
                                final_url=current,
                                status_code=status,
                                redirects=redirects,
                            )
                        current = urljoin(current, location)
                        continue
                    return _page_from(response, url, current, redirects, read_body)
            except FetchError as error:  # refused when connecting (see _PublicAddressesOnly)
                error.final_url, error.redirects = current, list(redirects)
                raise
            except httpx.HTTPError as error:
                reason = (
                    f"did not answer in time ({type(error).__name__})"
                    if isinstance(error, httpx.TimeoutException)
                    else f"could not be reached: {error}"
                )
                raise FetchError(
                    f"{current} {reason}.", final_url=current, redirects=redirects
                ) from error
    raise FetchError(
        f"More than {settings.WTS_FETCH_MAX_REDIRECTS} redirects; stopped at {current}.",
        final_url=current,
        redirects=redirects,
    )


def _page_from(response, url, current, redirects, read_body) -> FetchedPage:
    """The page a non-redirect answer gives, read up to WTS_FETCH_MAX_BYTES; FetchError if it
    is an error, not HTML or too large."""
    status = response.status_code
    max_bytes = settings.WTS_FETCH_MAX_BYTES
    page = FetchedPage(
        requested_url=url,
        final_url=current,
        status_code=status,
        reason_phrase=response.reason_phrase,
        http_version=response.http_version,
        headers=list(response.headers.multi_items()),
        body=b"",
        redirects=redirects,
    )
    if status >= 400:
        raise FetchError(
            f"The server answered {status} {response.reason_phrase}.",
            final_url=current,
            status_code=status,
            redirects=redirects,
            page=page,
        )
    if not read_body:
        return page
    content_type = page.content_type.split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        raise FetchError(
            f"Not a web page: the server sent “{content_type or 'no type'}”, "
            "and only HTML articles are archived.",
            final_url=current,
            status_code=status,
            redirects=redirects,
            page=page,
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_big(current, status, redirects, page)
    chunks, size = [], 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise _too_big(current, status, redirects, page)
        chunks.append(chunk)
    page.body = b"".join(chunks)
    return page


def _too_big(url, status, redirects, page) -> FetchError:
    limit = settings.WTS_FETCH_MAX_BYTES
    return FetchError(
        f"The page is larger than {limit:,} bytes, the most we archive.",
        final_url=url,
        status_code=status,
        redirects=redirects,
        page=page,
    )
