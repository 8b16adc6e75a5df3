"""``records_import``: an individual-level file → counts per district and period.

Each person (by pseudonym) counts once per period and district. Per
characteristic, the numerator is the persons whose answer counts and the
denominator the persons with any answer; the optional population indicator
counts the persons. Only these aggregates are written, as observations of
rate (and count) indicators that are made when missing. All or nothing, in one
transaction; a dry run reads and counts but writes nothing.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.importers.problems import ProblemCollector
from kette.core.models import Municipality

from ..importers.observations import (
    Row,
    audit_imported,
    existing_observations,
    write_observations,
)
from ..importers.spreadsheet import read_table
from ..models import (
    Indicator,
    IndicatorKind,
    ObservationStatus,
    Periodicity,
    period_start,
)
from ..models.catalogue import DATE, SCHOOL_YEAR
from .pseudonyms import pseudonymiser_for
from .reading import Progress, Record, read_records, rows_text
from .spec import Spec

logger = logging.getLogger(__name__)


@dataclass
class Counts:
    """One district and period: persons, and per characteristic how many count
    (numerators) out of how many answered (denominators)."""

    persons: int
    numerators: list[int]
    denominators: list[int]


@dataclass
class RecordsResult:
    file: str
    spec: str  # the spec's name
    rows: int = 0
    persons: int = 0
    duplicates: int = 0  # rows left out as repeats of a person
    unplaced: int = 0  # rows left out with --skip-unplaced
    created: int = 0
    updated: int = 0
    dry_run: bool = False
    new_indicators: list[str] = field(default_factory=list)
    by_indicator: Counter = field(default_factory=Counter)  # (key, period) → districts
    warnings: list[str] = field(default_factory=list)


def aggregate(
    records: list[Record], characteristics: int
) -> tuple[dict[tuple[int, str], Counts], list[list[int]], list[list[int]]]:
    """Counts per (district pk, period); groups of repeated rows (counted once)
    and of persons found in several districts in one period (counted in each)."""
    first: dict[tuple[str, int, str], Record] = {}
    repeats: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for record in records:
        key = (record.pseudonym, record.district_id, record.period)
        if key in first:
            repeats[key].append(record.row)
        else:
            first[key] = record
    places: dict[tuple[str, str], list[int]] = defaultdict(list)
    counts: dict[tuple[int, str], Counts] = {}
    for (pseudonym, district_id, period), record in first.items():
        places[(pseudonym, period)].append(record.row)
        found = counts.setdefault(
            (district_id, period),
            Counts(0, [0] * characteristics, [0] * characteristics),
        )
        found.persons += 1
        for at, answer in enumerate(record.answers):
            if answer is not None:
                found.denominators[at] += 1
                found.numerators[at] += answer
    duplicates = [[first[key].row, *rows] for key, rows in repeats.items()]
    moved = [rows for rows in places.values() if len(rows) > 1]
    return counts, sorted(duplicates), sorted(moved)


def _groups(groups: list[list[int]]) -> str:
    listed = "; ".join(" = ".join(map(str, rows)) for rows in groups[:20])
    return listed + (" …" if len(groups) > 20 else "")


def _periodicity(periods: set[str]) -> str:
    if all(SCHOOL_YEAR.match(p) for p in periods):
        return Periodicity.SCHOOL_YEAR
    if all(DATE.match(p) for p in periods):
        return Periodicity.DATE
    return Periodicity.YEAR


@dataclass
class Target:
    """An indicator the import writes to: the spec's entry and where it stands."""

    key: str
    where: str  # the spec field, for messages
    kind: str
    values: dict[str, Any]  # for a new indicator
    indicator: Indicator | None = None


def _targets(spec: Spec, periods: set[str]) -> list[Target]:
    common = {"source": spec.source, "periodicity": _periodicity(periods)}
    targets = [
        Target(
            key=item.indicator,
            where=f"characteristics[{at}].indicator",
            kind=IndicatorKind.RATE,
            values=common
            | {
                "name_de": item.name_de,
                "name_en": item.name_en,
                "definition_de": item.definition_de,
                "definition_en": item.definition_en,
                "polarity": item.polarity,
                "unit": item.unit,
                "scale": item.scale,
            },
        )
        for at, item in enumerate(spec.characteristics)
    ]
    if spec.population:
        item = spec.population
        targets.append(
            Target(
                key=item.indicator,
                where="population.indicator",
                kind=IndicatorKind.COUNT,
                values=common
                | {
                    "name_de": item.name_de,
                    "name_en": item.name_en,
                    "definition_de": item.definition_de,
                    "definition_en": item.definition_en,
                    "unit": "",
                    "polarity": "neutral",
                },
            )
        )
    return targets


