"""The administrators' audit page: the log, filtered by person, object, action and date;
one event with its details and place in the chain; and the chain's verification.

Only people with ``cms.view_auditevent`` (the Administrators group) see it; everyone
else gets a 404 at every URL here. Nothing on these pages changes an event.
"""

import json

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from .audit import last_report, verify_chain
from .converters import parse_id
from .models import AuditEvent

PERMISSION = "cms.view_auditevent"


def may_see_audit_log(user) -> bool:
    """Who may read the audit log: holders of ``cms.view_auditevent``."""
    return user.is_authenticated and user.has_perm(PERMISSION)


class AuditEventFilterSet(WagtailFilterSet):
    person = django_filters.CharFilter(
        label=_("Person"),
        method="filter_person",
        help_text=_("Username or name (at the time or now), or a user id"),
    )
    object_type = ContentTypeFilter(
        label=_("Object type"),
        field_name="target_type",
        queryset=lambda request: ContentType.objects.filter(
            pk__in=AuditEvent.objects.order_by().values("target_type").distinct()
        ).order_by("app_label", "model"),
    )
    object_id = django_filters.CharFilter(label=_("Object id"), field_name="target_id")
    object = django_filters.CharFilter(
        label=_("Object text"), field_name="target_repr", lookup_expr="icontains"
    )
    action = django_filters.CharFilter(
        label=_("Action"),
        field_name="action",
        lookup_expr="startswith",
        help_text=_("The action or its beginning, e.g. “hours.”"),
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"))

    class Meta:
        model = AuditEvent
        fields = []

    def filter_person(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():  # an id; one too large for an id matches nobody
            return queryset.filter(actor_id=parse_id(value) or 0)
        for word in value.split():
            queryset = queryset.filter(
                Q(actor_username__icontains=word)
                | Q(actor__username__icontains=word)
                | Q(actor__first_name__icontains=word)
                | Q(actor__last_name__icontains=word)
            )
        return queryset


class AuditAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_audit_log(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=last_report(), **kwargs)


class AuditIndexView(AuditAccessMixin, BaseListingView):
    """Every event, newest first, 50 to a page."""

    model = AuditEvent
    page_title = _("Audit log")
    header_icon = "history"
    paginate_by = 50
    filterset_class = AuditEventFilterSet
    index_url_name = "cms_audit:index"
    index_results_url_name = "cms_audit:index_results"
    template_name = "cms/audit/index.html"
    results_template_name = "cms/audit/index_results.html"
    default_ordering = "-sequence"
    verbose_name = _("audit event")
    verbose_name_plural = _("audit events")

    def get_valid_orderings(self):
        return ["-sequence"]

    def get_base_queryset(self):
        return AuditEvent.objects.select_related("actor", "target_type")


class AuditEventView(AuditAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """One event: who, what, which object, the details, and its place in the chain."""

    template_name = "cms/audit/event.html"
    header_icon = "history"

    def get_page_title(self):
        return _("Audit event %(sequence)s") % {"sequence": self.event.sequence}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cms_audit:index"), "label": _("Audit log")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, pk: int, **kwargs):
        self.event = get_object_or_404(
            AuditEvent.objects.select_related("actor", "target_type"), pk=pk
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        sequence = self.event.sequence
        neighbours = dict(
            AuditEvent.objects.filter(sequence__in=[sequence - 1, sequence + 1]).values_list(
                "sequence", "pk"
            )
        )
        return super().get_context_data(
            event=self.event,
            standing=chain_standing(self.event, last_report()),
            data_json=json.dumps(self.event.data, indent=2, sort_keys=True, ensure_ascii=False),
            previous_pk=neighbours.get(sequence - 1),
            next_pk=neighbours.get(sequence + 1),
            **kwargs,
        )


def chain_standing(event: AuditEvent, report) -> str:
    """What the last verification says about one event: "verified", "before_break" (the
    chain breaks later), "broken" (at or after the first broken link) or "unverified"
    (written since, or never verified)."""
    if report is None:
        return "unverified"
    if report.broken is not None:
        return "before_break" if event.sequence < report.broken.sequence else "broken"
    return "verified" if event.sequence <= report.head_sequence else "unverified"


@require_POST
def verify(request):
    """Verify the whole chain now (the same check as ``manage.py verify_audit``)."""
    if not may_see_audit_log(request.user):
        raise Http404
    report = verify_chain()
    if report.ok:
        messages.success(
            request,
            _("The audit chain is intact: %(count)s events verified.") % {"count": report.count},
        )
    else:
        messages.error(
            request, _("The audit chain is broken at %(link)s.") % {"link": report.broken}
        )
    return redirect("cms_audit:index")
