"""Measuring pages warm, in one process, against the floor.

Each page is requested ``samples`` times, each request right after one of the floor page
(a bare Wagtail page with the same body), so both see the same machine at the same
moment; the page's ratio is its p95 over the floor's p95 from the same run. Requests go
through the whole middleware stack with Django's test client, signed in as the person
who would open the page. Write paths run inside a transaction that is rolled back, so
every sample writes the same thing into the same state.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from weasyprint import HTML

from cms.security import second_factor


@dataclass
class Probe:
    """One request to measure: who, what, and whether it writes."""

    name: str
    username: str | None
    url: str
    method: str = "get"
    data: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    write: bool = False


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class Session:
    """Signed-in test clients, one per person, with the second factor passed as a real
    sign-in would record it."""

    def __init__(self):
        self.clients: dict[str | None, Client] = {None: Client()}

    def client(self, username: str | None) -> Client:
        if username not in self.clients:
            user = get_user_model().objects.get(username=username)
            client = Client()
            client.force_login(user)
            if second_factor.needs_second_factor(user):
                device = second_factor.authenticator(user) or TOTPDevice.objects.create(
                    user=user, name="Bench authenticator", confirmed=True
                )
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
            self.clients[username] = client
        return self.clients[username]

    def request(self, probe: Probe):
        client = self.client(probe.username)
        send = getattr(client, probe.method)
        if not probe.write:
            return send(probe.url, probe.data, headers=probe.headers)
        with transaction.atomic():
            response = send(probe.url, probe.data, headers=probe.headers)
            transaction.set_rollback(True)
        return response


def timed(call: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def check(probe: Probe, response) -> None:
    if response.status_code >= 400:
        raise RuntimeError(
            f"{probe.name}: {probe.method.upper()} {probe.url} gave {response.status_code}"
        )
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)


def measure_pages(probes: list[Probe], floor: Probe, samples: int, log=print) -> tuple[dict, dict]:
    """Every probe's p50/p95 and query count, each interleaved with the floor."""
    session = Session()
    floor_times: list[float] = []
    pages = {}
    floor_queries = count_queries(session, floor)
    for probe in probes:
        for _ in range(3):  # warm: caches, templates, connections
            check(probe, session.request(probe))
            session.request(floor)
        page_times, local_floor = [], []
        for _ in range(samples):
            ms, _response = timed(lambda: session.request(floor))
            local_floor.append(ms)
            ms, response = timed(lambda probe=probe: session.request(probe))
            check(probe, response)
            page_times.append(ms)
        floor_times.extend(local_floor)
        p95, floor_p95 = percentile(page_times, 95), percentile(local_floor, 95)
        pages[probe.name] = {
            "p50_ms": round(statistics.median(page_times), 2),
            "p95_ms": round(p95, 2),
            "queries": count_queries(session, probe),
            "ratio_p95": round(p95 / floor_p95, 2),
        }
        row = pages[probe.name]
        log(
            f"  {probe.name:<28} p95 {p95:8.1f} ms  ×{row['ratio_p95']:5.2f}  {row['queries']:3d} q"
        )
    floor_result = {
        "p50_ms": round(statistics.median(floor_times), 2),
        "p95_ms": round(percentile(floor_times, 95), 2),
        "queries": floor_queries,
    }
    return floor_result, pages


def count_queries(session: Session, probe: Probe) -> int:
    with CaptureQueriesContext(connection) as queries:
        check(probe, session.request(probe))
    return len(queries)


def measure_pdfs(
    probes: list[Probe], renders: dict[str, Callable], samples: int, log=print
) -> dict:
    """The PDFs' times against a minimal WeasyPrint page rendered in the same run: those
    served by a request (``probes``) and those rendered once and stored (``renders``)."""
    session = Session()
    floor = [timed(lambda: HTML(string="<p>Praksis</p>").write_pdf())[0] for _ in range(samples)]
    result = {"floor": {"p50_ms": round(statistics.median(floor), 2)}}
    calls = {
        probe.name: (lambda probe=probe: check(probe, session.request(probe))) for probe in probes
    }
    for name, call in {**calls, **renders}.items():
        times = [timed(call)[0] for _ in range(samples)]
        p50 = statistics.median(times)
        result[name] = {
            "p50_ms": round(p50, 2),
            "max_ms": round(max(times), 2),
            "samples": samples,
            "ratio_p50": round(p50 / result["floor"]["p50_ms"], 2),
        }
        log(f"  {name:<28} p50 {p50:8.1f} ms")
    return result
