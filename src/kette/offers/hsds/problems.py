"""Errors and warnings of an HSDS import, each with file, row and field.

They are listed in file order, then row and field order, as one reads the
package, whatever order the checks found them in.

A row is ``line N`` in a CSV file (the header is line 1) or a JSON pointer
(``/contents/3/service_at_locations/0``) in the JSON form, so messages read
``services.csv: line 7: field "minimum_age": "zwölf" is not a number``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core.exceptions import ImportProblem
from kette.core.importers.problems import ProblemCollector

MAX_LISTED = 50

Record = dict[str, Any]
# Keys of a record that say where it came from (not HSDS fields).
FILE = "@file"
AT = "@at"


def line_label(line: int) -> str:
    return _("line %(line)d") % {"line": line}


def field_label(name: str) -> str:
    return _('field "%(name)s"') % {"name": name}


def where(record: Record) -> str | None:
    at = record.get(AT)
    if at is None:
        return None
    return line_label(at) if isinstance(at, int) else str(at)


class Problems(ProblemCollector):
    """The core collector, in file order, each problem once; HSDS wording.

    ``error``/``warn`` take the file first and an HSDS field name;
    ``record_error``/``record_warning`` take them from a record.
    """

    def __init__(self, limit: int = MAX_LISTED) -> None:
        super().__init__("…", limit, in_file_order=True, distinct=True)

    def error(
        self,
        file: str,
        message: str,
        *,
        row: str | None = None,
        field: str | None = None,
    ) -> None:
        self.add(message, file=file, row=row, field=_label(field))

    def warn(
        self,
        file: str,
        message: str,
        *,
        row: str | None = None,
        field: str | None = None,
    ) -> None:
        self.add(message, file=file, row=row, field=_label(field), warning=True)

    def record_error(self, record: Record, field: str | None, message: str) -> None:
        self.error(record.get(FILE, "?"), message, row=where(record), field=field)

    def record_warning(self, record: Record, field: str | None, message: str) -> None:
        self.warn(record.get(FILE, "?"), message, row=where(record), field=field)

    def more(self, hidden: int) -> ImportProblem:
        # Says "more", not "more problems": the same line closes the warnings.
        text = ngettext(
            "%(count)d more not shown (only the first %(limit)d are listed)",
            "%(count)d more not shown (only the first %(limit)d are listed)",
            hidden,
        ) % {"count": hidden, "limit": self.limit}
        return ImportProblem(file=self.file, message=text)


def _label(field: str | None) -> str | None:
    return field_label(field) if field else None
