"""`make bench`: production-like serving (DEBUG off, cached templates) on a database of its
own, with the benchmark's floor page installed. SQLite in build/ unless DATABASE_URL names
another database."""

import os

from .env import env_str

BENCH_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "build")
os.makedirs(BENCH_DIR, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{os.path.abspath(BENCH_DIR)}/bench.sqlite3")

from .base import *  # noqa: E402, F403

SECRET_KEY = env_str("SECRET_KEY", "bench-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = BASE_DIR / "build" / "bench-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        **STORAGES["private"],  # noqa: F405
        "OPTIONS": {"location": str(BASE_DIR / "build" / "bench-private")},  # noqa: F405
    },
}
CREDENTIAL_KEY_FILE = BASE_DIR / "build" / "bench-media" / "keys" / "issuer-key.pem"  # noqa: F405
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "certificates": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
# The dataset is generated with bulk inserts and one shared password hash.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
VERIFY_RATE_LIMIT = 10**9  # the bench asks the verify page hundreds of times a minute
