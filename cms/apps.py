from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import checks
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from . import (
    converters,  # noqa: F401  (registers <id:…> before any URLconf loads)
    events,
)
from .frontend import check_front_end_packages
from .receivers import clean_user_names


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        # A programme lead changes only the programmes they lead (models load first).
        from . import page_permissions

        page_permissions.register()
        pre_save.connect(
            clean_user_names, sender=settings.AUTH_USER_MODEL, dispatch_uid="cms.clean_user_names"
        )
        # Page choosers labelled in the reader's language, not the first request's.
        from . import admin_widgets

        admin_widgets.register()
        # A person who has not chosen a language keeps the one they had as a visitor.
        from .languages import remember_first_language

        user_logged_in.connect(remember_first_language, dispatch_uid="cms.first_language")
        checks.register(check_front_end_packages, checks.Tags.staticfiles)
        # The account, audit log, sign-in records and Wagtail's own models (cms.privacy);
        # the apps register theirs from their own ready().
        from . import privacy_handlers

        privacy_handlers.register_handlers()
        # The cached site settings, page-tree values and view-restriction flag are
        # forgotten on every change, whichever process makes it (cms.shared_cache).
        from . import shared_cache  # noqa: F401

        # Every event that concerns a person becomes a notification (in-app and e-mail).
        from .notifications import receivers as notifications

        for signal, receiver in [
            (events.hours_approved, notifications.hours_approved),
            (events.comment_added, notifications.comment_added),
            (events.essay_graded, notifications.essay_graded),
            (events.certificate_issued, notifications.certificate_issued),
            (events.session_changed, notifications.session_changed),
        ]:
            signal.connect(receiver, dispatch_uid=f"cms.notifications.{receiver.__name__}")
