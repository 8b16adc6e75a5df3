"""``kette create_municipality NAME --kind KIND [--slug S] [--ags AGS] [--state S]``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand
from kette.core.models.municipality import MunicipalityKind, State
from kette.core.services.municipalities import municipality_create

ACTOR_NAME = "create_municipality (command line)"


def _state_code(text: str) -> str:
    """The two-digit code of a state given by its code or its name."""
    wanted = text.strip().casefold()
    for code, label in State.choices:
        if wanted in (code, label.casefold()):
            return code
    raise CommandError(
        _('unknown state "%(state)s"; give its number (e.g. 05) or its name')
        % {"state": text}
    )


class Command(KetteCommand):
    help = gettext_lazy(
        "Create a municipality (a new prevention chain) and print what to do next."
    )

    examples = (
        "kette create_municipality Gelsenkirchen --kind kreisfreie_stadt"
        " --ags 05513000",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help=gettext_lazy("name, e.g. 'Gelsenkirchen'"))
        parser.add_argument(
            "--kind",
            required=True,
            choices=MunicipalityKind.values,
            help=gettext_lazy("type of municipality"),
        )
        parser.add_argument(
            "--slug",
            default="",
            help=gettext_lazy("short name in addresses (default: made from the name)"),
        )
        parser.add_argument(
            "--ags",
            default="",
            help=gettext_lazy("official municipality key, 8 digits (optional)"),
        )
        parser.add_argument(
            "--state",
            default="",
            help=gettext_lazy(
                "state, by number or name (default: the one the key names)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        state = options["state"]
        if state:
            state = _state_code(state)
        elif not options["ags"]:
            raise CommandError(_("give --state (or --ags, whose first digits name it)"))
        try:
            municipality = municipality_create(
                actor=None,
                actor_name=ACTOR_NAME,
                name=options["name"],
                slug=options["slug"],
                ags=options["ags"],
                kind=options["kind"],
                state=state,
            )
        except ValidationError as error:
            raise CommandError(
                _("nothing was created:\n%(problems)s")
                % {"problems": _field_messages(error)}
            ) from None
        self.stdout.write(
            _(
                "Created %(name)s (%(kind)s, %(state)s, key %(ags)s) at /%(slug)s/.\n"
                "Next steps:\n"
                "  kette import_districts FILE.geojson --municipality %(slug)s "
                "--code-field CODE --name-field NAME\n"
                "  kette import_hsds PACKAGE.zip --municipality %(slug)s\n"
                "  then invite a coordinator in the staff area "
                "(/%(slug)s/intern/mitglieder/) or give a role in /admin/."
            )
            % {
                "name": municipality.name,
                "kind": municipality.get_kind_display(),
                "state": municipality.get_state_display(),
                "ags": municipality.ags or "-",
                "slug": municipality.slug,
            }
        )


def _field_messages(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return "\n".join(f"  {message}" for message in error.messages)
    return "\n".join(
        f"  {field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )
