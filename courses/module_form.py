"""The module page's admin form: prerequisites are earlier modules of the same programme
(``prerequisite_problems``), offered and checked as the author edits."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def prerequisite_problems(*, parent: Page, order: int, prerequisites) -> list[str]:
    """A module may only require modules of its own programme that come before it.

    Returns a sentence per offending prerequisite; an empty list means the rule holds.
    """
    problems = []
    for prerequisite in prerequisites:
        if prerequisite.get_parent().pk != parent.pk:
            problems.append(
                _("“%(title)s” belongs to another programme.") % {"title": prerequisite.title}
            )
        elif prerequisite.order >= order:
            problems.append(
                _("“%(title)s” does not come before this module.") % {"title": prerequisite.title}
            )
    return problems


class ModulePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if "prerequisites" in self.fields and parent is not None:
            siblings = type(self.instance).objects.child_of(parent).order_by("order")
            if self.instance.pk:
                # Only earlier modules may be prerequisites (prerequisite_problems); a
                # new module's place is known only once its order is typed and saved.
                siblings = siblings.exclude(pk=self.instance.pk).filter(
                    order__lt=self.instance.order
                )
            self.fields["prerequisites"].queryset = siblings

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        order = cleaned.get("order")
        prerequisites = cleaned.get("prerequisites") or []
        if order is not None and parent is not None:
            for problem in prerequisite_problems(
                parent=parent, order=order, prerequisites=prerequisites
            ):
                self.add_error("prerequisites", problem)
        return cleaned
