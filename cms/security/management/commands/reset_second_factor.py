from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.security import second_factor


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator app and recovery codes (lost phone and lost codes): "
        "they set up a new app at their next sign-in. Audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        removed = second_factor.reset(user, actor=None)
        self.stdout.write(
            f"Removed {removed} device(s) of {username}; they enrol again at sign-in."
        )
