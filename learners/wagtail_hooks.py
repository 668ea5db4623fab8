"""Wagtail finds an app's hooks in ``<app>.wagtail_hooks``; each room registers its own
admin views and hooks in its ``admin`` (or ``hooks``) module, imported here."""

from learners.certification import admin as certification_admin
from learners.cohorts import admin as cohorts_admin
from learners.hours import admin as hours_admin
from learners.journey import hooks as journey_hooks
from learners.practicum import admin as practicum_admin

__all__ = [
    "certification_admin",
    "cohorts_admin",
    "hours_admin",
    "journey_hooks",
    "practicum_admin",
]
