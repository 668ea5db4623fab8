"""``{% load certification %}``: the library lives in its room, ``learners.certification``."""

from learners.certification.templatetags import register

__all__ = ["register"]
