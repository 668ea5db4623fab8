"""Enrolment, progress and the reflection journal."""

from django.urls import path

from . import signoff_views, views

urlpatterns = [
    path("programmes/<id:programme_id>/enrol/", views.enrol_self, name="enrol"),
    path("programmes/<id:programme_id>/enrolments/", views.enrolments, name="enrolments"),
    path(
        "programmes/<id:programme_id>/enrolments/person/", views.enrol_person, name="enrol-person"
    ),
    path(
        "programmes/<id:programme_id>/enrolments/cohort/", views.enrol_cohort, name="enrol-cohort"
    ),
    path("programmes/<id:programme_id>/enrolments/csv/", views.enrol_csv, name="enrol-csv"),
    path("enrolments/<id:enrolment_id>/withdraw/", views.withdraw, name="withdraw"),
    path("modules/<id:module_id>/done/", views.mark_done, name="mark-done"),
    path("modules/<id:module_id>/not-now/", views.not_now, name="not-now"),
    path("modules/<id:module_id>/signoff/ask/", signoff_views.ask_again, name="module-signoff-ask"),
    path("signoffs/modules/", signoff_views.queue, name="module-signoffs"),
    path("signoffs/modules/<id:signoff_id>/", signoff_views.decide, name="module-signoff"),
    path(
        "modules/<id:module_id>/journal/<str:block_id>/",
        views.save_entry,
        name="journal-save",
    ),
    path(
        "modules/<id:module_id>/worksheets/<str:block_id>/blank.pdf",
        views.worksheet_blank,
        name="worksheet-blank",
    ),
    path(
        "modules/<id:module_id>/journal/<str:block_id>/skip/",
        views.skip_prompt,
        name="journal-skip",
    ),
    path("journal/", views.journal_list, name="journal"),
    path("journal/shared/", views.journal_shared, name="journal-shared"),
    path("journal/export/", views.journal_export, name="journal-export"),
    path("journal/<id:entry_id>/", views.journal_entry, name="journal-entry"),
    path("journal/<id:entry_id>/share/", views.journal_share, name="journal-share"),
    path("journal/<id:entry_id>/comments/", views.journal_comment, name="journal-comment"),
]
