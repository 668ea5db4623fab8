"""Cohorts, their reports and exports, facilitated sessions, the organisation view and
notifications."""

from django.urls import path

from . import views_cohorts as views

urlpatterns = [
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_id>/report/", views.cohort_report, name="cohort-report"),
    path("cohorts/<int:cohort_id>/export/", views.cohort_export, name="cohort-export"),
    path("sessions/calendar.ics", views.my_sessions_ics, name="sessions-ics"),
    path("sessions/<int:session_id>/register/", views.session_register, name="session-register"),
    path("sessions/<int:session_id>/calendar.ics", views.session_ics, name="session-ics"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
