"""Who said it: each way copy attributes a quotation, on small hand-written texts.

Every candidate's offsets are checked against the text by the `extract` fixture
(`text[start:end] == words`); these tests check the words, the speaker and the politician.
"""


def only(candidates, fragment):
    found = [c for c in candidates if fragment in c.words]
    assert len(found) == 1, [c.words for c in candidates]
    return found[0]


def test_name_then_said_then_quotation(extract):
    text = "Alicia Kearns said: “Colleagues will need to reflect on this.”"

    candidate = only(extract(text), "Colleagues")

    assert candidate.words == "Colleagues will need to reflect on this."
    assert (candidate.start, candidate.end) == (21, 61)
    assert (candidate.speaker, candidate.politician, candidate.member_id) == (
        "Alicia Kearns",
        "alicia-kearns",
        4805,
    )
    assert candidate.is_paraphrase is False


def test_quotation_then_said_name(extract):
    candidate = only(extract("“The ban is a start,” said Tobias Ellwood."), "start")

    assert candidate.words == "The ban is a start"
    assert candidate.politician == "tobias-ellwood"


def test_quotation_then_name_with_apposition_then_said(extract):
    text = (
        "“We need to go further,” Alicia Kearns, the Conservative MP for Rutland and Melton, "
        "said on Sunday."
    )

    assert only(extract(text), "further").politician == "alicia-kearns"


def test_title_and_first_name_after_a_full_mention(extract):
    text = (
        "Sir Iain Duncan Smith was on his feet at once.\n\n"
        "“This is a start, but only a start,” Sir Iain said."
    )

    candidate = only(extract(text), "only a start")

    assert candidate.politician == "iain-duncan-smith"
    assert candidate.speaker == "Sir Iain Duncan Smith"
    assert candidate.speaker_as_written == "Sir Iain"


def test_hyphenated_spelling_of_a_name_we_hold(extract):
    text = "Iain Duncan-Smith told PoliticsHome: “They should extend the ban.”"

    assert only(extract(text), "extend").politician == "iain-duncan-smith"


def test_mr_surname_after_a_first_mention(extract):
    text = (
        "Tobias Ellwood chairs the defence committee.\n\n"
        "“We cannot be complacent,” Mr Ellwood said."
    )

    assert only(extract(text), "complacent").politician == "tobias-ellwood"


def test_mr_surname_with_no_first_mention_is_not_guessed(extract):
    # Only one MP named Ellwood is held, but the article never says which Ellwood this is.
    candidate = only(extract("“We cannot be complacent,” Mr Ellwood said."), "complacent")

    assert candidate.speaker == "Mr Ellwood"
    assert candidate.politician is None


def test_bare_surname_after_a_first_mention(extract):
    text = (
        "Alicia Kearns has warned about the app for years.\n\n"
        "Kearns added that the app was a “data Trojan horse” for a hostile state."
    )

    candidate = only(extract(text), "Trojan")

    assert candidate.is_paraphrase is True
    assert candidate.words == "the app was a “data Trojan horse” for a hostile state"
    assert candidate.politician == "alicia-kearns"


def test_she_refers_back_to_the_last_speaker(extract):
    text = (
        "Alicia Kearns said the ban did not go far enough.\n\n"
        "“Personally, I will not be using the app,” she told PoliticsHome."
    )

    candidate = only(extract(text), "Personally")

    assert candidate.politician == "alicia-kearns"
    assert candidate.speaker == "Alicia Kearns"
    assert candidate.speaker_as_written == "she"


def test_he_after_a_campaigner_is_the_campaigner_not_an_earlier_mp(extract):
    text = (
        "Iain Duncan Smith said the ban should go further.\n\n"
        "Luke de Pulford, a human rights campaigner, said the plan was “too little too late”.\n\n"
        "“There are questions which need to be taken seriously,” he told PoliticsHome."
    )

    candidates = extract(text)

    assert only(candidates, "taken seriously").politician is None
    assert only(candidates, "taken seriously").speaker == "Luke de Pulford"
    assert only(candidates, "go further").politician == "iain-duncan-smith"


def test_a_role_resolves_through_the_roles_we_hold(extract):
    text = "The energy secretary said he would not be “chased off” the platform by its critics."

    candidate = only(extract(text), "chased off")

    assert candidate.politician == "grant-shapps"
    assert candidate.is_paraphrase is True


def test_role_before_a_name_and_the_name_agree(extract):
    text = "The culture secretary, Lucy Frazer, told the BBC: “This is about government devices.”"

    assert only(extract(text), "government devices").politician == "lucy-frazer"


def test_shadow_home_secretary_is_not_the_home_secretary(extract):
    text = "The shadow home secretary said: “We have been calling for guidance for months.”"

    assert only(extract(text), "guidance").politician == "yvette-cooper"


