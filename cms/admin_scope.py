"""Wagtail admin viewsets that show and accept only the objects a person may manage.

A model registers a ``ScopedPermissionPolicy`` with ``scope(user) -> QuerySet`` (built on
``cms.access.in_led_programmes``). Its ``ScopedSnippetViewSet`` then limits every view to
that queryset: the listing, and every view that opens one object (edit, delete, copy,
history, usage, inspect, revisions, preview, lock, workflow) answers 404 for an object
outside it; the snippet chooser lists and returns only those objects; bulk actions check
each object against the policy. Form choice fields are limited by ``ScopedAdminForm``.
"""

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import DeleteView
from wagtail.blocks.base import BlockWidget
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import in_led_programmes

Scope = Callable[[object], QuerySet]


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (the role may change cohorts at all), narrowed to the instances
    in ``scope(user)`` (the cohorts of the programmes they lead)."""

    def __init__(self, model, scope: Scope):
        super().__init__(model)
        self.scope = scope

    def in_scope(self, user, instance) -> bool:
        if instance is None or instance.pk is None:
            return True
        return self.scope(user).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)


AUDITED_ONE_BY_ONE: set[type[Model]] = set()


def scope_model(
    model: type[Model], scope: Scope, *, audited: bool = False
) -> ScopedPermissionPolicy:
    """Register ``scope`` as the rule for which ``model`` instances a person may manage;
    call it at the top of the app's admin module, before any viewset is built. An
    ``audited`` model's views write the audit log, so bulk deletion (which would not) is
    refused for it."""
    policy = ScopedPermissionPolicy(model, scope)
    register_permission_policy(model, policy)
    if audited:
        AUDITED_ONE_BY_ONE.add(model)
    return policy


def scope_of(model: type[Model]) -> Scope:
    policy = policy_registry.get_by_type(model)
    if not isinstance(policy, ScopedPermissionPolicy):
        raise TypeError(f"{model._meta.label} has no scoped permission policy")
    return policy.scope


class ObjectInScope:
    """Mixed into every view of a scoped viewset: an object outside the user's scope is
    a 404, whichever view opens it."""

    scoped_model: type[Model]

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if instance is not None and getattr(instance, "pk", None) is not None:
            scope = scope_of(self.scoped_model)(self.request.user)
            if not scope.filter(pk=instance.pk).exists():
                raise Http404
        return instance


class ChooserInScope:
    """Mixed into the snippet chooser's views: it lists and returns only objects in the
    user's scope."""

    def _scope(self):
        return scope_of(self.model_class)(self.request.user)

    def get_object_list(self):
        return self._scope()

    def get_object(self, pk):
        return self._scope().get(pk=pk)

    def get_objects(self, pks):
        return self._scope().filter(pk__in=pks)


class NoCreationForm:
    """Snippet choosers have no creation form; Wagtail's view would fail (500) on a POST
    without one, so it is a 404."""

    def post(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().post(request, *args, **kwargs)


class ScopedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        mixins = (ChooserInScope,)
        if view_class is self.create_view_class:
            mixins = (NoCreationForm, ChooserInScope)
        scoped = type(view_class.__name__, (*mixins, view_class), {})
        return super().construct_view(scoped, **kwargs)


class KeepsWhatIsInUse:
    """Mixed into every scoped delete view: an object other records protect (a practice
    category with logged hours) is not deleted; the person is told so and nothing
    changes, instead of a 500."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            messages.error(
                self.request,
                _("“%(object)s” is in use by other records and cannot be deleted.")
                % {"object": self.object},
            )
            return HttpResponseRedirect(self.request.path)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset limited to its model's registered scope (``scope_model``)."""

    chooser_viewset_class = ScopedChooserViewSet

    def get_queryset(self, request):
        return scope_of(self.model)(request.user)

    def construct_view(self, view_class, **kwargs):
        mixins = (ObjectInScope,)
        if issubclass(view_class, DeleteView):
            mixins = (ObjectInScope, KeepsWhatIsInUse)
        scoped = type(view_class.__name__, (*mixins, view_class), {"scoped_model": self.model})
        return super().construct_view(scoped, **kwargs)


class ScopedAdminForm(WagtailAdminModelForm):
    """Limits choice fields to what the user manages. ``programme_paths`` maps a field
    name to the lookup from its choices to a programme (``"pk"`` for a programme field,
    ``"programme"`` for a cohort field); ``scoped_models`` maps a field to a model whose
    registered scope gives the choices.

    A POST that lacks a stream field's own data (a crafted or truncated form, e.g. an
    empty POST to revert a question's revision) reads as an empty stream and is an error
    on that field, so nothing changes; Wagtail would fail with a 500 reading it."""

    programme_paths: dict[str, str] = {}
    scoped_models: dict[str, type[Model]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.incomplete_streams = self._incomplete_streams()
        user = self.for_user
        if user is None:
            return
        for name, path in self.programme_paths.items():
            if name in self.fields:
                field = self.fields[name]
                field.queryset = in_led_programmes(user, field.queryset, path)
        for name, model in self.scoped_models.items():
            if name in self.fields:
                self.fields[name].queryset = scope_of(model)(user)

    def _incomplete_streams(self) -> list[str]:
        """The stream fields whose posted data Wagtail cannot read; their data is
        replaced by an empty stream (``<name>-count`` 0) so the form renders again."""
        if not self.is_bound:
            return []
        incomplete = []
        for name, field in self.fields.items():
            if not isinstance(field.widget, BlockWidget):
                continue
            try:
                field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            except (KeyError, ValueError, TypeError):
                incomplete.append(name)
        if incomplete:
            self.data = self.data.copy()
            for name in incomplete:
                self.data[f"{self.add_prefix(name)}-count"] = "0"
        return incomplete

    def clean(self):
        cleaned = super().clean()
        for name in self.incomplete_streams:
            self.add_error(name, _("This field was not sent whole. Reload the page and try again."))
        return cleaned
