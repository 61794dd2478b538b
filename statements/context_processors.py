"""What every page's template may need from the statements domain."""

from .models import NO_POSITION, NO_POSITION_LABEL

# The site's main menu, in order: URL names and what the menu calls them.
MAIN_NAVIGATION = [
    ("statements:home", "Dashboard"),
    ("politicians:list", "Politicians"),
    ("statements:browser", "Statements"),
    ("politicians:party_list", "Parties"),
    ("statements:methodology", "Methodology"),
    ("statements:corrections", "Corrections"),
]


def positions(request):
    """The value and label of “no known position”, so templates never spell them out."""
    return {
        "NO_POSITION": NO_POSITION,
        "NO_POSITION_LABEL": NO_POSITION_LABEL,
        "main_navigation": MAIN_NAVIGATION,
    }
