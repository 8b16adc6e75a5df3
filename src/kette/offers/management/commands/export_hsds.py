"""``kette export_hsds --municipality SLUG OUT`` (folder or .zip; ``--json`` file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand, ProgressBar, municipality_or_error
from kette.offers.hsds.exporter import hsds_export


class Command(KetteCommand):
    help = gettext_lazy(
        "Export a municipality's offers (all but archived ones) as an Open "
        "Referral HSDS 3.0 package: a folder, a .zip (when OUT ends in .zip), or "
        "with --json one JSON file of services."
    )

    examples = (
        "kette export_hsds angebote.zip --municipality musterstadt",
        "kette export_hsds angebote.json --municipality musterstadt --json",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help=gettext_lazy("folder, .zip or .json to write"))
        parser.add_argument(
            "--municipality", required=True, help=gettext_lazy("municipality slug")
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=gettext_lazy("write the HSDS JSON form (a list of services)"),
        )
        parser.add_argument(
            "--include-archived",
            action="store_true",
            help=gettext_lazy("also export archived offers (as defunct services)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        out = Path(options["out"])
        if (
            out.exists()
            and out.is_file()
            and not (options["json"] or out.suffix.lower() == ".zip")
        ):
            raise CommandError(
                _("%(out)s is a file; give a folder, a .zip or use --json")
                % {"out": out}
            )
        result = hsds_export(
            municipality=municipality,
            out=out,
            json_form=options["json"],
            include_archived=options["include_archived"],
            progress=ProgressBar(self.stderr, enabled=options["verbosity"] >= 1),
        )
        if options["verbosity"] >= 1:
            self.stdout.write(
                _("%(out)s: %(count)d offers of %(municipality)s written (%(parts)s)")
                % {
                    "out": out,
                    "count": result.offers,
                    "municipality": municipality.name,
                    "parts": ", ".join(f"{n} {k}" for k, n in result.counts.items()),
                }
            )
