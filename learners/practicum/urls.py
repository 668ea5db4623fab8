"""The practicum log and the mentor's queue."""

from django.urls import path

from . import views

urlpatterns = [
    path("practicum/", views.log, name="practicum"),
    path("practicum/new/", views.edit, name="practicum-new"),
    path("practicum/mentor/", views.queue, name="practicum-queue"),
    path("practicum/<id:entry_id>/", views.entry, name="practicum-entry"),
    path("practicum/<id:entry_id>/edit/", views.edit, name="practicum-edit"),
    path("practicum/<id:entry_id>/submit/", views.submit, name="practicum-submit"),
    path("practicum/<id:entry_id>/delete/", views.delete, name="practicum-delete"),
    path("practicum/<id:entry_id>/decide/", views.decide, name="practicum-decide"),
]
