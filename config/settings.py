"""One settings module, read from the environment.

DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and CACHE_URL are the knobs;
everything else is fixed here so that production, CI and a laptop run the same code.
"""

import datetime
import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A production server must never fall back to a key that is in the source code.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, "
            "or set DJANGO_DEBUG=1 to run locally with a throwaway key."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-when-debug-is-off"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "template_partials",
    "core",
    "public",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "guards",
    "accounts",
    "politicians",
    "statements",
    "sources",
    "outreach",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "guards.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Kept public pages leave here, before sessions and the rest: see core/caching.py.
    "core.caching.KeptPages",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.session_lifetime",
    "accounts.middleware.second_factor_for_staff",
    "guards.middleware.RateLimits",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it answers locked-out logins before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "statements.context_processors.positions",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is the zero-setup way to try the app; a persistent connection buys nothing there.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A read replica for the public pages (core.routers): writes and the admin use the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
WTS_REPLICA_READS = bool(DATABASE_REPLICA_URL)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests see one database through both names, as a replica in sync would show it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# With Redis, sessions are read from it and written through to the database: app servers keep
# no state, so any of them behind the load balancer can answer any request.
if CACHE_URL.startswith(("redis://", "rediss://")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "whereTheyStand", "tiktokban": words an attacker guessing a newsroom's passwords tries first.
    {"NAME": "accounts.passwords.NewsroomWordsValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Five wrong passwords for one username from one address lock that pair out for 15 minutes. The
# lock is on the pair, so nobody can lock a named editor out from elsewhere, and further tries
# during the lockout do not restart it: the cool-off always ends.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The real client, behind as many proxies as WTS_PROXY_HOPS says.
AXES_CLIENT_IP_CALLABLE = "guards.clients.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and `make run` serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = env_flag("WHITENOISE_USE_FINDERS", DEBUG)
if WHITENOISE_USE_FINDERS:
    # Files read in place are looked up on each request: an edited stylesheet shows on reload,
    # and no warning about the missing collectstatic folder when debug is off (`make run`).
    WHITENOISE_AUTOREFRESH = True
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

LOGIN_URL = "admin:login"
# Django's fallback after signing in is /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "admin:index"

# Behind a proxy (a load balancer, a CDN) every request arrives from the proxy's address. The one
# setting WTS_PROXY_HOPS says how many proxies we run in front of the app: 0 (the default) trusts
# no forwarded header at all, so no client can claim another's address or HTTPS; N takes the
# client's address as the Nth entry from the right of X-Forwarded-For (the ones our own proxies
# appended) and trusts X-Forwarded-Proto. Lockouts and rate limits count by that address.
WTS_PROXY_HOPS = int(os.environ.get("WTS_PROXY_HOPS", "0"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if WTS_PROXY_HOPS else None

# Security headers. With debug off the site is HTTPS-only unless the environment says otherwise
# (`make run` does, for plain http on this machine): redirect, HSTS for a year on every
# subdomain, cookies only over HTTPS.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise to browsers that is slow to take back: only on request.
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD")
# Not preloading is that decision, not an oversight: `check --deploy` need not remind us of it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The site uses no camera, microphone, location or payment; nothing embedded may either.
WTS_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
WTS_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Staff sessions: 30 minutes idle (the cookie's age, renewed by each request) and 12 hours in
# all (accounts.middleware.session_lifetime), whatever the activity.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
WTS_SESSION_MAX_SECONDS = 12 * 3600

# Nothing is allowed unless named: scripts, styles, images and fonts from /static/ only, never
# inline (the admin's export page had the one inline handler; it is gone), forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        # Frames of our own origin only: the embed chart (the one page that may be framed)
        # shown by a page of ours, as the embed test does.
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Fair use: at most this many requests per client address ("N/s", "N/min", "N/hour", "N/day";
# empty turns the limit off). Counted in the cache, so every worker shares the count when
# CACHE_URL points at Redis.
WTS_RATE_LIMIT_EXPORTS = os.environ.get("WTS_RATE_LIMIT_EXPORTS", "60/min")
WTS_RATE_LIMIT_SEARCH = os.environ.get("WTS_RATE_LIMIT_SEARCH", "120/min")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Uploads wait for confirmation in the app's own folder, under names no request can choose.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "statements.import_files.PrivateImportStorage"
WTS_IMPORT_UPLOAD_DIR = os.environ.get("WTS_IMPORT_UPLOAD_DIR", "")
# The most one statement import takes: a bigger file is refused before it is parsed.
WTS_IMPORT_MAX_BYTES = int(os.environ.get("WTS_IMPORT_MAX_BYTES", str(5_000_000)))
WTS_IMPORT_MAX_ROWS = int(os.environ.get("WTS_IMPORT_MAX_ROWS", "5000"))
# An admin import of a file with more lines than this runs on the task queue, and the admin
# shows its progress, rather than in the request (1,000 rows once took 41 s and timed out).
WTS_IMPORT_QUEUE_ROWS = int(os.environ.get("WTS_IMPORT_QUEUE_ROWS", "200"))
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Importing adds statements, so it needs the add permission; anyone who may view may export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Where They Stand settings.
WTS_SITE_NAME = "Where They Stand"
# Where readers send corrections. Unset, pages point to the methodology's corrections section
# and `manage.py check --deploy` warns: an invented address must never reach a reader.
WTS_CORRECTIONS_EMAIL = os.environ.get("WTS_CORRECTIONS_EMAIL", "").strip()
WTS_PAGE_SIZE = 50
# How long a CDN may serve a public page before asking again (browsers always ask again).
WTS_SHARED_CACHE_SECONDS = int(os.environ.get("WTS_SHARED_CACHE_SECONDS", "60"))
# After that, how long a CDN may still serve it while it fetches a fresh copy: a crowd arriving
# when a minute runs out never waits on the app.
WTS_STALE_SECONDS = int(os.environ.get("WTS_STALE_SECONDS", "300"))
# How long the app keeps a rendered public page in CACHE_URL. Pages are keyed by the public data
# version, so this only bounds memory: a change of data is shown at once whatever it is. 0: off.
WTS_PAGE_CACHE_SECONDS = int(os.environ.get("WTS_PAGE_CACHE_SECONDS", "3600"))
# How long a process may answer readers without a session from the data version it last read
# (core/data_version.py), instead of asking the database on every request. 0: ask every time.
WTS_DATA_VERSION_MEMO_SECONDS = float(os.environ.get("WTS_DATA_VERSION_MEMO_SECONDS", "1"))
# How long tallies, facet counts and party lists stay in CACHE_URL, keyed by the data version, so
# that a page not in the page cache (a new filter, an htmx fragment) reuses them. 0: off.
WTS_FRAGMENT_CACHE_SECONDS = int(os.environ.get("WTS_FRAGMENT_CACHE_SECONDS", "3600"))
# How many downloads of a list (CSV, JSON) one address may run at once; more answer 429. 0: no cap.
WTS_DOWNLOADS_PER_CLIENT = int(os.environ.get("WTS_DOWNLOADS_PER_CLIENT", "4"))
# Where each app server keeps the whole-list downloads of the current data version
# (core/kept_downloads.py); empty turns keeping off.
WTS_KEPT_DOWNLOADS_DIR = os.environ.get(
    "WTS_KEPT_DOWNLOADS_DIR", str(Path(tempfile.gettempdir()) / "where-they-stand-downloads")
)
# Names the deployed code in ETags and page cache keys, so a deploy that changes templates is
# never answered with a page (or a 304) from the previous one. Set it to the commit id.
WTS_RELEASE = os.environ.get("WTS_RELEASE", "").strip() or "dev"

# The public API, /api/v1/ (api/). How many requests one client (IP address) may make, as
# "N/s", "N/min", "N/hour" or "N/day"; over it the answer is 429 with Retry-After; empty: no limit.
WTS_API_RATE_LIMIT = os.environ.get("WTS_API_RATE_LIMIT", "120/min")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "api.views.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Where They Stand API",
    "DESCRIPTION": (
        "Where UK politicians stand, every position backed by a sourced quote: topics, "
        "politicians with their positions and coverage, published statements with sources, "
        "parties with tallies. Read-only; only published data."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The document is checked by its own test (schemathesis); `check --deploy` must stay quiet.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "ENUM_NAME_OVERRIDES": {
        "PositionEnum": "statements.models.Position",
        "PositionOrNoneEnum": "api.serializers.POSITION_OR_NONE",
    },
}

# Background work (sources: fetching, archiving, link checks) runs on Celery with Redis as the
# broker. Unset, tasks run eagerly in the process that queues them: `make run` and the tests need
# no broker and no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "link-check-all": {
        "task": "sources.tasks.link_check_all",
        "schedule": float(os.environ.get("WTS_LINK_CHECK_EVERY_SECONDS", str(24 * 60 * 60))),
    },
}

# Fetching sources. The fetcher names itself and never follows an address to our own network
# (loopback, private, link-local or reserved) unless this is on: the tests' local server only.
WTS_FETCH_ALLOW_PRIVATE_ADDRESSES = env_flag("WTS_FETCH_ALLOW_PRIVATE_ADDRESSES")
WTS_FETCH_USER_AGENT = os.environ.get(
    "WTS_FETCH_USER_AGENT",
    "WhereTheyStandBot/1.0 (+archiving sources of quoted statements; contact the editors)",
)
WTS_FETCH_CONNECT_TIMEOUT = float(os.environ.get("WTS_FETCH_CONNECT_TIMEOUT", "5"))
WTS_FETCH_READ_TIMEOUT = float(os.environ.get("WTS_FETCH_READ_TIMEOUT", "15"))
WTS_FETCH_MAX_BYTES = int(os.environ.get("WTS_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
WTS_FETCH_MAX_REDIRECTS = 5
# Link checks are spread out: at most this many a minute, so no outlet sees a burst from us.
WTS_LINK_CHECKS_PER_MINUTE = int(os.environ.get("WTS_LINK_CHECKS_PER_MINUTE", "30"))

MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Axes logs every failed login at INFO; keep them, they matter, but without the noise.
        "axes": {"level": "WARNING"},
    },
}
