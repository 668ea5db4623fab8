"""Cohorts and their reports and exports, and the organisation view."""

from django.urls import path

from . import views

urlpatterns = [
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/<id:cohort_id>/report/", views.cohort_report, name="cohort-report"),
    path("cohorts/<id:cohort_id>/export/", views.cohort_export, name="cohort-export"),
    path("organisations/<id:organisation_id>/", views.organisation, name="organisation"),
]
