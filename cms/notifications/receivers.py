"""Who is told what: every event from ``cms.events`` that concerns a person becomes a
message through ``deliver`` (in-app and e-mail, in the recipient's language, once per
key). Connected in ``CmsConfig.ready()``. The base layer imports no app, so receivers use
only what the signal carries and reverse addresses by name. Messages go out after the
change commits, never for a change that rolled back."""

import hashlib

from django.db import transaction
from django.urls import reverse

from cms.links import absolute_url

from .delivery import deliver

HOURS_APPROVED = "hours_approved"
COMMENT_ADDED = "comment_added"
EXAM_RESULT = "exam_result"
CERTIFICATE_ISSUED = "certificate_issued"
SESSION_CHANGED = "session_changed"


def _after_commit(**message) -> None:
    transaction.on_commit(lambda: deliver(**message))


def hours_approved(sender, *, learner, programme, entries=(), **kwargs) -> None:
    """The learner hears once that their entries were signed, with how many hours; each
    entry is claimed, so an entry is never announced twice."""
    if not entries:
        return
    url = absolute_url(reverse("learners:hours"))
    _after_commit(
        recipient=learner,
        kind=HOURS_APPROVED,
        key=[f"entry-{entry.pk}:{entry.signed_at.isoformat()}" for entry in entries],
        template="notifications/hours_approved",
        context={
            "learner": learner,
            "programme": programme,
            "entries": list(entries),
            "hours": sum(entry.hours for entry in entries),
            "url": url,
        },
        url=url,
    )


def comment_added(sender, *, entry, comment, author, others, **kwargs) -> None:
    """Everyone the comment concerns except its author hears of it, once per comment."""
    url = absolute_url(reverse("learners:journal-entry", args=[entry.pk]))
    for person in others:
        _after_commit(
            recipient=person,
            kind=COMMENT_ADDED,
            key=f"comment-{comment.pk}",
            template="notifications/comment_added",
            context={"entry": entry, "comment": comment, "author": author, "url": url},
            url=url,
        )


def essay_graded(sender, *, attempt, learner, result_final, **kwargs) -> None:
    """When a person's grade makes an exam result final, the learner hears that the
    result is ready (once per attempt; a later regrade has its own message)."""
    if not result_final:
        return
    url = absolute_url(attempt.get_absolute_url())
    _after_commit(
        recipient=learner,
        kind=EXAM_RESULT,
        key=f"attempt-{attempt.pk}",
        template="notifications/exam_result",
        context={"attempt": attempt, "exam_title": attempt.exam.title, "url": url},
        url=url,
    )


def certificate_issued(sender, *, certificate, **kwargs) -> None:
    """The holder hears that a certificate was issued, in their own language."""
    if certificate.learner is None:
        return
    url = absolute_url(reverse("learners:certificates"))
    _after_commit(
        recipient=certificate.learner,
        kind=CERTIFICATE_ISSUED,
        key=f"certificate-{certificate.pk}",
        template="notifications/certificate_issued",
        context={"certificate": certificate, "url": url},
        url=url,
    )


def session_changed(sender, *, session, members, **kwargs) -> None:
    """Each member of the cohort hears of a changed session once per version of its time
    and place (changing it back and forth again is announced again)."""
    url = absolute_url(reverse("learners:dashboard"))
    version = "|".join(
        str(value)
        for value in (session.starts_at.isoformat(), session.duration_minutes, session.place,
                      session.online_url)
    )  # fmt: skip
    key = f"session-{session.pk}:{digest(version)}"
    for person in members:
        _after_commit(
            recipient=person,
            kind=SESSION_CHANGED,
            key=key,
            template="notifications/session_changed",
            context={"session": session, "url": url},
            url=url,
        )


def digest(text: str) -> str:
    """A short stable digest for send-once keys (the key column holds 100 characters)."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]
