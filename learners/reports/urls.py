"""Cohorts and their reports and exports, the organisation view, and notifications."""

from django.urls import path

from . import views

urlpatterns = [
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_id>/report/", views.cohort_report, name="cohort-report"),
    path("cohorts/<int:cohort_id>/export/", views.cohort_export, name="cohort-export"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
