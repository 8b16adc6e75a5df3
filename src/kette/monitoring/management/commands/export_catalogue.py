"""`kette export_catalogue FILE --municipality SLUG` (FILE: .csv, .xlsx or -)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand, municipality_or_error
from kette.monitoring.importers.catalogue import catalogue_csv, catalogue_xlsx


class Command(KetteCommand):
    help = gettext_lazy(
        "Write the indicator catalogue as CSV or XLSX, one row per indicator, "
        "in the form import_catalogue reads."
    )

    examples = ("kette export_catalogue katalog.xlsx --municipality musterstadt",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            help=gettext_lazy("file ending in .csv or .xlsx; - writes CSV to stdout"),
        )
        parser.add_argument(
            "--municipality", required=True, help=gettext_lazy("municipality slug")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        target = options["file"]
        if target == "-":
            self.stdout.write(catalogue_csv(municipality), ending="")
            return
        path = Path(target)
        suffix = path.suffix.lower()
        if suffix not in {".csv", ".xlsx"}:
            raise CommandError(
                _("%(file)s: the file name must end in .csv or .xlsx")
                % {"file": target}
            )
        if suffix == ".xlsx":
            path.write_bytes(catalogue_xlsx(municipality))
        else:
            path.write_text(catalogue_csv(municipality), encoding="utf-8")
        self.stdout.write(_("%(file)s written") % {"file": path})
