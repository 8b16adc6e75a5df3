"""Reading an individual-level file: one checked ``Record`` per row.

Problems name the file, row and column, never a cell's content: a cell may
hold a name, a birth date or an address, and messages end up in terminals,
logs and e-mails. Only row numbers, column names and the spec's own words
are shown.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kette.core.exceptions import ImportFailed
from kette.core.geo import DistrictLocator
from kette.core.importers.problems import ProblemCollector
from kette.core.models import District, Municipality

from ..importers.indicators import parse_number
from ..importers.spreadsheet import Table
from ..models import period_start
from .pseudonyms import Pseudonymiser
from .spec import Spec, fold

Progress = Callable[[str, int, int], None]
#: Row numbers listed in one message; more are counted.
LISTED = 20


@dataclass
class Record:
    """One person row: pseudonym, place, period and the answers (True: counts,
    False: answered and does not count, None: no answer)."""

    row: int
    pseudonym: str
    district_id: int | None
    period: str
    answers: tuple[bool | None, ...]


@dataclass
class Reading:
    records: list[Record] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)  # row numbers


def rows_text(rows: Iterable[int]) -> str:
    """'4, 9, 12' or '4, 9, … (25 rows)': row numbers, at most LISTED of them."""
    rows = list(rows)
    shown = ", ".join(str(row) for row in rows[:LISTED])
    if len(rows) <= LISTED:
        return shown
    return shown + " … " + _("(%(count)d in all)") % {"count": len(rows)}


def _district_names(municipality: Municipality) -> dict[str, int]:
    """District pk by folded code or name (a code wins over another's name)."""
    found: dict[str, int] = {}
    districts = District.objects.for_municipality(municipality).values_list(
        "pk", "code", "name"
    )
    for pk, _code, name in districts:
        found.setdefault(fold(name), pk)
    for pk, code, _name in districts:
        found[fold(code)] = pk
    return found


class Reader:
    """Turns the table's rows into records, collecting problems."""

    def __init__(
        self,
        *,
        table: Table,
        spec: Spec,
        municipality: Municipality,
        pseudonymise: Pseudonymiser,
        problems: ProblemCollector,
    ) -> None:
        self.table, self.spec, self.problems = table, spec, problems
        self.municipality = municipality
        self.pseudonymise = pseudonymise
        self.at = self._columns()
        self.periods: dict[str, bool] = {}
        self.names = _district_names(municipality) if spec.district_code else {}
        # (index into reading.records, lon, lat) placed after reading, all at once
        self.points: list[tuple[int, float, float]] = []

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.add(message, row=self.table.where(row), field=column)

    def _columns(self) -> dict[str, int]:
        header = {
            fold(name): at for at, name in reversed(list(enumerate(self.table.header)))
        }
        found, missing = {}, []
        for where, column in self.spec.columns():
            if fold(column) in header:
                found[column] = header[fold(column)]
            else:
                missing.append((where, column))
        for where, column in missing:
            # never the header cells themselves: a file without a header row
            # would have its first person's name and birth date printed here
            near = difflib.get_close_matches(
                fold(column), [fold(n) for n in self.table.header if n], n=1
            )
            hint = (
                _("a column of a similar name is there; check the spelling")
                if near
                else _("is the first row a header with the column names?")
            )
            self.problem(
                1,
                column,
                _(
                    "no such column (named in the spec %(spec)s, field %(field)s) "
                    "among the %(count)d columns of the first row; %(hint)s"
                )
                % {
                    "spec": self.spec.file,
                    "field": where,
                    "count": len(self.table.header),
                    "hint": hint,
                },
            )
        if missing:
            raise ImportFailed(self.problems.as_list())
        return found

    def cell(self, cells: list[str], column: str) -> str:
        at = self.at[column]
        return cells[at].strip() if at < len(cells) else ""

    def period(self, cells: list[str], row: int) -> str | None:
        if self.spec.period_value:
            return self.spec.period_value
        column = self.spec.period_column or ""
        text = self.cell(cells, column)
        if not text:
            self.problem(row, column, _("no period"))
            return None
        if text not in self.periods:
            try:
                period_start(text)
                self.periods[text] = True
            except ValueError:
                self.periods[text] = False
        if not self.periods[text]:
            self.problem(
                row,
                column,
                _(
                    "not a period: write a year (2021), a school year (2021/22) or "
                    "a date (2021-12-31)"
                ),
            )
            return None
        return text

    def coordinate(
        self, text: str, row: int, column: str, limit: float
    ) -> float | None:
        try:
            number = parse_number(text)
        except ValueError:
            number = None
        if number is None or not (-limit <= number <= limit):
            self.problem(
                row,
                column,
                _("not a coordinate (decimal degrees, WGS 84, e.g. 51.4823)"),
            )
            return None
        return number

    def place(
        self, cells: list[str], row: int
    ) -> tuple[bool, int | None, tuple | None]:
        """(ok, district pk, (lon, lat)); ok is False after a problem."""
        if self.spec.district_code:
            text = self.cell(cells, self.spec.district_code)
            return True, self.names.get(fold(text)) if text else None, None
        lat_column, lon_column = self.spec.district_point or ("", "")
        lat_text, lon_text = self.cell(cells, lat_column), self.cell(cells, lon_column)
        if not lat_text and not lon_text:
            return True, None, None
        lat = self.coordinate(lat_text, row, lat_column, 90)
        lon = self.coordinate(lon_text, row, lon_column, 180)
        if lat is None or lon is None:
            return False, None, None
        return True, None, (lon, lat)

    def answers(self, cells: list[str]) -> tuple[bool | None, ...]:
        found: list[bool | None] = []
        for item in self.spec.characteristics:
            answer = fold(self.cell(cells, item.column))
            if not answer or answer in item.missing_when:
                found.append(None)
            else:
                found.append(answer in item.counts_when)
        return tuple(found)

    def read(self, progress: Progress | None) -> Reading:
        reading = Reading()
        for count, (row, cells) in enumerate(self.table.rows, start=1):
            if progress and count % 5000 == 0:
                progress(_("reading"), count, self.table.size)
            before = self.problems.count
            identifiers = []
            for column in self.spec.identifier:
                value = self.cell(cells, column)
                if not value:
                    self.problem(
                        row,
                        column,
                        _("empty: a person is counted once only by all identifiers"),
                    )
                identifiers.append(value)
            period = self.period(cells, row)
            placed, district_id, point = self.place(cells, row)
            if self.problems.count > before or period is None or not placed:
                continue
            if point is not None:
                self.points.append((len(reading.records), *point))
            reading.records.append(
                Record(
                    row=row,
                    pseudonym=self.pseudonymise(identifiers),
                    district_id=district_id,
                    period=period,
                    answers=self.answers(cells),
                )
            )
        self._locate(reading)
        reading.unplaced = [r.row for r in reading.records if r.district_id is None]
        return reading

    def _locate(self, reading: Reading) -> None:
        if not self.points:
            return
        locator = DistrictLocator(self.municipality)
        if not len(locator):
            self.problem(
                None,
                None,
                _(
                    "the districts of %(municipality)s have no geometries, so points "
                    "cannot be placed: import district boundaries or use district codes"
                )
                % {"municipality": self.municipality.name},
            )
            return
        found = locator.locate_many([(lon, lat) for _at, lon, lat in self.points])
        for (at, _lon, _lat), district in zip(self.points, found, strict=True):
            if district is not None:
                reading.records[at].district_id = district.pk


def read_records(
    *,
    table: Table,
    spec: Spec,
    municipality: Municipality,
    pseudonymise: Pseudonymiser,
    problems: ProblemCollector,
    progress: Progress | None = None,
) -> Reading:
    """Every row of ``table`` as a record; problems go to ``problems``."""
    reader = Reader(
        table=table,
        spec=spec,
        municipality=municipality,
        pseudonymise=pseudonymise,
        problems=problems,
    )
    return reader.read(progress)
