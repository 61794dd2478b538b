from django.core.management.base import BaseCommand
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .demo_logins import DEMO_DEVICE, refuse_unless_this_machine_only


class Command(BaseCommand):
    help = (
        "For trying the app on your own machine: print the current second-factor code of each "
        "account demo_logins made. Refuses to run on a server that others reach."
    )

    def handle(self, *args, **options):
        refuse_unless_this_machine_only("demo_code", "second-factor codes")
        devices = TOTPDevice.objects.filter(name=DEMO_DEVICE).select_related("user")
        lines = [
            f"  {device.user.get_username():<9} "
            f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
            for device in devices.order_by("user__username")
        ]
        if not lines:
            self.stdout.write("No demo accounts: `make run` (demo_logins) makes them.")
            return
        self.stdout.write("Second-factor codes, good for 30 seconds:\n" + "\n".join(lines))
