"""Four eyes on what certification depends on: the *Programme review* workflow's task.

A reviewer is a member of the task's groups who is an administrator or leads the
programme the page belongs to (``cms.access.led_programme_ids``), and is neither the
person who submitted the change nor the author of the revision under review. Everyone
else gets no actions, so Wagtail refuses approve and reject (403), and the dashboard
does not list the task to them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from .access import is_administrator, led_programme_ids


def _programme_paths(user) -> list[str]:
    return list(Page.objects.filter(pk__in=led_programme_ids(user)).values_list("path", flat=True))


def change_makers(obj) -> set[int]:
    """The ids of who submitted ``obj``'s change for review and who wrote the revision
    under review."""
    state = getattr(obj, "current_workflow_state", None)
    if state is None:
        return set()
    people = {state.requested_by_id}
    task_state = state.current_task_state
    if task_state is not None and task_state.revision is not None:
        people.add(task_state.revision.user_id)
    return {person for person in people if person is not None}


def may_review(obj, user) -> bool:
    """The rule above, for one object under review."""
    if not user.is_authenticated or user.pk in change_makers(obj):
        return False
    if is_administrator(user):
        return True
    path = getattr(obj, "path", None)
    return path is not None and any(path.startswith(p) for p in _programme_paths(user))


class FourEyesApprovalTask(AbstractGroupApprovalTask):
    """A group approval in which nobody approves their own change, and a lead reviews
    only their own programmes."""

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and may_review(obj, user)

    def get_actions(self, obj, user):
        if not may_review(obj, user):
            return []
        if not (is_administrator(user) or self._user_in_groups(user)):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if not states:
            return states
        mine = Q(workflow_state__requested_by=user) | Q(revision__user=user)
        states = states.exclude(mine)
        if is_administrator(user):
            return states
        paths = _programme_paths(user)
        if not paths:
            return TaskState.objects.none()
        under = Q()
        for path in paths:
            under |= Q(path__startswith=path)
        pages = Page.objects.filter(under).values_list("pk", flat=True)
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in pages])

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, but never their own change, and leads "
            "only in their own programmes"
        )

    class Meta:
        verbose_name = _("four-eyes approval task")
        verbose_name_plural = _("four-eyes approval tasks")
