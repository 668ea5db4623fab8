"""``manage.py bench`` (run by ``make bench`` with ``cms.settings.bench``)."""

import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import dataset, measure, probes


class Command(BaseCommand):
    help = "Generate (or reuse) the dataset, measure every page against the floor, write JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1"))
        )
        parser.add_argument(
            "--samples", type=int, default=int(os.environ.get("BENCH_SAMPLES", "50"))
        )
        parser.add_argument(
            "--pdf-samples", type=int, default=int(os.environ.get("BENCH_PDF_SAMPLES", "3"))
        )
        parser.add_argument("--out", default=os.environ.get("BENCH_OUT", "build/bench.json"))
        parser.add_argument(
            "--rebuild", action="store_true", help="generate the dataset even if one exists"
        )

    def handle(self, *args, scale, samples, pdf_samples, out, rebuild, **options):
        if "bench" not in settings.INSTALLED_APPS:
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=cms.settings.bench (make bench).")
        if samples < 50:
            self.stderr.write(f"Note: {samples} samples per page; the targets assume at least 50.")
        data = None if rebuild else dataset.current(scale)
        if data is None:
            self.stdout.write(f"Generating the dataset at scale {scale} on {connection.vendor}…")
            data = dataset.build(scale, log=self.stdout.write)
            self.stdout.write(f"  done in {data.seconds:.0f} s")
        else:
            self.stdout.write(
                f"Reusing the dataset of {data.created_at:%Y-%m-%d %H:%M} (scale {scale})."
            )
        self.stdout.write(f"Pages ({samples} samples each, interleaved with the floor):")
        started = time.monotonic()
        floor, pages = measure.measure_pages(
            probes.pages(), probes.floor(), samples, log=self.stdout.write
        )
        pdf = {}
        if pdf_samples > 0:  # BENCH_PDF_SAMPLES=0 measures the pages only
            self.stdout.write(f"PDFs ({pdf_samples} samples each):")
            pdf = measure.measure_pdfs(
                probes.pdfs(), probes.renders(), pdf_samples, log=self.stdout.write
            )
        result = {
            "engine": connection.vendor,
            "dataset": {"scale": scale, **data.counts, "generated_in_s": data.seconds},
            "floor": floor,
            "pages": pages,
            "pdf": pdf,
            "measured_in_s": round(time.monotonic() - started, 1),
        }
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n")
        self.stdout.write(
            f"Floor p50 {floor['p50_ms']} ms, p95 {floor['p95_ms']} ms, "
            f"{floor['queries']} queries. Written to {path}."
        )
