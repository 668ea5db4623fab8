"""Supervised practice hours: the learner's log and the supervisor's sign-off queue."""

from django.urls import path

from . import views

urlpatterns = [
    path("hours/", views.log, name="hours"),
    path("hours/new/", views.add, name="hours_add"),
    path("hours/submit/", views.submit, name="hours_submit"),
    path("hours/signoff/", views.signoff, name="signoff"),
    path("hours/<id:pk>/", views.entry, name="hours_entry"),
    path("hours/<id:pk>/edit/", views.edit, name="hours_edit"),
    path("hours/<id:pk>/delete/", views.delete, name="hours_delete"),
    path("hours/<id:pk>/correct/", views.correct, name="hours_correct"),
    path("hours/programme/<id:programme_id>/", views.overview, name="hours_overview"),
    path(
        "hours/programme/<id:programme_id>/learner/<id:learner_id>/",
        views.progress,
        name="hours_progress",
    ),
    path(
        "hours/programme/<id:programme_id>/learner/<id:learner_id>/export.<str:fmt>",
        views.export,
        name="hours_export",
    ),
]
