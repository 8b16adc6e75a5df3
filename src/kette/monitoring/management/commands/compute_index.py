"""`kette compute_index SLUG INDEX --period P [--level N] [--out results.csv]
[--allow-incomplete]`."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand
from kette.monitoring.index_export import index_rows
from kette.monitoring.indices import (
    IncompletePeriod,
    IndexDataError,
    compute_table,
    index_periods,
)
from kette.monitoring.models import period_start

from .export_index import index_or_error


class Command(KetteCommand):
    help = gettext_lazy(
        "Compute an index for one period: per district the index, every "
        "sub-index, each normalised indicator, rank and classes, as CSV."
    )

    examples = (
        "kette compute_index musterstadt partizipation --period 2025"
        " --out index-2025.csv",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help=gettext_lazy("municipality slug"))
        parser.add_argument("index", help=gettext_lazy("key of the index"))
        parser.add_argument(
            "--period", required=True, help=gettext_lazy("e.g. 2024 or 2024/25")
        )
        parser.add_argument(
            "--level", type=int, help=gettext_lazy("district level (default: finest)")
        )
        parser.add_argument(
            "--out", help=gettext_lazy("CSV file to write (default: standard output)")
        )
        parser.add_argument(
            "--allow-incomplete",
            action="store_true",
            help=gettext_lazy(
                "compute even if sub-indices have fewer indicators with values "
                "than the definition's coverage rule asks for"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        definition = index_or_error(options["municipality"], options["index"])
        period = options["period"]
        periods = index_periods(definition)
        try:
            year = str(period_start(period).year)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if year not in periods:
            raise CommandError(
                _('no data for the period "%(period)s" (periods: %(known)s)')
                % {"period": period, "known": ", ".join(periods) or "-"}
            )
        try:
            table = compute_table(
                definition=definition,
                period=period,
                level=options["level"],
                allow_incomplete=options["allow_incomplete"],
            )
        except IncompletePeriod as error:
            raise CommandError(
                _("%(problem)s Compute it anyway with --allow-incomplete.")
                % {"problem": error}
            ) from None
        except IndexDataError as error:
            raise CommandError(str(error)) from None
        for gap in table.gaps:
            self.stderr.write(_("incomplete: %(gap)s") % {"gap": gap})
        header, rows = index_rows(table)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8", newline="") as handle:
                handle.write(buffer.getvalue())
            self.stdout.write(
                _("wrote %(count)d districts to %(file)s")
                % {"count": len(rows), "file": options["out"]}
            )
        else:
            self.stdout.write(buffer.getvalue(), ending="")
