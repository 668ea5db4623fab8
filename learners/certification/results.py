"""What the eligibility engine returns: each requirement's result (met or not, the
amounts, and the sentence the learner reads) and the standing against the whole track.
Results are stored as JSON in ``EligibilitySnapshot`` and read back from it."""

from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.practicum.models import Role

Kind = TrackRequirement.Kind
ZERO = Decimal(0)


def _hours(value: Decimal) -> str:
    """12.5, 3, 0.25 — as few decimals as the number needs, in the active locale."""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places)


@dataclass
class RequirementResult:
    """One requirement and where the learner stands. ``required`` and ``achieved`` are
    counts (modules) or hours; ``name`` is the module, exam, category or topic's name;
    ``detail`` lists what is still to do where that is a list."""

    kind: str
    key: str
    name: str
    met: bool
    required: Decimal = ZERO
    achieved: Decimal = ZERO
    detail: list[str] = field(default_factory=list)
    # Declarations: "" (not signed), "signed" (waiting for a confirmation) or "met"; who
    # confirms; and where the learner signs.
    state: str = ""
    confirmation: str = ""
    url: str = ""

    @property
    def missing(self) -> Decimal:
        return max(Decimal(self.required) - Decimal(self.achieved), ZERO)

    @property
    def message(self) -> str:
        """What the learner reads: done, or exactly what is missing."""
        missing = self.missing
        if self.kind == Kind.MODULES:
            if self.met:
                return _("All modules completed")
            count = int(missing)
            return ngettext(
                "Complete %(count)s more module: %(titles)s",
                "Complete %(count)s more modules: %(titles)s",
                count,
            ) % {"count": count, "titles": ", ".join(self.detail)}
        if self.kind == Kind.MODULE:
            if self.met:
                return _("Module “%(name)s” completed") % {"name": self.name}
            return _("Complete module “%(name)s”") % {"name": self.name}
        if self.kind == Kind.EXAM:
            if self.met:
                return _("Exam “%(name)s” passed") % {"name": self.name}
            return _("Pass exam “%(name)s”") % {"name": self.name}
        if self.kind == Kind.HOURS:
            if self.met:
                return _("%(hours)s approved practice hours") % {"hours": _hours(self.achieved)}
            return _("%(missing)s more approved hours in total (%(done)s of %(required)s)") % {
                "missing": _hours(missing),
                "done": _hours(self.achieved),
                "required": _hours(self.required),
            }
        if self.kind == Kind.HOURS_CATEGORY:
            if self.met:
                return _("%(hours)s approved hours in %(name)s") % {
                    "hours": _hours(self.achieved),
                    "name": self.name,
                }
            return _("%(missing)s more approved hours in %(name)s") % {
                "missing": _hours(missing),
                "name": self.name,
            }
        if self.kind == Kind.PRACTICE_HOURS:
            if self.met:
                return _("%(hours)s approved hours of direct practice") % {
                    "hours": _hours(self.achieved)
                }
            return _(
                "%(missing)s more approved hours of direct practice (%(done)s of %(required)s)"
            ) % {
                "missing": _hours(missing),
                "done": _hours(self.achieved),
                "required": _hours(self.required),
            }
        if self.kind == Kind.SUPERVISION_HOURS:
            if self.met:
                return _("%(hours)s approved hours of supervision received") % {
                    "hours": _hours(self.achieved)
                }
            return _(
                "%(missing)s more approved hours of supervision received (%(done)s of %(required)s)"
            ) % {
                "missing": _hours(missing),
                "done": _hours(self.achieved),
                "required": _hours(self.required),
            }
        if self.kind == Kind.SUPERVISION_RATIO:
            values = {
                "received": _hours(self.achieved),
                "required": _hours(self.required),
                "missing": _hours(missing),
                "ratio": self.name,
            }
            if self.met:
                return (
                    _(
                        "Supervision ratio met: %(received)s hours received, %(required)s needed "
                        "(one hour per %(ratio)s practice hours)"
                    )
                    % values
                )
            return (
                _(
                    "%(missing)s more hours of supervision for the practice hours approved so far "
                    "(one hour per %(ratio)s practice hours: %(received)s of %(required)s)"
                )
                % values
            )
        if self.kind == Kind.EDUCATION:
            if self.met:
                return _("%(hours)s hours of education in %(name)s") % {
                    "hours": _hours(self.achieved),
                    "name": self.name,
                }
            return _("%(missing)s more hours of education in %(name)s") % {
                "missing": _hours(missing),
                "name": self.name,
            }
        if self.kind == Kind.FACE_TO_FACE_SHARE:
            values = {"share": _hours(self.achieved), "required": _hours(self.required)}
            if self.met:
                return _("%(share)s %% of your education hours taken face to face") % values
            return (
                _(
                    "Only %(share)s %% of your education hours taken face to face; at least "
                    "%(required)s %% needed"
                )
                % values
            )
        if self.kind == Kind.PRACTICUM:
            values = {
                "role": Role(self.key).label if self.key in Role.values else self.key,
                "done": int(self.achieved),
                "required": int(self.required),
            }
            if self.met:
                return (
                    _("%(done)s practicum meetings confirmed (%(role)s or a higher role)") % values
                )
            return (
                _(
                    "%(done)s of %(required)s practicum meetings confirmed so far (%(role)s or a "
                    "higher role); log the meetings and ask your mentor to confirm them"
                )
                % values
            )
        if self.kind == Kind.LEVEL:
            if self.met:
                return _("You hold a current certificate: %(name)s") % {"name": self.name}
            return _("Hold a current certificate of %(name)s first") % {"name": self.name}
        if self.kind == Kind.DECLARATION:
            if self.met:
                return _("Declared and signed: %(name)s") % {"name": self.name}
            if self.state != "signed":
                return _("Declare and sign: %(name)s") % {"name": self.name}
            if self.confirmation == TrackRequirement.Confirmation.SUPERVISOR:
                return _("Signed, waiting for your supervisor to confirm: %(name)s") % {
                    "name": self.name
                }
            return _("Signed, waiting for an administrator to confirm: %(name)s") % {
                "name": self.name
            }
        if self.met:
            return _("Confirmed: %(name)s") % {"name": self.name}
        return _("Not confirmed yet: %(name)s. Show your evidence to an administrator.") % {
            "name": self.name
        }

    def message_in(self, language: str) -> SafeString:
        """``message`` as HTML in which the programme's own words (the names of modules,
        exams, categories, topics and declarations) carry ``lang="<language>"`` (WCAG
        3.1.2): the sentence is the interface's, the names are the content's."""
        if not language:
            return escape(self.message)
        marks: dict[str, str] = {}

        def mark(text: str) -> str:
            token = f"\x00{len(marks)}\x00"
            marks[token] = format_html('<span lang="{}">{}</span>', language, text)
            return token

        # A ratio's name is a number, a practicum's role the interface's word.
        ratio = self.kind in (Kind.SUPERVISION_RATIO, Kind.PRACTICUM)
        marked = replace(
            self,
            name=self.name if ratio or not self.name else mark(self.name),
            detail=[mark(title) for title in self.detail],
        )
        html = escape(marked.message)
        for token, span in marks.items():
            html = html.replace(token, span)
        return mark_safe(html)  # noqa: S308 -- escaped above; the spans are format_html's

    def as_json(self) -> dict:
        data = asdict(self)
        data["required"], data["achieved"] = str(self.required), str(self.achieved)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "RequirementResult":
        return cls(
            **{**data, "required": Decimal(data["required"]), "achieved": Decimal(data["achieved"])}
        )


@dataclass
class Eligibility:
    programme: ProgrammePage
    track: CertificationTrack | None
    requirements: list[RequirementResult]

    @property
    def eligible(self) -> bool:
        return self.track is not None and all(result.met for result in self.requirements)

    @property
    def level(self) -> str:
        """The level's key ("" for a programme's only track)."""
        return self.track.key if self.track else ""

    @property
    def name(self) -> str:
        """The level's name ("" for a programme's only, unnamed track)."""
        return self.track.name if self.track else ""

    @property
    def missing(self) -> list[RequirementResult]:
        return [result for result in self.requirements if not result.met]


def requirements_met(result) -> list[str]:
    """What a certification lists on its second page: each requirement of the track as
    met, in the programme's language — except declarations of health data (recovery):
    a certificate is shown to third parties, and GDPR Art. 9 data stays off it."""
    if result.track is None:
        return []
    health = {
        row.key
        for row in result.track.requirements.all()
        if row.kind == TrackRequirement.Kind.DECLARATION and row.health
    }
    with translation.override(result.programme.language):
        return [
            item.message
            for item in result.requirements
            if not (item.kind == TrackRequirement.Kind.DECLARATION and item.key in health)
        ]
