"""`{% tally_sentence tally %}`: a tally in words, written once for every page that says it."""

from django import template

from statements.tallies import HouseTally
from statements.tallies import tally_sentence as sentence

register = template.Library()


@register.simple_tag
def tally_sentence(tally: HouseTally, party_name: str = "") -> str:
    """“Of the 650 MPs, 2 want the ban extended … and 644 have no known position.”"""
    return sentence(tally, party_name)
