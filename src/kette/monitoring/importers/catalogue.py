"""The indicator catalogue as a table: export (CSV, XLSX) and import.

One row per indicator, one column per field a person sets (the form's
fields). The headers are the fields' names in the active language; the
import also reads them in German and English and as field keys, so a file
exported in either language reads back. Choices and vocabulary terms are
written as their labels and read as labels (German or English) or codes.

The import is all or nothing: a row whose key is in the catalogue changes
that indicator, any other row adds one, each through the same services as
the form (``indicator_create``, ``indicator_update``, audited). Every
problem is collected with its row and column; if there is one, nothing is
written. See docs/monitoring.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.formats import get_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.importers.problems import ProblemCollector
from kette.core.models import Municipality

from ..models import Indicator
from ..services.indicators import EDITABLE_FIELDS, indicator_create, indicator_update
from .indicators import parse_number
from .spreadsheet import Table, read_table

#: A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _field(name: str) -> models.Field:
    return Indicator._meta.get_field(name)


def header(name: str) -> str:
    """The column header of the field ``name`` in the active language."""
    return str(capfirst(_field(name).verbose_name))


def _labels(name: str) -> dict[str, str]:
    """Every header that means the field ``name``, folded."""
    labels = {_fold(name): name, _fold(header(name)): name}
    for language in ("de", "en"):
        with override(language):
            labels[_fold(header(name))] = name
    return labels


def safe_text(text: str) -> str:
    """A text a spreadsheet shows as written: a leading formula sign is quoted."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _unquoted(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def cell_value(indicator: Indicator, name: str) -> str | float | int | None:
    """What the export writes for the field ``name``: a label for a choice or a
    vocabulary term, a number for a number, otherwise the text."""
    model_field = _field(name)
    if model_field.is_relation:
        term = getattr(indicator, name)
        return term.label if term else ""
    if model_field.choices:
        return str(getattr(indicator, f"get_{name}_display")())
    value = getattr(indicator, name)
    if isinstance(value, str):
        return safe_text(value)
    return value


def catalogue_table(municipality: Municipality) -> tuple[list[str], list[list]]:
    """The header and one row per indicator, in the catalogue's order."""
    indicators = Indicator.objects.for_municipality(municipality).select_related(
        "age_band", "life_phase", "field_of_action"
    )
    return (
        [header(name) for name in EDITABLE_FIELDS],
        [[cell_value(i, name) for name in EDITABLE_FIELDS] for i in indicators],
    )


