"""A learner's certification standing on a programme page, as a template tag. Loaded with
``{% load certification %}`` (``learners/templatetags/certification.py`` registers it)."""

import datetime

from django import template

from courses.translation import canonical

from .standing import refresh

register = template.Library()


@register.simple_tag(takes_context=True)
def certification_standing(context, programme):
    """``{% certification_standing page as levels %}``: the viewer's eligibility against
    each of the programme's tracks (levels), lowest first, evaluated now (and issued,
    where a track issues automatically); empty without a track. A translated programme's
    tracks are its source's (``courses.translation.canonical``)."""
    return refresh(learner=context["request"].user, programme=canonical(programme))


@register.filter
def utc_iso(moment) -> str:
    """A moment as ``2026-11-30T13:45:12Z``: how the verify page and the PDF show
    validity, to the second and in UTC, exactly as the credential says it."""
    if not moment:
        return ""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
