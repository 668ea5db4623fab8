"""Several app processes and task workers side by side on one PostgreSQL database, as
`make serve` and a deployment on many machines run them: two gunicorn processes take
requests for personal data downloads, two ``db_worker`` processes take the queued tasks
from the database, and every task runs exactly once (by one worker, successfully)."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult

from cms.models import PersonalExport
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): processes share one database",
)

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 3  # each asks both app processes: six tasks
DEADLINE_SECONDS = 50


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database as a URL the child processes can read."""
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a child whose output goes to ``log`` (read back when it fails)."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, *command], cwd=ROOT, env=env, stdout=output, stderr=output
        )
    process.log = log
    return process


def request(port: int, method: str, path: str, body: str = "", cookie: str = ""):
    """One request without following redirects; returns (status, Location)."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    client.request(method, path, body=body, headers=headers)
    response = client.getresponse()
    response.read()
    client.close()
    return response.status, response.getheader("Location", "")


def wait_for_health(port: int, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.log.read_text()[-2000:])
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"the app process on port {port} did not start")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_app_processes_and_two_workers_run_each_task_once(settings, tmp_path):
    started = time.monotonic()
    settings.SECRET_KEY = secrets.token_urlsafe(64)  # the children's key: sessions hold
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},  # sessions in the DB
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "CERTIFICATE_TASKS": "database",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    cookies = []
    for number in range(PEOPLE):
        client = Client()
        client.force_login(UserFactory(username=f"sidebyside{number}"))
        csrf = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret
        cookies.append((f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}", csrf))

    ports = [free_port(), free_port()]
    worker = ["manage.py", "db_worker", "--backend", "certificates", "--no-reload",
              "--no-startup-delay", "--interval", "0.2"]  # fmt: skip
    processes = [
        *(start(["-m", "gunicorn", "cms.wsgi:application", "--workers", "1",
                 "--bind", f"127.0.0.1:{port}"], env, tmp_path / f"app-{port}.log")
          for port in ports),
        *(start([*worker, "--worker-id", f"side-{name}"], env, tmp_path / f"worker-{name}.log")
          for name in "ab"),
    ]  # fmt: skip
    try:
        deadline = started + DEADLINE_SECONDS
        for port, process in zip(ports, processes, strict=False):
            wait_for_health(port, process, deadline)
        for cookie, csrf in cookies:
            for port in ports:
                status, location = request(
                    port, "POST", "/accounts/data/", f"csrfmiddlewaretoken={csrf}", cookie
                )
                assert status == 302, (port, status)
                assert location.startswith("/accounts/data/")

        expected = PEOPLE * len(ports)
        exports = PersonalExport.objects.filter(person__username__startswith="sidebyside")
        while time.monotonic() < deadline:
            if exports.filter(status=PersonalExport.Status.DONE).count() == expected:
                break
            assert not any(p.poll() is not None for p in processes), "a process ended"
            time.sleep(0.5)
        assert exports.count() == expected
        assert exports.filter(status=PersonalExport.Status.DONE).count() == expected

        results = DBTaskResult.objects.filter(task_path__endswith="export_personal_data")
        assert results.count() == expected  # one task per request, none enqueued twice
        for result in results:
            assert result.status == "SUCCESSFUL", result.traceback
            assert len(result.worker_ids) == 1  # taken by one worker, never retaken
            assert result.worker_ids[0] in {"side-a", "side-b"}
        assert sorted(r.args_kwargs["args"][0] for r in results) == sorted(
            exports.values_list("pk", flat=True)
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    assert time.monotonic() - started < 60
