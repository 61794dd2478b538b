"""Readers meet the site's own error pages, in its design: never Django's."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.statements.urls_with_a_bug")
def test_a_bug_shows_the_designed_500_page_with_the_sites_stylesheet(client):
    client.raise_request_exception = False

    response = client.get("/bug/")

    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text() == "Something went wrong on our side"
    assert soup.select_one(".site-header .brand")["href"] == "/"
    stylesheet = soup.select_one("link[rel=stylesheet]")["href"]
    assert client.get(stylesheet).status_code == 200
    assert "Traceback" not in response.content.decode()


def test_an_unknown_address_shows_the_designed_404_page(client):
    response = client.get("/nope/")

    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text() == "Page not found"
    assert [a["href"] for a in soup.main.select("a")] == ["/", "/politicians/"]
