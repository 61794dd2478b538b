from csp.decorators import csp_replace
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from statements.tallies import position_tally

from .topics import topic_for_request


# The only page other sites may frame: newsrooms put the chart in their articles. Every other
# page keeps X-Frame-Options DENY and frame-ancestors 'none' from the settings.
@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_chart(request, slug):
    """The topic's position tally, sized for an article column. Two queries."""
    topic = topic_for_request(request, slug)
    tally = position_tally(topic)
    return render(
        request,
        "statements/embed.html",
        {"topic": topic, "tally": tally, "sitting_total": tally[0].total if tally else 0},
    )
