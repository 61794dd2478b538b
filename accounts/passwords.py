"""Password rules beyond Django's: no newsroom words an attacker would try first."""

import re

from django.core.exceptions import ValidationError

# The site's name and what it tracks, in the forms people squash them into passwords.
NEWSROOM_WORDS = ("wheretheystand", "theystand", "tiktokban", "tiktok", "bytedance", "newsroom")


def _squashed(text: str) -> str:
    # "Where-They-Stand!" and "t1kt0k" are the same guess: drop separators, undo common swaps.
    text = text.lower().translate(str.maketrans("013457@$", "oleastas"))
    return re.sub(r"[^a-z]", "", text)


class NewsroomWordsValidator:
    """Refuse passwords built on the site's name or its topics ("whereTheyStand", "tiktokban")."""

    def validate(self, password, user=None):
        squashed = _squashed(password)
        for word in NEWSROOM_WORDS:
            if word in squashed and len(squashed) - len(word) < 12:
                raise ValidationError(
                    "This password is built on the site's name or a topic it tracks; those are "
                    "the first words anyone guessing would try.",
                    code="password_newsroom_word",
                )

    def get_help_text(self):
        return "Your password can't be built on the site's name or the topics it tracks."
