"""The one notification pipeline: every message Praksis sends is an in-app notification
and, where the person has an address, an e-mail, rendered in the recipient's language,
and sent once per key.

``deliver`` claims the message's key(s) in the ``SentMessage`` log, writes the
notification and sends the e-mail, all in one transaction: a key already claimed means
the message went out before and nothing happens; an e-mail that fails rolls the claim
back, so the next run tries again. A caller whose own transaction may still roll back
calls ``deliver`` from ``transaction.on_commit``.
"""

from .delivery import claim, deliver, language_for, mark_read, notify, unread_count
from .models import Notification, SentMessage

__all__ = [
    "Notification",
    "SentMessage",
    "claim",
    "deliver",
    "language_for",
    "mark_read",
    "notify",
    "unread_count",
]
