"""`make loadtest`: the four roles of the demo against `make serve`, with real sign-ins.

Learners (most of the traffic), supervisors, programme leads and administrators sign in
through the login form with the demo password; the staff then enter a code from the
demo authenticator (TOTP, RFC 6238, computed here from the published demo secret). A
code is accepted once per device (django-otp refuses a replay), so the simulated staff
of one account share the session of that account's one real sign-in; every simulated
learner signs in for itself. An account's first sign-in runs alone, as it may rewrite an
older password hash, which ends the other sessions of that account. Each user waits
1-5 s between pages (think time).

The run has two phases. **Sign-in**: the users are started (``--spawn-rate`` a second)
and each signs in and lands on its dashboard; these requests are reported on their own
(printed, and in ``<csv prefix>_signin.csv``) and held to no threshold, as their cost is
the deliberately slow password hash. **Measured window**: once every user has signed
in, the statistics are cleared and ``--measure-time`` (default 2m) of all the users
browsing is measured; then the run ends. So the thresholds are about "N concurrent
signed-in users for the measured time", not about a storm of sign-ins.

Requests are named ``page …`` (a full page), ``htmx …`` (a fragment asked for by htmx,
with ``HX-Request``) or ``sign-in …``. When the run ends, the thresholds are checked: no
failed request in either phase, and in the measured window full-page p95 ≤
``LOADTEST_PAGE_P95_MS`` (500) and htmx p95 ≤ ``LOADTEST_HTMX_P95_MS`` (200); a miss, or
users not all signed in within ``--signin-limit`` (default 5m), makes locust exit with 1.
Only a loopback target is accepted.
"""

import base64
import csv
import hashlib
import hmac
import os
import random
import re
import struct
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from gevent.lock import Semaphore
from locust import HttpUser, between, events, task
from locust.util.timespan import parse_timespan

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


first_sessions: dict[str, dict[str, str]] = {}  # the session of each account's first sign-in
account_locks: dict[str, Semaphore] = {}


class Role(HttpUser):
    abstract = True
    host = TARGET
    wait_time = between(1, 5)
    accounts: tuple[str, ...] = ()
    staff = False
    pages: tuple[str, ...] = ("/dashboard/",)

    def on_start(self) -> None:
        """Sign in (or take the staff account's session), then count this user as
        signed in; the measured window starts when all are."""
        try:
            self.start_session()
        except Exception:
            run.sign_in_errors += 1
            raise
        finally:
            signed_in(self.environment)

    def start_session(self) -> None:
        """An account's first sign-in runs alone: it may rewrite an older password hash
        (PBKDF2 to Argon2), which ends the sessions other users of the same demo account
        had just opened. Later learners sign in side by side; staff share the session."""
        self.account = random.choice(self.accounts)
        lock = account_locks.setdefault(self.account, Semaphore())
        with lock:
            if self.account not in first_sessions:
                self.sign_in()
                first_sessions[self.account] = dict(self.client.cookies)
                return
        if self.staff:
            self.client.cookies.update(first_sessions[self.account])
        else:
            self.sign_in()

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
        landing = "page dashboard (after sign-in)"
        with self.client.get("/dashboard/", name=landing, catch_response=True) as page:
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


@dataclass
class Run:
    """Where the run stands: how many users have signed in, when the measured window
    began (``None`` while signing in), and the sign-in phase's statistics."""

    started: float = 0.0
    signed_in: int = 0
    sign_in_errors: int = 0
    measuring_since: float | None = None
    sign_in_seconds: float = 0.0
    sign_in_rows: list[dict] = field(default_factory=list)
    sign_in_failures: int = 0


run = Run()


@events.init_command_line_parser.add_listener
def add_options(parser) -> None:
    parser.add_argument(
        "--measure-time",
        default="2m",
        help="Length of the measured window, once every user has signed in",
    )
    parser.add_argument("--signin-limit", default="5m",
                        help="Fail when the users have not all signed in by then")  # fmt: skip


