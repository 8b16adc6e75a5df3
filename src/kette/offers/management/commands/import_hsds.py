"""``kette import_hsds PATH --municipality SLUG [--dry-run]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import (
    KetteCommand,
    ProgressBar,
    import_failed,
    municipality_or_error,
)
from kette.core.exceptions import ImportFailed
from kette.core.models import Municipality
from kette.offers.hsds.importer import (
    ACTOR_NAME,
    DEFAULT_SECTOR,
    ImportResult,
    hsds_import,
)


class Command(KetteCommand):
    help = gettext_lazy(
        "Import offers from an Open Referral HSDS 3.0 package: a folder or .zip "
        "with datapackage.json and CSV files, or a JSON file of services. "
        "Offers keep their HSDS ids; a second import updates them. All or "
        "nothing: on any problem nothing is written and every problem is listed."
    )

    examples = ("kette import_hsds paket.zip --municipality musterstadt --dry-run",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", help=gettext_lazy("package folder, .zip, datapackage.json or .json")
        )
        parser.add_argument(
            "--municipality", required=True, help=gettext_lazy("municipality slug")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("check the package and report, but write nothing"),
        )
        parser.add_argument(
            "--default-sector",
            default=DEFAULT_SECTOR,
            help=gettext_lazy(
                "sector code for new organisations whose attributes name none "
                "(default: %(default)s)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        municipality = municipality_or_error(options["municipality"])
        try:
            result = hsds_import(
                municipality=municipality,
                path=Path(options["path"]),
                actor=None,
                actor_name=ACTOR_NAME,
                dry_run=options["dry_run"],
                default_sector=options["default_sector"],
                progress=ProgressBar(self.stderr, enabled=verbosity >= 1),
            )
        except ImportFailed as failed:
            raise import_failed(failed) from None
        if verbosity >= 1:
            for warning in result.warnings:
                self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
            self.stdout.write(self._summary(municipality, result))
        if verbosity >= 2:
            self.stdout.write(
                ", ".join(
                    f"{step} {secs:.1f} s" for step, secs in result.seconds.items()
                )
            )

    def _summary(self, municipality: Municipality, result: ImportResult) -> str:
        numbers = {
            "source": result.source,
            "municipality": municipality.name,
            "created": result.offers_created,
            "updated": result.offers_updated,
            "unchanged": result.offers_unchanged,
            "orgs_created": result.organisations_created,
            "orgs_updated": result.organisations_updated,
        }
        if result.dry_run:
            return (
                _(
                    "%(source)s: dry run for %(municipality)s, nothing written: "
                    "would create %(created)d and update up to %(updated)d offers, "
                    "create %(orgs_created)d organisations"
                )
                % numbers
            )
        return (
            _(
                "%(source)s: %(municipality)s: offers created %(created)d, updated "
                "%(updated)d, unchanged %(unchanged)d; organisations created "
                "%(orgs_created)d, updated %(orgs_updated)d"
            )
            % numbers
        )
