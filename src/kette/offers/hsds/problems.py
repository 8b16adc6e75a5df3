"""Errors and warnings of an HSDS import, each with file, row and field.

They are listed in file order, then row and field order, as one reads the
package, whatever order the checks found them in.

A row is ``line N`` in a CSV file (the header is line 1) or a JSON pointer
(``/contents/3/service_at_locations/0``) in the JSON form, so messages read
``services.csv: line 7: field "minimum_age": "zwölf" is not a number``.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core.exceptions import ImportFailed, ImportProblem

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


class Problems:
    """Collects errors and warnings; lists the first ``limit`` of each."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.errors: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []
        self.error_count = 0
        self.warning_count = 0
        self._seen: set[str] = set()

    def error(
        self,
        file: str,
        message: str,
        *,
        row: str | None = None,
        field: str | None = None,
    ) -> None:
        problem = _problem(file, message, row, field)
        key = str(problem)
        if key in self._seen:
            return  # e.g. a location shared by services, reported once
        self._seen.add(key)
        self.error_count += 1
        if len(self.errors) < self.limit:
            self.errors.append(problem)

    def warn(
        self,
        file: str,
        message: str,
        *,
        row: str | None = None,
        field: str | None = None,
    ) -> None:
        problem = _problem(file, message, row, field)
        key = "warning:" + str(problem)
        if key in self._seen:
            return
        self._seen.add(key)
        self.warning_count += 1
        if len(self.warnings) < self.limit:
            self.warnings.append(problem)

    def record_error(self, record: Record, field: str | None, message: str) -> None:
        self.error(record.get(FILE, "?"), message, row=where(record), field=field)

    def record_warning(self, record: Record, field: str | None, message: str) -> None:
        self.warn(record.get(FILE, "?"), message, row=where(record), field=field)

    @property
    def full(self) -> bool:
        """Enough errors to stop looking for more."""
        return self.error_count >= self.limit

    def __bool__(self) -> bool:
        return self.error_count > 0

    def failure(self) -> ImportFailed:
        return ImportFailed(_listed(self.errors, self.error_count, self.limit))

    def warning_list(self) -> list[ImportProblem]:
        return _listed(self.warnings, self.warning_count, self.limit)


def _natural(text: str) -> tuple:
    """Text with its numbers as numbers: "line 9" before "line 10"."""
    return tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, part)
        for part in re.split(r"(\d+)", text)
        if part
    )


def _in_order(problem: ImportProblem) -> tuple:
    """File, then row (the file's own problems first), then field."""
    return (
        _natural(problem.file),
        problem.row is not None,
        _natural(str(problem.row or "")),
        _natural(problem.field or ""),
    )


def _problem(file: str, message: str, row: str | None, field: str | None):
    return ImportProblem(
        file=file,
        message=message,
        row=row,
        field=field_label(field) if field else None,
    )


def _listed(problems: list[ImportProblem], count: int, limit: int):
    problems = sorted(problems, key=_in_order)
    hidden = count - len(problems)
    if hidden <= 0:
        return problems
    more = ngettext(
        "%(count)d more not shown (only the first %(limit)d are listed)",
        "%(count)d more not shown (only the first %(limit)d are listed)",
        hidden,
    ) % {"count": hidden, "limit": limit}
    return [*problems, ImportProblem(file="…", message=more)]
