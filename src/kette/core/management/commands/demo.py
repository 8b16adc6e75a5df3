"""``kette demo``: build (or bring back) the demo data and print the logins.

The demo creates a state admin with a password derived from the secret key
and prints it: it refuses to run on a production installation (no
``KETTE_DEBUG``, no ``KETTE_TESTING``) unless ``--force`` says it is meant.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kette.core import demo
from kette.core.commands import KetteCommand


class Command(KetteCommand):
    help = _(
        "Create the fictional demo city Musterstadt and its neighbour Kleinhausen "
        "with districts, population, organisations and one login per role. "
        "Running it again restores the demo data and changes nothing else."
    )

    examples = (
        "kette demo",
        "kette demo --base-url http://127.0.0.1:8000",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help=_("Address the site runs at, for the login table."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "Build the demo even though KETTE_DEBUG and KETTE_TESTING are off, "
                "e.g. for a local demo server."
            ),
        )

    def handle(
        self,
        *args: Any,
        base_url: str,
        verbosity: int,
        force: bool = False,
        **options: Any,
    ) -> None:
        if not (force or settings.DEBUG or _testing()):
            raise CommandError(
                _(
                    "Refusing to build the demo: this looks like a production "
                    "installation (KETTE_DEBUG and KETTE_TESTING are off). The demo "
                    "creates a state admin and prints its password. If you really "
                    "want it here, run: kette demo --force"
                )
            )
        started = time.monotonic()

        def say(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(f"  {message}")

        try:
            context = demo.run(say=say)
        except ValidationError as error:
            # e.g. another municipality already holds a demo town's AGS
            raise CommandError(
                _("The demo could not be built, nothing was written: %(error)s")
                % {"error": "; ".join(error.messages)}
            ) from error
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo ready in %(seconds).1f s.")
                    % {"seconds": time.monotonic() - started}
                )
            )
        self.stdout.write(login_table(context.logins, base_url=base_url.rstrip("/")))


def _testing() -> bool:
    # Read as kette's settings read it.
    value = os.environ.get("KETTE_TESTING", "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _url(base_url: str, login: demo.DemoLogin) -> str:
    if login.municipality is None:
        return base_url + reverse("admin:index")
    path = reverse(
        "core:municipality", kwargs={"municipality": login.municipality.slug}
    )
    return base_url + path


def login_table(logins: list[demo.DemoLogin], *, base_url: str) -> str:
    """The demo logins as a plain-text table."""
    header = (_("URL"), _("Username"), _("Role"), _("Password"))
    rows = [header] + [
        (
            _url(base_url, login),
            login.username,
            f"{login.role} ({login.municipality})"
            if login.municipality
            else login.role,
            login.password,
        )
        for login in logins
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    try:
        login_url = base_url + reverse(settings.LOGIN_URL)
    except NoReverseMatch:
        login_url = ""
    intro = [
        "",
        _("Demo logins (passwords derived from this installation's secret key):"),
    ]
    if login_url:
        intro.append(_("Log in at %(url)s") % {"url": login_url})
    return "\n".join([*intro, "", *lines, *_second_factor(logins), ""])


def _second_factor(logins: list[demo.DemoLogin]) -> list[str]:
    """How the logins whose role requires two-factor login get their code."""
    with_key = [login for login in logins if login.totp_key]
    if not with_key:
        return []
    installed = Path(sys.executable).with_name("kette")
    program = str(installed) if installed.exists() else "kette"
    width = max(len(login.username) for login in with_key)
    return [
        "",
        _(
            "These logins also need a code (two-factor login). Add the key to an "
            "authenticator app, or print the current code with: %(command)s"
        )
        % {"command": shlex.join([program, "demo_code", "USERNAME"])},
        "",
        *(f"{login.username.ljust(width)}  {login.totp_key}" for login in with_key),
    ]
