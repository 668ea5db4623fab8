"""Which pages a programme lead may change in the Wagtail editor: only the programmes they
lead (``cms.access.led_programme_ids``) and everything below them, in every language.

The *Programme leads* group holds its page permissions (add, change, lock) on the
programme catalogue of each locale (``cms.roles``), and Wagtail lets a group's permission
reach every page below where it is granted. This policy narrows what a lead's group
permissions reach: each is held, instead of on the catalogue, on every programme below it
that the person leads (and on those programmes' translations). So a lead edits, adds to
and submits their own programmes; another programme's pages are not in their explorer
and its editor answers 403, as Wagtail answers for any page without permission.
Creating a new programme, and everything an administrator does, is untouched: an
administrator's and a superuser's permissions are not narrowed.

Registered for every page type in ``CmsConfig.ready`` (``wagtail.permissions``), so the
editor, explorer, choosers, bulk actions and ``page.permissions_for_user`` all ask it.
"""

from wagtail.models import AbstractPage, GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import PROGRAMME_LEADS, is_administrator, led_programme_ids


def led_pages(user) -> list[Page]:
    """The programmes ``user`` leads and their translations, as plain pages. One query."""
    keys = Page.objects.filter(pk__in=led_programme_ids(user)).values("translation_key")
    return list(Page.objects.filter(translation_key__in=keys).only("pk", "path", "depth"))


class LeadScopedPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, with a programme lead's group permissions held on the
    programmes they lead instead of the catalogue (see the module's docstring)."""

    def get_all_permissions_for_user(self, user):
        permissions = list(super().get_all_permissions_for_user(user).select_related("group"))
        if not permissions or is_administrator(user):
            return permissions
        kept = [p for p in permissions if p.group.name != PROGRAMME_LEADS]
        granted = [p for p in permissions if p.group.name == PROGRAMME_LEADS]
        if not granted:
            return kept
        programmes = led_pages(user)
        for permission in granted:
            kept += [
                GroupPagePermission(
                    group=permission.group, page=programme, permission=permission.permission
                )
                for programme in programmes
                if programme.path.startswith(permission.page.path)
            ]
        return kept


def register() -> None:
    """Make the policy Wagtail's for every page type (from ``CmsConfig.ready``)."""
    register_permission_policy(AbstractPage, LeadScopedPagePolicy(Page))
