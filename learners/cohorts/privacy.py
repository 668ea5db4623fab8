"""What the cohorts room holds about a person, for ``cms.privacy``: memberships of
organisations, departments and cohorts, cohorts they lead, sessions they facilitate,
attendance, roles held in a cohort, and supervision as learner or supervisor. Erasure
removes the person from every list and deletes their attendance, roles and supervision
as a learner; records other
people rely on (a supervision they gave, attendance they recorded) keep the anonymised
account."""

from cms.privacy import Erasure, register, rows

from .models import (
    Attendance,
    Cohort,
    CohortRole,
    Department,
    Organisation,
    Session,
    Supervision,
)


def _membership(through, owner: str, user_field: str = "user"):
    def export(person) -> list[dict]:
        return rows(
            through.objects.filter(**{user_field: person}),
            f"{owner}_id",
            f"{owner}__name",
        )

    def erase(erasure: Erasure) -> int:
        return through.objects.filter(**{user_field: erasure.person}).delete()[0]

    return {"export": export, "erase": erase}


def unassign(model, field: str):
    def erase(erasure: Erasure) -> int:
        return model.objects.filter(**{field: erasure.person}).update(**{field: None})

    return erase


def export_supervision(person) -> list[dict]:
    """Supervision the person received, and gave (with the learner's id only)."""
    fields = ("id", "programme_id", "learner_id", "supervisor_id", "starts_on", "ends_on")
    received = rows(Supervision.objects.filter(learner=person), *fields)
    given = rows(Supervision.objects.filter(supervisor=person), *fields)
    assigned = rows(Supervision.objects.filter(assigned_by=person), "id", "created_at")
    return [
        *({"role": "learner", **row} for row in received),
        *({"role": "supervisor", **row} for row in given),
        *({"role": "assigned by", **row} for row in assigned),
    ]


def erase_supervision(erasure: Erasure) -> int:
    """Supervision received is deleted; supervision given stays (signed hours rest on
    it) under the anonymised name; ``assigned_by`` is cleared."""
    person = erasure.person
    count = Supervision.objects.filter(assigned_by=person).update(assigned_by=None)
    return count + Supervision.objects.filter(learner=person).delete()[0]


def export_attendance(person) -> list[dict]:
    fields = ("session_id", "session__title", "session__starts_at", "status", "recorded_at")
    return [
        *rows(Attendance.objects.filter(learner=person), *fields),
        *(
            {"recorded for another learner": True, **row}
            for row in rows(Attendance.objects.filter(recorded_by=person), "session_id",
                            "recorded_at")
        ),
    ]  # fmt: skip


def erase_attendance(erasure: Erasure) -> int:
    person = erasure.person
    count = Attendance.objects.filter(recorded_by=person).update(recorded_by=None)
    return count + Attendance.objects.filter(learner=person).delete()[0]


def register_handlers() -> None:
    register(Organisation.leaders.through, **_membership(Organisation.leaders.through,
                                                         "organisation"))  # fmt: skip
    register(Department.staff.through, **_membership(Department.staff.through, "department"))
    register(Cohort.members.through, **_membership(Cohort.members.through, "cohort"))
    register(Cohort.supervisors.through, **_membership(Cohort.supervisors.through, "cohort"))
    register(
        Cohort,
        export=lambda person: rows(Cohort.objects.filter(lead=person), "id", "name",
                                   "programme_id"),
        erase=unassign(Cohort, "lead"),
    )  # fmt: skip
    register(
        Session,
        export=lambda person: rows(Session.objects.filter(facilitator=person), "id", "title",
                                   "starts_at"),
        erase=unassign(Session, "facilitator"),
    )  # fmt: skip
    register(Attendance, export=export_attendance, erase=erase_attendance)
    register(
        CohortRole,
        export=lambda person: rows(CohortRole.objects.filter(person=person), "cohort_id",
                                   "cohort__name", "role", "assigned_at"),
        erase=lambda erasure: CohortRole.objects.filter(person=erasure.person).delete()[0],
    )  # fmt: skip
    register(Supervision, export=export_supervision, erase=erase_supervision)
