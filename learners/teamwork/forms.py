from django import forms
from django.utils.translation import gettext_lazy as _

from cms.markdown import MAX_LENGTH, validate_markdown
from courses.models import ModuleRole


class DocumentForm(forms.Form):
    """The document's Markdown, and the revision the writer started from."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 20}),
        max_length=MAX_LENGTH,
        validators=[validate_markdown],
        help_text=_("Markdown: # for headings, - for lists, **bold**."),
    )
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ApproveForm(forms.Form):
    """The revision the approver read."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RolesForm(forms.Form):
    """A set of role checkboxes per member of the cohort (``role-<person id>``)."""

    def __init__(self, *args, members, held: dict[int, set[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for person in self.members:
            self.fields[f"role-{person.pk}"] = forms.MultipleChoiceField(
                label=person.get_full_name() or person.get_username(),
                choices=ModuleRole.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=sorted(held.get(person.pk, set())),
            )

    def chosen(self):
        """``(person, roles)`` for every member, after validation."""
        return [(p, set(self.cleaned_data[f"role-{p.pk}"])) for p in self.members]
