"""Collecting import problems, up to a cap, with their place in the file."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..exceptions import ImportProblem

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
    """Keeps the first ``limit`` problems and counts the rest."""

    def __init__(self, file: str, limit: int = MAX_PROBLEMS) -> None:
        self.file = file
        self.limit = limit
        self.problems: list[ImportProblem] = []
        self.count = 0

    def add(self, message: str, *, row: str | None = None, field: str | None = None):
        self.count += 1
        if len(self.problems) < self.limit:
            self.problems.append(
                ImportProblem(file=self.file, message=message, row=row, field=field)
            )

    def __bool__(self) -> bool:
        return self.count > 0

    def as_list(self) -> list[ImportProblem]:
        hidden = self.count - len(self.problems)
        if hidden <= 0:
            return list(self.problems)
        more = ngettext(
            "%(count)d more problem not shown (only the first %(limit)d are listed)",
            "%(count)d more problems not shown (only the first %(limit)d are listed)",
            hidden,
        ) % {"count": hidden, "limit": self.limit}
        return [*self.problems, ImportProblem(file=self.file, message=more)]
