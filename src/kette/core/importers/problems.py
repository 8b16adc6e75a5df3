"""Collecting import problems, up to a cap, with their place in the file.

One collector for every importer (districts, monitoring data, HSDS): it
keeps the first ``limit`` errors and, apart from them, the first ``limit``
warnings, counts the rest, and lists them with a closing line saying how
many were left out. An importer that reads several files can list the
problems in file, row and field order instead of as found
(``in_file_order``), and report each distinct problem once (``distinct``).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..exceptions import ImportFailed, ImportProblem

MAX_PROBLEMS = 50


def feature_label(index: int, code: str | None = None) -> str:
    """'feature 3' or 'feature 3 (code "0102")': index counts from 0, like jq."""
    if code:
        return _('feature %(index)d (code "%(code)s")') % {
            "index": index,
            "code": code,
        }
    return _("feature %(index)d") % {"index": index}


def property_label(name: str) -> str:
    return _('property "%(name)s"') % {"name": name}


class ProblemCollector:
    """Keeps the first ``limit`` problems (and warnings) and counts the rest.

    ``file`` is where a problem is unless ``add`` names another file.
    """

    def __init__(
        self,
        file: str = "",
        limit: int = MAX_PROBLEMS,
        *,
        in_file_order: bool = False,
        distinct: bool = False,
    ) -> None:
        self.file = file
        self.limit = limit
        self.in_file_order = in_file_order
        self.distinct = distinct
        self.problems: list[ImportProblem] = []
        self.count = 0
        self.warnings: list[ImportProblem] = []
        self.warning_count = 0
        self._seen: set[tuple[bool, str]] = set()

    def add(
        self,
        message: str,
        *,
        row: str | None = None,
        field: str | None = None,
        file: str | None = None,
        warning: bool = False,
    ) -> None:
        """Note a problem (or, with ``warning``, a warning that fails nothing)."""
        problem = ImportProblem(
            file=self.file if file is None else file,
            message=message,
            row=row,
            field=field,
        )
        if self.distinct:
            key = (warning, str(problem))
            if key in self._seen:
                return  # e.g. a location shared by services, reported once
            self._seen.add(key)
        if warning:
            self.warning_count += 1
            kept = self.warnings
        else:
            self.count += 1
            kept = self.problems
        if len(kept) < self.limit:
            kept.append(problem)

    @property
    def full(self) -> bool:
        """Enough problems to stop looking for more."""
        return self.count >= self.limit

    def __bool__(self) -> bool:
        return self.count > 0

    def as_list(self) -> list[ImportProblem]:
        return self._listed(self.problems, self.count)

    def warning_list(self) -> list[ImportProblem]:
        return self._listed(self.warnings, self.warning_count)

    def failure(self) -> ImportFailed:
        return ImportFailed(self.as_list())

    def more(self, hidden: int) -> ImportProblem:
        """The closing line for ``hidden`` problems left out."""
        text = ngettext(
            "%(count)d more problem not shown (only the first %(limit)d are listed)",
            "%(count)d more problems not shown (only the first %(limit)d are listed)",
            hidden,
        ) % {"count": hidden, "limit": self.limit}
        return ImportProblem(file=self.file, message=text)

    def _listed(self, problems: list[ImportProblem], count: int):
        problems = sorted(problems, key=_in_order) if self.in_file_order else problems
        hidden = count - len(problems)
        if hidden <= 0:
            return list(problems)
        return [*problems, self.more(hidden)]


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
