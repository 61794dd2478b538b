"""The methodology page says where member data comes from and what it leaves out."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_methodology_says_where_member_data_comes_from_and_its_gaps(client, topic):
    soup = BeautifulSoup(client.get("/methodology/").content, "lxml")

    section = soup.find(id="members-heading").find_parent("section")
    facts = {
        dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text().split())
        for dt in section.select("dt")
    }
    assert list(facts) == [
        "MPs",
        "Front or back bench, and role",
        "Peers",
        "Scottish Parliament and Senedd",
        "Northern Ireland Assembly",
        "Other voices",
        "People added by hand",
    ]
    bench = facts["Front or back bench, and role"]
    assert bench.startswith("As of 16 March 2023")
    for gap in (
        "most of its junior shadow ministers and whips are not",
        "SNP and Liberal Democrat spokespeople are only partly there",
        "smaller parties' spokespeople are absent",
        "we show “Not known”",
    ):
        assert gap in bench
    assert "Only the 32 members of the Lords frontbench" in facts["Peers"]
    assert "No complete list of the House of Lords" in facts["Peers"]
    assert facts["Northern Ireland Assembly"].startswith("None yet")
    assert "never listed or counted with the politicians" in facts["Other voices"]
    # The dashboard's note links here.
    dashboard = BeautifulSoup(client.get("/").content, "lxml")
    assert dashboard.select_one('a[href="/methodology/#members-heading"]')
