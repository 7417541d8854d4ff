"""Django settings for Vejviser.

Everything machine-specific comes from the environment (see docs/configuration.md).
The defaults are the embedded mode: SQLite in ``var/`` in WAL mode, content and demo
loaded by ``vejviser serve``. ``VEJVISER_PRODUCTION=1`` turns on the production checks:
it refuses to start without a real ``SECRET_KEY``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from vejviser.accounts.core.signin import form_action
from vejviser.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VEJVISER_VAR_DIR", str(BASE_DIR / "var")))
CONTENT_DIR = Path(env_str("VEJVISER_CONTENT_DIR", str(BASE_DIR / "content")))

PRODUCTION = env_bool("VEJVISER_PRODUCTION")
DEV_SECRET_KEY = "vejviser-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a secret value when VEJVISER_PRODUCTION=1."
    )

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "ninja",  # serves Swagger UI from its own static files (no CDN) at /api/v1/docs
    "vejviser.lib",
    "vejviser.accounts",
    "vejviser.journey",
    "vejviser.projects",
    "vejviser.assessments",
    "vejviser.evidence",
    "vejviser.value",
    "vejviser.market",
    "vejviser.monitoring",
    "vejviser.documents",
    "vejviser.portfolio",
    "vejviser.sharing",
    "vejviser.assistant",
    "django_tasks",  # Django's task API (backport), see docs/operations.md "Background jobs"
    "django_tasks_db",  # its database-backed queue, run by `vejviser worker`
    "vejviser.jobs",
]

MIDDLEWARE = [
    "vejviser.lib.logs.RequestIdMiddleware",
    "vejviser.ops.middleware.DatabaseUnavailableMiddleware",  # 503 while the database is away
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vejviser.urls"
WSGI_APPLICATION = "vejviser.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vejviser" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["vejviser.lib.templatetags.vejviser"],
        },
    }
]

# --- Database -------------------------------------------------------------------------
# SQLite (WAL, immediate transactions so concurrent writers wait instead of failing) by
# default; PostgreSQL when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Health checks: a connection kept between requests is tested before it is reused, so
    # the app carries on by itself after PostgreSQL restarts (docs/operations.md, faults).
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "vejviser.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background jobs --------------------------------------------------------------------
# Django's task API (django-tasks backport) with its database queue: `vejviser worker`
# runs the jobs. VEJVISER_TASKS=immediate runs every job inside the request instead (no
# worker needed; the tests use it). Below the thresholds a job runs in the request as
# before; above them it goes to the worker (see docs/operations.md, "Background jobs").
VEJVISER_TASKS = env_str("VEJVISER_TASKS", "database")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if VEJVISER_TASKS == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
VEJVISER_JOB_ROWS = env_int("VEJVISER_JOB_ROWS", 200_000)  # validation files with more rows
VEJVISER_JOB_ITERATIONS = env_int("VEJVISER_JOB_ITERATIONS", 100_000)  # larger simulations
VEJVISER_JOB_LEASE_SECONDS = env_int("VEJVISER_JOB_LEASE_SECONDS", 60)  # no heartbeat: stale
VEJVISER_JOB_FILES_DIR = Path(env_str("VEJVISER_JOB_FILES_DIR", str(VAR_DIR / "job-files")))
# --- Shared state: never in one process -----------------------------------------------
# Several server processes (`vejviser serve --workers N`) and the worker behave as one:
# sessions, the cache and login throttling live in the database, never in a process's
# memory. The cache table is created after every `migrate` (vejviser.lib.apps).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHE_TABLE = "vejviser_cache"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# --- Authentication -------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "vejviser.accounts.backends.PasswordBackend",  # Django's, unless local login is off
    "vejviser.accounts.oidc.OidcBackend",  # hospital sign-in; idle unless configured
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Hospital sign-in (OpenID Connect, mozilla-django-oidc; vejviser/accounts/oidc.py). On
# when issuer, client id and secret are set; endpoints come from the discovery document.
# See docs/configuration.md and docs/operations.md (registering in Entra ID / ADFS).
VEJVISER_OIDC_ISSUER = env_str("VEJVISER_OIDC_ISSUER")
VEJVISER_OIDC_DISCOVERY_URL = env_str("VEJVISER_OIDC_DISCOVERY_URL")  # default: issuer's
VEJVISER_OIDC_GROUPS_CLAIM = env_str("VEJVISER_OIDC_GROUPS_CLAIM", "groups")
VEJVISER_OIDC_PROVIDER_NAME = env_str("VEJVISER_OIDC_PROVIDER_NAME")  # on the login button
OIDC_RP_CLIENT_ID = env_str("VEJVISER_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("VEJVISER_OIDC_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env_str("VEJVISER_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("VEJVISER_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for logging out at the provider
OIDC_TIMEOUT = env_int("VEJVISER_OIDC_TIMEOUT", 10)
_OIDC_PARTS = [VEJVISER_OIDC_ISSUER, OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET]
if any(_OIDC_PARTS) and not all(_OIDC_PARTS):
    raise ImproperlyConfigured(
        "OpenID Connect needs all of VEJVISER_OIDC_ISSUER, VEJVISER_OIDC_CLIENT_ID and "
        "VEJVISER_OIDC_CLIENT_SECRET (or none of them)."
    )
# Local usernames and passwords (embedded mode, the demo, the operators). With OpenID
# Connect configured, VEJVISER_LOCAL_LOGIN=0 switches them off, admin login included.
VEJVISER_LOCAL_LOGIN = env_bool("VEJVISER_LOCAL_LOGIN", default=True)
if not VEJVISER_LOCAL_LOGIN and not all(_OIDC_PARTS):
    raise ImproperlyConfigured(
        "VEJVISER_LOCAL_LOGIN=0 needs OpenID Connect configured: nobody could sign in."
    )

# Failed logins: lock the username+IP pair out for a while after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every process

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "vejviser" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
# collectstatic target for production (whitenoise serves from the app folders otherwise)
STATIC_ROOT = env_str("STATIC_ROOT") or None
STATICFILES_DIRS = [BASE_DIR / "vejviser" / "static"]
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Uploads ---------------------------------------------------------------------------
# Checked before a file is parsed (vejviser/kernel/uploads.py); see docs/configuration.md.
VEJVISER_UPLOAD_MAX_BYTES = env_int("VEJVISER_UPLOAD_MAX_MB", 100) * 1_000_000
VEJVISER_UPLOAD_MAX_ROWS = env_int("VEJVISER_UPLOAD_MAX_ROWS", 2_000_000)
VEJVISER_UPLOAD_MAX_UNPACKED_BYTES = env_int("VEJVISER_UPLOAD_MAX_UNPACKED_MB", 500) * 1_000_000
VEJVISER_UPLOAD_MAX_RATIO = float(env_int("VEJVISER_UPLOAD_MAX_RATIO", 100))
# Django keeps uploads up to this size in memory and streams larger ones to a temporary
# file; form fields other than files are limited to DATA_UPLOAD_MAX_MEMORY_SIZE.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Sharing between installations (vejviser/sharing; see docs/sharing.md) --------------
# The installation's Ed25519 signing key (made on first use, mode 0600) and the name it
# signs bundles with.
VEJVISER_SHARING_KEY_FILE = env_str("VEJVISER_SHARING_KEY_FILE", "")
VEJVISER_INSTALLATION_NAME = env_str("VEJVISER_INSTALLATION_NAME", "Vejviser")
# --- API rate limits -----------------------------------------------------------------------
# Per user, counted in the database (all processes together); over the limit: 429 with
# Retry-After. "N/unit", unit sec, min, hour or day. See docs/api.md.
VEJVISER_RATES = {
    "assistant": env_str("VEJVISER_RATE_ASSISTANT", "30/min"),
    "upload": env_str("VEJVISER_RATE_UPLOAD", "20/hour"),
}

# --- Security ---------------------------------------------------------------------------
# See docs/operations.md (headers). Production mode: secure cookies, HSTS, HTTPS redirect
# (turn the redirect off with VEJVISER_SSL_REDIRECT=0 when the TLS-terminating proxy
# redirects itself), and X-Forwarded-Proto from the proxy is trusted.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("VEJVISER_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp) on every response: scripts only from our own
# static files (no inline script, no eval); inline style attributes are allowed, since
# htmx and the server-rendered SVG plots use them; no framing; forms post to us only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if VEJVISER_OIDC_ISSUER:  # logout redirects to the identity provider (vejviser/accounts/oidc.py)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = form_action(
        [SELF], VEJVISER_OIDC_ISSUER, VEJVISER_OIDC_DISCOVERY_URL
    )

# --- Logs -------------------------------------------------------------------------------
# VEJVISER_LOG_JSON=1: one JSON object per line on stderr, each with the request id, and
# one line per request (logger vejviser.request). See docs/operations.md.
LOG_JSON = env_bool("VEJVISER_LOG_JSON", default=False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vejviser.lib.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "vejviser.lib.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_JSON else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # the request lines are INFO: shown with JSON logs (for the log collector)
        "vejviser.request": {"level": "INFO" if LOG_JSON else "WARNING"},
        # Django's own 4xx lines duplicate ours
        "django.request": {"level": "ERROR" if LOG_JSON else "WARNING"},
    },
}
