"""The roles people hold in a cohort (resource person, leader): a module for a role
(``courses.ModulePage.for_role``) is required of its holders and optional for others,
and a cohort's leaders approve its team documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import ModuleRole


class CohortRoleQuerySet(models.QuerySet):
    def current(self):
        """Roles of people who are still members of the cohort: a role lapses with the
        membership (and comes back with it)."""
        return self.filter(cohort__members=models.F("person"))

    def held_in(self, *, person, programme):
        """The roles ``person`` holds in the cohorts of ``programme``."""
        return self.current().filter(person=person, cohort__programme=programme)


class CohortRole(models.Model):
    """``person`` holds ``role`` in ``cohort``, set by the cohort's leader or the
    programme's lead (``learners.cohorts.roles.set_roles``, audited)."""

    cohort = models.ForeignKey(
        "learners.Cohort", on_delete=models.CASCADE, related_name="roles", verbose_name=_("cohort")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ModuleRole.choices)
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    objects = CohortRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort role")
        verbose_name_plural = _("cohort roles")
        ordering = ["cohort", "role", "person"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person", "role"], name="one_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.cohort}"
