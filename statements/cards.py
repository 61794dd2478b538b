"""What the dashboard's and a statement's share cards say: built from the rows their pages show."""

from django.conf import settings

from core.cards import Bar, Card

from .models import POSITION_LABELS

# The site's position colours (static/css/site.css), for the tally bar.
POSITION_COLOURS = {
    "wants_extended": "#7a1f5c",
    "supports": "#1f5f8b",
    "mixed": "#7a6200",
    "opposes": "#a63a08",
    "none": "#9a9a9a",
}


def shortened(words: str, limit: int = 180) -> str:
    return words if len(words) <= limit else f"{words[: limit - 1].rstrip()}…"


def topic_card(topic, commons, sentence: str) -> Card:
    """The topic's MPs tally: the dashboard's headline, in a picture."""
    return Card(
        title=topic.title,
        lines=(sentence,),
        bars=tuple(
            Bar(POSITION_LABELS[row.position], row.count, POSITION_COLOURS[row.position])
            for row in commons.positions
        ),
        footer=settings.WTS_SITE_NAME,
    )


def statement_card(statement) -> Card:
    """Who said what, when and where; a retracted statement says it was retracted instead."""
    speaker = statement.politician
    who = speaker.name + (f" ({speaker.party.name})" if speaker.party else "")
    if statement.is_retracted:
        lines = (f"Retracted: {statement.retraction_reason}",)
    else:
        quote = shortened(statement.words)
        lines = (
            quote if statement.is_paraphrase else f"“{quote}”",
            f"{statement.get_position_display()} · {statement.topic.title}",
        )
    return Card(
        title=who,
        lines=lines,
        footer=f"{statement.said_on_display} · {statement.outlet} · {settings.WTS_SITE_NAME}",
        version=statement.updated_at.isoformat() if statement.updated_at else "",
    )
