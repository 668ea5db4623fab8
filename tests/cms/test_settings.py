"""Configuration: environment readers, and production settings that pass check --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests' process (Playwright's loop);
    # a deployment never has it, and check --deploy rightly refuses it.
    unset = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "praksis.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_with_the_development_secret_key(tmp_path):
    env = production_env(tmp_path)
    env["SECRET_KEY"] = "insecure-only-for-one-machine-development"
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_secrets_can_come_from_a_file(tmp_path, monkeypatch):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file\n")
    monkeypatch.delenv("EMAIL_HOST_PASSWORD", raising=False)
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", str(secret_file))
    assert env_str("EMAIL_HOST_PASSWORD") == "from-a-file"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False)])
def test_flags_read_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_a_misspelt_flag_is_a_configuration_error(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_lists_ignore_blanks(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.example, ,b.example,")
    assert env_list("SOME_HOSTS") == ["a.example", "b.example"]


def test_production_settings_pass_check_deploy_on_postgresql(tmp_path):
    """Model checks need no server: with a PostgreSQL URL, Wagtail's search index needs
    django.contrib.postgres (postgres.E005 without it)."""
    env = production_env(tmp_path)
    env["DATABASE_URL"] = "postgres://praksis@127.0.0.1:1/praksis"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "postgres.E005" not in result.stdout + result.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…)",
)
def test_production_settings_pass_the_database_checks_on_a_real_postgresql(tmp_path):
    env = production_env(tmp_path)
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", "--database", "default", env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_keeps_database_connections_with_health_checks(tmp_path):
    code = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    )
    result = run_manage("shell", "-c", code, env=production_env(tmp_path))
    assert result.stdout.split()[-2:] == ["60", "True"], result.stderr


def test_production_serves_static_files_through_whitenoise_with_secure_cookies(tmp_path):
    code = (
        "from django.conf import settings; m = settings.MIDDLEWARE; "
        "print(m.index('whitenoise.middleware.WhiteNoiseMiddleware'), "
        "settings.STORAGES['staticfiles']['BACKEND'], "
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    )
    result = run_manage("shell", "-c", code, env=production_env(tmp_path))
    assert result.stdout.split()[-4:] == [
        "1", "whitenoise.storage.CompressedManifestStaticFilesStorage", "True", "True",
    ], result.stderr  # fmt: skip
    plain_http = {**production_env(tmp_path), "SECURE_COOKIES": "false"}
    result = run_manage("shell", "-c", code, env=plain_http)
    assert result.stdout.split()[-2:] == ["False", "False"], result.stderr


def test_production_hashes_passwords_with_argon2_and_upgrades_a_pbkdf2_hash(tmp_path):
    """A password stored with PBKDF2 (as before) still signs in, and Django rewrites it
    with Argon2, the first hasher."""
    code = (
        "from django.contrib.auth.hashers import check_password, get_hasher, "
        "identify_hasher, make_password; "
        "pbkdf2 = get_hasher('pbkdf2_sha256'); "
        "old = pbkdf2.encode('a password', pbkdf2.salt(), iterations=1000); new = []; "
        "ok = check_password('a password', old, "
        "setter=lambda raw: new.append(make_password(raw))); "
        "print(ok, identify_hasher(new[0]).algorithm, "
        "identify_hasher(make_password('x')).algorithm)"
    )
    result = run_manage("shell", "-c", code, env=production_env(tmp_path))
    assert result.stdout.split()[-3:] == ["True", "argon2", "argon2"], result.stderr
