"""A local web server for tests that fetch pages: no test ever reaches the network.

`ArticleServer.routes` maps a path to what it answers; tests change a route mid-test (the
browser test turns an article into a 404). The articles are written for the tests.
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: a server too slow for our read timeout
    # False: no Content-Length, the body runs until the server closes (HTTP/1.0), so only the
    # fetcher's count of the bytes it reads can stop an over-size page.
    send_length: bool = True


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>MPs split over TikTok ban on ministers' phones | The Westford Courier</title>
<meta property="og:title" content="MPs split over TikTok ban on ministers' phones">
<meta property="og:site_name" content="The Westford Courier">
<meta property="article:published_time" content="2023-03-16T09:30:00+00:00">
</head>
<body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article>
<h1>MPs split over TikTok ban on ministers' phones</h1>
<p class="byline">By a staff reporter, 16 March 2023</p>
<p>The government's decision to remove TikTok from official devices divided MPs on Thursday,
with some calling for the ban to go much further and others warning against heavy-handed rules.</p>
<p>Harriet Lowe, the MP for Westford North, said: "This ban should cover every phone a minister
uses for work, personal or not, because the risk does not stop at the office door."</p>
<p>Owen Pritchard, who sits on the science committee, welcomed the move. "Removing the app from
government devices is a sensible and proportionate step," he said.</p>
<p>But Gwen Ashdown was unconvinced. "Banning an app is not a data protection policy, and people
should be free to choose what they install on their own phones," she said.</p>
<p>"Nobody should have to choose between a convenient app and a secure phone," the member for
Eastbrook told a committee hearing later that day.</p>
<p>A spokesperson for the campaign group Open Screens said: "Users deserve clear rules on data,
not bans aimed at one company."</p>
<p>Ministers are expected to publish further guidance on messaging apps in the coming weeks,
and officials said the review of other applications would continue through the spring.</p>
</article>
<footer>Copyright The Westford Courier</footer>
</body>
</html>
"""

# The people the article quotes, as the member import would hold them.
ARTICLE_SPEAKERS = [
    {"name": "Harriet Lowe", "slug": "harriet-lowe", "constituency": "Westford North"},
    {"name": "Owen Pritchard", "slug": "owen-pritchard", "constituency": "Eastbrook"},
    {"name": "Gwen Ashdown", "slug": "gwen-ashdown", "constituency": "Millbridge"},
]


class ArticleServer:
    def __init__(self):
        self.routes: dict[str, Answer] = {}
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                server.requests.append({"path": self.path, "headers": dict(self.headers)})
                answer = server.routes.get(self.path, Answer(status=404, body=b"Not found"))
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    if answer.send_length:
                        self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (a timeout or a size cap): as intended

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # serve_forever looks for shutdown() every poll_interval: its default half second was
        # paid by every test that fetched an article (about 8 s of the suite).
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
