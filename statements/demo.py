"""The demo data: every speaker, quote and position in the article this product grew out of.

PoliticsHome, “MPs Face TikTok Ban On Government Devices But Critics Say It's ‘Too Little, Too
Late’”, by Zoe Crowther (a copy is in statements/data/). The capture does not print a publication
date; the piece reports the Sunday Times story of Sunday 12 March 2023 and precedes the ban
announced on 16 March, so it is dated Monday 13 March 2023 here, and quotes it was the first to
report are marked “said by this date”.
"""

import datetime

from .models import DatePrecision, Position, SourceKind

ARTICLE = {
    "outlet": "PoliticsHome",
    "source_url": "https://www.politicshome.com/news/article/uk-set-to-ban-tiktok-government-devices",
    "author": "Zoe Crowther",
    "published_on": datetime.date(2023, 3, 13),
}

TOPIC = {
    "slug": "tiktok-ban",
    "title": "TikTok ban on government devices",
}

# Speakers who are not politicians (house `other`): a campaigner, the government, the company.
# Their statements are public; they are never listed or counted with the politicians.
OTHER_SPEAKERS = [
    {
        "name": "Luke de Pulford",
        "sort_name": "de Pulford, Luke",
        "slug": "luke-de-pulford",
        "role": "Human rights campaigner; coordinator of the Inter-Parliamentary Alliance on China",
    },
    {
        "name": "HM Government",
        "sort_name": "Government, HM",
        "slug": "hm-government",
        "role": "UK Government (Cabinet Office)",
    },
    {
        "name": "TikTok spokesperson",
        "sort_name": "TikTok spokesperson",
        "slug": "tiktok-spokesperson",
        "role": "Speaks for TikTok, the company",
    },
]

# Facts about MPs that the member list does not carry, as the article gives them. The bench is
# not set here: it comes, dated, from the frontbench list (politicians/data/), and the two
# ministers' roles are word for word the ones that list gives them (a test checks it).
MEMBER_DETAILS = {
    152: {"role": "Former Leader of the Conservative Party"},
    4805: {"role": "Chair of the Foreign Affairs Committee"},
    1582: {
        "role": "Secretary of State for Energy Security and Net Zero",
        "has_tiktok_account": True,
    },
    4663: {"has_tiktok_account": True},
    4530: {"role": "Secretary of State for Science, Innovation and Technology"},
}

STANCE_SUMMARIES = {
    "iain-duncan-smith": "Wants the ban extended to ministers' private phones.",
    "alicia-kearns": "Wants TikTok off any phone used for work, and would rather no MP used it.",
    "grant-shapps": "Calls TikTok “immensely valuable” and will not be “chased off” it.",
    "ben-bradley": "Has no security worries about using TikTok as a backbencher.",
    "michelle-donelan": "Says using TikTok should be a “personal choice”.",
    "luke-de-pulford": "Calls the government-devices ban “too little too late”.",
    "hm-government": "Banning TikTok on government devices after a security review.",
    "tiktok-spokesperson": "Would be “disappointed”; calls the fears misplaced.",
}

_REPORTED = DatePrecision.REPORTED
_ARTICLE_DAY = ARTICLE["published_on"]

