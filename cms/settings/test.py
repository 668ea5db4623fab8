"""Test settings: fast hashing, local memory cache, tasks run at once."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "cms.private_files.PrivateStorage",
        "OPTIONS": {"location": str(BASE_DIR / ".test-media" / "private")},  # noqa: F405
    },
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LANGUAGE_CODE = "en"
CREDENTIAL_KEY_FILE = BASE_DIR / ".test-media" / "keys" / "issuer-key.pem"  # noqa: F405
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "certificates": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
