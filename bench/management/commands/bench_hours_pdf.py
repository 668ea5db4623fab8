"""Per-entry CPU time of the hours-log PDF at several lengths, without a database: a
synthetic signed log rendered through the current template and through any other
template files given (e.g. an older version: ``git show REV:path > old.html``),
interleaved, against a one-line WeasyPrint page (the floor). The current template goes
through ``cms.pdf.html_to_pdf``; the others as it rendered before issue 17 (WeasyPrint
with the garbage collector left alone), so the comparison is before and after.

    DJANGO_SETTINGS_MODULE=cms.settings.bench python manage.py bench_hours_pdf \\
        --entries 20,200,1000 --repeat 2 --compare old.html
"""

import datetime
import hashlib
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from django.core.management.base import BaseCommand
from django.template import engines
from django.template.loader import get_template
from django.utils import translation
from weasyprint import HTML

from cms.pdf import data_only_fetcher, html_to_pdf

WORDS = "talked with the client about goals and plans for next session reviewed notes".split()


def synthetic_log(count: int) -> SimpleNamespace:
    """A learner's signed log of ``count`` entries: 25-word descriptions, every second
    with a client code, every third with a supervision type, every 17th a correction."""
    categories = [
        SimpleNamespace(name=f"Category {n} individual counselling", required_hours=Decimal(100))
        for n in range(4)
    ]
    entries = [
        SimpleNamespace(
            pk=1000 + n,
            corrects_id=999 + n if n % 17 == 0 else None,
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 300),
            category=categories[n % 4],
            supervision_type="individual" if n % 3 == 0 else "",
            get_supervision_type_display=lambda: "Individual supervision",
            hours=Decimal("1.25"),
            superseded=n % 23 == 0,
            setting=f"Family clinic {n % 7}",
            description=" ".join(WORDS[(n + k * 7) % len(WORDS)] for k in range(25)),
            client_code=f"K-{n % 50:03d}" if n % 2 else "",
            signer_name="Kari Nordmann",
            signer_credential="Clinical psychologist",
            signer_licence_number="HPR 1234567",
            signed_at_utc=datetime.datetime(2025, 3, 1, 12),
            content_sha256=hashlib.sha256(str(n).encode()).hexdigest(),
        )  # fmt: skip
        for n in range(count)
    ]
    return SimpleNamespace(
        learner=SimpleNamespace(get_full_name=lambda: "Ola Nordmann", get_username=lambda: "ola"),
        programme=SimpleNamespace(title="Family therapy"), entries=entries,
        totals=[(category, Decimal(10)) for category in categories], total=Decimal(40),
        period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 12, 1),
        produced_at=datetime.datetime(2025, 12, 1, 10),
    )  # fmt: skip


def plain_weasyprint(html: str) -> bytes:
    return HTML(string=html, base_url=None, url_fetcher=data_only_fetcher).write_pdf()


def cpu_seconds(template, context: dict, render=html_to_pdf) -> float:
    html = template.render(context)
    start = time.process_time()
    render(html)
    return time.process_time() - start


class Command(BaseCommand):
    help = "Per-entry CPU time of the hours-log PDF, against other template versions."

    def add_arguments(self, parser):
        parser.add_argument("--entries", default="20,200,1000")
        parser.add_argument("--repeat", type=int, default=1)
        parser.add_argument("--compare", nargs="*", default=[], help="other template files")

    def handle(self, *args, entries, repeat, compare, **options):
        django = engines["django"]
        templates = {"current": get_template("learners/hours/export_pdf.html")}
        for path in compare:
            templates[path] = django.from_string(Path(path).read_text())
        floor = django.from_string("<p>Praksis</p>")
        with translation.override("nb"):
            cpu_seconds(templates["current"], {"export": synthetic_log(5)})  # warm up
            floor_ms = 1000 * min(cpu_seconds(floor, {}) for _ in range(3))
            self.stdout.write(f"floor (one-line page): {floor_ms:.0f} ms")
            for count in (int(n) for n in entries.split(",")):
                context = {"export": synthetic_log(count)}
                for _ in range(repeat):
                    for name, template in templates.items():
                        render = html_to_pdf if name == "current" else plain_weasyprint
                        ms = 1000 * cpu_seconds(template, context, render) / count
                        self.stdout.write(f"{name:>24} {count:5d} entries {ms:6.1f} ms/entry")
