"""The password backend, which also says, with the signed-in person, what the base
template and the access checks of every page ask of them — their staff role, their
roles, whether they hold any permission, and their unread notifications — so that each
costs no query of its own."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import Count, Exists, Expression, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..access import ROLES
from ..notifications.models import Notification
from .second_factor import STAFF_ROLES

# Further facts read with the signed-in user, registered by the apps above (whose models
# this layer may not import): a name and a function giving the annotation for this
# request (evaluated each time, so a date in it is today's).
USER_FACTS: dict[str, Callable[[], Expression]] = {}


def read_with_user(name: str, annotation: Callable[[], Expression]) -> None:
    """Have the request's user carry ``name``, read in the same query as the user."""
    USER_FACTS[name] = annotation


def _role_field(role: str) -> str:
    return "holds_role_" + role.lower().replace(" ", "_")


class RoleAwareModelBackend(ModelBackend):
    """Django's ``ModelBackend``; the user it loads for each request carries, read in the
    same query and fresh on every request:

    - ``holds_staff_role`` (a member of Supervisors, Programme leads or Administrators);
    - their roles, the groups of ``cms.access.ROLES`` they belong to (what
      ``cms.access.role_names`` returns);
    - whether they hold any permission at all, directly or through a group: a person
      without one (every learner) is known to have none without loading them (the
      base template's menu asks ``perms``); everyone else is asked as Django asks;
    - ``unread_notifications``, the number ``cms.notifications.unread_count`` gives;
    - what the apps registered with ``read_with_user`` (whether they supervise anyone);
    - their Wagtail profile, which holds their language (``cms.languages``)."""

    def get_user(self, user_id):
        User = get_user_model()
        staff_role = Group.objects.filter(user=OuterRef("pk"), name__in=STAFF_ROLES)
        roles = {
            _role_field(role): Exists(Group.objects.filter(user=OuterRef("pk"), name=role))
            for role in ROLES
        }
        own_permission = Permission.objects.filter(user=OuterRef("pk"))
        group_permission = Permission.objects.filter(group__user=OuterRef("pk"))
        unread = (
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        )
        try:
            user = (
                User._default_manager.annotate(
                    holds_staff_role=Exists(staff_role),
                    holds_any_permission=Exists(own_permission) | Exists(group_permission),
                    unread_notifications=Coalesce(
                        Subquery(unread, output_field=IntegerField()), Value(0)
                    ),
                    **roles,
                    **{name: annotation() for name, annotation in USER_FACTS.items()},
                )
                .select_related("wagtail_userprofile")
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        user._praksis_groups = {role for role in ROLES if getattr(user, _role_field(role))}
        if not user.holds_any_permission and not user.is_superuser:
            # What ModelBackend would load on the first ``has_perm``: nothing.
            user._user_perm_cache = user._group_perm_cache = user._perm_cache = set()
        return user if self.user_can_authenticate(user) else None
