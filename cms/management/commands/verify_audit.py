"""Check the audit log's hash chain: OK with the count, or the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from cms.audit import verify_chain


class Command(BaseCommand):
    help = (
        "Walk the audit log's hash chain and print OK with the number of events, or name "
        "the first broken link (sequence number, event id, what is wrong) and exit with 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="events read from the database at a time (default 2000)",
        )

    def handle(self, *args, batch_size: int, **options):
        report = verify_chain(batch_size=max(1, batch_size))
        if not report.ok:
            raise CommandError(
                f"Audit chain BROKEN at {report.broken} "
                f"({report.count} events verified before it, {report.seconds:.1f} s)",
                returncode=1,
            )
        self.stdout.write(
            f"OK: {report.count} audit events verified in {report.seconds:.1f} s; "
            f"head {report.head_sequence} {report.head_hash}"
        )
