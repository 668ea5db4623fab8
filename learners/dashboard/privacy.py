"""What the dashboard holds about a person, for ``cms.privacy``: when they last opened
it. Erasure deletes it."""

from cms.privacy import Erasure, register, rows

from .models import DashboardVisit


def erase_visits(erasure: Erasure) -> int:
    return DashboardVisit.objects.filter(user=erasure.person).delete()[0]


def register_handlers() -> None:
    register(
        DashboardVisit,
        export=lambda person: rows(DashboardVisit.objects.filter(user=person), "seen_at"),
        erase=erase_visits,
    )
