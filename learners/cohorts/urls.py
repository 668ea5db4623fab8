"""Facilitated sessions: the register and the calendar feeds."""

from django.urls import path

from . import views

urlpatterns = [
    path("sessions/calendar.ics", views.my_sessions_ics, name="sessions-ics"),
    path("sessions/<id:session_id>/register/", views.session_register, name="session-register"),
    path("sessions/<id:session_id>/calendar.ics", views.session_ics, name="session-ics"),
]
