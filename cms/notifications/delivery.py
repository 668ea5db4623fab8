"""Deliver a message once: claim, notify in the app, e-mail. See ``cms.notifications``."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..languages import person_language
from .models import Notification, SentMessage


def claim(*, kind: str, recipient, keys: list[str]) -> bool:
    """Enter every key in the send-once log; False (and nothing entered) when any of
    them is there already."""
    try:
        with transaction.atomic():
            for key in keys:
                SentMessage.objects.create(kind=kind, recipient=recipient, key=key)
    except IntegrityError:
        return False
    return True


def language_for(person) -> str:
    """The language a message to ``person`` is written in: the language they chose
    (``cms.languages.person_language``), else the site's."""
    return person_language(person)


def deliver(
    *,
    recipient,
    kind: str,
    key: str | list[str],
    template: str,
    context: dict,
    url: str = "",
    language: str | None = None,
) -> bool:
    """Send one message to ``recipient`` unless its ``key`` (or every one of a list of
    keys) was claimed before. The subject and body come from ``<template>_subject.txt``
    and ``<template>_body.txt``, rendered in ``language`` (else the recipient's,
    ``language_for``); the in-app notification links to ``url``. Returns whether the
    message went out now."""
    keys = [key] if isinstance(key, str) else list(key)
    with transaction.atomic():
        if not claim(kind=kind, recipient=recipient, keys=keys):
            return False
        with translation.override(language or language_for(recipient)):
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            body = render_to_string(f"{template}_body.txt", context)
        notify(recipient=recipient, kind=kind, title=subject, body=body, url=url)
        if recipient.email:
            send_mail(subject, body, None, [recipient.email])
    return True


def notify(*, recipient, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Put a message in the person's in-app notification list (``deliver`` does this for
    every message it sends)."""
    return Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:255], body=body, url=url
    )


def unread_count(user) -> int:
    """The person's unread notifications: read with the signed-in user when the request
    loaded them (``cms.security.backends``), else counted."""
    if not user.is_authenticated:
        return 0
    if hasattr(user, "unread_notifications"):
        return user.unread_notifications
    return Notification.objects.of(user).unread().count()


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them when no id is given.
    Another person's notification is never touched."""
    unread = Notification.objects.of(user).unread()
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    marked = unread.update(read_at=timezone.now())
    if hasattr(user, "unread_notifications"):
        del user.unread_notifications  # counted again if asked later in this request
    return marked
