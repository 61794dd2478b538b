"""Production headers, scored by the Mozilla Observatory's rules, and `check --deploy` clean.

The scorer below follows the Observatory's published scoring: start at 100, subtract for what
is missing or unsafe, and only when the result is at least 90 add the bonuses (a CSP with
default-src 'none', cookies Secure + HttpOnly + SameSite, a private Referrer-Policy, framing
refused through the CSP). HSTS preload earns its bonus only once a browser list holds the site,
which no test can see, so it scores nothing here.
"""

import os
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.factories import politician_with_statements

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SIX_MONTHS = 15_768_000
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {
    "unsafe-url",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
}
SESSION_COOKIE_WORDS = ("session", "sess", "sid", "login", "auth")


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return directives


def score_csp(header: str | None) -> tuple[int, int, str]:
    """(penalty, bonus, test result) for the Content-Security-Policy header."""
    if not header:
        return -25, 0, "csp-not-implemented"
    directives = csp_directives(header)
    default = directives.get("default-src")
    scripts = directives.get("script-src", default) or ["*"]
    styles = directives.get("style-src", default) or ["*"]
    objects = directives.get("object-src", default) or ["*"]
    insecure = {"http:", "*", "http://*"}
    if "'unsafe-inline'" in scripts or "data:" in scripts or insecure & set(scripts + objects):
        return -20, 0, "csp-implemented-with-unsafe-inline"
    if "'unsafe-eval'" in scripts:
        return -10, 0, "csp-implemented-with-unsafe-eval"
    if "'unsafe-inline'" in styles or insecure & set(styles):
        return 0, 0, "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == ["'none'"]:
        return 0, 10, "csp-implemented-with-no-unsafe-default-src-none"
    return 0, 0, "csp-implemented-with-no-unsafe"


def _cookies_set_by(response) -> SimpleCookie:
    headers = [value for key, value in response.items() if key.lower() == "set-cookie"]
    cookies = SimpleCookie()
    for header in headers:
        cookies.load(header)
    for morsel in response.cookies.values():
        cookies[morsel.key] = morsel
    return cookies


def _score_cookie(name, morsel) -> tuple[int, bool]:
    """(penalty, whether it is all good) for one cookie."""
    is_session = any(word in name.lower() for word in SESSION_COOKIE_WORDS)
    penalty, all_good = 0, True
    if not morsel["secure"]:
        penalty = min(penalty, -40 if is_session else -20)
        all_good = False
    if is_session and not morsel["httponly"]:
        penalty = min(penalty, -30)
        all_good = False
    if (morsel["samesite"] or "").lower() not in {"lax", "strict", "none"}:
        if "csrf" in name.lower():
            penalty = min(penalty, -20)
        all_good = False
    return penalty, all_good


def score_cookies(response) -> tuple[int, int, str]:
    cookies = _cookies_set_by(response)
    if not cookies:
        return 0, 0, "cookies-not-found"
    scores = [_score_cookie(name, morsel) for name, morsel in cookies.items()]
    penalty = min(penalty for penalty, _ in scores)
    if penalty:
        return penalty, 0, "cookies-unsafe"
    if all(all_good for _, all_good in scores):
        return 0, 5, "cookies-secure-with-httponly-sessions-and-samesite"
    return 0, 0, "cookies-secure-with-httponly-sessions"


def score_hsts(header: str | None) -> tuple[int, int, str]:
    if not header:
        return -20, 0, "hsts-not-implemented"
    fields = {
        part.strip().split("=")[0].lower(): part.strip().partition("=")[2]
        for part in header.split(";")
    }
    try:
        max_age = int(fields.get("max-age", ""))
    except ValueError:
        return -20, 0, "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return -10, 0, "hsts-implemented-max-age-less-than-six-months"
    return 0, 0, "hsts-implemented-max-age-at-least-six-months"


def score_referrer(header: str | None) -> tuple[int, int, str]:
    if not header:
        return 0, 0, "referrer-policy-not-implemented"
    policies = [p.strip().lower() for p in header.split(",") if p.strip()]
    if policies and policies[-1] in PRIVATE_REFERRERS:
        return 0, 5, "referrer-policy-private"
    if policies and policies[-1] in UNSAFE_REFERRERS:
        return -5, 0, "referrer-policy-unsafe"
    return -5, 0, "referrer-policy-header-invalid"


def score_framing(xfo: str | None, csp: str | None) -> tuple[int, int, str]:
    if csp and "frame-ancestors" in csp_directives(csp):
        return 0, 5, "x-frame-options-implemented-via-csp"
    if xfo and xfo.strip().upper() in {"DENY", "SAMEORIGIN"}:
        return 0, 0, "x-frame-options-sameorigin-or-deny"
    return -20, 0, "x-frame-options-not-implemented"


def score_nosniff(header: str | None) -> tuple[int, int, str]:
    if (header or "").strip().lower() == "nosniff":
        return 0, 0, "x-content-type-options-nosniff"
    return -5, 0, "x-content-type-options-not-implemented"


def score_corp(header: str | None) -> tuple[int, int, str]:
    if header is None:
        return 0, 0, "corp-not-implemented"
    if header.strip().lower() in {"same-origin", "same-site", "cross-origin"}:
        return 0, 0, "corp-implemented"
    return -5, 0, "corp-header-invalid"


