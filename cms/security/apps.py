from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Sign-in (throttling, second factor, idle sessions) and security headers. Part of
    the base layer: imports no app of ours but cms."""

    name = "cms.security"
    label = "security"
    verbose_name = _("Sign-in and security")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="praksis_stamp_sign_in")
