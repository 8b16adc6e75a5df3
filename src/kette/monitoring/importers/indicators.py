"""Importing indicator data (observations) from CSV or XLSX, long or wide form.

Long form: one row per district, period and indicator (``district``,
``period``, ``indicator``, ``value`` and optionally ``numerator``,
``denominator``, ``status``). Wide form: one row per district, one column per
indicator (key or German name), the period given separately. All or nothing:
every problem is collected with its row and column, and nothing is written
unless there is none. See docs/monitoring-import.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.importers.problems import ProblemCollector
from kette.core.models import District, Municipality

from ..models import Indicator, IndicatorKind, ObservationStatus
from ..models import period_start as start_of
from .observations import (
    Row,
    audit_imported,
    existing_observations,
    write_observations,
)
from .spreadsheet import Table, read_table

Progress = Callable[[str, int, int], None]

ALIASES = {
    "district": {"district", "bezirk", "gebiet", "sozialraum", "stadtteil", "code"},
    "period": {"period", "zeitraum", "jahr", "year", "schuljahr", "stichtag"},
    "indicator": {"indicator", "indikator", "kennzahl"},
    "value": {"value", "wert"},
    "numerator": {"numerator", "zaehler", "zähler"},
    "denominator": {"denominator", "nenner"},
    "status": {"status"},
}
STATUSES = {
    "final": ObservationStatus.FINAL,
    "endgültig": ObservationStatus.FINAL,
    "endgueltig": ObservationStatus.FINAL,
    "provisional": ObservationStatus.PROVISIONAL,
    "vorläufig": ObservationStatus.PROVISIONAL,
    "vorlaeufig": ObservationStatus.PROVISIONAL,
    "suppressed": ObservationStatus.SUPPRESSED,
    "gesperrt": ObservationStatus.SUPPRESSED,
    "geheim": ObservationStatus.SUPPRESSED,
    "missing": ObservationStatus.MISSING,
    "fehlt": ObservationStatus.MISSING,
}
#: How far a given value may be from numerator / denominator × scale.
TOLERANCE = 0.051


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def parse_number(text: str) -> float | None:
    """A number as Germans and spreadsheets write it (12,5; 1.234,5; 1234.5)."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


class UnknownIndicators(ImportFailed):
    """A failed import naming indicators the catalogue lacks (``keys``, as
    written in the file), besides any other problem: the caller says how to
    add them (the command: the catalogue import; the web: the forms)."""

    def __init__(self, problems: list[ImportProblem], keys: list[str]) -> None:
        super().__init__(problems)
        self.keys = keys


def _listed(unknown: dict[str, list[int]]) -> str:
    """“A” (row 2); “B” (rows 3, 4, 5, 6, 7 …): every name, its first rows."""
    parts = []
    for name, rows in unknown.items():
        shown = ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")
        where = ngettext("row %(rows)s", "rows %(rows)s", len(rows)) % {"rows": shown}
        parts.append(f"“{name}” ({where})")
    return "; ".join(parts)


@dataclass
class ImportResult:
    file: str
    form: str  # "long" or "wide"
    rows: int = 0
    created: int = 0
    updated: int = 0
    dry_run: bool = False
    by_indicator: Counter = field(default_factory=Counter)  # (key, period) → rows
    sample: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Catalogue:
    """The municipality's indicators and districts, found by key, code or name."""

    def __init__(self, municipality: Municipality) -> None:
        indicators = list(Indicator.objects.for_municipality(municipality))
        self.indicators: dict[str, Indicator] = {}
        for indicator in indicators:
            self.indicators[_fold(indicator.name_de)] = indicator
            self.indicators[_fold(indicator.name_en or indicator.key)] = indicator
        for indicator in indicators:
            self.indicators[_fold(indicator.key)] = indicator
        districts = District.objects.for_municipality(municipality).values_list(
            "pk", "code", "name"
        )
        self.districts: dict[str, int] = {}
        for pk, _code, name in districts:
            self.districts.setdefault(_fold(name), pk)
        for pk, code, _name in districts:
            self.districts[_fold(code)] = pk

    def indicator(self, text: str) -> Indicator | None:
        return self.indicators.get(_fold(text))

    def district(self, text: str) -> int | None:
        return self.districts.get(_fold(text))


def _columns(table: Table) -> dict[str, int]:
    found = {}
    for at, name in enumerate(table.header):
        for role, names in ALIASES.items():
            if _fold(name) in names and role not in found:
                found[role] = at
    return found


