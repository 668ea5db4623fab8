"""`make loadtest`: the four roles of the demo against `make serve`, with real sign-ins.

Learners (most of the traffic), supervisors, programme leads and administrators sign in
through the login form with the demo password; the staff then enter a code from the
demo authenticator (TOTP, RFC 6238, computed here from the published demo secret). A
code is accepted once per device (django-otp refuses a replay), so the simulated staff
of one account share the session of that account's one real sign-in; every simulated
learner signs in for itself. Each user waits 1-5 s between pages (think time).

Requests are named ``page …`` (a full page), ``htmx …`` (a fragment asked for by htmx,
with ``HX-Request``) or ``sign-in …``. Sign-in is reported but held to no threshold: its
cost is the deliberately slow password hash (PBKDF2), not the page. When the run ends,
the thresholds are checked: no failed request, full-page p95 ≤ ``LOADTEST_PAGE_P95_MS``
(500) and htmx p95 ≤ ``LOADTEST_HTMX_P95_MS`` (200); a miss makes locust exit with 1.
Only a loopback target is accepted.
"""

import base64
import hashlib
import hmac
import os
import random
import re
import struct
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from gevent.lock import Semaphore
from locust import HttpUser, between, events, task

ROOT = Path(__file__).resolve().parent.parent
TARGET = os.environ.get("TARGET_URL", "http://127.0.0.1:8000")
if urlsplit(TARGET).hostname not in {"127.0.0.1", "localhost", "::1"}:
    sys.exit(f"loadtest: {TARGET} is not a loopback address; refusing to load it.")


def published(path: str, name: str) -> str:
    """A constant from the code that publishes it (demo password, demo TOTP secret)."""
    match = re.search(rf'^{name} = "([^"]+)"', (ROOT / path).read_text(), re.MULTILINE)
    return match.group(1)


PASSWORD = published("learners/management/commands/load_demo.py", "DEMO_PASSWORD")
TOTP_SECRET = published("cms/security/demo.py", "DEMO_TOTP_SECRET")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A reflection's autosave: the hx-post of a form whose field is the free text "text".
HTMX_POST = re.compile(
    r'hx-post="(/modules/[^"]+/journal/[^"]+)"(?:(?!</form>).)*?name="text"', re.S
)
PROGRAMME = re.compile(r'href="(/[a-z]+/[a-z0-9-]+/)"')
COHORT = re.compile(r'href="(/cohorts/\d+/)"')
PAGE_P95_MS = float(os.environ.get("LOADTEST_PAGE_P95_MS", "500"))
HTMX_P95_MS = float(os.environ.get("LOADTEST_HTMX_P95_MS", "200"))


