"""What a politician's share card says: their position on the default topic and the quote it
rests on, or, with no position, whether we asked them. Built from the rows their page shows."""

from django.conf import settings

from core.cards import Card
from outreach.coverage import coverage_sentence
from statements.cards import shortened
from statements.models import NO_POSITION_LABEL


def politician_card(politician, stances, topics_without_position) -> Card | None:
    """The card for the page's lead topic (the default one); None when no topic is held."""
    stance = next((stance for stance in stances if stance.topic.is_default), None)
    asked = next((topic for topic in topics_without_position if topic.is_default), None)
    seat = politician.get_house_display()
    if politician.constituency:
        seat = f"{politician.constituency}, {seat}"
    who = " · ".join(filter(None, [politician.party.name if politician.party else "", seat]))
    footer = settings.WTS_SITE_NAME
    if stance is not None:
        lines = [who, f"{stance.topic.title}: {stance.get_position_display()}"]
        statement = stance.based_on
        if statement is not None and statement.is_published and not stance.is_pinned:
            lines.append(f"“{shortened(statement.words)}”")
        footer = f"As of {stance.as_of_display} · {footer}"
        version = stance.updated_at.isoformat()
    elif asked is not None:
        lines = [
            who,
            f"{asked.title}: {NO_POSITION_LABEL}",
            f"{coverage_sentence(asked.coverage, asked.coverage_on)}.",
        ]
        version = ""
    else:
        return None
    return Card(title=politician.name, lines=tuple(lines), footer=footer, version=version)
