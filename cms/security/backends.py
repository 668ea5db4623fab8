"""The password backend, which also says, with the signed-in person, whether they hold a
staff role — so the second-factor check on every request costs no query of its own."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from .second_factor import STAFF_ROLES


class RoleAwareModelBackend(ModelBackend):
    """Django's ``ModelBackend``; the user it loads for each request carries
    ``holds_staff_role`` (a member of Supervisors, Programme leads or Administrators),
    read in the same query, fresh on every request, and with their Wagtail profile, which
    holds their language (``cms.languages``)."""

    def get_user(self, user_id):
        User = get_user_model()
        staff_role = Group.objects.filter(user=OuterRef("pk"), name__in=STAFF_ROLES)
        try:
            user = (
                User._default_manager.annotate(holds_staff_role=Exists(staff_role))
                .select_related("wagtail_userprofile")
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
