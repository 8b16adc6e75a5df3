"""The spec of an individual-level file: which columns identify a person, where
they live, the period, and which answers count for which indicator.

A JSON object with the format marker ``"kette-records/1"`` (example and every
field in docs/monitoring-records.md). ``load_spec`` checks it completely and
raises ImportFailed with one problem per wrong field, named like
``characteristics[2].column``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.importers import limits
from kette.core.importers.problems import ProblemCollector

from ..models import Polarity, period_start

FORMAT = "kette-records/1"
KEY = re.compile(r"^[-a-zA-Z0-9_]{1,64}$")
TOP_LEVEL = {
    "format",
    "name",
    "source",
    "identifier",
    "district",
    "period",
    "characteristics",
    "population",
}
CHARACTERISTIC = {
    "indicator",
    "name_de",
    "name_en",
    "definition_de",
    "definition_en",
    "column",
    "counts_when",
    "missing_when",
    "polarity",
    "unit",
    "scale",
}
POPULATION = {"indicator", "name_de", "name_en", "definition_de", "definition_en"}


def fold(text: str) -> str:
    """How columns and answers are compared: case and spacing do not matter."""
    return " ".join(str(text).casefold().split())


@dataclass(frozen=True)
class Characteristic:
    """One yes/no feature of a person, stored as a rate indicator."""

    indicator: str
    name_de: str
    column: str
    counts_when: frozenset[str]  # folded answers that count
    missing_when: frozenset[str] = frozenset()  # folded answers that are no answer
    name_en: str = ""
    definition_de: str = ""
    definition_en: str = ""
    polarity: str = Polarity.HIGHER_IS_WORSE
    unit: str = "%"
    scale: float = 100


@dataclass(frozen=True)
class Population:
    """The optional count indicator: persons examined per district and period."""

    indicator: str
    name_de: str
    name_en: str = ""
    definition_de: str = ""
    definition_en: str = ""


#: The lengths the catalogue's fields allow (Indicator's name, unit, source).
TEXT_LIMITS = {"name": 200, "name_de": 200, "name_en": 200, "unit": 40, "source": 200}


@dataclass(frozen=True)
class Spec:
    file: str
    name: str
    source: str
    identifier: tuple[str, ...]
    district_code: str | None  # a column with a district code or name …
    district_point: tuple[str, str] | None  # … or (latitude, longitude) columns
    period_column: str | None  # a column with the period …
    period_value: str | None  # … or one period for the whole file
    characteristics: tuple[Characteristic, ...]
    population: Population | None = None

    def columns(self) -> list[tuple[str, str]]:
        """(spec field, column) of every column the file must have."""
        wanted = [
            (f"identifier[{at}]", name) for at, name in enumerate(self.identifier)
        ]
        if self.district_code:
            wanted.append(("district.code", self.district_code))
        if self.district_point:
            wanted.append(("district.lat", self.district_point[0]))
            wanted.append(("district.lon", self.district_point[1]))
        if self.period_column:
            wanted.append(("period.column", self.period_column))
        for at, item in enumerate(self.characteristics):
            wanted.append((f"characteristics[{at}].column", item.column))
        return wanted


class _Checker:
    """Reads fields of the JSON, collecting one problem per wrong field."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems = ProblemCollector(file)

    def problem(self, where: str, message: str) -> None:
        self.problems.add(message, field=where)

    def unknown(self, data: dict, allowed: set[str], where: str) -> None:
        for name in sorted(set(data) - allowed):
            self.problem(
                f"{where}{name}",
                _("unknown field (known: %(known)s)")
                % {"known": ", ".join(sorted(allowed))},
            )

    def text(self, data: dict, name: str, where: str, *, required: bool = True) -> str:
        value = data.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"{where}{name}", _("missing or not a text"))
            return ""
        limit = TEXT_LIMITS.get(name)
        if limit and len(value.strip()) > limit:
            self.problem(
                f"{where}{name}",
                _("longer than %(limit)d characters") % {"limit": limit},
            )
            return ""
        return value.strip()

    def key(self, data: dict, where: str) -> str:
        key = self.text(data, "indicator", where)
        if key and not KEY.match(key):
            self.problem(
                f"{where}indicator",
                _("an indicator key has 1–64 letters, digits, hyphens or underscores"),
            )
            return ""
        return key

    def answers(
        self, data: dict, name: str, where: str, *, required: bool
    ) -> frozenset:
        value = data.get(name)
        if value is None and not required:
            return frozenset()
        if (
            not isinstance(value, list)
            or (required and not value)
            or not all(isinstance(v, str | int | float) for v in value)
        ):
            self.problem(f"{where}{name}", _('give a list of answers, e.g. ["ja"]'))
            return frozenset()
        return frozenset(fold(v) for v in value)


def _read_json(path: Path, file: str) -> Any:
    try:
        limits.check_size(file=file, size=path.stat().st_size, kind=limits.DEFINITION)
        return limits.json_load(path.read_bytes(), file=file, kind=limits.DEFINITION)
    except FileNotFoundError:
        raise ImportFailed(
            [ImportProblem(file=file, message=_("no such file"))]
        ) from None


def _district(check: _Checker, data: Any) -> tuple[str | None, tuple[str, str] | None]:
    if not isinstance(data, dict) or not (
        set(data) == {"code"} or set(data) == {"lat", "lon"}
    ):
        check.problem(
            "district",
            _('give {"code": COLUMN} or {"lat": COLUMN, "lon": COLUMN}'),
        )
        return None, None
    if "code" in data:
        return check.text(data, "code", "district.") or None, None
    lat, lon = (
        check.text(data, "lat", "district."),
        check.text(data, "lon", "district."),
    )
    return None, (lat, lon) if lat and lon else None


