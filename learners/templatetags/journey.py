"""``{% load journey %}``: the library lives in its room, ``learners.journey``."""

from learners.journey.templatetags import register

__all__ = ["register"]
