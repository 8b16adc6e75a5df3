"""`kette import_catalogue FILE --municipality SLUG [--sheet S] [--dry-run]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import (
    KetteCommand,
    existing_file,
    import_failed,
    municipality_or_error,
)
from kette.core.exceptions import ImportFailed
from kette.monitoring.importers.catalogue import catalogue_import
from kette.monitoring.management.arguments import add_table_import_arguments

ACTOR_NAME = "import_catalogue (command line)"


class Command(KetteCommand):
    help = gettext_lazy(
        "Add indicators to the catalogue or change them, from CSV or XLSX with "
        "one row per indicator (as export_catalogue writes it). All or nothing."
    )

    examples = (
        "kette import_catalogue katalog.xlsx --municipality musterstadt --dry-run",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_table_import_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        path = existing_file(options["file"])
        try:
            result = catalogue_import(
                municipality=municipality,
                path=path,
                file=str(path),
                sheet=options["sheet"],
                actor_name=ACTOR_NAME,
                dry_run=options["dry_run"],
            )
        except ImportFailed as failed:
            raise import_failed(failed) from None
        numbers = {
            "file": path,
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": result.unchanged,
        }
        if result.dry_run:
            text = _(
                "%(file)s: dry run, nothing written; indicators that would be added: "
                "%(created)d, changed: %(updated)d, unchanged: %(unchanged)d"
            )
        else:
            text = _(
                "%(file)s: indicators added: %(created)d, changed: %(updated)d, "
                "unchanged: %(unchanged)d"
            )
        self.stdout.write(text % numbers)
        if options["verbosity"] >= 1:
            for label, keys in (
                (_("new"), result.created),
                (_("changed"), result.updated),
            ):
                if keys:
                    self.stdout.write(f"  {label}: {', '.join(keys)}")
