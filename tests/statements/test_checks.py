"""Where a reader sends a correction comes from the settings, and is never an invented address.

Set, every page's footer and the corrections and methodology pages give it; unset, they point to
how corrections work, and `manage.py check --deploy` tells the operator.
"""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from tests.factories import PartyFactory, politician_with_statements

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/politicians/", "/statements/", "/parties/", "/methodology/", "/corrections/"]


@pytest.fixture
def pages(client, topic):
    PartyFactory(name="Labour", slug="labour")
    politician_with_statements("supports", slug="ava-north")

    def soups():
        return {url: BeautifulSoup(client.get(url).content, "lxml") for url in PAGES}

    return soups


def mail_links(soup):
    return [a["href"] for a in soup.select('a[href^="mailto:"]')]


def test_every_page_gives_the_corrections_address_that_is_set(settings, pages):
    settings.WTS_CORRECTIONS_EMAIL = "corrections@newsroom.example"

    for url, soup in pages().items():
        footer = soup.select_one(".site-footer")
        assert mail_links(footer) == ["mailto:corrections@newsroom.example"], url
    soups = pages()
    assert "mailto:corrections@newsroom.example" in mail_links(soups["/methodology/"].main)
    assert "mailto:corrections@newsroom.example" in mail_links(soups["/corrections/"].main)


def test_without_an_address_pages_point_to_how_corrections_work(settings, pages):
    settings.WTS_CORRECTIONS_EMAIL = ""

    soups = pages()

    for url, soup in soups.items():
        assert mail_links(soup) == [], url
        assert "example.org" not in str(soup), url
        footer = soup.select_one(".site-footer")
        link = footer.find("a", string="how to ask for a correction")
        assert link["href"] == "/methodology/#corrections-heading", url
    section = soups["/methodology/"].find(id="corrections-heading").parent
    assert "Tell the newsroom that publishes this site" in section.get_text()
    assert soups["/corrections/"].main.find("a", string="how to ask for a correction")


def test_the_address_is_read_from_the_environment_with_no_invented_default():
    def setting_with(**env):
        base = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings"}
        program = "import django; django.setup(); from django.conf import settings; "
        program += "print(repr(settings.WTS_CORRECTIONS_EMAIL))"
        result = subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**base, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x", **env},
        )
        return result.stdout.strip()

    assert setting_with() == "''"
    assert setting_with(WTS_CORRECTIONS_EMAIL="fix@paper.example") == "'fix@paper.example'"


def check_output(deploy):
    # Only this project's checks: the suite's own environment trips some of Django's deploy ones.
    out, err = StringIO(), StringIO()
    call_command("check", "--tag", "wts", deploy=deploy, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_check_deploy_accepts_a_site_with_no_corrections_address(settings):
    # Pages then send readers to the methodology page to ask for a correction.
    settings.DEBUG = False
    settings.WTS_CORRECTIONS_EMAIL = ""

    assert "wts." not in check_output(deploy=True)


def test_check_warns_of_a_corrections_address_that_is_not_one(settings):
    settings.WTS_CORRECTIONS_EMAIL = "corrections at the newsroom"

    output = check_output(deploy=False)

    assert "wts.W002" in output
    assert "“corrections at the newsroom”, which is not an email address" in output
