"""Privacy: what Praksis holds about a person, the download of all of it, and erasure.

The registry. Every model that points at a user (a ``ForeignKey``, ``OneToOneField`` or
many-to-many table to ``AUTH_USER_MODEL``) is registered here by the room that owns it,
from its ``AppConfig.ready()`` (the base layer imports no app; the apps import this):

- ``register(model, export=…, erase=…)``: ``export(person)`` returns the rows about the
  person as JSON-ready dicts, never another person's data beyond ids; ``erase(erasure)``
  removes or anonymises them and returns how many rows it changed. A model whose rows
  stay after erasure (a signed record, editorial history) passes ``kept="why"`` instead
  of ``erase``: the rows then point at the anonymised account.
- ``register_document(name, produce)``: files for the download (the journal PDF, the
  signed hours log, certificates); ``produce(person)`` yields ``(filename, bytes)``.
- ``exempt(model, reason)``: a link to a user that holds nothing about the person.

``tests/cms/test_privacy_registry.py`` lists every model with a link to the user model
and fails unless each link is registered or exempt.

Erasure keeps the user row (so signed hours, certificates and the audit log keep their
references) and anonymises it: the name becomes "Erased person <short id>", where the
short id is random and recorded only in the erasure's audit event.
"""

import datetime
import json
import logging
import secrets
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .audit import record
from .languages import in_language_of
from .models import AuditEvent, PersonalExport

logger = logging.getLogger(__name__)

ERASED_ACTION = "person.erased"
# A finished download is kept this many days, then refused and removed
# (``manage.py purge_personal_exports``).
EXPORT_KEEP_DAYS = 7


@dataclass
class Erasure:
    """One erasure in progress: the person, who erases them, and the short id that
    replaces their name."""

    person: models.Model
    actor: models.Model
    short_id: str
    # The names the person went by (username, full name), taken before anonymising, so
    # descriptions that mention them can be found.
    names: frozenset[str] = frozenset()

    def placeholder(self, language: str | None = None) -> str:
        """ "Erased person <short id>", in ``language`` (a certificate's) or the active one."""
        with translation.override(language or translation.get_language()):
            return _("Erased person %(id)s") % {"id": self.short_id}


@dataclass(frozen=True)
class Handler:
    model: type[models.Model]
    fields: tuple[str, ...]
    export: Callable[[models.Model], list[dict]]
    erase: Callable[[Erasure], int] | None = None
    kept: str = ""
    includes: tuple[type[models.Model], ...] = ()


@dataclass(frozen=True)
class Document:
    name: str
    produce: Callable[[models.Model], Iterable[tuple[str, bytes]]]


@dataclass
class Registry:
    handlers: dict[str, Handler] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    exemptions: dict[str, str] = field(default_factory=dict)


registry = Registry()


def user_links(model: type[models.Model]) -> tuple[str, ...]:
    """The fields declared on ``model`` itself (not inherited from a parent table) that
    point at the user model: foreign keys and one-to-one fields."""
    user_model = get_user_model()
    return tuple(
        field.name
        for field in model._meta.get_fields(include_parents=False)
        if field.concrete
        and (field.many_to_one or field.one_to_one)
        and field.related_model is user_model
        and field.model is model
    )


def register(
    model: type[models.Model],
    *,
    export: Callable[[models.Model], list[dict]],
    erase: Callable[[Erasure], int] | None = None,
    kept: str = "",
    includes: Iterable[type[models.Model]] = (),
) -> None:
    """Register how ``model``'s rows about a person are exported and erased. It answers
    for every link the model has to the user model. ``includes`` names models without a
    link of their own whose rows ``export`` and ``erase`` handle with it (an attempt's
    answers). Either ``erase`` or ``kept`` (why the rows stay) is required."""
    if (erase is None) == (not kept):
        raise ImproperlyConfigured(f"{model._meta.label}: give erase or kept, not both or none.")
    label = model._meta.label
    if label in registry.handlers:
        raise ImproperlyConfigured(f"{label} is registered twice for privacy.")
    registry.handlers[label] = Handler(
        model=model,
        fields=user_links(model),
        export=export,
        erase=erase,
        kept=kept,
        includes=tuple(includes),
    )


