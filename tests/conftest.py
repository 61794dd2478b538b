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


@pytest.fixture
def media_root(settings, tmp_path):
    """Archived copies go to a folder of the test's own, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def article_server(settings, media_root):
    """A local web server serving articles written for the tests; the fetcher may reach it
    because the tests, and only they, allow local addresses."""
    from tests.article_server import ArticleServer

    settings.WTS_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with ArticleServer() as server:
        yield server
