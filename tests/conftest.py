import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from core import data_version
from statements.models import Topic
from tests.factories import (
    EditorFactory,
    PoliticianFactory,
    ReviewerFactory,
    SuperuserFactory,
    second_factor_device,
)

_force_login = Client.force_login


def _force_login_with_second_factor(self, user, backend=None):
    """Log staff in as having given their second factor, as every admin page requires.

    Tests of the second factor itself log in with Client.login or the login form instead.
    """
    _force_login(self, user, backend)
    if user.is_staff:
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = second_factor_device(user).persistent_id
        session.save()


Client.force_login = _force_login_with_second_factor


def pytest_configure(config):
    """On PostgreSQL, a second database to stand for DATABASE_REPLICA_URL: only the router's
    tests use it (tests/core/test_routers.py), and only they turn replica reads on."""
    from django.conf import settings
    from django.db import connections

    primary = settings.DATABASES["default"]
    if "postgresql" in primary["ENGINE"] and "replica" not in settings.DATABASES:
        settings.DATABASES["replica"] = {
            **primary,
            "NAME": f"{primary['NAME']}_replica",
            "TEST": {},
        }
        # Connection settings are read once; read them again if that already happened.
        connections.__dict__.pop("settings", None)


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


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    # The test client and the live server speak plain HTTP; tests of the HTTPS redirect turn
    # it back on. Session-wide, before the live server starts: its middleware reads the
    # setting once.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Rate limits would stop the suite's many requests from one address; their tests set them.
    settings.WTS_RATE_LIMIT_EXPORTS = ""
    settings.WTS_RATE_LIMIT_SEARCH = ""
    settings.WTS_API_RATE_LIMIT = ""
    # Production's password hashing is slow on purpose; the suite signs in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache_unless_asked(settings):
    """Factories write rows directly, not through the services that bump the public data
    version, so a page or tally kept in the cache would hide what a test just made. Tests of
    the cache itself ask for it with the `page_cache` fixture and change data through services."""
    settings.WTS_PAGE_CACHE_SECONDS = 0
    settings.WTS_FRAGMENT_CACHE_SECONDS = 0
    # Tests fetch many downloads without reading them to the end; tests/core/test_downloads.py
    # tests the cap on downloads at once.
    settings.WTS_DOWNLOADS_PER_CLIENT = 0
    # Kept downloads are keyed by the data version, which each test's rollback takes back: a
    # file kept by one test could be sent to the next. Their tests ask for a folder of their own.
    settings.WTS_KEPT_DOWNLOADS_DIR = ""
    # Every request reads the version: a shared read would make a query count depend on how
    # long the test took between two requests (`page_cache` shares it, for a minute).
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 0
    cache.clear()
    # Each test's rollback takes the version back; the process must not remember a later one.
    data_version.forget()
    yield
    cache.clear()
    data_version.forget()


@pytest.fixture
def page_cache(settings):
    """The server-side cache of rendered public pages and fragments, as production runs it."""
    settings.WTS_PAGE_CACHE_SECONDS = 3600
    settings.WTS_FRAGMENT_CACHE_SECONDS = 3600
    # Production shares a version read for a second; a busy CI machine can take longer than
    # that between two requests, and a query count must not depend on the machine's speed.
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 60
    return cache


@pytest.fixture
def kept_downloads(settings, tmp_path):
    """Whole-list downloads kept as files per data version, in a folder of this test's own."""
    settings.WTS_KEPT_DOWNLOADS_DIR = str(tmp_path / "kept-downloads")
    return tmp_path / "kept-downloads"


@pytest.fixture(autouse=True)
def _api_rate_limit_counts_from_zero():
    # The API's rate limit counts in the cache, which outlives a test: each test starts afresh.
    cache.clear()


@pytest.fixture
def topic(db):
    """The default topic, made by a data migration."""
    return Topic.objects.get(slug="tiktok-ban")


@pytest.fixture
def kearns(db):
    """Alicia Kearns, a sitting MP, for tests of what happens to her statements; a module that
    needs more of her record (party, seat, statements) defines its own."""
    return PoliticianFactory(name="Alicia Kearns", slug="alicia-kearns")


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