def register_document(name: str, produce: Callable[[models.Model], Iterable]) -> None:
    """Register files for the download: ``produce(person)`` yields (filename, bytes)."""
    registry.documents[name] = Document(name=name, produce=produce)


def exempt(model: type[models.Model], *, reason: str) -> None:
    """Declare that ``model``'s link to a user holds nothing to export or erase."""
    registry.exemptions[model._meta.label] = reason


def rows(queryset, *fields: str) -> list[dict]:
    """The queryset's rows as dicts of the named fields, in primary-key order."""
    return list(queryset.order_by("pk").values(*fields))


def delete_rows(queryset) -> int:
    """Delete the rows (and their files) one by one, so model ``delete()`` guards and
    signals run; returns how many."""
    count = 0
    for obj in queryset.order_by("pk"):
        for model_field in obj._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                stored = getattr(obj, model_field.attname)
                if stored:
                    stored.delete(save=False)
        obj.delete()
        count += 1
    return count


# --- the download -----------------------------------------------------------------------


def export_contents(person) -> Iterable[tuple[str, bytes]]:
    """Every file of a person's download: ``data/<model>.json`` for each registered
    model (rows about them only), ``documents/…`` from each room, and ``README.txt``."""
    for label, handler in sorted(registry.handlers.items()):
        data = {
            "model": label,
            "description": str(handler.model._meta.verbose_name_plural),
            "rows": handler.export(person),
        }
        body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        yield f"data/{label}.json", body.encode("utf-8")
    for name, document in sorted(registry.documents.items()):
        for filename, content in document.produce(person):
            yield f"documents/{name}/{filename}", content


def build_personal_export(export_id: int) -> PersonalExport:
    """Write the ZIP for a personal export, saving progress as it goes (one step per
    model and per document source); the file lands in private storage."""
    export = PersonalExport.objects.select_related("person").get(pk=export_id)
    with in_language_of(export.person):
        return _build(export)


def _build(export: PersonalExport) -> PersonalExport:
    """``build_personal_export``'s work, in the person's language (its PDFs, README)."""
    steps = len(registry.handlers) + len(registry.documents)
    PersonalExport.objects.filter(pk=export.pk).update(
        status=PersonalExport.Status.RUNNING, total=steps, done=0
    )
    # Written to a temporary file and copied to storage in chunks, never held whole.
    buffer = tempfile.TemporaryFile()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            seen: set[str] = set()
            for name, content in export_contents(export.person):
                archive.writestr(name, content)
                step = name.split("/")[1] if name.startswith("documents/") else name
                if step not in seen:
                    seen.add(step)
                    PersonalExport.objects.filter(pk=export.pk).update(done=min(len(seen), steps))
            archive.writestr("README.txt", _readme(export.person))
    except Exception as error:  # the page must say it failed, whatever failed
        logger.exception("Personal export %s failed", export.pk)
        PersonalExport.objects.filter(pk=export.pk).update(
            status=PersonalExport.Status.FAILED, error=str(error)[:500],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    export.refresh_from_db()
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    buffer.seek(0)
    export.file.save(f"praksis-data-{stamp}.zip", File(buffer, name="export.zip"), save=False)
    export.status = PersonalExport.Status.DONE
    export.done = export.total = steps
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "done", "total", "finished_at"])
    return export


def _readme(person) -> str:
    return _(
        "Everything Praksis holds about %(username)s, exported %(when)s.\n\n"
        "data/ has one JSON file per kind of record (empty lists included); ids that "
        "point at other people are ids only. documents/ has your journal, your signed "
        "practice hours log for each programme and your certificates as PDF.\n"
    ) % {"username": person.get_username(), "when": timezone.now().isoformat(timespec="seconds")}


# The certificate export's background backend: the database queue in production
# (``manage.py db_worker --backend certificates``), immediate on one machine and in tests.
@task(backend="certificates")
def export_personal_data(export_id: int) -> None:
    build_personal_export(export_id)


def start_personal_export(*, person) -> PersonalExport:
    """Queue a download of everything about ``person``; only they may fetch it."""
    export = PersonalExport.objects.create(person=person)
    transaction.on_commit(lambda: export_personal_data.enqueue(export.pk))
    record(actor=person, action="privacy.export_started", target=export)
    return export


