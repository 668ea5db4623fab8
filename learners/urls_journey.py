"""Enrolment, dashboard, progress and the reflection journal."""

urlpatterns = []
