"""Who mentors whom, in which programme, for which period. A mentor is a volunteer
co-facilitator (SMART Recovery's facilitators are volunteers), not a clinical supervisor:
they hold no supervisor profile, sign no practice hours and read no shared journal. They
confirm the practicum meetings their mentee logs (``learners.practicum``) and may grade
their mentee's essays (``assessments.services.access``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .assignment import Assignment, AssignmentQuerySet


class MentorshipQuerySet(AssignmentQuerySet):
    def of(self, *, mentor, learner=None, programme=None):
        return self.of_assignee(mentor, learner=learner, programme=programme)


class Mentorship(Assignment):
    """A mentor assigned to a learner for a programme by an administrator or the
    programme's lead (``Assignment``). The mentor confirms the learner's practicum only
    while the mentorship is active."""

    assignee_field = "mentor"
    refuses_self = _("A person cannot mentor themselves.")

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentees",
        verbose_name=_("mentor"),
    )

    objects = MentorshipQuerySet.as_manager()

    class Meta(Assignment.Meta):
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        indexes = [models.Index(fields=["mentor", "learner"])]
