"""Form widgets of the page editor."""

from django import forms


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes in one group that screen readers name: ``role="group"`` with the
    field's label, since the Wagtail editor shows a multiple-choice field's label as a
    heading that nothing points to. Each box keeps its own label (the choice)."""

    template_name = "courses/widgets/checkbox_group.html"

    def __init__(self, group_label, attrs=None, choices=()):
        super().__init__(attrs=attrs, choices=choices)
        self.group_label = group_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["group_label"] = self.group_label
        return context
