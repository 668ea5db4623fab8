"""Settings shared by every environment. Values a deployer changes come from env.py."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, mailers_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-only-for-one-machine-development")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "cms.security",
    "courses",
    "learners",
    "assessments",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's database search backend declares GIN indexes on PostgreSQL; harmless on
    # SQLite, and without it `check` stops with postgres.E005.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After the CSP middleware, so its answer on the way out (the admin's policy, the
    # Permissions-Policy) is in place before the CSP header is written.
    "cms.security.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The person's language (cms/languages.py) needs the person: authentication (lazy,
    # no query until asked) comes before the language, which comes before anything that
    # resolves an address (the page addresses carry a language prefix).
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.language_middleware.PersonLocaleMiddleware",
    # NUL in an address or a form value: a 400 before any view or query (PostgreSQL
    # refuses NUL in text), and before Wagtail's redirect lookup below.
    "cms.security.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.security.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.security.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the view into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Site-wide templates, then each learners room's own (learners/<room>/templates).
        "DIRS": [BASE_DIR / "templates", *sorted(BASE_DIR.glob("learners/*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.csp",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.navigation",
            ],
        },
    },
]

# SQLite file beside the code unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether every process that serves the site sees the same cache: Redis, or one process
# (runserver, the tests). Production says False without Redis (cms/settings/production.py).
SHARED_CACHE = True

# Passwords are hashed with Argon2id, as Django's documentation recommends: memory-hard,
# and here about 170 ms of one core per sign-in against PBKDF2's 260 ms (1,500,000
# iterations). The other hashers stay to check older hashes, which Django rewrites with
# Argon2 at the person's next sign-in. (A rewrite changes the stored hash, so it ends the
# person's other sessions, once.) The test and bench settings use a fast hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "learners:dashboard"  # each role's home
LOGOUT_REDIRECT_URL = "home"

# --- Sign-in: throttling (django-axes), second factor (django-otp), sessions -----------
# django-axes counts failed passwords per account and per address; after
# LOGIN_FAILURE_LIMIT failures either is paused for LOGIN_COOLOFF_MINUTES (never locked
# for good). Its backend goes first, so a paused account is refused before the password
# is even checked.
AUTHENTICATION_BACKENDS = [
    "cms.security.throttling.ThrottleBackend",
    "cms.security.backends.RoleAwareModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The pause runs from the lockout; trying again meanwhile does not make it longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "cms.security.throttling.lockout_response"
# The address a login came from: REMOTE_ADDR, unless the proxy in front of us is named
# (LOGIN_CLIENT_IP_HEADER, e.g. HTTP_X_FORWARDED_FOR with one trusted proxy).
AXES_CLIENT_IP_CALLABLE = "cms.security.throttling.client_ip_address"
LOGIN_CLIENT_IP_HEADER = env_str("LOGIN_CLIENT_IP_HEADER")
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Supervisors, programme leads and administrators sign in with a second factor (TOTP).
OTP_TOTP_ISSUER = "Praksis"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
RECOVERY_CODE_COUNT = 10

# Idle sessions end after SESSION_IDLE_TIMEOUT seconds; every session ends
# SESSION_MAX_AGE seconds after sign-in, however busy.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE", 10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

EMBED_ORIGINS = [
    "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com",
]  # fmt: skip

# --- Headers: Content-Security-Policy (Django's own) and Permissions-Policy ------------
# Our pages run only our own scripts, each carrying the response's nonce; no inline
# script, no eval. The Wagtail admin gets ADMIN_CSP (cms/security/middleware.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    # Video blocks embed players from these origins (CSP_FRAME_SOURCES).
    "frame-src": env_list("CSP_FRAME_SOURCES", EMBED_ORIGINS),
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin renders inline scripts and styles of its own (panels, date pickers)
# without a nonce and previews pages in a frame of its own: it gets 'unsafe-inline' for
# those and may frame itself, and nothing more than our pages otherwise.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF, *SECURE_CSP["frame-src"]],
    "frame-ancestors": [CSP.SELF],
}
# A page preview is one of our pages (same nonce rule) that the admin's editor frames.
PREVIEW_CSP = {**SECURE_CSP, "frame-ancestors": [CSP.SELF]}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "geolocation", "gyroscope", "hid", "magnetometer", "microphone",
        "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}  # fmt: skip
# Embedded video players may go full screen; nothing else may.
PERMISSIONS_POLICY["fullscreen"] = ["self", *(f'"{origin}"' for origin in SECURE_CSP["frame-src"])]

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "nb")
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The Wagtail admin speaks our four languages (Danish too: Wagtail leaves it out of its
# default list for incomplete coverage, and a Danish person then got the admin in nb).
# A person's language is Wagtail's UserProfile.preferred_language (cms/languages.py).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = env_str("TIME_ZONE", "Europe/Oslo")
USE_I18N = True
# English dates day-first (cms/locale_formats/en/formats.py); nb, da and de keep Django's.
FORMAT_MODULE_PATH = ["cms.locale_formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
# Our own assets, and the front-end packages `make setup` installs from package-lock.json
# (served under vendor/, never copied into the repository; cms/frontend.py checks them).
STATICFILES_DIRS = [
    BASE_DIR / "cms" / "assets",
    ("vendor/designsystemet", BASE_DIR / "node_modules/@digdir/designsystemet-css/dist"),
    ("vendor/inter", BASE_DIR / "node_modules/@fontsource-variable/inter"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Never served by URL; see cms/private_files.py.
    "private": {
        "BACKEND": "cms.private_files.PrivateStorage",
        "OPTIONS": {"location": env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private"))},
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)  # cms/uploads.py

MAILERS = mailers_from_env(default_backend="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "praksis@localhost")

# Background work. Wagtail's own tasks run in-process ("default"); certificate exports go
# to "certificates": the database queue in production (`manage.py db_worker`), at once
# on one machine unless CERTIFICATE_TASKS=database.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "certificates": {"BACKEND": TASK_BACKENDS[env_str("CERTIFICATE_TASKS", "immediate")]},
}

# The issuer's keys. CREDENTIAL_SIGNING_KEY (or _FILE) is an Ed25519 private key in PEM:
# it signs the embedded Data Integrity proofs (eddsa-rdfc-2022, did:web).
# CREDENTIAL_JWT_SIGNING_KEY (or _FILE) is a P-256 private key in PEM: it signs the
# VC-JWTs (ES256). CREDENTIAL_RETIRED_KEYS (or _FILE) holds the PEM public keys of keys
# no longer used, still published so credentials they signed keep verifying. Without
# the private keys, development creates the key files on first use; production refuses
# to sign.
CREDENTIAL_SIGNING_KEY = env_str("CREDENTIAL_SIGNING_KEY")
CREDENTIAL_KEY_FILE = Path(env_str("CREDENTIAL_KEY_FILE", str(BASE_DIR / "var" / "issuer-key.pem")))
CREDENTIAL_JWT_SIGNING_KEY = env_str("CREDENTIAL_JWT_SIGNING_KEY")
CREDENTIAL_JWT_KEY_FILE = Path(
    env_str("CREDENTIAL_JWT_KEY_FILE", str(BASE_DIR / "var" / "issuer-es256-key.pem"))
)
CREDENTIAL_RETIRED_KEYS = env_str("CREDENTIAL_RETIRED_KEYS")
CREDENTIAL_KEY_GENERATE = True
# Public verification: requests per minute per IP address.
VERIFY_RATE_LIMIT = env_int("VERIFY_RATE_LIMIT", 30)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Praksis"
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
# One sign-in for the site and the admin, with the second factor; the admin asks no
# outside service (update check, Gravatar) about our users.
WAGTAILADMIN_LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "login"
# Four eyes: an approved review publishes, even when the approver is a lead (cms.review).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.review_publish.publish_approved"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Content translation with Wagtail's own localisation (README, Content translation): one
# page tree per locale, a translation shares its source's translation_key.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        app: {"level": env_str("APP_LOG_LEVEL", "INFO")}
        for app in ("cms", "courses", "learners", "assessments")
    },
}
