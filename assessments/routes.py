"""Addresses below an exam page: build them, and serve a request for one of them.

The patterns are in ``assessments.urls``; this module names that URLconf by its dotted
path, as Django's own ``reverse()`` names the root URLconf, so the views that build
addresses here are not imported by it."""

from django.contrib.auth.views import redirect_to_login
from django.urls import get_resolver

from courses.translation import canonical

EXAM_URLCONF = "assessments.urls"


def exam_url(exam, name: str = "overview", *, request=None, **kwargs) -> str:
    """The address of the exam's page ``name`` (a name in ``assessments.urls``), e.g.
    ``exam_url(exam, "attempt", attempt_id=3)`` → ``/…/exam/attempts/3/``."""
    page = shown_exam(request, exam) if request is not None else exam
    return page.get_url(request) + get_resolver(EXAM_URLCONF).reverse(name, **kwargs)


def serve_exam(request, exam, subpath: str = ""):
    """Log in first; then the view whose pattern matches the rest of the address, called
    with the *source* exam (``courses.translation.canonical``): attempts, grading and
    reports of a translated exam are those of its source. The page as served (a
    translation, or the source itself) is ``shown_exam(request, exam)``, for its wording
    and addresses. An address no pattern matches is a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    match = get_resolver(EXAM_URLCONF).resolve("/" + subpath)
    request.exam_page = exam
    return match.func(request, canonical(exam), *match.args, **match.kwargs)


def shown_exam(request, exam):
    """The exam page the request came through when it is ``exam`` or a translation of
    it; otherwise ``exam``."""
    page = getattr(request, "exam_page", None)
    return page if page is not None and page.translation_key == exam.translation_key else exam
