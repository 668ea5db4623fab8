"""An exam's own pages, below the exam page's address (``<exam-url>start/``,
``<exam-url>grading/``, …). Ordinary views, each called with the exam page: Wagtail routes
the address to the exam (so sites, publishing and privacy apply, and the paths are the
ones the exam page always had) and ``assessments.routes.serve_exam`` resolves the rest
here. Reverse them with ``assessments.routes.exam_url(exam, name, **kwargs)``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.exam_overview, name="overview"),
    path("start/", views.start, name="start"),
    path("attempts/<id:attempt_id>/", views.attempt, name="attempt"),
    path("attempts/<id:attempt_id>/answer/", views.answer, name="answer"),
    path("attempts/<id:attempt_id>/submit/", views.submit, name="submit"),
    path("grading/", views.grading_queue, name="grading_queue"),
    path("grading/<id:answer_id>/", views.grade, name="grade"),
    path("report/", views.report, name="report"),
    path("report/csv/", views.report_csv, name="report_csv"),
    path("report/regrade/", views.regrade, name="regrade"),
]
