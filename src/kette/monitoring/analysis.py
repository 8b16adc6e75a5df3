"""What a planner asks of an index: are indicators near-duplicates, how
robust are the ranks, what changed between two periods.

All functions take an ``IndexTable`` (``indices.compute_table``), whose rows
hold the raw indicator values, and recompute with the engine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from .engine import Definition, compute
from .engine.definition import Normalisation
from .indices import IndexTable

NEAR_DUPLICATE = 0.9  # |r| from which two indicators say almost the same


@dataclass
class Correlation:
    keys: list[str]
    names: list[str]
    matrix: list[list[float | None]]  # Pearson r over districts with both values
    pairs: list[tuple[str, str, float]]  # near-duplicates: (name, name, r)


def _matrix(table: IndexTable) -> np.ndarray:
    return np.array(
        [[np.nan if v is None else v for v in row.values] for row in table.rows],
        dtype=float,
    ).reshape(len(table.rows), len(table.indicators))


def correlation(table: IndexTable) -> Correlation:
    values = _matrix(table)
    size = values.shape[1]
    result: list[list[float | None]] = [[None] * size for _ in range(size)]
    pairs = []
    for a in range(size):
        for b in range(size):
            both = ~np.isnan(values[:, a]) & ~np.isnan(values[:, b])
            x, y = values[both, a], values[both, b]
            if len(x) < 3 or x.std() == 0 or y.std() == 0:
                continue
            r = float(np.corrcoef(x, y)[0, 1])
            result[a][b] = r
            if a < b and abs(r) >= NEAR_DUPLICATE:
                pairs.append((table.indicators[a].name, table.indicators[b].name, r))
    return Correlation(
        keys=[i.key for i in table.indicators],
        names=[i.name for i in table.indicators],
        matrix=result,
        pairs=pairs,
    )


@dataclass
class RankSpread:
    district: object
    rank: int
    median: float
    low: int  # 5th percentile of the simulated ranks
    high: int  # 95th percentile
    largest_shift: int
    by_normalisation: dict[str, int]


@dataclass
class Sensitivity:
    runs: int
    spread: float  # the ± share by which weights were varied
    normalisations: list[str]
    rows: list[RankSpread]


ALTERNATIVES = ("zscore", "minmax", "percentile")
#: Monte Carlo runs behind the analysis page and the rank intervals staff see
#: on the index page: one number, so that both show the same intervals.
SENSITIVITY_RUNS = 200


def _with_normalisation(definition: Definition, method: str) -> Definition:
    groups = tuple(
        dataclasses.replace(
            group,
            indicators=tuple(
                dataclasses.replace(rule, normalisation=Normalisation(method=method))
                for rule in group.indicators
            ),
        )
        for group in definition.groups
    )
    return dataclasses.replace(definition, groups=groups)


def _with_weights(
    definition: Definition, indicator_weights: np.ndarray, group_weights: np.ndarray
) -> Definition:
    at = 0
    groups = []
    for g, group in enumerate(definition.groups):
        rules = []
        for rule in group.indicators:
            rules.append(dataclasses.replace(rule, weight=float(indicator_weights[at])))
            at += 1
        groups.append(
            dataclasses.replace(
                group, indicators=tuple(rules), weight=float(group_weights[g])
            )
        )
    return dataclasses.replace(definition, groups=tuple(groups))


def sensitivity(
    table: IndexTable,
    *,
    runs: int = SENSITIVITY_RUNS,
    spread: float = 0.5,
    seed: int = 1,
) -> Sensitivity:
    """Ranks under random weights (each weight × U(1−spread, 1+spread), both
    levels) and under each alternative normalisation of all indicators."""
    engine = table.engine
    values = _matrix(table)
    base_rank = np.array([row.rank for row in table.rows])
    rules = [rule for group in engine.groups for rule in group.indicators]
    base_i = np.array([rule.weight for rule in rules])
    base_g = np.array([group.weight for group in engine.groups])
    generator = np.random.default_rng(seed)
    ranks = np.zeros((runs, len(table.rows)), dtype=int)
    for run in range(runs):
        variant = _with_weights(
            engine,
            base_i * generator.uniform(1 - spread, 1 + spread, len(base_i)),
            base_g * generator.uniform(1 - spread, 1 + spread, len(base_g)),
        )
        ranks[run] = compute(variant, values).rank
    by_method = {
        method: compute(_with_normalisation(engine, method), values).rank
        for method in ALTERNATIVES
    }
    rows = []
    for at, row in enumerate(table.rows):
        if not base_rank[at]:
            continue
        simulated = ranks[:, at]
        shifts = [abs(int(r) - int(base_rank[at])) for r in simulated] + [
            abs(int(r[at]) - int(base_rank[at])) for r in by_method.values()
        ]
        rows.append(
            RankSpread(
                district=row.district,
                rank=int(base_rank[at]),
                median=float(np.median(simulated)),
                low=int(np.percentile(simulated, 5)),
                high=int(np.percentile(simulated, 95)),
                largest_shift=max(shifts),
                by_normalisation={m: int(r[at]) for m, r in by_method.items()},
            )
        )
    rows.sort(key=lambda item: item.rank)
    return Sensitivity(
        runs=runs, spread=spread, normalisations=list(ALTERNATIVES), rows=rows
    )


@dataclass
class ChangeRow:
    district: object
    index_before: float | None
    index_after: float | None
    rank_before: int
    rank_after: int
    class_before: str
    class_after: str
    values_before: list[float | None]
    values_after: list[float | None]

    @property
    def index_change(self) -> float | None:
        if self.index_before is None or self.index_after is None:
            return None
        return self.index_after - self.index_before

    @property
    def rank_change(self) -> int | None:
        if not self.rank_before or not self.rank_after:
            return None
        # positive: moved up towards rank 1 (more need than before)
        return self.rank_before - self.rank_after


def change(before: IndexTable, after: IndexTable) -> list[ChangeRow]:
    """District by district: index, rank, first class and raw values in two periods."""
    key = before.engine.classifications[0].key if before.engine.classifications else ""
    earlier = {row.district.pk: row for row in before.rows}
    rows = []
    for row in after.rows:
        old = earlier.get(row.district.pk)
        rows.append(
            ChangeRow(
                district=row.district,
                index_before=old.index if old else None,
                index_after=row.index,
                rank_before=old.rank if old else 0,
                rank_after=row.rank,
                class_before=before.class_label(key, old.classes.get(key, -1))
                if key and old
                else "",
                class_after=after.class_label(key, row.classes.get(key, -1))
                if key
                else "",
                values_before=old.values if old else [None] * len(row.values),
                values_after=row.values,
            )
        )
    return rows
