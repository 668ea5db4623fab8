"""The four roles as Django groups, with the Wagtail and model permissions each needs.

Idempotent: run by ``load_content`` and ``load_demo``; running it again adds what is
missing and removes nothing a person granted by hand.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .access import (
    ADMINISTRATORS,
    LEARNERS,
    ORGANISATION_LEADERS,
    PROGRAMME_LEADS,
    ROLES,
    SUPERVISORS,
)
from .review import FourEyesApprovalTask

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Leads write and submit for review; publishing is the reviewer's approval (four eyes).
LEAD_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
MEDIA_PERMISSIONS = (
    "add_image", "change_image", "choose_image", "add_document", "change_document",
    "choose_document",
)  # fmt: skip


def _crud(app_label: str, *models: str, delete: bool = True) -> tuple[str, ...]:
    verbs = ("add", "change", "view", "delete") if delete else ("add", "change", "view")
    return tuple(f"{app_label}.{verb}_{model}" for model in models for verb in verbs)


# Leads run their programmes: cohorts, supervision, mentorship, practice categories and
# requirements, question banks and exam accommodations, each limited to the programmes they lead
# (``cms.admin_scope``). They read supervisor profiles; only administrators keep the
# credentials that sign-offs copy. Administrators also own users, settings and who leads.
LEAD_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "learners.view_organisation",
    *_crud("learners", "cohort", delete=False),
    *_crud("learners", "supervision", "practicecategory", "hoursrequirement"),
    *_crud("learners", "mentorship"),
    "learners.view_supervisorprofile",
    *_crud("assessments", "question", "extratime"),
    *_crud("learners", "session"),
)
# Grants the policy forbids a lead; ``ensure_roles`` takes them away if an earlier
# version (or a person) gave them.
LEAD_FORBIDDEN_MODEL_PERMISSIONS = (
    "learners.add_supervisorprofile",
    "learners.change_supervisorprofile",
    "learners.delete_supervisorprofile",
)
LEAD_FORBIDDEN_PAGE_PERMISSIONS = ("publish_page", "bulk_delete_page")
MODEL_PERMISSIONS = {
    ADMINISTRATORS: (
        *LEAD_MODEL_PERMISSIONS,
        "auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group",
        "cms.change_sitesettings", "cms.view_auditevent",
        "learners.add_organisation", "learners.change_organisation",
        "learners.delete_cohort",
        *_crud("learners", "supervisorprofile"),
        *_crud("courses", "programmelead"),
        "learners.add_department", "learners.change_department",
        "learners.view_department", "learners.delete_department",
        *_crud("courses", "certificationtrack"),
        "simple_translation.submit_translation",
    ),
    PROGRAMME_LEADS: LEAD_MODEL_PERMISSIONS,
    SUPERVISORS: (),
    LEARNERS: (),
    # Read-only, on the site (the organisation view), for the organisations they lead.
    ORGANISATION_LEADERS: ("learners.view_organisation",),
}  # fmt: skip
WORKFLOW_NAME = "Programme review"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles(catalogue: Page | None = None) -> dict[str, Group]:
    """Create the role groups and grant their permissions; switch on the review workflow.

    Administrators edit and publish every page; programme leads add and edit within the
    programme ``catalogue`` (the caller passes it, so this base module knows no app's
    page types) and submit to the *Programme review* workflow, never publishing
    themselves; both upload images and documents. Supervisors and learners get no admin
    access: they work in the site itself.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for name, permissions in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(_permission(dotted) for dotted in permissions))
    leads = groups[PROGRAMME_LEADS]
    leads.permissions.remove(*(_permission(dotted) for dotted in LEAD_FORBIDDEN_MODEL_PERMISSIONS))
    GroupPagePermission.objects.filter(
        group=leads, permission__codename__in=LEAD_FORBIDDEN_PAGE_PERMISSIONS
    ).delete()

    # Every locale's tree (the home page's translations, the catalogue's): a translated
    # programme is edited and reviewed like its source.
    site_root = Site.objects.get(is_default_site=True).root_page
    for home in site_root.get_translations(inclusive=True):
        _grant_pages(groups[ADMINISTRATORS], home, (*EDITOR_PAGE_PERMISSIONS, "bulk_delete_page"))
    for each in catalogue.get_translations(inclusive=True) if catalogue else []:
        _grant_pages(groups[PROGRAMME_LEADS], each, LEAD_PAGE_PERMISSIONS)
        _ensure_workflow(each, [groups[PROGRAMME_LEADS], groups[ADMINISTRATORS]])

    root_collection = Collection.get_first_root_node()
    for name in (ADMINISTRATORS, PROGRAMME_LEADS):
        for codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label__startswith="wagtail", codename=codename
                ),
            )
    return groups


def _grant_pages(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


REVIEW_TASK_NAME = "Programme lead review"


def _ensure_workflow(page: Page, approvers: list[Group]) -> Workflow:
    """Changes under the catalogue go through one review step by a lead of the programme
    or an administrator who did not make the change (``cms.review``)."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = FourEyesApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = FourEyesApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(*approvers)
    # An earlier plain group approval step is replaced by the four-eyes one.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