def test_a_former_post_is_nobody_we_can_name(extract):
    text = "The former home secretary said she had warned colleagues “repeatedly” about the app."

    candidate = only(extract(text), "warned colleagues")

    assert candidate.politician is None
    assert candidate.speaker == "The former home secretary"


def test_the_chancellor_and_the_prime_minister(extract):
    text = (
        "The chancellor said it was “a matter for the Cabinet Office”.\n\n"
        "The prime minister said: “We will always keep our country safe.”"
    )
    candidates = extract(text)

    assert only(candidates, "Cabinet Office").politician == "jeremy-hunt"
    assert only(candidates, "country safe").politician == "rishi-sunak"


def test_spokespeople_and_sources_close_to_a_politician_are_not_the_politician(extract):
    text = (
        "A source close to the foreign secretary said he had “never seen the appeal” of it.\n\n"
        "The prime minister’s official spokesman told reporters: “There are no plans.”\n\n"
        "A spokesperson for Alicia Kearns said she was “unavailable” for comment.\n\n"
        "Friends of the home secretary insist she pushed for a ban last summer."
    )

    candidates = extract(text)

    assert [c.politician for c in candidates] == [None, None, None, None]
    assert only(candidates, "no plans").speaker == "The prime minister’s official spokesman"


def test_spokespeople_campaigners_and_officials_keep_their_description(extract):
    text = (
        "A TikTok spokesperson said: “This is categorically untrue.”\n\n"
        "A government spokesperson said there were no plans to extend the ban.\n\n"
        "Downing Street said the prime minister had never had the app on his phone."
    )

    candidates = extract(text)

    assert [(c.speaker, c.politician) for c in candidates] == [
        ("A TikTok spokesperson", None),
        ("A government spokesperson", None),
        ("Downing Street", None),
    ]


def test_same_name_as_an_mp_described_as_somebody_else(extract):
    text = "David Jones, a professor of cyber security at Bristol, said the risk was overstated."

    candidate = only(extract(text), "overstated")

    assert candidate.politician is None
    assert candidate.speaker == "David Jones"


def test_non_politician_sharing_a_surname_with_an_mp(extract):
    text = (
        "Ben Bradley said he would keep posting videos.\n\n"
        "Sarah Bradley, who runs a dance school, said she had stopped using the app.\n\n"
        "“It made me think about what I was handing over,” Ms Bradley said.\n\n"
        "“I don't carry state secrets around,” Mr Bradley said."
    )

    candidates = extract(text)

    assert only(candidates, "handing over").politician is None
    assert only(candidates, "handing over").speaker == "Sarah Bradley"
    assert only(candidates, "state secrets").politician == "ben-bradley"


def test_she_after_someone_who_opens_a_sentence_is_that_person(extract):
    text = (
        "Alicia Kearns said the ban should go further.\n\n"
        "Jane Whitby has run a dance school in Oakham for twenty years. "
        "“I use the app every day for my business,” she said."
    )

    candidate = only(extract(text), "every day")

    assert (candidate.speaker, candidate.politician) == ("Jane Whitby", None)


def test_expert_with_an_mps_surname_and_a_title(extract):
    # Johnny Mercer is an MP; Professor Mercer is not.
    text = (
        "Professor Claire Mercer, a researcher at the University of Surrey, agreed.\n\n"
        "“The question is whether it could be compelled,” Prof Mercer said."
    )

    candidate = only(extract(text), "compelled")

    assert candidate.politician is None
    assert candidate.speaker == "Professor Claire Mercer"


def test_two_people_sharing_a_surname_keep_their_own_words(extract):
    text = (
        "Rachel Reeves said she had never had the app.\n\n"
        "Her sister Ellie Reeves took a different view. “I’m a grown-up,” Ellie Reeves said.\n\n"
        "“We have disagreed about more important things,” she said."
    )

    candidates = extract(text)

    assert only(candidates, "never had the app").politician == "rachel-reeves"
    assert only(candidates, "grown-up").politician == "ellie-reeves"
    assert only(candidates, "disagreed").politician == "ellie-reeves"


def test_ambiguous_mr_between_two_men_is_left_to_the_editor(extract):
    text = (
        "Ben Bradley said the ban was sensible.\n\n"
        "Ben Wallis, a parent, said the school had gone too far.\n\n"
        "“What's the point?” Mr Bradley said."
    )

    # Ben Wallis has no surname in common; “Mr Bradley” is the MP.
    assert only(extract(text), "the point").politician == "ben-bradley"


def test_the_mp_and_the_constituency_refer_back(extract):
    text = (
        "Alicia Kearns described the app as a threat.\n\n"
        "The MP described TikTok as an “indirect arm” of the state.\n\n"
        "The Rutland and Melton MP said she would rather all MPs stopped using it."
    )

    candidates = extract(text)

    assert only(candidates, "indirect arm").politician == "alicia-kearns"
    assert only(candidates, "stopped using").politician == "alicia-kearns"