def score_cors(header: str | None, credentials: str | None) -> tuple[int, int, str]:
    if header == "*" and (credentials or "").lower() == "true":
        return -50, 0, "cross-origin-resource-sharing-implemented-with-universal-access"
    return 0, 0, "cross-origin-resource-sharing-not-implemented-or-restricted"


def score_sri(response) -> tuple[int, int, str]:
    if not response["Content-Type"].startswith("text/html"):
        return 0, 0, "sri-not-implemented-response-not-html"
    scripts = BeautifulSoup(response.content, "lxml").select("script[src]")
    external = [s for s in scripts if s["src"].startswith(("http:", "https:", "//"))]
    if any(s["src"].startswith("http:") for s in external):
        return -50, 0, "sri-not-implemented-and-external-scripts-not-loaded-securely"
    if any(not s.get("integrity") for s in external):
        return -5, 0, "sri-not-implemented-but-external-scripts-loaded-securely"
    if external:
        return 0, 5, "sri-implemented-and-external-scripts-loaded-securely"
    return 0, 0, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def score_redirection(http_response) -> tuple[int, int, str]:
    location = http_response.get("Location", "")
    if http_response.status_code in {301, 302, 307, 308} and location.startswith("https://"):
        return 0, 0, "redirection-to-https"
    return -20, 0, "redirection-missing"


def observatory_score(response, http_response) -> tuple[int, dict[str, int]]:
    """The Observatory's score for an HTTPS response and the plain-HTTP answer to the same URL."""
    get = response.headers.get
    results = [
        score_csp(get("Content-Security-Policy")),
        score_cookies(response),
        score_cors(get("Access-Control-Allow-Origin"), get("Access-Control-Allow-Credentials")),
        score_redirection(http_response),
        score_referrer(get("Referrer-Policy")),
        score_hsts(get("Strict-Transport-Security")),
        score_sri(response),
        score_nosniff(get("X-Content-Type-Options")),
        score_framing(get("X-Frame-Options"), get("Content-Security-Policy")),
        score_corp(get("Cross-Origin-Resource-Policy")),
    ]
    score = 100 + sum(penalty for penalty, _, _ in results)
    if score >= 90:  # bonuses count only for a site with nothing much wrong
        score += sum(bonus for _, bonus, _ in results)
    return score, {name: penalty + bonus for penalty, bonus, name in results}


@pytest.fixture
def production(settings):
    """The HTTPS redirect back on, as production has it (the suite turns it off for plain http)."""
    settings.SECURE_SSL_REDIRECT = True
    return settings


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_production_headers_score_at_least_115_by_the_observatorys_rules(client, production, url):
    politician_with_statements("supports")
    over_http = client.get(url, HTTP_HOST="localhost")
    response = client.get(url, secure=True, HTTP_HOST="localhost")

    assert response.status_code == 200
    score, results = observatory_score(response, over_http)

    assert score >= 115, results
    assert results["csp-implemented-with-no-unsafe-default-src-none"] == 10
    assert results["redirection-to-https"] == 0
    assert results["hsts-implemented-max-age-at-least-six-months"] == 0


def test_scorer_gives_a_bare_response_the_observatorys_low_grade(client, rf):
    from django.http import HttpResponse

    bare = HttpResponse("<p>hi</p>", content_type="text/html")
    bare.set_cookie("sessionid", "x")

    score, results = observatory_score(bare, HttpResponse("plain"))

    # No CSP (-25), an insecure session cookie (-40), no redirect (-20), no HSTS (-20),
    # no nosniff (-5), no framing rule (-20).
    assert score == 100 - 25 - 40 - 20 - 20 - 5 - 20


def test_every_response_says_what_the_page_may_use_and_who_may_load_it(client, production):
    response = client.get("/", secure=True)

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts


def test_embed_may_still_be_framed_by_any_site_under_the_strict_policy(client, topic):
    directives = csp_directives(client.get("/embed/tiktok-ban/")["Content-Security-Policy"])

    assert directives["frame-ancestors"] == ["*"]
    assert directives["default-src"] == ["'none'"]


def _deploy_check(**extra_env):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "a-production-like-secret-" + "x7Kq2mZ9" * 8,
        "DJANGO_ALLOWED_HOSTS": "wherethey.example",
        "DATABASE_URL": "sqlite:///" + str(ROOT / "never-created.sqlite3"),
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def test_check_deploy_prints_nothing_with_only_the_three_production_settings():
    result = _deploy_check()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("System check identified no issues")
    assert result.stderr.strip() == ""


def test_check_deploy_stays_silent_with_a_corrections_address_too():
    result = _deploy_check(WTS_CORRECTIONS_EMAIL="corrections@newsroom.example")

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_make_run_turns_off_only_what_plain_http_on_this_machine_needs():
    from tests.test_make_run import make_run_environment

    env = make_run_environment()

    assert env["DJANGO_SECURE_COOKIES"] == "0"
    assert env["DJANGO_SECURE_SSL_REDIRECT"] == "0"
    assert "WTS_PROXY_HOPS" not in env
