"""`kette import_districts FILE.geojson --municipality SLUG --code-field F ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand, import_failed, municipality_or_error
from kette.core.exceptions import ImportFailed
from kette.core.models import Municipality
from kette.core.services.districts import ImportResult, district_import

PROGRESS_EVERY = 500
ACTOR_NAME = "import_districts (command line)"


class Command(KetteCommand):
    help = gettext_lazy(
        "Create or update a municipality's districts from a GeoJSON "
        "FeatureCollection (WGS 84). All or nothing: on any problem nothing is "
        "written and every problem is listed."
    )

    examples = (
        "kette import_districts sozialraeume.geojson"
        " --municipality musterstadt --code-field code --name-field name --dry-run",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=gettext_lazy("GeoJSON file (UTF-8)"))
        parser.add_argument(
            "--municipality", required=True, help=gettext_lazy("municipality slug")
        )
        parser.add_argument(
            "--code-field",
            required=True,
            help=gettext_lazy("feature property holding the district code"),
        )
        parser.add_argument(
            "--name-field",
            required=True,
            help=gettext_lazy("feature property holding the district name"),
        )
        parser.add_argument(
            "--parent-field",
            help=gettext_lazy(
                "feature property holding the parent district's code "
                "(without it, all districts in the file are top-level)"
            ),
        )
        parser.add_argument(
            "--level-name-field",
            help=gettext_lazy(
                "feature property holding the kind of area, e.g. Stadtteil"
            ),
        )
        parser.add_argument(
            "--fix",
            action="store_true",
            help=gettext_lazy("repair invalid geometries and report the repairs"),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("check the file and report, but write nothing"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        municipality = municipality_or_error(options["municipality"])
        path = options["file"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 1 and done % PROGRESS_EVERY == 0:
                self.stderr.write(
                    _("%(file)s: checked %(done)d of %(total)d features")
                    % {"file": path, "done": done, "total": total}
                )

        try:
            result = district_import(
                municipality=municipality,
                source=Path(path),
                file=path,
                code_field=options["code_field"],
                name_field=options["name_field"],
                parent_field=options["parent_field"],
                level_name_field=options["level_name_field"],
                actor=None,
                actor_name=ACTOR_NAME,
                fix=options["fix"],
                dry_run=options["dry_run"],
                progress=progress,
            )
        except ImportFailed as failed:
            raise import_failed(failed) from None
        if verbosity >= 1:
            for warning in result.warnings:
                self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
            self.stdout.write(self._summary(municipality, result))

    def _summary(self, municipality: Municipality, result: ImportResult) -> str:
        numbers = {
            "file": result.file,
            "municipality": municipality.name,
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": len(result.unchanged),
            "relevelled": len(result.relevelled),
        }
        if result.dry_run:
            text = _(
                "%(file)s: dry run for %(municipality)s, nothing written: would "
                "create %(created)d, update %(updated)d, leave %(unchanged)d unchanged"
            )
        else:
            text = _(
                "%(file)s: %(municipality)s: created %(created)d, updated "
                "%(updated)d, unchanged %(unchanged)d districts"
            )
        summary = text % numbers
        if result.relevelled:
            summary += (
                _("; %(relevelled)d districts not in the file moved to a new level")
                % numbers
            )
        return summary
