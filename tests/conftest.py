import pytest
from django.core.cache import cache

from statements.models import Topic
from tests.factories import EditorFactory, ReviewerFactory, SuperuserFactory


def pytest_collection_modifyitems(config, items):
    # Browser tests are slow and flush the database; run them after the fast ones.
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    # Production serves hashed files that collectstatic writes; tests read them in place.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _api_rate_limit_counts_from_zero():
    # The API's rate limit counts in the cache, which outlives a test: each test starts afresh.
    cache.clear()


@pytest.fixture
def topic(db):
    """The default topic, made by a data migration."""
    return Topic.objects.get(slug="tiktok-ban")


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def superuser(db):
    return SuperuserFactory()
