from django import template

from outreach.coverage import commons_survey, coverage_sentence

register = template.Library()


@register.filter
def coverage_in_words(annotated) -> str:
    """“Not yet asked”, “Asked on 14 March 2023, no reply”, “Declined to say on 15 March 2023”:
    for anything annotated by with_coverage() or topics_with_coverage()."""
    return coverage_sentence(annotated.coverage, annotated.coverage_on)


@register.simple_tag
def survey_of_mps(topic):
    """The MPs' survey on a topic, one aggregate query. A tag rather than a view's context: the
    dashboard's view sits in the statements app, below this one, and may not import it."""
    return commons_survey(topic)
