"""Production: many machines behind TLS. Refuses to start without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str, mailers_from_env

DEBUG = False
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters) for production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Cookies only over HTTPS. `make serve` on loopback speaks plain HTTP and turns this off
# (SECURE_COOKIES=false), as it turns off SECURE_SSL_REDIRECT; behind TLS leave both on.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
X_FRAME_OPTIONS = "DENY"
# Persistent connections: a new database connection per request cost the load test more
# than half its p95 (790 ms with 0, 290 ms with 60). Health checks drop a connection the
# server closed instead of failing the request that finds it.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Static files from the app itself (WhiteNoise, right after SecurityMiddleware as its
# documentation asks): hashed names from `collectstatic`, compressed copies, cached for a
# year. No separate file server is needed on any app server.
MIDDLEWARE = [  # noqa: F405
    *MIDDLEWARE[:1],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
MAILERS = mailers_from_env(default_backend="django.core.mail.backends.smtp.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if REDIS_URL:  # noqa: F405
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# Several app processes each keep their own local-memory cache, so without Redis a
# security answer must not come from the cache (cms.routing.any_view_restriction).
SHARED_CACHE = bool(REDIS_URL)  # noqa: F405

TASKS["certificates"]["BACKEND"] = TASK_BACKENDS[env_str("CERTIFICATE_TASKS", "database")]  # noqa: F405
CREDENTIAL_KEY_GENERATE = False
