"""Practice categories and the hours requirement as content: the ``practice`` block of a
programme's ``programme.md`` (format in content/README.md), loaded into
``PracticeCategory`` and ``HoursRequirement`` rows and written back by the exporter.

The courses app reads and checks the block with the rest of the file; this handler,
registered in ``LearnersConfig.ready()``, writes it, so the content format needs no
import from learners.
"""

from decimal import Decimal
from pathlib import Path
from typing import Any

from courses.content.format import ProgrammeSource, canonical_practice
from courses.content.handlers import LoadReport
from courses.models import ProgrammePage

from .models import HoursRequirement, PracticeCategory


class PracticeHandler:
    """The ``practice`` block: categories learners log hours in, the total and the
    supervision ratio."""

    def read(self, folder: Path, source: ProgrammeSource) -> dict | None:
        return source.front.get("practice")  # read_programme has checked it already

    def apply(self, data: dict | None, source: ProgrammeSource) -> LoadReport:
        # The page handler, which ran first, compared the whole programme.md (this block
        # included, through front_matter) and reported it as created, updated or unchanged.
        programme = ProgrammePage.objects.get(content_key=source.key)
        if practice_front(programme) != data:
            apply_practice(programme, data)
        return LoadReport()

    def export(self, programme: ProgrammePage, folder: Path) -> list[Path]:
        return []  # the page handler writes programme.md, asking front_matter()

    def front_matter(self, programme: ProgrammePage) -> dict[str, Any]:
        practice = practice_front(programme)
        return {"practice": practice} if practice else {}

    def defines(self, kind: str, key: str) -> bool:
        return False


def practice_front(programme: ProgrammePage) -> dict | None:
    """The programme's active categories and requirement as the ``practice`` block."""
    categories = PracticeCategory.objects.filter(programme=programme, active=True).order_by(
        "sort_order", "name"
    )
    requirement = HoursRequirement.objects.filter(programme=programme).first()
    return canonical_practice(
        {
            "total_hours": requirement.total_hours if requirement else None,
            "practice_hours_per_supervision_hour": (
                requirement.practice_hours_per_supervision_hour if requirement else None
            ),
            "categories": [
                {
                    "key": category.slug,
                    "name": category.name,
                    "hours": category.required_hours,
                    "supervision": category.is_supervision,
                    "description": category.description,
                }
                for category in categories
            ],
        }
    )


def apply_practice(programme: ProgrammePage, practice: dict | None) -> None:
    """Make the programme's categories and requirement what the file declares.

    Declared categories are created or updated (matched by key) and made active; a
    category the file no longer declares is retired (inactive), never deleted, so hours
    already logged in it keep their category. Without a total or ratio the requirement
    row is removed.
    """
    declared = (practice or {}).get("categories", [])
    existing = {c.slug: c for c in PracticeCategory.objects.filter(programme=programme)}
    for order, row in enumerate(declared):
        category = existing.pop(row["key"], None) or PracticeCategory(
            programme=programme, slug=row["key"]
        )
        category.name = row["name"]
        category.required_hours = Decimal(str(row.get("hours", 0)))
        category.is_supervision = bool(row.get("supervision"))
        category.description = row.get("description", "")
        category.sort_order = order
        category.active = True
        category.save()
    PracticeCategory.objects.filter(pk__in=[c.pk for c in existing.values()]).update(active=False)
    total = (practice or {}).get("total_hours")
    ratio = (practice or {}).get("practice_hours_per_supervision_hour")
    if total is None and ratio is None:
        HoursRequirement.objects.filter(programme=programme).delete()
        return
    HoursRequirement.objects.update_or_create(
        programme=programme,
        defaults={
            "total_hours": Decimal(str(total or 0)),
            "practice_hours_per_supervision_hour": ratio,
        },
    )