STATEMENTS = [
    {
        "speaker": {"member_id": 152},
        "words": (
            "They should extend the ban to ministers’ private phones. It’s logical, after all "
            "they use their private phones from their desks."
        ),
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.WANTS_EXTENDED,
        "context": (
            "Told PoliticsHome that a ban on government-issued devices alone would not go "
            "far enough."
        ),
    },
    {
        "speaker": {"member_id": 4805},
        "words": (
            "would welcome with relief a ban on government officials and parliamentary staff "
            "installing TikTok on any mobile phones utilised for work, if not any device"
        ),
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.WANTS_EXTENDED,
        "context": (
            "She suggested she would rather all MPs stopped using the app, even on personal "
            "devices."
        ),
    },
    {
        "speaker": {"member_id": 4805},
        "words": (
            "Personally, I most certainly will not be using the app and giving away my personal "
            "data to a tool which could be the People's Republic of China's Trojan Horse. "
            "Colleagues will need to reflect that no-one is 'not of interest.'"
        ),
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.WANTS_EXTENDED,
        "context": "Told PoliticsHome.",
    },
    {
        "speaker": {"member_id": 4805},
        "words": (
            "As a country for too long we've slept walked into becoming bedfellows with data "
            "exploiting technologies. The government needs to recognise it has a duty to protect "
            "our people from the acquisition of our personal data by hostile states."
        ),
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.WANTS_EXTENDED,
        "context": (
            "She described TikTok as an “indirect arm of the Chinese Community Party” and called "
            "for a “national discussion” about data security."
        ),
    },
    {
        "speaker": {"member_id": 1582},
        "words": (
            "Described TikTok as an “immensely valuable” tool to communicate with the public, and "
            "insisted he will not be “chased off” the platform by its critics."
        ),
        "is_paraphrase": True,
        "source_kind": SourceKind.NEWS_ARTICLE,
        "position": Position.OPPOSES,
        "context": "PoliticsHome's summary of his earlier remarks; the quoted words are his.",
    },
    {
        "speaker": {"member_id": 4663},
        "words": (
            "Certainly as a backbencher I don't feel like I have access to a great deal of "
            "information that will be of interest to the Chinese government. It's not something "
            "that worries me."
        ),
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.OPPOSES,
        "context": (
            "Told PoliticsHome before this article that he had no security concerns about the app."
        ),
    },
    {
        "speaker": {"member_id": 4530},
        "words": (
            "Told Politico that “as a Conservative” she believes it should be a “personal choice” "
            "whether to use TikTok."
        ),
        "is_paraphrase": True,
        "said_on": datetime.date(2023, 2, 1),
        "said_on_precision": DatePrecision.MONTH,
        "source_kind": SourceKind.NEWS_ARTICLE,
        "position": Position.OPPOSES,
        "context": "Said to Politico in February 2023, as reported by PoliticsHome.",
    },
    {
        "speaker": {"slug": "luke-de-pulford"},
        "words": "another example of the UK’s 'too little too late' approach towards Beijing",
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.WANTS_EXTENDED,
        "context": "On the plan to ban TikTok on government devices only.",
    },
    {
        "speaker": {"slug": "luke-de-pulford"},
        "words": (
            "Instead of facing up to these challenges, the UK appears to be doing the bare minimum "
            "yet again. It took us two years to get any movement on TikTok, in spite of the clear "
            "dangers identified in 2020."
        ),
        "source_kind": SourceKind.INTERVIEW,
        "position": Position.WANTS_EXTENDED,
        "context": "Told PoliticsHome.",
    },
    {
        "speaker": {"slug": "hm-government"},
        "words": (
            "The government is set to ban TikTok on government devices after a security review "
            "is believed to have identified data risks associated with the Chinese-owned company."
        ),
        "is_paraphrase": True,
        "source_kind": SourceKind.NEWS_ARTICLE,
        "position": Position.SUPPORTS,
        "context": (
            "PoliticsHome's report, after GCHQ's review as reported by the Sunday Times. The "
            "Cabinet Office declined to comment."
        ),
    },
    {
        "speaker": {"slug": "tiktok-spokesperson"},
        "words": (
            "While we await details of any specific concerns the UK government may have, we would "
            "be disappointed by such a move. Similar decisions elsewhere have been based on "
            "misplaced fears and seemingly driven by wider geopolitics, but we remain committed to "
            "working with the government to address any concerns."
        ),
        "source_kind": SourceKind.PRESS_RELEASE,
        "position": Position.OPPOSES,
        "context": "TikTok's statement to PoliticsHome.",
    },
    {
        "speaker": {"slug": "tiktok-spokesperson"},
        "words": (
            "This is categorically untrue. TikTok is happy to be judged on facts and evidence, "
            "not baseless claims."
        ),
        "source_kind": SourceKind.PRESS_RELEASE,
        "position": Position.OPPOSES,
        "context": (
            "Responding to Alicia Kearns's description of the platform's links with the CCP."
        ),
    },
]

DEFAULT_STATEMENT = {
    "said_on": _ARTICLE_DAY,
    "said_on_precision": _REPORTED,
    "is_paraphrase": False,
    "outlet": ARTICLE["outlet"],
    "source_url": ARTICLE["source_url"],
}
