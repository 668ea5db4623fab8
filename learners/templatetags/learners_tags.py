"""``{% load learners_tags %}``: the library lives in its room, ``learners.cohorts``."""

from learners.cohorts.templatetags import register

__all__ = ["register"]