def _csv_cell(value: Any, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", decimal)
    return str(value)


def catalogue_csv(municipality: Municipality) -> str:
    """The catalogue as CSV the way German Excel reads it: a BOM, semicolons,
    the decimal separator of the active language."""
    decimal = str(get_format("DECIMAL_SEPARATOR"))
    head, rows = catalogue_table(municipality)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows([_csv_cell(value, decimal) for value in row] for row in rows)
    return out.getvalue()


def catalogue_xlsx(municipality: Municipality) -> bytes:
    """The catalogue as an Excel workbook: the header in row 1, frozen."""
    # openpyxl loads lazily: it takes half a second to import, and only XLSX needs it.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    head, rows = catalogue_table(municipality)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Indicators")[:31]
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class CatalogueResult:
    file: str
    rows: int = 0
    created: list[str] = field(default_factory=list)  # keys
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False


class _Parser:
    """Turns a cell's text into a field's value, reporting what it cannot read."""

    def __init__(self) -> None:
        self.choices: dict[str, dict[str, Any]] = {}  # folded label or code → value
        self.shown: dict[str, list[str]] = {}  # the labels in the active language
        for name in EDITABLE_FIELDS:
            model_field = _field(name)
            if model_field.is_relation:
                terms = list(model_field.related_model.objects.all())
                self.shown[name] = [term.label for term in terms]
                self.choices[name] = {
                    _fold(text): term
                    for term in terms
                    for text in (term.code, term.label_en, term.label_de)
                }
            elif model_field.choices:
                self.shown[name] = [str(label) for _v, label in model_field.choices]
                self.choices[name] = self._choices(model_field)

    @staticmethod
    def _choices(model_field: models.Field) -> dict[str, Any]:
        found = {}
        for value, label in model_field.choices:
            for language in ("en", "de"):
                with override(language):
                    found[_fold(str(label))] = value
            found[_fold(value)] = value
        return found

    def __call__(self, name: str, text: str) -> Any:
        """The value, or ValueError with a message for the user."""
        model_field = _field(name)
        if name in self.choices:
            if not text:
                return None
            if _fold(text) not in self.choices[name]:
                raise ValueError(
                    _("unknown value “%(text)s” (use one of: %(known)s)")
                    % {"text": text, "known": "; ".join(self.shown[name])}
                )
            return self.choices[name][_fold(text)]
        if isinstance(model_field, models.FloatField | models.IntegerField):
            return self._number(
                text, integer=isinstance(model_field, models.IntegerField)
            )
        return _unquoted(text)

    @staticmethod
    def _number(text: str, *, integer: bool) -> float | int | None:
        try:
            number = parse_number(text)
        except ValueError:
            number = float("nan")
        if number is None:
            return None
        if number != number or (integer and not number.is_integer()):
            message = (
                _("“%(text)s” is not a whole number")
                if integer
                else _("“%(text)s” is not a number")
            )
            raise ValueError(message % {"text": text})
        return int(number) if integer else number


#: Fields that cannot be empty: an empty cell keeps the value (or the default).
_NOT_EMPTY = {"kind", "polarity", "periodicity", "scale"}


class _Import:
    def __init__(self, table: Table, municipality: Municipality, **actor: Any):
        self.table, self.municipality, self.actor = table, municipality, actor
        self.problems = ProblemCollector(table.file)
        self.parse = _Parser()
        self.columns: dict[int, str] = {}  # position → field name
        self.headers: dict[str, str] = {}  # field name → header as in the file
        self.existing = {
            _fold(i.key): i for i in Indicator.objects.for_municipality(municipality)
        }

    def problem(self, row: int, name: str | None, message: str) -> None:
        column = self.headers.get(name, header(name)) if name else None
        self.problems.add(message, row=self.table.where(row), field=column)

    def read_header(self) -> None:
        known: dict[str, str] = {}
        for name in EDITABLE_FIELDS:
            known |= _labels(name)
        for at, text in enumerate(self.table.header):
            if not text:
                continue
            name = known.get(_fold(text))
            if name is None:
                self.problems.add(
                    _("unknown column (the columns are: %(known)s)")
                    % {"known": ", ".join(header(n) for n in EDITABLE_FIELDS)},
                    row=self.table.where(1),
                    field=text,
                )
            elif name in self.headers:
                self.problems.add(
                    _("the same column as “%(other)s”") % {"other": self.headers[name]},
                    row=self.table.where(1),
                    field=text,
                )
            else:
                self.columns[at] = name
                self.headers[name] = text
        if "key" not in self.headers:
            self.problems.add(
                _("no column “%(key)s”: it names the indicator in every row")
                % {"key": header("key")},
                row=self.table.where(1),
            )
        if self.problems:
            raise ImportFailed(self.problems.as_list())

    def values(self, number: int, cells: list[str]) -> tuple[dict[str, Any], set]:
        """The row's values and the fields whose cells could not be read."""
        values: dict[str, Any] = {}
        failed = set()
        for at, name in self.columns.items():
            text = cells[at].strip() if at < len(cells) else ""
            try:
                value = self.parse(name, text)
            except ValueError as error:
                self.problem(number, name, str(error))
                failed.add(name)
                continue
            if value is None and name in _NOT_EMPTY:
                continue
            values[name] = value
        return values, failed

    def write(
        self, number: int, values: dict[str, Any], failed: set, result: CatalogueResult
    ) -> None:
        """Create or update through the services; their problems (except for
        cells already reported) are the row's. A row with problems may be
        written here: the import is rolled back as a whole."""
        key = values.get("key", "")
        if not key:
            self.problem(number, "key", _("every row needs a key"))
            return
        existing = self.existing.get(_fold(key))
        try:
            if existing is None:
                created = indicator_create(
                    municipality=self.municipality, **self.actor, **values
                )
                self.existing[_fold(key)] = created
                result.created.append(key)
            elif indicator_update(indicator=existing, **self.actor, **values):
                result.updated.append(key)
            else:
                result.unchanged += 1
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in failed:
                    continue
                for message in messages:
                    self.problem(
                        number, name if name in EDITABLE_FIELDS else None, message
                    )

    def run(self, result: CatalogueResult) -> None:
        self.read_header()
        first_row: dict[str, int] = {}
        for number, cells in self.table.rows:
            result.rows += 1
            values, failed = self.values(number, cells)
            key = _fold(values.get("key", ""))
            if key and key in first_row:
                self.problem(
                    number,
                    "key",
                    _("the same key as row %(row)d") % {"row": first_row[key]},
                )
                continue
            first_row[key] = number
            self.write(number, values, failed, result)
        if self.problems:
            raise ImportFailed(self.problems.as_list())
        if not result.rows:
            raise ImportFailed(
                [ImportProblem(file=self.table.file, message=_("no data rows"))]
            )


def catalogue_import(
    *,
    municipality: Municipality,
    path: Path,
    file: str,
    sheet: str | None = None,
    actor: Any = None,
    actor_name: str = "",
    dry_run: bool = False,
) -> CatalogueResult:
    """Import the catalogue in ``path`` (named ``file`` in messages): all or
    nothing; raises ImportFailed naming row and column of every problem."""
    table = read_table(path, file, sheet=sheet)
    result = CatalogueResult(file=file, dry_run=dry_run)
    with transaction.atomic():
        _Import(table, municipality, actor=actor, actor_name=actor_name).run(result)
        if dry_run:
            transaction.set_rollback(True)
    return result
