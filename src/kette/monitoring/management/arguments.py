"""Arguments the monitoring's table imports share."""

from __future__ import annotations

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy


def add_table_import_arguments(parser: CommandParser) -> None:
    """FILE, --municipality, --sheet and --dry-run of a CSV or XLSX import."""
    parser.add_argument("file", help=gettext_lazy("CSV or XLSX file"))
    parser.add_argument(
        "--municipality", required=True, help=gettext_lazy("municipality slug")
    )
    parser.add_argument("--sheet", help=gettext_lazy("sheet of an XLSX file"))
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=gettext_lazy("check the file and report, but write nothing"),
    )
