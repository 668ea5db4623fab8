"""The journey's Wagtail hooks (imported by ``learners.wagtail_hooks``)."""

from wagtail import hooks

from courses.models import ModulePage

from .gate import gate_module


@hooks.register("before_serve_page", order=100)
def gate_modules(page, request, serve_args, serve_kwargs):
    """A module's material is shown only past its gates (enrolment, prerequisites, the
    content note); ``gate_module`` returns the page to show instead. It runs after
    Wagtail's own checks (order 100); anonymous visitors go on to the module's ``serve``,
    which sends them to log in."""
    if isinstance(page, ModulePage) and request.user.is_authenticated:
        return gate_module(request, page)
    return None