def totp(secret: str, at: float, step: int = 30, digits: int = 6) -> str:
    """The RFC 6238 code of ``secret`` (base32) at time ``at``."""
    counter = struct.pack(">Q", int(at // step))
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


staff_sessions: dict[str, dict[str, str]] = {}
staff_locks: dict[str, Semaphore] = {}


class Role(HttpUser):
    abstract = True
    host = TARGET
    wait_time = between(1, 5)
    accounts: tuple[str, ...] = ()
    staff = False
    pages: tuple[str, ...] = ("/dashboard/",)

    def on_start(self) -> None:
        self.account = random.choice(self.accounts)
        if not self.staff:
            self.sign_in()
            return
        lock = staff_locks.setdefault(self.account, Semaphore())
        with lock:
            if self.account not in staff_sessions:
                self.sign_in()
                staff_sessions[self.account] = dict(self.client.cookies)
        self.client.cookies.update(staff_sessions[self.account])

    def csrf(self, html: str) -> str:
        match = CSRF_FIELD.search(html)
        return match.group(1) if match else self.client.cookies.get("csrftoken", "")

    def sign_in(self) -> None:
        """The login form, then (staff) the second-factor form with a fresh code."""
        form = self.client.get("/accounts/login/", name="sign-in form")
        response = self.client.post(
            "/accounts/login/",
            {"username": self.account, "password": PASSWORD, "next": "/dashboard/",
             "csrfmiddlewaretoken": self.csrf(form.text)},
            name="sign-in password",
        )  # fmt: skip
        if "/two-factor/verify/" in response.url:
            self.client.post(
                response.url,
                {"code": totp(TOTP_SECRET, time.time()), "next": "/dashboard/",
                 "csrfmiddlewaretoken": self.csrf(response.text)},
                name="sign-in code",
            )  # fmt: skip
        with self.client.get("/dashboard/", name="page dashboard", catch_response=True) as page:
            if "/accounts/login/" in page.url or "/two-factor/" in page.url:
                page.failure(f"{self.account} is not signed in")

    @task(4)
    def browse(self) -> None:
        path = random.choice(self.pages)
        self.client.get(path, name=f"page {path}")


class Learner(Role):
    weight = 7
    accounts = ("learner", "learner2", "learner3")
    pages = ("/dashboard/", "/journal/", "/hours/", "/certificates/", "/accounts/data/")

    @task(3)
    def read_a_module(self) -> None:
        """A programme page from the dashboard, a module from it, and (htmx) an autosave
        of a reflection when the module has one."""
        dashboard = self.client.get("/dashboard/", name="page /dashboard/").text
        programmes = sorted(set(PROGRAMME.findall(dashboard)))
        if not programmes:
            return
        programme = random.choice(programmes)
        page = self.client.get(programme, name="page programme").text
        modules = sorted(set(re.findall(rf'href="({re.escape(programme)}[a-z0-9-]+/)"', page)))
        if not modules:
            return
        module = self.client.get(random.choice(modules), name="page module")
        match = HTMX_POST.search(module.text)
        if match:
            self.client.post(
                match.group(1),
                {"text": "Load test reflection.", "csrfmiddlewaretoken": self.csrf(module.text)},
                headers={"HX-Request": "true", "X-CSRFToken": self.csrf(module.text)},
                name="htmx journal autosave",
            )  # fmt: skip


class Supervisor(Role):
    weight = 1
    accounts = ("supervisor",)
    staff = True
    pages = ("/dashboard/", "/hours/signoff/", "/journal/shared/")


class ProgrammeLead(Role):
    weight = 1
    accounts = ("lead",)
    staff = True
    pages = ("/dashboard/", "/cohorts/", "/hours/signoff/")

    @task(2)
    def cohort_report(self) -> None:
        cohorts = COHORT.findall(self.client.get("/cohorts/", name="page /cohorts/").text)
        if cohorts:
            self.client.get(random.choice(cohorts), name="page cohort report")


class Administrator(Role):
    weight = 1
    accounts = ("admin",)
    staff = True
    pages = ("/dashboard/", "/admin/", "/cohorts/")


def p95(entries) -> float:
    """The 95th percentile over several stats entries' response-time histograms."""
    merged: dict[int, int] = {}
    for entry in entries:
        for millis, count in entry.response_times.items():
            merged[millis] = merged.get(millis, 0) + count
    total = sum(merged.values())
    if not total:
        return 0.0
    seen = 0
    for millis in sorted(merged):
        seen += merged[millis]
        if seen >= 0.95 * total:
            return float(millis)
    return float(max(merged))


@events.quitting.add_listener
def check_thresholds(environment, **kwargs) -> None:
    stats = environment.stats
    entries = list(stats.entries.values())
    page = p95(entry for entry in entries if entry.name.startswith("page"))
    htmx = p95(entry for entry in entries if entry.name.startswith("htmx"))
    failures = stats.total.num_failures
    verdict = failures == 0 and page <= PAGE_P95_MS and htmx <= HTMX_P95_MS
    sys.stderr.write(
        f"loadtest: {stats.total.num_requests} requests, {failures} failed; "
        f"full-page p95 {page:.0f} ms (≤ {PAGE_P95_MS:.0f}), "
        f"htmx p95 {htmx:.0f} ms (≤ {HTMX_P95_MS:.0f}): {'PASS' if verdict else 'FAIL'}\n"
    )
    environment.process_exit_code = 0 if verdict else 1
