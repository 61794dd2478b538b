import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_ACCOUNTS = [
    # username, group, superuser
    ("admin", None, True),
    ("editor", "Editors", False),
    ("reviewer", "Reviewers", False),
]


class Command(BaseCommand):
    help = (
        "For trying the app on your own machine: create or reset the accounts admin, editor and "
        "reviewer with fresh random passwords, and print them. Refuses to run with debug off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="The port the server will use.")

    def handle(self, *args, port, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_logins only runs with DJANGO_DEBUG=1: it prints passwords to the terminal."
            )
        User = get_user_model()
        lines = []
        for username, group_name, is_superuser in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = True
            user.is_superuser = is_superuser
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            lines.append(f"  {username:<9} {password}   ({group_name or 'superuser'})")
        self.stdout.write(
            f"\nLocal-only admin logins for http://127.0.0.1:{port}/admin/ "
            "(new passwords every run):\n" + "\n".join(lines) + "\n"
        )
