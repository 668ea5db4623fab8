"""The base layer's privacy handlers: the account itself, notifications, the audit log,
personal exports, sign-in records, the second factor, and the Wagtail and Django models
that point at users. Registered from ``CmsConfig.ready()``; each room registers its own
models in its ``privacy.py`` (see ``cms.privacy``)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from .models import AuditEvent, Notification, PersonalExport, PreparedDocument, SentMessage
from .privacy import Erasure, anonymise_account, delete_rows, redact_audit, register, rows

HISTORY = (
    "Editorial history of the site's pages and files: it stays, and names the anonymised account."
)


def _delete(model, field: str = "user"):
    def erase(erasure: Erasure) -> int:
        return delete_rows(model.objects.filter(**{field: erasure.person}))

    return erase


def _export(model, *fields: str, field: str = "user"):
    def export(person) -> list[dict]:
        return rows(model.objects.filter(**{field: person}), *fields)

    return export


def export_account(person) -> list[dict]:
    account = rows(
        get_user_model().objects.filter(pk=person.pk),
        "id", "username", "first_name", "last_name", "email", "date_joined", "last_login",
        "is_active", "is_staff", "is_superuser",
    )  # fmt: skip
    for row in account:
        row["groups"] = sorted(person.groups.values_list("name", flat=True))
    return account


def export_groups(person) -> list[dict]:
    return [{"group": name} for name in person.groups.values_list("name", flat=True)]


def leave_groups(erasure: Erasure) -> int:
    return get_user_model().groups.through.objects.filter(user=erasure.person).delete()[0]


def export_permissions(person) -> list[dict]:
    permissions = person.user_permissions.select_related("content_type")
    return [{"permission": f"{p.content_type.app_label}.{p.codename}"} for p in permissions]


def drop_permissions(erasure: Erasure) -> int:
    through = get_user_model().user_permissions.through
    return through.objects.filter(user=erasure.person).delete()[0]


def export_pages(person) -> list[dict]:
    pages = Page.objects.filter(owner=person) | Page.objects.filter(locked_by=person)
    return rows(pages.distinct(), "id", "title", "owner_id", "locked_by_id", "locked_at")


def unlock_pages(erasure: Erasure) -> int:
    """Pages the person had locked are unlocked; pages they own keep the anonymised
    account as owner (the site's editorial history)."""
    return Page.objects.filter(locked_by=erasure.person).update(
        locked=False, locked_by=None, locked_at=None
    )


def export_sign_ins(person) -> list[dict]:
    found = []
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        for row in rows(
            model.objects.filter(username=person.get_username()),
            "ip_address", "user_agent", "path_info", "attempt_time",
        ):  # fmt: skip
            found.append({"kind": model._meta.model_name, **row})
    return found


def erase_sign_ins(erasure: Erasure) -> int:
    """Failed and successful sign-ins recorded by django-axes, found by username."""
    count = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        count += model.objects.filter(username__in=erasure.names).delete()[0]
    return count


def register_handlers() -> None:
    User = get_user_model()
    register(User, export=export_account, erase=anonymise_account)
    register(User.groups.through, export=export_groups, erase=leave_groups)
    register(User.user_permissions.through, export=export_permissions, erase=drop_permissions)
    register(
        Notification,
        export=_export(Notification, "kind", "title", "body", "url", "created_at", "read_at",
                       field="recipient"),
        erase=_delete(Notification, "recipient"),
    )  # fmt: skip
    register(
        SentMessage,
        export=_export(SentMessage, "kind", "key", "sent_at", field="recipient"),
        erase=_delete(SentMessage, "recipient"),
    )
    register(
        AuditEvent,
        export=_export(AuditEvent, "sequence", "action", "target_type__model", "target_id",
                       "data", "created_at", field="actor"),
        erase=redact_audit,
    )  # fmt: skip
    register(
        PersonalExport,
        export=_export(PersonalExport, "id", "status", "created_at", "finished_at",
                       field="person"),
        erase=_delete(PersonalExport, "person"),
    )  # fmt: skip
    register(
        PreparedDocument,
        export=_export(PreparedDocument, "id", "kind", "title", "status", "created_at",
                       "finished_at", field="owner"),
        erase=_delete(PreparedDocument, "owner"),
    )  # fmt: skip
    register(
        AccessAttempt,  # no link to the user: django-axes keeps the username as text
        export=export_sign_ins,
        erase=erase_sign_ins,
        includes=(AccessLog, AccessFailureLog),
    )
    # The name and state only, never the secret key or the recovery codes.
    device_fields = ("id", "name", "confirmed", "created_at", "last_used_at")
    register(TOTPDevice, export=_export(TOTPDevice, *device_fields), erase=_delete(TOTPDevice))
    register(
        StaticDevice,
        export=lambda person: [
            {**row, "recovery_codes_left": StaticToken.objects.filter(device_id=row["id"]).count()}
            for row in rows(StaticDevice.objects.filter(user=person), *device_fields)
        ],
        erase=_delete(StaticDevice),  # its recovery codes go with it
        includes=(StaticToken,),
    )
    register(
        UserProfile,
        export=_export(UserProfile, "preferred_language", "current_time_zone", "theme",
                       "contrast", "density", "submitted_notifications",
                       "approved_notifications", "rejected_notifications",
                       "updated_comments_notifications"),
        erase=_delete(UserProfile),
    )  # fmt: skip
    register(Page, export=export_pages, erase=unlock_pages)
    register(
        Revision,
        export=_export(Revision, "id", "base_content_type__model", "object_id", "object_str",
                       "created_at"),
        kept=HISTORY,
    )  # fmt: skip
    for log in (PageLogEntry, ModelLogEntry):
        register(
            log,
            export=_export(log, "id", "action", "content_type__model", "timestamp"),
            kept=HISTORY,
        )
    register(
        WorkflowState,
        export=_export(WorkflowState, "id", "status", "created_at", field="requested_by"),
        kept=HISTORY,
    )
    register(
        TaskState,
        export=_export(TaskState, "id", "status", "finished_at", field="finished_by"),
        kept=HISTORY,
    )
    register(
        Comment,
        export=_export(Comment, "id", "page_id", "text", "created_at", "resolved_at"),
        kept=HISTORY,
    )
    register(
        CommentReply,
        export=_export(CommentReply, "id", "comment_id", "text", "created_at"),
        kept=HISTORY,
    )
    for model in (get_document_model(), get_image_model()):
        register(
            model,
            export=_export(model, "id", "title", "created_at", field="uploaded_by_user"),
            kept=HISTORY,
        )
    register(
        UploadedFile,
        export=_export(UploadedFile, "id", "file", field="uploaded_by_user"),
        erase=_delete(UploadedFile, "uploaded_by_user"),
    )
    for model in (PageSubscription, EditingSession, FormState, APIToken):
        register(model, export=_export(model, "id"), erase=_delete(model))
    register(
        LogEntry,  # Django's own admin is not used; Wagtail keeps the history above
        export=_export(LogEntry, "id", "action_time", "action_flag", "content_type__model",
                       "object_id"),
        kept=HISTORY,
    )  # fmt: skip
