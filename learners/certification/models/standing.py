"""The learner's stored standing against a track (the rules:
``learners.certification.eligibility`` and ``learners.certification.standing``)."""

from django.conf import settings
from django.db import models


class EligibilitySnapshot(models.Model):
    """The learner's standing against a track (one level of a programme, by its key) as
    last evaluated (after each relevant event, and whenever the programme page is shown),
    so lists read it in one query. ``evaluated_at`` is when it last changed: an
    evaluation with the same result writes nothing."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage", on_delete=models.CASCADE, related_name="+"
    )
    level = models.SlugField(max_length=64, blank=True, default="")
    eligible = models.BooleanField(default=False)
    stale = models.BooleanField(default=False)
    results = models.JSONField(default=list)
    evaluated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "programme", "level"], name="one_snapshot_per_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.programme_id} {self.level}: {self.eligible}"
