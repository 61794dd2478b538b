from csp.decorators import csp_replace
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from statements.models import Statement
from statements.tallies import position_tally

from .topics import topic_for_request

# The height of the iframe in the code the dashboard offers: enough for the whole chart in a
# column 320 px wide (tests/browser/test_embed.py measures it), the narrowest a phone shows.
EMBED_HEIGHT = 640


# The only page other sites may frame: newsrooms put the chart in their articles. Every other
# page keeps X-Frame-Options DENY and frame-ancestors 'none' from the settings.
@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_chart(request, slug):
    """Where the MPs stand on the topic, sized for an article column on any screen.

    Three queries: the topic, the tally, the newest statement (the chart is dated by it, so a
    reader of an old article can tell how current the evidence is).
    """
    topic = topic_for_request(request, slug)
    commons = position_tally(topic)
    return render(
        request,
        "statements/embed.html",
        {
            "topic": topic,
            "commons": commons,
            "tally": commons.positions,
            "counted_on": timezone.localdate(),
            "newest_statement": Statement.objects.published()
            .for_topic(topic)
            .newest_first()
            .first(),
        },
    )
