"""Staff passwords: at least 12 characters, none built on the site's name or its topics."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "whereTheyStand",
        "tiktokban",
        "TikTokBan2024!",
        "Where-They-Stand-1",
        "short1!",
        "password123456",
    ],
)
def test_guessable_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, UserFactory(username="rita"))


def test_a_long_passphrase_is_accepted():
    validate_password("copper kettle under the stairs", UserFactory(username="rita"))


def test_the_words_may_appear_inside_a_long_enough_passphrase():
    validate_password("my tiktok notes live in a blue folder", UserFactory(username="rita"))
