"""`kette import_indicators FILE --municipality SLUG [--period P] [--dry-run]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import (
    KetteCommand,
    ProgressBar,
    existing_file,
    import_failed,
    municipality_or_error,
)
from kette.core.exceptions import ImportFailed
from kette.monitoring.importers.indicators import UnknownIndicators, indicator_import
from kette.monitoring.management.arguments import add_table_import_arguments

ACTOR_NAME = "import_indicators (command line)"


class Command(KetteCommand):
    help = gettext_lazy(
        "Import indicator data per district and period from CSV or XLSX, in long "
        "form (district, period, indicator, value[, numerator, denominator]) or "
        "wide form (one column per indicator, with --period). All or nothing."
    )

    examples = (
        "kette import_indicators werte.csv --municipality musterstadt --dry-run",
        "kette import_indicators werte-2025.xlsx --municipality musterstadt"
        " --period 2025",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_table_import_arguments(parser)
        parser.add_argument(
            "--period", help=gettext_lazy("the period of a wide-form file, e.g. 2024")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        path = existing_file(options["file"])
        try:
            result = indicator_import(
                municipality=municipality,
                path=path,
                file=str(path),
                period=options["period"],
                sheet=options["sheet"],
                actor_name=ACTOR_NAME,
                dry_run=options["dry_run"],
                progress=ProgressBar(self.stderr, enabled=options["verbosity"] >= 1),
            )
        except UnknownIndicators as failed:
            error = import_failed(failed)
            hint = _(
                "Add the missing indicators (%(keys)s) to the catalogue first: "
                "kette import_catalogue FILE --municipality %(slug)s reads a CSV or "
                "XLSX with one row per indicator (the columns as kette "
                "export_catalogue writes them); then import this file again."
            ) % {"keys": ", ".join(failed.keys), "slug": municipality.slug}
            raise CommandError(f"{error}\n{hint}") from None
        except ImportFailed as failed:
            raise import_failed(failed) from None
        numbers = {
            "file": path,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
        }
        if result.dry_run:
            self.stdout.write(
                _(
                    "%(file)s: dry run, nothing written: %(rows)d values would be "
                    "imported (%(created)d new, %(updated)d updated)"
                )
                % numbers
            )
        else:
            self.stdout.write(
                _(
                    "%(file)s: imported %(rows)d values (%(created)d new, %(updated)d updated)"
                )
                % numbers
            )
        if options["verbosity"] >= 1:
            for (key, period), count in sorted(result.by_indicator.items()):
                self.stdout.write(f"  {key} {period}: {count}")