def test_reported_speech_of_every_kind(extract):
    text = (
        "Alicia Kearns warned that the data could reach a hostile state. "
        "Tobias Ellwood called for the ban to be extended to personal phones. "
        "Jeremy Hunt told the BBC that the decision was a matter for the Cabinet Office. "
        "Lucy Frazer insisted that the ban covered only government devices."
    )

    candidates = extract(text)

    assert [(c.words, c.politician, c.is_paraphrase) for c in candidates] == [
        ("the data could reach a hostile state", "alicia-kearns", True),
        ("the ban to be extended to personal phones", "tobias-ellwood", True),
        ("the decision was a matter for the Cabinet Office", "jeremy-hunt", True),
        ("the ban covered only government devices", "lucy-frazer", True),
    ]


def test_according_to(extract):
    text = "According to Tobias Ellwood, the ban should follow the work and not the handset."

    candidate = only(extract(text), "handset")

    assert candidate.words == "the ban should follow the work and not the handset"
    assert candidate.politician == "tobias-ellwood"


def test_short_quoted_words_inside_reported_speech_stay_reported_speech(extract):
    text = (
        "Grant Shapps described it as an “immensely valuable” tool to communicate with the public."
    )

    candidate = only(extract(text), "immensely")

    assert candidate.is_paraphrase is True
    assert candidate.words == "it as an “immensely valuable” tool to communicate with the public"


def test_long_quoted_words_inside_reported_speech_are_the_quotation(extract):
    text = (
        "Alicia Kearns said she “would welcome with relief a ban on government officials "
        "installing TikTok on any mobile phones utilised for work”."
    )

    candidate = only(extract(text), "relief")

    assert candidate.is_paraphrase is False
    assert candidate.words.startswith("would welcome with relief")


def test_quotation_over_several_paragraphs_keeps_its_speaker(extract):
    text = (
        "A TikTok spokesperson said: “We would be disappointed by such a move.\n\n"
        "“Similar decisions elsewhere have been based on misplaced fears.\n\n"
        "“We remain committed to working with the government.”"
    )

    candidates = extract(text)

    assert len(candidates) == 1
    assert candidates[0].words.endswith("working with the government.")
    assert candidates[0].speaker == "A TikTok spokesperson"


def test_a_quotation_opening_the_next_paragraph_continues_the_speaker(extract):
    text = (
        "“There are questions,” Tobias Ellwood told PoliticsHome.\n\n"
        "“Instead of facing up to these challenges, the UK is doing the bare minimum.”"
    )

    assert only(extract(text), "bare minimum").politician == "tobias-ellwood"


def test_scare_quotes_are_not_statements(extract):
    text = "Leading China ‘hawk’ Tobias Ellwood spoke to the 'Blue Wall' voters."

    assert extract(text) == []


def test_they_never_resolves_to_a_politician(extract):
    text = "Alicia Kearns spoke first.\n\n“We remain committed to the UK,” they said."

    assert only(extract(text), "committed").politician is None


def test_transcript_lines(extract):
    text = (
        "Presenter: Minister, why only government phones?\n\n"
        "Tom Tugendhat: What we are doing is proportionate, and every minister knows it."
    )

    candidates = extract(text)

    assert [(c.speaker, c.politician) for c in candidates] == [
        ("Presenter", None),
        ("Tom Tugendhat", "tom-tugendhat"),
    ]


def test_a_peer_named_with_their_title(extract):
    text = "Lord True told peers: “The government acts on the advice of its experts.”"

    assert only(extract(text), "experts").politician == "lord-true"


def test_negated_speech_reports_nothing(extract):
    text = "Jeremy Hunt would not say what he thought of the app."

    assert extract(text) == []


def test_any_text_gives_exact_offsets_and_never_an_error(extract):
    # Fragments of copy in random order: unbalanced marks, stray apostrophes, empty paragraphs.
    import random

    pieces = [
        "“", "”", '"', "'", "‘", "’", "«", "»", "„", "\n", "\n\n", " ", ",", ".", ":", "?",
        "Alicia Kearns", "Mr Ellwood", "she said", "he told the BBC", "the energy secretary",
        "said", "that", "TikTok", "a spokesperson", "according to", "Kearns'", "UK’s", "—",
        "Presenter:", "9.22am", "called for", "the ban", "It's",
    ]  # fmt: skip
    chooser = random.Random(10)
    for _ in range(300):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 40)))
        for candidate in extract(text):
            assert candidate.start < candidate.end
            assert candidate.politician in {None, "alicia-kearns", "tobias-ellwood", "grant-shapps"}
