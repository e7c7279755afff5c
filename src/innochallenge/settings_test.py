"""Settings for the test suite: the real ones, with an immediate task backend and a fast hasher."""

from innochallenge.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests serve static files straight from the apps (no collectstatic step, no missing-folder warning).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Vectors take ~0.3 s a document: the tests that are about them turn them on.
MATCHING_DENSE = False
# django-axes needs the request in every authenticate() call, which the test client's login() does not
# pass; tests/security/test_login_and_headers.py turns throttling on for the tests that are about it.
AXES_ENABLED = False
# The suite signs staff in with force_login and the password form; the two-factor tests turn the roles on
# (tests/accounts/test_two_factor*.py).
TWO_FACTOR_ROLES: list[str] = []
# Thousands of requests from one address: no throttling and no CAPTCHA unless a test turns them on
# (tests/accounts/test_throttling_*.py).
THROTTLE_ENABLED = False
REGISTRATION_CAPTCHA_AFTER = 1_000_000
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "test"}}
