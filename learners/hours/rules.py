"""The rules of supervised practice hours in one namespace, for views and tests: each lives
in the module of its responsibility (access, entries, signoff, progress, export,
notifications, demo) and is re-exported here."""

from .access import learner_programmes, may_decide, may_export, may_follow, visible_entries
from .demo import load_demo_hours
from .entries import (
    ENTRY_FIELDS,
    MAX_HOURS_PER_DAY,
    check_entry,
    correct,
    create_entry,
    delete_entry,
    history,
    submit,
    update_entry,
)
from .export import HOURS_PDF, Export, export_data, export_html, render_pdf, start_pdf, write_csv
from .models import EntryLocked
from .notifications import announcement_key, notify_returned, send_supervisor_digests
from .progress import (
    CategoryProgress,
    Progress,
    approved_hours_by_category,
    progress,
    progress_for,
)
from .signoff import (
    SIGNING_SESSION_KEY,
    SIGNING_WINDOW,
    Decisions,
    approve,
    confirm_signing,
    decide,
    return_entry,
    signing_confirmed,
)

__all__ = [
    "ENTRY_FIELDS",
    "MAX_HOURS_PER_DAY",
    "SIGNING_SESSION_KEY",
    "SIGNING_WINDOW",
    "CategoryProgress",
    "Decisions",
    "EntryLocked",
    "Export",
    "Progress",
    "announcement_key",
    "approve",
    "approved_hours_by_category",
    "check_entry",
    "confirm_signing",
    "correct",
    "create_entry",
    "decide",
    "delete_entry",
    "export_data",
    "export_html",
    "history",
    "learner_programmes",
    "load_demo_hours",
    "may_decide",
    "may_export",
    "may_follow",
    "notify_returned",
    "progress",
    "progress_for",
    "render_pdf",
    "return_entry",
    "send_supervisor_digests",
    "signing_confirmed",
    "submit",
    "update_entry",
    "visible_entries",
    "write_csv",
    "HOURS_PDF",
    "start_pdf",
]
