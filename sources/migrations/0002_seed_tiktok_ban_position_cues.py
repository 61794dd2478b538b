"""The starting lexicon for the TikTok ban: phrases that point to each position, and the words
that show a passage is about TikTok at all. Editors refine both in the admin.

Written from the positions' public descriptions and the way the ban was argued over in March
2023; the extractor uses it until the topic has enough published statements to learn from.
"""

from django.db import migrations

SLUG = "tiktok-ban"

CUES = {
    "wants_extended": [
        "extend the ban",
        "extend it to",
        "extended to",
        "go further",
        "go much further",
        "not go far enough",
        "not go nearly far enough",
        "does not go far enough",
        "doesn't go far enough",
        "not nearly far enough",
        "too little, too late",
        "too little too late",
        "bare minimum",
        "only a start",
        "a first step",
        "first step",
        "personal phones",
        "personal phone",
        "private phones",
        "private phone",
        "personal devices",
        "every device",
        "any device",
        "all devices",
        "every phone",
        "outright ban",
        "ban it altogether",
        "ban it completely",
        "nationwide ban",
        "delete the app",
        "should be banned",
        "trojan horse",
        "back door",
        "loophole",
        "should be extended",
        "extending the ban",
        "extend it",
        "further than",
        "not enough",
        "nowhere near far enough",
        "the least we should",
        "should cover",
        "used for work",
        "used for government work",
        "used for government business",
        "any phone",
        "all phones",
        "whoever paid for it",
        "private device",
        "personal device",
        "stop using it",
        "stop using the app",
        "should delete",
        "get rid of it",
        "no place on",
        "off every",
    ],
    "supports": [
        "right decision",
        "right call",
        "the right thing to do",
        "sensible",
        "prudent",
        "proportionate",
        "precaution",
        "precautionary",
        "welcome the decision",
        "welcome the ban",
        "welcomed the ban",
        "support the ban",
        "supported the decision",
        "back the ban",
        "backed the ban",
        "backing the ban",
        "government devices only",
        "only government devices",
        "no plans to extend",
        "on the advice of",
        "keep our country safe",
        "security review",
        "right move",
        "right step",
        "right approach",
        "common sense",
        "welcome step",
        "welcome move",
        "fully support",
        "i support",
        "we support",
        "necessary step",
        "justified",
        "the advice of the security services",
        "security services advise",
        "based on the evidence",
        "on the basis of the evidence",
        "off my work phone",
        "from my work phone",
        "government phone",
        "official devices",
        "only applies to",
        "applies only to",
    ],
    "mixed": [
        "on the one hand",
        "on the other hand",
        "not sure",
        "undecided",
        "open mind",
        "reserve judgement",
        "wait and see",
        "in two minds",
        "mixed feelings",
        "both sides of the argument",
    ],
    "opposes": [
        "personal choice",
        "matter of personal choice",
        "own decisions",
        "their own minds",
        "a matter for each",
        "overreaction",
        "over the top",
        "gesture politics",
        "misplaced fears",
        "misconceptions",
        "baseless",
        "no evidence",
        "scaremongering",
        "knee-jerk",
        "heavy-handed",
        "not something that worries me",
        "doesn't worry me",
        "no security concerns",
        # Said as a refusal, so the negation belongs to the cue.
        "not be chased off",
        "won't be chased off",
        "immensely valuable",
        "keep using",
        "carry on using",
        "disappointed",
        "categorically untrue",
        "wider geopolitics",
        "grown up",
        "grown-up",
        "adults",
        "decide for themselves",
        "make up their own minds",
        "freedom to choose",
        "nanny state",
        "virtue signalling",
        "symbolic",
        "pointless",
        "counterproductive",
        "young people",
        "younger voters",
        "reach people",
        "no intention of",
        "will keep",
        "not deleting",
        "won't be deleting",
        "not worried",
        "no concerns",
        "overstated",
        "exaggerated",
        "moral panic",
        "hysteria",
        "paranoia",
    ],
}

TERMS = ["TikTok", "ByteDance", "Douyin"]


def seed_cues(apps, schema_editor):
    Topic = apps.get_model("statements", "Topic")
    PositionCue = apps.get_model("sources", "PositionCue")
    TopicTerm = apps.get_model("sources", "TopicTerm")
    topic = Topic.objects.filter(slug=SLUG).first()
    if topic is None:
        return
    for position, phrases in CUES.items():
        for phrase in phrases:
            PositionCue.objects.get_or_create(
                topic=topic, phrase=phrase, defaults={"position": position}
            )
    for phrase in TERMS:
        TopicTerm.objects.get_or_create(topic=topic, phrase=phrase)


def remove_cues(apps, schema_editor):
    PositionCue = apps.get_model("sources", "PositionCue")
    TopicTerm = apps.get_model("sources", "TopicTerm")
    phrases = [phrase for group in CUES.values() for phrase in group]
    PositionCue.objects.filter(topic__slug=SLUG, phrase__in=phrases).delete()
    TopicTerm.objects.filter(topic__slug=SLUG, phrase__in=TERMS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
        ("statements", "0002_create_default_topic"),
    ]

    operations = [migrations.RunPython(seed_cues, remove_cues)]
