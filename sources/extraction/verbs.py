"""Verbs of saying, and the words that sit around them in copy.

The tables the attribution pass reads: which verbs report speech and how what follows each is
built, what may stand between a subject and its verb, and where a reported clause ends.
"""

import re

# Verbs that report speech, by how what follows them is built.
VERB_FORMS = {
    "say": "said says say saying",
    "tell": "told tells tell telling",
    "add": "added adds add adding",
    "ask": "asked asks",
    "deny": "denied denies deny denying",
    "call_for": "called%for calls%for call%for calling%for demanded demands demanding",
    "urge": "urged urges urge urging called%on calls%on calling%on",
    "accuse": "accused accuses accusing",
    "describe": "described describes describing branded brands dismissed dismisses",
    "claim": (
        "warned warns warning argued argues arguing insisted insists insisting claimed claims "
        "claiming suggested suggests stressed stresses stressing admitted admits conceded "
        "concedes maintained maintains noted notes explained explains declared declares "
        "announced announces confirmed confirms acknowledged acknowledges complained complains "
        "predicted predicts agreed agrees pledged pledges promised promises vowed vows revealed "
        "reveals replied replies responded responds wrote writes writing "
        "tweeted tweets posted posts emailed emails joked jokes recalled recalls cautioned "
        "countered counters remarked observed "
        # Bare forms for plural speakers (“Friends of the minister insist …”); not those that
        # are as often nouns (“a post”, “a note”, “a pledge”).
        "insist argue warn claim suggest admit concede maintain explain agree complain "
        "predict stress acknowledge confirm reveal"
    ),
}

VERB_KINDS = {
    form.replace("%", " "): kind for kind, forms in VERB_FORMS.items() for form in forms.split()
}
VERB = re.compile(
    r"(?<![\w\-’'])("
    + "|".join(
        sorted((re.escape(f).replace(r"\ ", r"\s+") for f in VERB_KINDS), key=len, reverse=True)
    )
    + r")(?![\w\-])"
)

# Verbs of writing that are just as often about something else (“posts several times a week”).
POSTING_VERBS = {
    "posts", "posted", "tweets", "tweeted", "writes", "wrote", "emails", "emailed", "writing",
}  # fmt: skip
# Forms that are also the infinitive: “…is starting to acknowledge that a risk exists”.
BARE_FORMS = {
    "say", "tell", "add", "deny", "call for", "urge", "call on", "insist", "argue", "warn",
    "claim", "suggest", "admit", "concede", "maintain", "explain", "agree", "complain",
    "predict", "stress", "acknowledge", "confirm", "reveal",
}  # fmt: skip
# What may sit between a subject and its verb: “Mr Bradley has previously told …”.
AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|also|previously|later|then|once|repeatedly|recently|publicly|"
    r"privately|already|even|since|yesterday|today|tonight|again|would|will|could|may|might|"
    r"is|was|were|are|did|does|do|just|only|still|simply|separately|earlier|not|never|"
    r"goes\s+on\s+to|went\s+on\s+to|going\s+on\s+to|went\s+further\s+and|"
    r"[a-z]+ly))+\s*$"
)
NEGATED = re.compile(
    r"(?:\bnot|n['’]t|\bnever|\bdeclined\s+to|\brefused\s+to|\bwouldn['’]t|\bwon['’]t)\s*$"
)
PASSIVE = re.compile(r"\b(?:is|was|were|are|been|be|being|get|got|gets)\s*$", re.IGNORECASE)
# Words that may stand between “said” and “that” without being what was said.
ADVERBIAL_WORDS = {
    "on", "in", "at", "during", "last", "this", "that", "a", "an", "the", "only", "also",
    "again", "repeatedly", "publicly", "privately", "yesterday", "today", "previously",
    "later", "earlier", "recently", "statement", "interview", "speech", "post", "letter",
    "tweet", "video", "conference", "visit", "to", "of", "week", "month", "year", "morning",
    "afternoon", "evening", "night", "weekend", "briefing", "message", "radio", "television",
    "podcast", "programme", "show", "debate", "chamber", "commons", "parliament", "house",
    "times", "after", "before", "when", "while", "from", "for", "with", "his", "her", "their",
    "its", "written", "social", "media", "email", "emails", "article", "op-ed", "column",
    "meeting", "rally", "event", "walkabout", "trip", "outside",
}  # fmt: skip
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
LOWER_OBJECTS = {
    "mps", "peers", "reporters", "journalists", "broadcasters", "me", "us", "him", "her",
    "them", "colleagues", "parliament", "delegates", "listeners", "viewers", "readers",
    "members", "supporters", "activists", "constituents", "voters", "ministers", "officials",
}  # fmt: skip
THE_OBJECTS = {
    "house", "commons", "lords", "committee", "programme", "conference", "chamber", "audience",
    "inquiry", "paper", "newspaper", "hearing", "panel", "meeting", "rally", "bbc",
}  # fmt: skip
# A reported clause ends where the reporter's own inference begins.
CONTENT_CUT = re.compile(
    r",?\s+(?:indicating|suggesting|signalling|signaling|prompting|amid)\b"
    r"|,\s+(?:in\s+a\s+(?:sign|move)|according\s+to|adding|saying|telling|warning|arguing|"
    r"insisting|describing|urging|claiming)\b"
    r"|,\s+an?\s+(?:point|claim|view|charge|suggestion|position|line|argument|remark|comment|"
    r"accusation|message|warning|sentiment|stance)\b"
    r"|;\s"
    r"|\s+as\s+(?=[a-z]+\s+(?:ends|begins|continues|starts|looms|approaches)\b)"
)
COORDINATED = re.compile(
    r"(?:,\s*)?\b(?:and|but|or)\s+(?:then\s+|also\s+|later\s+)?(?:(he|she|they|it)\s+)?$"
)
