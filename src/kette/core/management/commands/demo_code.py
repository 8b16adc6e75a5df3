"""``kette demo_code USERNAME``: the current two-factor code of a demo login.

For trying the demo without an authenticator app at hand. It only answers for
a login whose key is the demo's (derived from this installation's secret key,
see ``kette.core.demo.people``), never for a real person's app.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.oath import TOTP

from kette.core.commands import KetteCommand
from kette.core.demo.people import demo_totp_key
from kette.core.models import User
from kette.core.services.otp import totp_device_confirmed


class Command(KetteCommand):
    help = _(
        "Print the current two-factor login code of a demo login (made by "
        "kette demo), for trying the demo without an authenticator app."
    )

    examples = ("kette demo_code koordination",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=_("User name of the demo login."))

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        device = totp_device_confirmed(user=user) if user else None
        if device is None or device.key != demo_totp_key(username):
            raise CommandError(
                _(
                    "%(username)s is not a demo login with two-factor login. Run "
                    "kette demo first; it prints the logins."
                )
                % {"username": username}
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
        self.stdout.write(f"{totp.token():06d}")
