"""The application's error types; the API maps them to its error envelope."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


class KetteError(Exception):
    """An error a user can act on; its message is shown as it is."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


@dataclass
class ImportProblem:
    """One thing wrong in an input file, located as precisely as the format allows."""

    file: str
    message: str
    row: int | str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(str(self.row))
        if self.field:
            where.append(self.field)
        return f"{': '.join(where)}: {self.message}"

    def in_words(self) -> str:
        """As a page shows it: a bare row number (``file:row:``, as commands
        print it) is named a row, so that nobody has to guess what it counts."""
        where = [self.file]
        if isinstance(self.row, int):
            where.append(_("row %(row)d") % {"row": self.row})
        elif self.row is not None:
            where.append(str(self.row))
        if self.field:
            where.append(self.field)
        return f"{': '.join(where)}: {self.message}"


class ImportFailed(KetteError):
    """An import that wrote nothing, with every problem found."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems) or "import failed")
