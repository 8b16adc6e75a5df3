"""`kette import_networks FILE [FILE ...] --municipality SLUG [--dry-run]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core import audit
from kette.core.commands import (
    KetteCommand,
    existing_file,
    import_failed,
    municipality_or_error,
)
from kette.core.exceptions import ImportFailed
from kette.networks.registry_import import registry_import

#: The name the audit trail records the command's writes under.
ACTOR_NAME = "import_networks (command line)"


class Command(KetteCommand):
    help = gettext_lazy(
        "Import networks and working bodies and their members from XLSX or CSV "
        "with the columns of the registry download (German or English headers): "
        "a workbook with a sheet of bodies and a sheet of members, or a CSV file "
        "of each. Bodies are matched by name, people by e-mail or name, "
        "memberships by body, person and the day of joining. All or nothing."
    )

    examples = (
        "kette import_networks netzwerke.xlsx --municipality musterstadt --dry-run",
        "kette import_networks gremien.csv mitglieder.csv --municipality musterstadt",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help=gettext_lazy("XLSX or CSV file"),
        )
        parser.add_argument(
            "--municipality", required=True, help=gettext_lazy("municipality slug")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("check the file and report, but write nothing"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        paths = [existing_file(name) for name in options["files"]]
        try:
            with audit.acting_as(ACTOR_NAME):
                result = registry_import(
                    municipality=municipality,
                    files=[(path, str(path)) for path in paths],
                    actor=None,
                    dry_run=options["dry_run"],
                )
        except ImportFailed as failed:
            raise import_failed(failed) from None
        numbers = {
            "files": ", ".join(result.files),
            "bodies": result.bodies_created,
            "changed": result.bodies_updated,
            "people": result.people_created,
            "members": result.members_created,
            "updated": result.members_updated,
        }
        if options["dry_run"]:
            text = _(
                "%(files)s: dry run, nothing written: %(bodies)d new bodies, "
                "%(changed)d bodies changed, %(people)d new people, %(members)d new "
                "memberships, %(updated)d memberships changed"
            )
        else:
            text = _(
                "%(files)s: imported %(bodies)d new bodies, %(changed)d bodies "
                "changed, %(people)d new people, %(members)d new memberships, "
                "%(updated)d memberships changed"
            )
        self.stdout.write(text % numbers)
        if options["verbosity"] >= 1:
            for body in result.bodies:
                self.stdout.write(f"  {body.name}: {body.members}")
