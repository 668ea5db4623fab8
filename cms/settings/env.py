"""Small typed readers for configuration from environment variables.

Every setting a deployer may change is read through these, so the README's list of
variables and the code agree. Secrets may also come from a file named by ``NAME_FILE``
(Docker and systemd credentials).
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return ``$NAME``, else the contents of the file ``$NAME_FILE``, else ``default``."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    return default


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no flag; anything but the usual words is a configuration error."""
    raw = env_str(name, "1" if default else "0").strip().lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    raw = env_str(name, ",".join(default or []))
    return [item.strip() for item in raw.split(",") if item.strip()]


def mailers_from_env(*, default_backend: str) -> dict:
    """Django 6.1's MAILERS from EMAIL_BACKEND and, for SMTP only, the EMAIL_* options."""
    backend = env_str("EMAIL_BACKEND", default_backend)
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}
