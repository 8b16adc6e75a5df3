"""`kette import_goals FILE --municipality SLUG [--sheet S] [--dry-run]`."""

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
from kette.goals.grid_import import grid_import
from kette.monitoring.management.arguments import add_table_import_arguments

#: The name the audit trail records the command's writes under.
ACTOR_NAME = "import_goals (command line)"


class Command(KetteCommand):
    help = gettext_lazy(
        "Import SMART grids (goals and their measures) from XLSX or CSV, one row "
        "per measure, with the columns of the grid export (German or English "
        "headers). Goals are matched by number or title, measures by number. "
        "All or nothing."
    )

    examples = (
        "kette import_goals raster.xlsx --municipality musterstadt --dry-run",
        "kette import_goals raster.xlsx --municipality musterstadt --sheet Ziele",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_table_import_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        path = existing_file(options["file"])
        try:
            with audit.acting_as(ACTOR_NAME):
                result = grid_import(
                    municipality=municipality,
                    path=path,
                    file=str(path),
                    actor=None,
                    dry_run=options["dry_run"],
                    sheet=options["sheet"],
                )
        except ImportFailed as failed:
            raise import_failed(failed) from None
        numbers = {
            "file": path,
            "goals": result.goals_created,
            "changed": result.goals_updated,
            "measures": result.measures_created,
            "updated": result.measures_updated,
        }
        if options["dry_run"]:
            text = _(
                "%(file)s: dry run, nothing written: %(goals)d new goals, %(changed)d "
                "goals changed, %(measures)d new measures, %(updated)d measures updated"
            )
        else:
            text = _(
                "%(file)s: imported %(goals)d new goals, %(changed)d goals changed, "
                "%(measures)d new measures, %(updated)d measures updated"
            )
        self.stdout.write(text % numbers)
        if options["verbosity"] >= 1:
            for goal in result.goals:
                self.stdout.write(f"  {goal.code or '-'} {goal.title}: {goal.measures}")
