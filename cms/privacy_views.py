"""A person's own data (``/accounts/data/``): start a download of everything held about
them, follow its progress, fetch the ZIP. An administrator's erasure of a person
(``/admin/privacy/erase/<id>/``). Other people's exports, and the erasure page for
anyone but an administrator, are 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import privacy
from .access import is_administrator
from .forms import EraseForm
from .models import PersonalExport
from .private_files import serve_private


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def personal_data(request):
    if request.method == "POST":
        export = privacy.start_personal_export(person=request.user)
        return redirect("personal_export", pk=export.pk)
    exports = PersonalExport.objects.filter(person=request.user)[:10]
    return render(
        request, "cms/privacy/personal_data.html",
        {"exports": exports, "keep_days": privacy.EXPORT_KEEP_DAYS},
    )  # fmt: skip


@never_cache
@login_required
@require_GET
def personal_export(request, pk):
    export = get_object_or_404(PersonalExport, pk=pk, person=request.user)
    template = "cms/privacy/personal_export.html"
    if request.htmx:
        template += "#export-progress"
    context = {"export": export, "downloadable": privacy.downloadable(export)}
    return render(request, template, context)


@login_required
@require_GET
def personal_export_download(request, pk):
    export = get_object_or_404(PersonalExport, pk=pk, person=request.user)
    if not privacy.downloadable(export):
        raise Http404
    return serve_private(request, export.file, filename=f"praksis-data-{export.pk}.zip")


class EraseView(WagtailAdminTemplateMixin, FormView):
    """An administrator erases a person after typing their username (``cms.privacy``)."""

    form_class = EraseForm
    template_name = "cms/privacy/erase.html"
    header_icon = "user"

    def dispatch(self, request, *args, user_id: int, **kwargs):
        if not is_administrator(request.user):
            raise Http404
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Erase a person")

    def get_page_subtitle(self):
        return self.person.get_username()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, erased=privacy.was_erased(self.person), **kwargs
        )

    def form_valid(self, form):
        try:
            privacy.erase_person(
                self.person, actor=self.request.user, confirmation=form.cleaned_data["confirmation"]
            )
        except ValidationError as error:
            form.add_error("confirmation", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The person has been erased."))
        return redirect("wagtailusers_users:index")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
