"""Browser tests drive the operating system's Chromium (Debian package `chromium`) through
Playwright against a real `runserver` set up the way `make run` sets it up."""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Playwright's sync API keeps an asyncio loop in the main thread while the session-wide
# browser is open; Django would then refuse the database calls of tests that run after
# the browser tests (SynchronousOnlyOperation), as pytest-playwright's docs warn.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


class LiveSite(str):
    """The site's address (``f"{live_site}/dashboard/"``), and ``manage(...)`` to run a
    management command against its database, e.g. to set up what a journey starts from."""

    env: dict

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
            capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout

    def python(self, code: str) -> str:
        """Run ``code`` in ``manage.py shell`` against the site's database."""
        return self.manage("shell", "--no-imports", "-c", code)


PREPARE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_content", verbosity=0)
call_command("load_demo", verbosity=0)
"""


def prepared_database(into: Path, env: dict) -> None:
    """The migrated database with the programmes and demo people, copied from a cache in
    build/ when nothing it is made from changed (code, migrations, content). Preparing it
    takes most of a minute; one Django process does all three steps."""
    digest = hashlib.sha256()
    made_from = ["*.py", "content"]  # code, migrations and programmes; not CSS or templates
    sources = subprocess.run(
        ["git", "ls-files", "-s", "--", *made_from],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    digest.update(sources.encode())
    changed = subprocess.run(
        ["git", "diff", "HEAD", "--", *made_from], cwd=ROOT, capture_output=True, check=False
    ).stdout
    digest.update(changed)
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "--", *made_from],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout.split()  # fmt: skip
    for name in sorted(untracked):
        digest.update(name.encode() + (ROOT / name).read_bytes())
    cached = ROOT / "build" / "browser-site" / f"{digest.hexdigest()[:16]}.sqlite3"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("*.sqlite3"):
            old.unlink()
        building = cached.with_suffix(".building")
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", PREPARE],
            cwd=ROOT, env={**env, "DATABASE_URL": f"sqlite:///{building}"}, check=True,
            capture_output=True,
        )  # fmt: skip
        building.replace(cached)
    shutil.copyfile(cached, into)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """A served copy of the platform with the programmes and demo people, on a free port,
    shared by every browser test of the session (their journeys use different people or
    leave what they need for the next)."""
    if chromium_path() is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("site")
    database = folder / "browser.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "true",
        # Uploads, certificates and the issuer's key stay out of the working tree.
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "CREDENTIAL_KEY_FILE": str(folder / "issuer-key.pem"),
    }
    prepared_database(database, env)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload",
         "--skip-checks"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = LiveSite(f"http://127.0.0.1:{port}")
    url.env = env
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the development server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets checks.check_page inject axe-core as a script tag; the pages
    # themselves are served with their content security policy as usual.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()