def _match_indicators(
    municipality: Municipality, spec: Spec, targets: list[Target]
) -> list[ImportProblem]:
    existing = {
        i.key: i
        for i in Indicator.objects.for_municipality(municipality).filter(
            key__in=[t.key for t in targets]
        )
    }
    problems = []
    for target in targets:
        target.indicator = existing.get(target.key)
        if target.indicator is not None and target.indicator.kind != target.kind:
            problems.append(
                ImportProblem(
                    file=spec.file,
                    field=target.where,
                    message=_(
                        "the indicator “%(key)s” exists with another kind "
                        "(%(kind)s, not %(wanted)s): choose another key"
                    )
                    % {
                        "key": target.key,
                        "kind": target.indicator.get_kind_display(),
                        "wanted": IndicatorKind(target.kind).label,
                    },
                )
            )
    return problems


@dataclass
class Figure:
    """One observation to write: a target's figure in a district and period."""

    target: Target
    district_id: int
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    status: str = ObservationStatus.FINAL


def _figures(targets: list[Target], counts: dict[tuple[int, str], Counts]) -> list:
    figures = []
    for (district_id, period), found in sorted(counts.items()):
        for at, target in enumerate(targets):
            if target.kind == IndicatorKind.COUNT:
                figures.append(Figure(target, district_id, period, found.persons))
                continue
            numerator, denominator = found.numerators[at], found.denominators[at]
            scale = (
                target.indicator.scale if target.indicator else target.values["scale"]
            )
            figures.append(
                Figure(
                    target,
                    district_id,
                    period,
                    numerator / denominator * scale if denominator else None,
                    numerator,
                    denominator,
                    # nobody answered: a share of no one is no figure
                    ObservationStatus.FINAL
                    if denominator
                    else ObservationStatus.MISSING,
                )
            )
    return figures


def _existing(municipality: Municipality, figures: list[Figure]) -> dict:
    """Observation pks by (indicator key, district pk, period): the key,
    since a dry run has figures of indicators not created yet."""
    keys = {f.target.indicator.pk: f.target.key for f in figures if f.target.indicator}
    found = existing_observations(
        municipality, indicator_ids=set(keys), periods={f.period for f in figures}
    )
    return {(keys[i], d, p): pk for (i, d, p), pk in found.items()}


def _write(municipality: Municipality, figures: list[Figure], existing: dict) -> None:
    rows, pks = {}, {}
    for figure in figures:
        indicator = figure.target.indicator
        key = (indicator.pk, figure.district_id, figure.period)
        rows[key] = Row(
            indicator=indicator,
            district_id=figure.district_id,
            period=figure.period,
            start=period_start(figure.period),
            value=figure.value,
            numerator=figure.numerator,
            denominator=figure.denominator,
            status=figure.status,
        )
        pk = existing.get((figure.target.key, figure.district_id, figure.period))
        if pk is not None:
            pks[key] = pk
    write_observations(municipality, rows, pks)


def _record_source(spec: Spec, targets: list[Target]) -> str:
    """The name linking the indicators of these records: one an indicator
    already carries (so that earlier links hold), else the spec's name."""
    for target in targets:
        if target.indicator is not None and target.indicator.record_source:
            return target.indicator.record_source
    return spec.name


def _create_indicators(
    municipality: Municipality,
    targets: list[Target],
    actor: Any,
    actor_name: str,
    record_source: str,
) -> None:
    for target in targets:
        if target.indicator is not None:
            # linked tables are withheld together: an existing indicator
            # counted from these records joins them (nothing else changes)
            if target.indicator.record_source != record_source:
                before = target.indicator.record_source
                target.indicator.record_source = record_source
                target.indicator.save(update_fields=["record_source", "updated_at"])
                audit.record(
                    actor=actor,
                    actor_name=actor_name,
                    action=audit.AuditAction.UPDATE,
                    instance=target.indicator,
                    changes={"record_source": [before, record_source]},
                )
            continue
        # not published: staff check the new figures before the public sees them
        indicator = Indicator(
            municipality=municipality,
            key=target.key,
            kind=target.kind,
            is_published=False,
            record_source=record_source,
            **target.values,
        )
        indicator.full_clean()
        indicator.save()
        audit.record_created(actor=actor, instance=indicator, actor_name=actor_name)
        target.indicator = indicator


