from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from . import converters  # noqa: F401  (registers <id:…> before any URLconf loads)
from .frontend import check_front_end_packages
from .receivers import clean_user_names


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        pre_save.connect(
            clean_user_names, sender=settings.AUTH_USER_MODEL, dispatch_uid="cms.clean_user_names"
        )
        checks.register(check_front_end_packages, checks.Tags.staticfiles)
