"""A bank question's wording in another language. The bank keeps one ``Question`` per key
(its answer key, points, tags and revisions); a translation holds only text: the
question, the options in the same order (so each keeps its source option's id), the
accepted short answers, the rubric and the explanation. An attempt at a translated exam
is an attempt at the source exam, with this wording copied into its snapshot."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionTranslation(models.Model):
    question = models.ForeignKey(
        "assessments.Question",
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("question"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("question"), help_text=_("Markdown"))
    choice_texts = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("The options' text, in order")
    )
    accepted_answers = models.TextField(_("accepted answers"), blank=True)
    rubric = models.TextField(_("rubric"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("question translation")
        verbose_name_plural = _("question translations")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} ({self.language})"

    def apply_to(self, snapshot: dict) -> dict:
        """``snapshot`` (``Question.snapshot``) worded in this language; the answer key,
        points and option ids stay the source's."""
        texts = list(self.choice_texts or [])
        choices = [
            {**choice, "text": texts[index]} if index < len(texts) and choice["text"] else choice
            for index, choice in enumerate(snapshot["choices"])
        ]
        accepted = [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]
        return {
            **snapshot,
            "text": self.text,
            "choices": choices,
            "accepted": accepted or snapshot["accepted"],
            "rubric": self.rubric or snapshot["rubric"],
            "explanation": self.explanation or snapshot["explanation"],
            "language": self.language,
        }
