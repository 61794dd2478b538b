import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_ACCOUNTS = [
    # username, group, superuser
    ("admin", None, True),
    ("editor", "Editors", False),
    ("reviewer", "Reviewers", False),
]


# The second factor the demo accounts are given, so that trying the admin on your own machine needs
# no phone: `manage.py demo_code` prints its current codes.
DEMO_DEVICE = "Demo (this machine only)"


# The host names of this machine. A site anyone else reaches is served under another name, which
# must be in DJANGO_ALLOWED_HOSTS for Django to answer at all.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


def serves_this_machine_only() -> bool:
    # `make run` runs with debug off, to show the site as readers get it, on local names only.
    return settings.DEBUG or set(settings.ALLOWED_HOSTS) <= LOCAL_HOSTS


def refuse_unless_this_machine_only(command: str, prints: str) -> None:
    if not serves_this_machine_only():
        raise CommandError(
            f"{command} prints {prints} to the terminal, so it only runs where nobody else "
            "can log in: with DJANGO_DEBUG=1, or DJANGO_ALLOWED_HOSTS limited to "
            f"{', '.join(sorted(LOCAL_HOSTS))}."
        )


class Command(BaseCommand):
    help = (
        "For trying the app on your own machine: create or reset the accounts admin, editor and "
        "reviewer with fresh random passwords, and print them. Refuses to run on a server that "
        "others reach (debug off and a host name other than this machine's)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="The port the server will use.")

    def handle(self, *args, port, **options):
        refuse_unless_this_machine_only("demo_logins", "passwords")
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
            # A new key every run, like the password; a device of the account's own is kept.
            TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE).delete()
            TOTPDevice.objects.create(user=user, name=DEMO_DEVICE, confirmed=True)
            lines.append(f"  {username:<9} {password}   ({group_name or 'superuser'})")
        self.stdout.write(
            f"\nLocal-only admin logins for http://127.0.0.1:{port}/admin/ "
            "(new passwords every run):\n"
            + "\n".join(lines)
            + "\nThe second factor's six-digit code: `make demo-code` prints each account's.\n"
        )
