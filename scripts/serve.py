"""`make serve`: run Praksis as it runs in production, on this machine.

gunicorn with ``WEB_CONCURRENCY`` sync workers on ``HOST:PORT`` (default: gunicorn's
rule of thumb, 2 × the cores this process may use + 1), ``TASK_WORKERS``
task workers (``manage.py db_worker --backend certificates``, default 1), static files
from the app through WhiteNoise (``collectstatic`` first), on PostgreSQL (``DATABASE_URL``,
default a local ``praksis`` database, created and migrated when missing) with persistent
connections, and Redis (``REDIS_URL``, default ``redis://127.0.0.1:6379/0``) for the
cache and the sessions. The settings are ``cms.settings.production``; as this is plain
HTTP on loopback, the HTTPS redirect and secure-only cookies are turned off.

A database this script creates gets the programmes (``load_content``) and the demo
(``load_demo``, run with the development settings so the demo staff get the published
demo authenticator); ``SERVE_LOAD=1`` loads them into an existing database too.

The processes are supervised: if one of them ends, or on Ctrl-C (SIGINT) or SIGTERM, all
of them are stopped. ``scripts/serve.py -- COMMAND …`` runs COMMAND once the site answers
and stops everything when it ends, with its exit status (``make loadtest`` does this).
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The cores this process may run on (a container or taskset may allow fewer than exist).
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/praksis",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CERTIFICATE_TASKS": "database",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "WEB_CONCURRENCY": str(2 * CORES + 1),
    "TASK_WORKERS": "1",
    "HOST": "127.0.0.1",
    "PORT": "8000",
}
STOP_GRACE_SECONDS = 10


def log(message: str) -> None:
    sys.stderr.write(f"serve: {message}\n")
    sys.stderr.flush()


def secret_key() -> str:
    """A key kept in var/serve-secret-key, so sessions outlive a restart."""
    path = ROOT / "var" / "serve-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def environment() -> dict[str, str]:
    """This process's environment with the defaults above for whatever is not set."""
    env = {**DEFAULTS, **os.environ}
    env.setdefault("SECRET_KEY", secret_key())
    return env


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database ``url`` names if it is missing; True if created.
    Other engines are left as they are (False)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return False
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created the database {name}")
    return True


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    """Database, schema, content (when new or asked for) and static files."""
    created = ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--no-input", "-v", "0")
    if created or env.get("SERVE_LOAD") == "1":
        manage(env, "load_content")
        manage({**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v", "0")


def commands(env: dict[str, str]) -> list[list[str]]:
    """gunicorn, then one db_worker per TASK_WORKERS."""
    web = [
        PYTHON, "-m", "gunicorn", "cms.wsgi:application",
        "--workers", env["WEB_CONCURRENCY"],
        "--bind", f"{env['HOST']}:{env['PORT']}",
        "--graceful-timeout", str(STOP_GRACE_SECONDS),
    ]  # fmt: skip
    worker = [PYTHON, "manage.py", "db_worker", "--backend", "certificates", "--no-reload"]
    return [web] + [[*worker, "--worker-id", f"{os.uname().nodename}-{i}"]
                    for i in range(int(env["TASK_WORKERS"]))]  # fmt: skip


def wait_until_up(url: str, processes: list[subprocess.Popen], timeout: float = 120) -> None:
    """Poll the health check until it answers; fail if a process dies first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise RuntimeError("a process ended while starting")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to every process, SIGKILL to any still running after the grace period."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def interrupt(signum, frame) -> None:
    """Ctrl-C and SIGTERM stop everything."""
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    then = argv[argv.index("--") + 1 :] if "--" in argv else []
    env = environment()
    prepare(env)
    for signum in (signal.SIGINT, signal.SIGTERM):  # also when started in the background
        signal.signal(signum, interrupt)
    processes = [subprocess.Popen(command, cwd=ROOT, env=env) for command in commands(env)]
    base = f"http://{env['HOST']}:{env['PORT']}"
    try:
        wait_until_up(f"{base}/healthz", processes)
        log(f"serving {base}/ with {env['WEB_CONCURRENCY']} web and "
            f"{env['TASK_WORKERS']} task workers; Ctrl-C stops them all")  # fmt: skip
        if then:
            return subprocess.run(then, cwd=ROOT, env={**env, "TARGET_URL": base}).returncode
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        log("a process ended; stopping the others")
        return 1
    except KeyboardInterrupt:
        log("stopping")
        return 0
    except RuntimeError as error:
        log(str(error))
        return 1
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
