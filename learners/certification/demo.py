"""Demo certificates, so a newcomer sees every state a certificate can be in: course
certificates for the workplace substance-protocol course (a programme without a track),
one valid, one superseded by a re-issue and one revoked."""

from django.utils import timezone

from courses.models import ModulePage, ProgrammePage
from learners.journey.models import Enrolment, ModuleProgress

from .certificates import issue_certificate, revoke_certificate
from .models import Certificate

DEMO_PROGRAMME = "rusmiddelprotokol"


def _complete_course(learner, programme) -> None:
    Enrolment.objects.get_or_create(learner=learner, programme=programme)
    Enrolment.objects.filter(learner=learner, programme=programme).update(
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    for module in ModulePage.objects.child_of(programme).live():
        ModuleProgress.objects.update_or_create(
            learner=learner, module=module,
            defaults={"last_viewed_at": timezone.now(), "marked_done_at": timezone.now(),
                      "completed_at": timezone.now()},
        )  # fmt: skip


def load_demo_certificates(*, reissued, revoked, administrator) -> list[Certificate]:
    """``reissued`` gets a course certificate and a re-issue (the first is superseded);
    ``revoked`` gets one that an administrator revoked. Loading again adds nothing."""
    programme = ProgrammePage.objects.filter(content_key=DEMO_PROGRAMME).first()
    if programme is None:
        return []
    issued = []
    for learner in (reissued, revoked):
        if Certificate.objects.filter(learner=learner, programme=programme).exists():
            continue
        _complete_course(learner, programme)
        certificate = issue_certificate(learner=learner, programme=programme, actor=administrator)
        issued.append(certificate)
        if learner == reissued:
            issued.append(
                issue_certificate(learner=learner, programme=programme, actor=administrator)
            )
        else:
            revoke_certificate(
                certificate=certificate, actor=administrator,
                reason="Demo: issued to the wrong person",
            )  # fmt: skip
    return issued
