"""The directory of people we hold, and how copy names them."""

from sources.extraction.people import PeopleDirectory, Person, name_key, role_aliases


def test_name_key_drops_honorifics_accents_hyphens_and_case():
    assert name_key("Sir Iain Duncan-Smith") == name_key("Iain Duncan Smith")
    assert name_key("Thérèse Coffey") == "therese coffey"
    assert name_key("Neil O’Brien") == name_key("Neil O'Brien")
    assert name_key("the Rt Hon Dame Margaret Hodge") == "margaret hodge"


def test_name_key_keeps_a_peers_title():
    assert name_key("Lord True") == "lord true"
    assert name_key("Baroness Smith of Basildon") == "baroness smith of basildon"


def test_surnames_include_double_barrelled_names_without_a_hyphen():
    person = Person(name="Iain Duncan Smith", slug="iain-duncan-smith")
    assert person.surname_keys == {"smith", "duncan smith"}
    assert Person(name="Lord Ahmad of Wimbledon", slug="x").surname_keys == {"ahmad"}


def test_a_secretary_of_state_is_called_by_each_part_of_the_department():
    aliases = role_aliases("Secretary of State for Culture, Media and Sport")
    assert {"culture secretary", "media secretary", "sport secretary"} <= set(aliases)
    assert aliases["culture, media and sport secretary"] > aliases["culture secretary"]


def test_common_short_forms_of_posts():
    assert "energy secretary" in role_aliases("Secretary of State for Energy Security and Net Zero")
    assert "tech secretary" in role_aliases(
        "Secretary of State for Science, Innovation and Technology"
    )
    assert "chancellor" in role_aliases("Chancellor of the Exchequer")
    assert "chancellor" not in role_aliases("Chancellor of the Duchy of Lancaster")
    assert "welsh secretary" in role_aliases("Secretary of State for Wales")
    assert "labour leader" in role_aliases("Leader of the Opposition", "Labour")


def test_shadow_posts_are_only_ever_shadow_aliases():
    aliases = role_aliases("Shadow Home Secretary")
    assert "shadow home secretary" in aliases
    assert "home secretary" not in aliases


def test_a_former_post_names_nobody_now():
    assert role_aliases("Former Leader of the Conservative Party") == {}


def test_a_bare_minister_names_nobody():
    aliases = role_aliases("Shadow Minister (Defence)")
    assert "shadow defence minister" in aliases
    assert "shadow minister" not in aliases


def test_directory_finds_the_holder_that_a_post_names_most_exactly():
    directory = PeopleDirectory(
        [
            Person("Tom Tugendhat", "tom-tugendhat", role="Minister for Security"),
            Person(
                "Baroness Vere of Norbiton",
                "baroness-vere",
                house="lords",
                role="Minister for Aviation, Maritime and Security",
            ),
        ]
    )
    assert [p.slug for p in directory.holding("security minister")] == ["tom-tugendhat"]
    assert [p.slug for p in directory.holding("aviation minister")] == ["baroness-vere"]


def test_directory_built_from_plain_rows_ignores_unknown_keys():
    directory = PeopleDirectory.from_rows(
        [{"name": "Alicia Kearns", "slug": "alicia-kearns", "member_id": 4805, "gender": "F"}]
    )
    assert [p.member_id for p in directory.named("alicia kearns")] == [4805]