class Reader:
    """Turns the table's rows into checked ``Row``s, collecting problems."""

    def __init__(self, table: Table, catalogue: Catalogue, problems: ProblemCollector):
        self.table, self.catalogue, self.problems = table, catalogue, problems
        self.unknown_districts: dict[str, list[int]] = defaultdict(list)
        self.unknown_indicators: dict[str, list[int]] = defaultdict(list)
        self.periods: dict[str, dt.date | None] = {}

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.add(message, row=self.table.where(row), field=column)

    def period(self, text: str, row: int, column: str) -> dt.date | None:
        if text not in self.periods:
            try:
                self.periods[text] = start_of(text)
            except ValueError as error:
                self.periods[text] = None
                self.problem(row, column, str(error))
                return None
        elif self.periods[text] is None:
            self.problem(
                row, column, _("“%(period)s” is not a period") % {"period": text}
            )
        return self.periods[text]

    def number(self, text: str, row: int, column: str) -> float | None:
        try:
            number = parse_number(text)
        except ValueError:
            self.problem(row, column, _("“%(text)s” is not a number") % {"text": text})
            return None
        if number is not None and number != number:  # NaN
            self.problem(row, column, _("“%(text)s” is not a number") % {"text": text})
            return None
        return number

    def district(self, text: str, row: int) -> int | None:
        found = self.catalogue.district(text) if text else None
        if found is None:
            self.unknown_districts[text].append(row)
        return found

    def observation(
        self,
        *,
        row: int,
        indicator: Indicator,
        district_id: int,
        period: str,
        start: dt.date,
        cells: dict[str, tuple[str, str]],  # role → (column name, text)
    ) -> Row | None:
        before = self.problems.count
        value = numerator = denominator = None
        if "value" in cells:
            value = self.number(cells["value"][1], row, cells["value"][0])
        if "numerator" in cells:
            numerator = self.number(cells["numerator"][1], row, cells["numerator"][0])
        if "denominator" in cells:
            column = cells["denominator"][0]
            denominator = self.number(cells["denominator"][1], row, column)
            if denominator is not None and denominator < 0:
                self.problem(row, column, _("a denominator cannot be negative"))
        status = ObservationStatus.FINAL
        if "status" in cells and cells["status"][1]:
            column, text = cells["status"]
            status = STATUSES.get(_fold(text))
            if status is None:
                self.problem(
                    row,
                    column,
                    _("unknown status “%(text)s” (use: %(known)s)")
                    % {"text": text, "known": ", ".join(sorted(STATUSES))},
                )
        if self.problems.count > before:
            return None
        if indicator.kind == IndicatorKind.RATE and numerator is not None:
            value = self._rate(row, cells, indicator, value, numerator, denominator)
        if value is None and status == ObservationStatus.FINAL and numerator is None:
            status = ObservationStatus.MISSING
        return Row(
            indicator, district_id, period, start, value, numerator, denominator, status
        )

    def _rate(self, row, cells, indicator, value, numerator, denominator):
        column = cells.get("numerator", ("", ""))[0]
        if denominator is None:
            self.problem(row, column, _("a numerator needs a denominator"))
            return value
        if numerator > denominator:
            self.problem(
                row,
                column,
                _("the numerator (%(n)s) is larger than the denominator (%(d)s)")
                % {"n": numerator, "d": denominator},
            )
            return value
        computed = numerator / denominator * indicator.scale if denominator else None
        if value is not None and computed is not None:
            if abs(value - computed) > TOLERANCE:
                self.problem(
                    row,
                    cells["value"][0],
                    _(
                        "the value %(value)s does not match numerator / denominator "
                        "(%(computed).2f)"
                    )
                    % {"value": value, "computed": computed},
                )
        return computed if computed is not None else value


def _long_rows(reader: Reader, columns: dict[str, int], progress, size):
    table = reader.table
    header = table.header
    for count, (number, cells) in enumerate(table.rows, start=1):
        if progress and count % 20000 == 0:
            progress(_("reading"), count, size)

        def text(role: str, cells: list[str] = cells) -> str:
            at = columns[role]
            return cells[at] if at < len(cells) else ""

        indicator_text = text("indicator")
        indicator = reader.catalogue.indicator(indicator_text)
        if indicator is None and indicator_text:
            reader.unknown_indicators[indicator_text].append(number)
        elif indicator is None:
            reader.problem(number, header[columns["indicator"]], _("no indicator"))
        district_id = reader.district(text("district"), number)
        period = text("period")
        start = reader.period(period, number, header[columns["period"]])
        if indicator is None or district_id is None or start is None:
            continue
        given = {
            role: (header[columns[role]], text(role))
            for role in ("value", "numerator", "denominator", "status")
            if role in columns
        }
        found = reader.observation(
            row=number,
            indicator=indicator,
            district_id=district_id,
            period=period,
            start=start,
            cells=given,
        )
        if found is not None:
            yield number, found


def _command_period_hint() -> str:
    return _(
        "the file has one column per indicator (wide form) and no period "
        "column: give the period (--period 2024)"
    )


