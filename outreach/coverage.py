"""Coverage: whether a politician was asked about a topic, and what came of it.

One rule, written once as expressions over a politician and a topic reference, so that a list of
politicians on one topic and one politician across every topic read it alike, each in one query.

- `replied`: a published statement of theirs on the topic, or a reply whose statement a reviewer
  has published (a reply still awaiting review is not public yet: until then they count as asked);
- `declined`: they declined to comment, and have said nothing on the record;
- `no_reply`: asked, and no answer or only a holding reply;
- `not_asked`: we never asked and hold nothing.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, DateField, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from politicians.models import House, Politician
from statements.models import Statement, published_q

from .models import Coverage, Outcome, Outreach

COVERAGE_VALUES = Coverage.values
COVERAGE_LABELS = dict(Coverage.choices)


def _outreach(politician, topic):
    return Outreach.objects.filter(politician=politician, topic=topic).order_by()


def coverage_expressions(politician, topic) -> dict:
    """The `coverage`, `coverage_on` and `was_asked` annotations for a politician and a topic,
    each given as a value or an OuterRef."""
    asked = _outreach(politician, topic)
    declined = asked.filter(outcome=Outcome.DECLINED)
    replied = asked.filter(Q(outcome=Outcome.REPLIED) & published_q("statement__"))
    on_record = Statement.objects.published().filter(politician=politician, topic=topic).order_by()
    coverage = Case(
        When(Q(Exists(on_record)) | Q(Exists(replied)), then=Value(Coverage.REPLIED.value)),
        When(Exists(declined), then=Value(Coverage.DECLINED.value)),
        When(Exists(asked), then=Value(Coverage.NO_REPLY.value)),
        default=Value(Coverage.NOT_ASKED.value),
    )
    # The date a page gives: when they declined (or were asked, if the refusal is undated),
    # else when we last asked.
    declined_on = (
        declined.annotate(answered_on=Coalesce("outcome_on", "asked_on"))
        .order_by("-answered_on")
        .values("answered_on")[:1]
    )
    last_asked_on = asked.order_by("-asked_on").values("asked_on")[:1]
    coverage_on = Case(
        When(
            Q(Exists(declined)) & ~Q(Exists(on_record)) & ~Q(Exists(replied)),
            then=Subquery(declined_on),
        ),
        When(Exists(asked), then=Subquery(last_asked_on)),
        default=None,
        output_field=DateField(),
    )
    return {"coverage": coverage, "coverage_on": coverage_on, "was_asked": Exists(asked)}


def with_coverage(politicians, topic):
    """Annotate each politician with `coverage` (one of the four values), `coverage_on` (the date
    a page gives with it) and `was_asked`, on the topic: subqueries in the same query."""
    return politicians.annotate(**coverage_expressions(OuterRef("pk"), topic))


def topics_with_coverage(topics, politician):
    """Annotate each topic with the politician's coverage on it, in the same query."""
    return topics.annotate(**coverage_expressions(politician, OuterRef("pk")))


def coverage_sentence(coverage: str, coverage_on) -> str:
    """How a page says it where there is no position."""
    day = f"{coverage_on.day} {coverage_on:%B %Y}" if coverage_on else ""
    if coverage == Coverage.DECLINED:
        return f"Declined to say on {day}" if day else "Declined to say"
    if coverage == Coverage.NO_REPLY:
        return f"Asked on {day}, no reply" if day else "Asked, no reply"
    if coverage == Coverage.REPLIED:
        return "Replied"
    return "Not yet asked"


@dataclass(frozen=True)
class Survey:
    """How a topic's survey of the MPs stands: asked, and of those, who replied or declined."""

    total: int
    asked: int
    replied: int
    declined: int
    no_reply: int

    @property
    def sentence(self) -> str:
        """“We asked 412 of 650 MPs; 96 replied, 41 declined, 275 have not replied.”"""
        if not self.asked:
            return f"We have not yet asked any of the {self.total:,} MPs."
        parts = [
            f"{self.replied:,} replied",
            f"{self.declined:,} declined",
            f"{self.no_reply:,} {'has' if self.no_reply == 1 else 'have'} not replied",
        ]
        return f"We asked {self.asked:,} of {self.total:,} MPs; {', '.join(parts)}."


def commons_survey(topic) -> Survey:
    """The survey of the sitting MPs on a topic, in one aggregate query.

    Only people we asked are counted as replied or declined here: an MP quoted on the record
    without being asked is covered, but was not part of the survey.
    """
    mps = Politician.objects.counted().filter(house=House.COMMONS).order_by()
    asked = Q(was_asked=True)
    counts = with_coverage(mps, topic).aggregate(
        total=Count("pk"),
        asked=Count("pk", filter=asked),
        replied=Count("pk", filter=asked & Q(coverage=Coverage.REPLIED)),
        declined=Count("pk", filter=asked & Q(coverage=Coverage.DECLINED)),
        no_reply=Count("pk", filter=asked & Q(coverage=Coverage.NO_REPLY)),
    )
    return Survey(**counts)


def still_to_ask(topic):
    """Whom a mail merge writes to on a topic: sitting members of a House we never asked, or
    asked without an answer yet (to chase). One query, in list order."""
    return (
        with_coverage(Politician.objects.counted(), topic)
        .filter(coverage__in=[Coverage.NOT_ASKED, Coverage.NO_REPLY])
        .select_related("party")
        .order_by("house", "sort_name", "name")
    )
