"""`kette import_records FILE --municipality SLUG --spec SPEC.json [--dry-run]`."""

from __future__ import annotations

from pathlib import Path
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
from kette.core.exceptions import ImportFailed, KetteError
from kette.monitoring.management.arguments import add_table_import_arguments
from kette.monitoring.records.aggregate import records_import
from kette.monitoring.records.spec import load_spec

ACTOR_NAME = "import_records (command line)"


class Command(KetteCommand):
    help = gettext_lazy(
        "Import individual-level records (e.g. the school-entry screening) as a "
        "spec describes them: persons are pseudonymised in memory, counted per "
        "district and period, and only these counts are stored. All or nothing."
    )

    examples = (
        "kette import_records schuleingangsuntersuchung-2025.csv"
        " --municipality musterstadt --spec beschreibung.json --dry-run",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_table_import_arguments(parser)
        parser.add_argument(
            "--spec",
            required=True,
            help=gettext_lazy("the JSON spec of the file (docs/monitoring-records.md)"),
        )
        parser.add_argument(
            "--skip-unplaced",
            action="store_true",
            help=gettext_lazy(
                "leave out rows that cannot be placed in a district (and report "
                "them) instead of failing"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        path = existing_file(options["file"])
        try:
            spec = load_spec(Path(options["spec"]))
            result = records_import(
                municipality=municipality,
                path=path,
                file=str(path),
                spec=spec,
                sheet=options["sheet"],
                actor_name=ACTOR_NAME,
                dry_run=options["dry_run"],
                skip_unplaced=options["skip_unplaced"],
                progress=ProgressBar(self.stderr, enabled=options["verbosity"] >= 1),
            )
        except ImportFailed as failed:
            raise import_failed(failed) from None
        except KetteError as error:
            raise CommandError(error.message) from None
        numbers = {
            "file": path,
            "rows": result.rows,
            "persons": result.persons,
            "created": result.created,
            "updated": result.updated,
        }
        for warning in result.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        if result.dry_run:
            self.stdout.write(
                _(
                    "%(file)s: dry run, nothing written: %(rows)d rows, %(persons)d "
                    "persons; %(created)d figures would be new, %(updated)d updated"
                )
                % numbers
            )
        else:
            self.stdout.write(
                _(
                    "%(file)s: %(rows)d rows, %(persons)d persons; stored only the "
                    "counts: %(created)d figures new, %(updated)d updated"
                )
                % numbers
            )
        if result.new_indicators:
            self.stdout.write(
                _("new indicators (not published yet): %(keys)s")
                % {"keys": ", ".join(result.new_indicators)}
            )
        if options["verbosity"] >= 1:
            for (key, period), count in sorted(result.by_indicator.items()):
                self.stdout.write(
                    _("  %(key)s %(period)s: %(count)d districts")
                    % {"key": key, "period": period, "count": count}
                )
