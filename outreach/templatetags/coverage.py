from django import template

from outreach.coverage import coverage_sentence

register = template.Library()


@register.filter
def coverage_in_words(annotated) -> str:
    """“Not yet asked”, “Asked on 14 March 2023, no reply”, “Declined to say on 15 March 2023”:
    for anything annotated by with_coverage() or topics_with_coverage()."""
    return coverage_sentence(annotated.coverage, annotated.coverage_on)
