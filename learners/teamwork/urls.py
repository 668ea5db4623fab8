"""A cohort's team pages: documents, their history and approval, members' roles, and
the record of consultations and NMT assessments."""

from django.urls import path

from . import consultation_views, views

urlpatterns = [
    path("cohorts/<id:cohort_id>/team/", views.team, name="team"),
    path("cohorts/<id:cohort_id>/team/roles/", views.roles, name="team-roles"),
    path(
        "cohorts/<id:cohort_id>/team/consultations/",
        consultation_views.consultations,
        name="team-consultations",
    ),
    path(
        "cohorts/<id:cohort_id>/team/consultations/new/",
        consultation_views.add_consultation,
        name="team-consultation-add",
    ),
    path("cohorts/<id:cohort_id>/team/<slug:kind>/", views.document, name="team-document"),
    path("cohorts/<id:cohort_id>/team/<slug:kind>/edit/", views.edit, name="team-document-edit"),
    path(
        "cohorts/<id:cohort_id>/team/<slug:kind>/approve/",
        views.approve,
        name="team-document-approve",
    ),
    path(
        "cohorts/<id:cohort_id>/team/<slug:kind>/history/",
        views.history,
        name="team-document-history",
    ),
    path(
        "cohorts/<id:cohort_id>/team/<slug:kind>/revisions/<id:number>/",
        views.revision,
        name="team-document-revision",
    ),
]