def _period(check: _Checker, data: Any) -> tuple[str | None, str | None]:
    if (
        not isinstance(data, dict)
        or len(data) != 1
        or not {"column", "value"} & set(data)
    ):
        check.problem("period", _('give {"column": COLUMN} or {"value": "2024/25"}'))
        return None, None
    if "column" in data:
        return check.text(data, "column", "period.") or None, None
    value = check.text(data, "value", "period.")
    if value:
        try:
            period_start(value)
        except ValueError as error:
            check.problem("period.value", str(error))
            return None, None
    return None, value or None


def _characteristic(check: _Checker, data: Any, at: int) -> Characteristic | None:
    where = f"characteristics[{at}]."
    if not isinstance(data, dict):
        check.problem(f"characteristics[{at}]", _("not an object"))
        return None
    before = check.problems.count
    check.unknown(data, CHARACTERISTIC, where)
    key = check.key(data, where)
    name_de = check.text(data, "name_de", where)
    column = check.text(data, "column", where)
    counts_when = check.answers(data, "counts_when", where, required=True)
    missing_when = check.answers(data, "missing_when", where, required=False)
    if counts_when & missing_when:
        check.problem(
            f"{where}missing_when", _("an answer cannot both count and be missing")
        )
    polarity = data.get("polarity", Polarity.HIGHER_IS_WORSE)
    if polarity not in Polarity.values:
        check.problem(
            f"{where}polarity",
            _("use one of: %(known)s") % {"known": ", ".join(Polarity.values)},
        )
    scale = data.get("scale", 100)
    if isinstance(scale, bool) or not isinstance(scale, int | float) or scale <= 0:
        check.problem(f"{where}scale", _("a positive number, e.g. 100 for per cent"))
    unit = data.get("unit", "%")
    if not isinstance(unit, str):
        check.problem(f"{where}unit", _("missing or not a text"))
    if check.problems.count > before:
        return None
    return Characteristic(
        indicator=key,
        name_de=name_de,
        column=column,
        counts_when=counts_when,
        missing_when=missing_when,
        name_en=check.text(data, "name_en", where, required=False),
        definition_de=check.text(data, "definition_de", where, required=False),
        definition_en=check.text(data, "definition_en", where, required=False),
        polarity=polarity,
        unit=unit,
        scale=float(scale),
    )


def _population(check: _Checker, data: Any) -> Population | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        check.problem("population", _("not an object"))
        return None
    before = check.problems.count
    check.unknown(data, POPULATION, "population.")
    key = check.key(data, "population.")
    name_de = check.text(data, "name_de", "population.")
    if check.problems.count > before:
        return None
    return Population(
        indicator=key,
        name_de=name_de,
        **{
            name: check.text(data, name, "population.", required=False)
            for name in ("name_en", "definition_de", "definition_en")
        },
    )


def _identifier(check: _Checker, data: Any) -> tuple[str, ...]:
    if (
        not isinstance(data, list)
        or not data
        or not all(isinstance(v, str) and v.strip() for v in data)
    ):
        check.problem(
            "identifier",
            _('give the columns that identify a person, e.g. ["Vorname", "Nachname"]'),
        )
        return ()
    columns = tuple(v.strip() for v in data)
    if len({fold(c) for c in columns}) < len(columns):
        check.problem("identifier", _("a column is named twice"))
    return columns


def _cross_checks(check: _Checker, spec: Spec) -> None:
    keys = [c.indicator for c in spec.characteristics]
    if spec.population:
        keys.append(spec.population.indicator)
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        check.problem(
            "characteristics",
            _("the indicator “%(key)s” is given twice") % {"key": key},
        )
    # Identifying columns are only hashed: never counted, never shown.
    private = {fold(c) for c in spec.identifier}
    for where, column in spec.columns():
        if not where.startswith("identifier") and fold(column) in private:
            check.problem(
                where,
                _(
                    "an identifier column cannot be used for anything else "
                    "(it would end up in the stored figures)"
                ),
            )


def load_spec(path: Path, file: str | None = None) -> Spec:
    """The checked spec in ``path`` (named ``file`` in messages)."""
    file = file or str(path)
    data = _read_json(path, file)
    check = _Checker(file)
    if not isinstance(data, dict):
        check.problem("format", _("the spec must be a JSON object"))
        raise check.problems.failure()
    if data.get("format") != FORMAT:
        check.problem("format", _("must be “%(format)s”") % {"format": FORMAT})
        raise check.problems.failure()
    check.unknown(data, TOP_LEVEL, "")
    name = check.text(data, "name", "")
    source = check.text(data, "source", "", required=False)
    identifier = _identifier(check, data.get("identifier"))
    code, point = _district(check, data.get("district"))
    period_column, period_value = _period(check, data.get("period"))
    items = data.get("characteristics")
    characteristics: list[Characteristic] = []
    if not isinstance(items, list) or not items:
        check.problem("characteristics", _("give at least one characteristic"))
    else:
        for at, item in enumerate(items):
            if found := _characteristic(check, item, at):
                characteristics.append(found)
    population = _population(check, data.get("population"))
    if check.problems:
        raise check.problems.failure()
    spec = Spec(
        file=file,
        name=name,
        source=source,
        identifier=identifier,
        district_code=code,
        district_point=point,
        period_column=period_column,
        period_value=period_value,
        characteristics=tuple(characteristics),
        population=population,
    )
    _cross_checks(check, spec)
    if check.problems:
        raise check.problems.failure()
    return spec
