"""Sessions as template tags. Loaded with ``{% load learners_tags %}``
(``learners/templatetags/learners_tags.py`` registers this library)."""

from django import template

from .sessions import upcoming_for

register = template.Library()


@register.inclusion_tag("learners/includes/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(context):
    """The person's next sessions, for the dashboard."""
    return {"upcoming_sessions": list(upcoming_for(context["request"].user))}