@dataclass(frozen=True)
class PeriodInput:
    """Where a file's period comes from when it has no period column: the
    name of that input in messages, and what to do when it is empty."""

    field: str = "--period"
    hint: str = ""


def _wide_rows(
    reader: Reader, columns: dict[str, int], period: str, progress, size, field: str
):
    table = reader.table
    start = reader.period(period, None, field)
    indicators = []
    for at, name in enumerate(table.header):
        if at == columns["district"] or not name:
            continue
        indicator = reader.catalogue.indicator(name)
        if indicator is None:
            reader.unknown_indicators[name].append(1)
        else:
            indicators.append((at, name, indicator))
    if start is None:
        return
    for count, (number, cells) in enumerate(table.rows, start=1):
        if progress and count % 20000 == 0:
            progress(_("reading"), count, size)
        at = columns["district"]
        district_id = reader.district(cells[at] if at < len(cells) else "", number)
        if district_id is None:
            continue
        for at, name, indicator in indicators:
            text = cells[at] if at < len(cells) else ""
            found = reader.observation(
                row=number,
                indicator=indicator,
                district_id=district_id,
                period=period,
                start=start,
                cells={"value": (name, text)},
            )
            if found is not None:
                yield number, found


def _collect(
    table: Table,
    catalogue: Catalogue,
    period: str | None,
    progress,
    where: PeriodInput,
):
    problems = ProblemCollector(table.file)
    reader = Reader(table, catalogue, problems)
    columns = _columns(table)
    form = "long" if {"indicator", "period"} <= set(columns) else "wide"
    if "district" not in columns:
        problems.add(
            _("no district column (name it “district” or “Bezirk”)"),
            row=table.where(1),
        )
        raise ImportFailed(problems.as_list())
    if form == "long" and "value" not in columns and "numerator" not in columns:
        problems.add(_("no value column (“value” or “Wert”)"), row=table.where(1))
        raise ImportFailed(problems.as_list())
    if form == "wide" and not period:
        problems.add(where.hint or _command_period_hint(), row=table.where(1))
        raise ImportFailed(problems.as_list())
    rows = (
        _long_rows(reader, columns, progress, table.size)
        if form == "long"
        else _wide_rows(
            reader, columns, period or "", progress, table.size, where.field
        )
    )
    found: dict[tuple, Row] = {}
    first_row: dict[tuple, int] = {}
    for number, row in rows:
        key = (row.indicator.pk, row.district_id, row.period)
        if key in found:
            reader.problem(
                number,
                None,
                _("the same district, period and indicator as row %(row)d")
                % {"row": first_row[key]},
            )
            continue
        found[key] = row
        first_row[key] = number
    if reader.unknown_districts:
        problems.add(
            _("unknown districts (neither code nor name): %(list)s")
            % {"list": _listed(reader.unknown_districts)},
            field=table.header[columns["district"]],
        )
    if reader.unknown_indicators:
        problems.add(
            _(
                "indicators that are not in the catalogue (neither key nor name): "
                "%(list)s"
            )
            % {"list": _listed(reader.unknown_indicators)},
            field=table.header[columns["indicator"]] if form == "long" else None,
        )
        raise UnknownIndicators(problems.as_list(), list(reader.unknown_indicators))
    if problems:
        raise ImportFailed(problems.as_list())
    if not found:
        raise ImportFailed([ImportProblem(file=table.file, message=_("no data rows"))])
    return form, found


@transaction.atomic
def indicator_import(
    *,
    municipality: Municipality,
    path: Path,
    file: str,
    period: str | None = None,
    sheet: str | None = None,
    actor: Any = None,
    actor_name: str = "",
    dry_run: bool = False,
    progress: Progress | None = None,
    period_input: PeriodInput | None = None,
) -> ImportResult:
    """Import ``path`` (named ``file`` in messages); raises ImportFailed.

    ``period_input`` says where the caller takes the period from (default:
    the command's ``--period``), for the messages about it."""
    table = read_table(path, file, sheet=sheet)
    form, found = _collect(
        table, Catalogue(municipality), period, progress, period_input or PeriodInput()
    )
    result = ImportResult(file=file, form=form, rows=len(found), dry_run=dry_run)
    for row in found.values():
        result.by_indicator[(row.indicator.key, row.period)] += 1
    result.sample = list(found.values())[:20]
    existing = existing_observations(
        municipality,
        indicator_ids={key[0] for key in found},
        periods={key[2] for key in found},
    )
    result.updated = sum(1 for key in found if key in existing)
    result.created = len(found) - result.updated
    if dry_run:
        return result
    write_observations(municipality, found, existing, progress)
    indicators = {row.indicator.pk: row.indicator for row in found.values()}
    audit_imported(
        indicators.values(),
        result.by_indicator,
        actor=actor,
        actor_name=actor_name,
        changes={"file": [None, file]},
    )
    return result