def downloadable(export: PersonalExport) -> bool:
    """A finished export is kept for ``EXPORT_KEEP_DAYS`` after it was made."""
    return (
        export.status == PersonalExport.Status.DONE
        and bool(export.file)
        and export.finished_at is not None
        and export.finished_at >= timezone.now() - datetime.timedelta(days=EXPORT_KEEP_DAYS)
    )


def purge_personal_exports() -> int:
    """Delete the files of exports older than ``EXPORT_KEEP_DAYS``; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=EXPORT_KEEP_DAYS)
    old = PersonalExport.objects.filter(created_at__lt=cutoff)
    return delete_rows(old)


# --- erasure ------------------------------------------------------------------------------


def was_erased(person) -> bool:
    """Whether a ``person.erased`` event names this account."""
    return AuditEvent.objects.filter(
        action=ERASED_ACTION,
        target_type=ContentType.objects.get_for_model(person),
        target_id=str(person.pk),
    ).exists()


def check_erasable(person, *, actor, confirmation: str) -> None:
    """An administrator erases someone else, who was not erased before, after typing
    their username exactly."""
    if person.pk == actor.pk:
        raise ValidationError(_("You cannot erase yourself."), code="self")
    if was_erased(person):
        raise ValidationError(_("This person has already been erased."), code="erased")
    if confirmation != person.get_username():
        raise ValidationError(
            _("Type the username exactly as shown to confirm the erasure."), code="confirm"
        )


@transaction.atomic
def erase_person(person, *, actor, confirmation: str) -> dict[str, int]:
    """Erase a person: each room removes or anonymises its rows about them (journals
    deleted; signed hours and certificates kept, with the name replaced), the account is
    anonymised and can no longer sign in, the personal fields of audit events by or
    about them are blanked (``AuditEvent.redact()``, which keeps the chain verifying),
    and one ``person.erased`` event records the erasure with row counts and ids only.
    Returns the counts per model."""
    check_erasable(person, actor=actor, confirmation=confirmation)
    person = type(person).objects.select_for_update().get(pk=person.pk)
    erasure = Erasure(
        person=person,
        actor=actor,
        short_id=secrets.token_hex(4).upper(),
        names=frozenset({person.get_username(), person.get_full_name()} - {""}),
    )
    # The account is anonymised and the audit log redacted after every room is done.
    last = (person._meta.label, AuditEvent._meta.label)
    order = [label for label in registry.handlers if label not in last] + list(last)
    counts: dict[str, int] = {}
    for label in order:
        handler = registry.handlers[label]
        if handler.erase is not None:
            counts[label] = handler.erase(erasure)
    record(
        actor=actor, action=ERASED_ACTION, target=person, short_id=erasure.short_id,
        counts={label: count for label, count in counts.items() if count},
    )  # fmt: skip
    return counts


def redact_audit(erasure: Erasure) -> int:
    """Blank the personal fields (username at the time, object description) of events
    the person did, events about their account and events whose description names them.
    The chain still verifies: it covers these fields through a salted digest; the events
    themselves (ids, action, data, time) are not changed."""
    person = erasure.person
    about = Q(actor_id=person.pk) | Q(
        target_type__app_label=person._meta.app_label,
        target_type__model=person._meta.model_name,
        target_id=str(person.pk),
    )
    for name in erasure.names:
        if len(name) >= 3:
            about |= Q(target_repr__icontains=name) | Q(actor_username__iexact=name)
    return AuditEvent.objects.filter(about).redact()


def anonymise_account(erasure: Erasure) -> int:
    """The account stays (signed records and the audit log point at it) but says nothing
    about the person: username ``erased-<short id>``, the placeholder as name, no
    e-mail, no password, no groups or permissions, inactive."""
    person = erasure.person
    person.username = f"erased-{erasure.short_id.lower()}"
    person.first_name = erasure.placeholder(settings.LANGUAGE_CODE)
    person.last_name = ""
    person.email = ""
    person.is_active = person.is_staff = person.is_superuser = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    return 1
