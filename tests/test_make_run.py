"""`make run` shows the site as readers get it, and stays one command on a fresh clone.

The environment is read from the Makefile itself, so this checks what `make run` really sets:
debug off (the designed error pages, not Django's technical ones), static files served without
collectstatic, cookies a plain-http localhost can keep, and an admin login that works.
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]

# Runs inside the environment `make run` sets, against a fresh SQLite database.
PROGRAM = """
import json, re
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
get_user_model().objects.create_superuser("admin", password="local only, not a secret")
browser = Client(HTTP_HOST="127.0.0.1:8105", enforce_csrf_checks=True)
seen = {"debug": settings.DEBUG}
for url in ["/nope/", "/politicians/?position=x", "/static/css/site.css"]:
    response = browser.get(url)
    body = b"" if response.streaming else response.content
    seen[url] = {"status": response.status_code, "html": body.decode()}
login = browser.get("/admin/login/")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.content.decode())[1]
seen["csrf cookie is secure"] = bool(browser.cookies["csrftoken"]["secure"])
response = browser.post(
    "/admin/login/?next=/admin/",
    {"username": "admin", "password": "local only, not a secret",
     "csrfmiddlewaretoken": token, "next": "/admin/"},
)
seen["login"] = {"status": response.status_code, "location": response.get("Location")}
admin = browser.get("/admin/")
seen["admin"] = {"status": admin.status_code, "location": admin.get("Location")}
seen["second factor"] = browser.get(admin["Location"]).status_code
print(json.dumps(seen))
"""


def make_run_environment() -> dict[str, str]:
    """The variables `make run` gives the server, read from `make -n run`'s last line."""
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8105"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    serve = dry_run.stdout.strip().splitlines()[-1]
    assert "manage.py runserver 127.0.0.1:8105" in serve
    words = shlex.split(serve)
    return dict(word.split("=", 1) for word in words[: words.index(".venv/bin/python")])


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('run') / 'db.sqlite3'}",
        **make_run_environment(),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_make_run_runs_with_debug_off(local_site):
    assert local_site["debug"] is False


def test_make_run_shows_the_designed_404_page(local_site):
    page = local_site["/nope/"]

    assert page["status"] == 404
    soup = BeautifulSoup(page["html"], "lxml")
    assert soup.h1.get_text() == "Page not found"
    assert soup.select_one(".site-footer")


def test_make_run_shows_the_designed_400_page(local_site):
    page = local_site["/politicians/?position=x"]

    assert page["status"] == 400
    soup = BeautifulSoup(page["html"], "lxml")
    assert soup.h1.get_text() == "That address has a value we cannot use"
    assert soup.select_one(".error-message p").get_text().startswith("position must be one of:")


def test_make_run_serves_static_files_without_collectstatic(local_site):
    assert local_site["/static/css/site.css"]["status"] == 200


def test_make_run_lets_an_editor_log_in_over_plain_http(local_site):
    assert local_site["csrf cookie is secure"] is False
    assert local_site["login"] == {"status": 302, "location": "/admin/"}
    # Staff set up their authenticator app before the first admin page, here too.
    assert local_site["admin"] == {
        "status": 302,
        "location": "/staff/second-factor/set-up/?next=%2Fadmin%2F",
    }
    assert local_site["second factor"] == 200