def summary(entry) -> dict:
    """One stats entry as a row: requests, failures, p50, p95 and maximum in ms."""
    return {
        "name": entry.name, "requests": entry.num_requests, "failures": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.5) if entry.num_requests else 0,
        "p95_ms": round(p95([entry])), "max_ms": round(entry.max_response_time or 0),
    }  # fmt: skip


def signed_in(environment) -> None:
    """Count one more signed-in user; with the last one, keep the sign-in phase's
    statistics aside, clear them, and measure ``--measure-time`` from now."""
    run.signed_in += 1
    if run.measuring_since is not None or run.signed_in < environment.parsed_options.num_users:
        return
    stats = environment.stats
    run.sign_in_seconds = time.monotonic() - run.started
    run.sign_in_rows = [summary(entry) for entry in stats.entries.values()]
    run.sign_in_rows.append(summary(stats.total))
    run.sign_in_failures = stats.total.num_failures
    stats.clear_all()
    run.measuring_since = time.monotonic()
    window = parse_timespan(environment.parsed_options.measure_time)
    sys.stderr.write(
        f"loadtest: all {run.signed_in} users signed in ({run.sign_in_errors} could not) "
        f"after {run.sign_in_seconds:.0f} s; "
        f"statistics cleared, measuring {window} s\n"
    )
    gevent.spawn_later(window, environment.runner.quit)


@events.test_start.add_listener
def limit_sign_in(environment, **kwargs) -> None:
    """Start the clock, and stop the run if signing in takes longer than the limit."""
    run.started = time.monotonic()

    def give_up() -> None:
        if run.measuring_since is None:
            sys.stderr.write(f"loadtest: only {run.signed_in} users signed in in time\n")
            environment.runner.quit()

    gevent.spawn_later(parse_timespan(environment.parsed_options.signin_limit), give_up)


def write_sign_in(environment) -> None:
    """Print the sign-in phase and write it beside Locust's CSV files."""
    sys.stderr.write(f"loadtest: sign-in phase, {run.sign_in_seconds:.0f} s (no threshold)\n")
    for row in run.sign_in_rows:
        sys.stderr.write(
            f"  {row['name']:<34} {row['requests']:>5} requests, {row['failures']} failed; "
            f"p50 {row['p50_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms, max {row['max_ms']} ms\n"
        )
    prefix = environment.parsed_options.csv_prefix
    if prefix and run.sign_in_rows:
        with open(f"{prefix}_signin.csv", "w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(run.sign_in_rows[0]))
            writer.writeheader()
            writer.writerows(run.sign_in_rows)


@events.quitting.add_listener
def check_thresholds(environment, **kwargs) -> None:
    if run.measuring_since is None:
        sys.stderr.write("loadtest: the measured window never began: FAIL\n")
        environment.process_exit_code = 1
        return
    write_sign_in(environment)
    stats = environment.stats
    entries = list(stats.entries.values())
    page = p95(entry for entry in entries if entry.name.startswith("page"))
    htmx = p95(entry for entry in entries if entry.name.startswith("htmx"))
    failures = stats.total.num_failures + run.sign_in_failures + run.sign_in_errors
    measured = stats.total.num_requests > 0
    verdict = measured and failures == 0 and page <= PAGE_P95_MS and htmx <= HTMX_P95_MS
    sys.stderr.write(
        f"loadtest: measured window {time.monotonic() - run.measuring_since:.0f} s with "
        f"{run.signed_in} signed-in users: {stats.total.num_requests} requests, "
        f"{failures} failed (sign-in phase included); "
        f"full-page p95 {page:.0f} ms (≤ {PAGE_P95_MS:.0f}), "
        f"htmx p95 {htmx:.0f} ms (≤ {HTMX_P95_MS:.0f}): {'PASS' if verdict else 'FAIL'}\n"
    )
    environment.process_exit_code = 0 if verdict else 1