def _unplaced(spec: Spec, rows: list[int]) -> str:
    if spec.district_code:
        reason = _("no district with this code or name, or none given")
    else:
        reason = _("the point lies outside every district, or none is given")
    return _("cannot be placed in a district (%(reason)s), rows: %(rows)s") % {
        "reason": reason,
        "rows": rows_text(rows),
    }


def _warnings(
    spec: Spec, duplicates: list[list[int]], moved: list[list[int]], unplaced: list
) -> list[str]:
    """What the user should know about rows that were counted once or left out."""
    warnings = []
    if duplicates:
        warnings.append(
            _(
                "persons listed more than once (same identifiers, period and "
                "district), each counted once: %(count)d; rows: %(groups)s"
            )
            % {"count": len(duplicates), "groups": _groups(duplicates)}
        )
    if moved:
        warnings.append(
            _(
                "persons found in more than one district in the same period, "
                "counted in each: %(count)d; rows: %(groups)s"
            )
            % {"count": len(moved), "groups": _groups(moved)}
        )
    if unplaced:
        warnings.append(
            _("%(problem)s (left out)") % {"problem": _unplaced(spec, unplaced)}
        )
    return warnings


@transaction.atomic
def records_import(
    *,
    municipality: Municipality,
    path: Path,
    file: str,
    spec: Spec,
    sheet: str | None = None,
    actor: Any = None,
    actor_name: str = "",
    dry_run: bool = False,
    skip_unplaced: bool = False,
    progress: Progress | None = None,
) -> RecordsResult:
    """Import ``path`` (named ``file`` in messages) as ``spec`` describes it.

    Raises ImportFailed (nothing written) with every problem found.
    """
    table = read_table(path, file, sheet=sheet)
    problems = ProblemCollector(table.file)
    # A dry run does not make the key: a throw-away one finds repeats as well.
    pseudonymise = pseudonymiser_for(municipality.slug, create=not dry_run)
    reading = read_records(
        table=table,
        spec=spec,
        municipality=municipality,
        pseudonymise=pseudonymise,
        problems=problems,
        progress=progress,
    )
    result = RecordsResult(file=file, spec=spec.name, dry_run=dry_run)
    if reading.unplaced and not skip_unplaced:
        columns = spec.district_point or (spec.district_code,)
        problems.add(
            _("%(problem)s; correct them, or leave them out with --skip-unplaced")
            % {"problem": _unplaced(spec, reading.unplaced)},
            field=", ".join(columns),
        )
    if problems:
        raise ImportFailed(problems.as_list())
    placed = [r for r in reading.records if r.district_id is not None]
    if not placed:
        raise ImportFailed([ImportProblem(file=file, message=_("no data rows"))])
    counts, duplicates, moved = aggregate(placed, len(spec.characteristics))
    result.rows = len(reading.records)
    result.unplaced = len(reading.unplaced)
    result.duplicates = sum(len(rows) - 1 for rows in duplicates)
    result.persons = sum(c.persons for c in counts.values())
    result.warnings = _warnings(spec, duplicates, moved, reading.unplaced)
    targets = _targets(spec, {period for _d, period in counts})
    if spec_problems := _match_indicators(municipality, spec, targets):
        raise ImportFailed(spec_problems)
    result.new_indicators = [t.key for t in targets if t.indicator is None]
    figures = _figures(targets, counts)
    existing = _existing(municipality, figures)
    result.updated = sum(
        1 for f in figures if (f.target.key, f.district_id, f.period) in existing
    )
    result.created = len(figures) - result.updated
    for figure in figures:
        result.by_indicator[(figure.target.key, figure.period)] += 1
    if dry_run:
        return result
    _create_indicators(
        municipality, targets, actor, actor_name, _record_source(spec, targets)
    )
    _write(municipality, figures, existing)
    audit_imported(
        [target.indicator for target in targets],
        result.by_indicator,
        actor=actor,
        actor_name=actor_name,
        changes={"file": [None, Path(result.file).name], "spec": [None, spec.name]},
    )
    # counts only: never a value of a row
    logger.info(
        "import_records %s: %d rows, %d persons, %d observations",
        municipality.slug,
        result.rows,
        result.persons,
        len(figures),
    )
    return result
