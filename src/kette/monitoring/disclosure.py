"""Disclosure control for figures that leave the staff area.

The rules, written down as a statistical office would, are in
docs/disclosure-control.md. In short, with k the threshold:

- Cells. Every figure stands for counts of people, its *cells*: a count
  indicator its value; a rate its numerator n, its denominator d and the
  complement d − n (those not counted). Indicators counted from the same
  records (``Indicator.record_source``) are linked tables: the differences
  between their totals (a count, a rate's denominator) are cells too, e.g.
  the children examined minus those with an answer.
- Primary suppression (Primärsperrung): a district whose cells include a
  count of 1 … k−1 is withheld; a zero discloses nobody and is shown.
- Linked tables (verknüpfte Tabellen): a district withheld in one indicator
  of a record source is withheld in all of them.
- Secondary suppression (Sekundärsperrung), hierarchy-aware: every area is
  published with its parts (the city with its top-level districts, a district
  with its sub-districts). Under a shown total, the withheld parts must be
  none, or at least two whose cells add up to 0 or at least k each (so that
  the total minus the shown parts reveals no small count); a withheld part
  that is a total counts as itself or as its withheld parts, whichever is
  smaller (its shown parts can be subtracted too). A withheld total
  must itself not be the sum of shown parts: it needs withheld parts too.
  Partners are chosen among the shown parts that contribute something (a
  part that is 0 protects nothing), the one that mends the most first, then
  the smallest; this repeats until every total and its parts hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from .figures import CITY, Figure, FigureSet
from .models import IndicatorKind

Cells = list[float | None]


def _small(count: float | None, threshold: int) -> bool:
    return count is not None and 0 < abs(count) < threshold


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def own_cells(figure: Figure, kind: str) -> Cells:
    """The counts a figure stands for (see the module doc)."""
    if kind == IndicatorKind.RATE:
        n, d = figure.numerator, figure.denominator
        return [n, d, _difference(d, n)]
    if kind == IndicatorKind.COUNT:
        return [figure.value]
    return []


def needs_primary(figure: Figure, kind: str, threshold: int) -> bool:
    return any(_small(cell, threshold) for cell in own_cells(figure, kind))


def threshold_for(sets: Iterable[FigureSet], threshold: int) -> int:
    """The municipality's k, raised by an indicator's own minimum count."""
    return max(
        [threshold, *(s.indicator.minimum_count or 0 for s in sets)], default=threshold
    )


def _cells(sets: list[FigureSet]) -> dict[int, Cells]:
    """Every area's cells in all linked indicators, and the linked differences
    (written out: it runs for every area of every figure a page shows)."""
    columns = [(s.figures, s.indicator.kind == IndicatorKind.RATE) for s in sets]
    found = {}
    for key in sets[0].figures:
        cells: Cells = []
        totals = []
        for figures, rate in columns:
            figure = figures[key]
            if rate:  # what ``own_cells`` says, without a call per area
                n, d = figure.numerator, figure.denominator
                cells += (n, d, None if n is None or d is None else d - n)
                totals.append(d)  # a rate counts all of its denominator
            else:
                cells.append(figure.value)
                totals.append(figure.value)
        if len(totals) > 1:
            cells += [_difference(a, b) for a, b in combinations(totals, 2)]
        found[key] = cells
    return found


def _order(children: dict[int, list[int]]) -> list[int]:
    """The totals from the city down, level by level."""
    order, at = [], [CITY]
    while at:
        order.extend(at)
        at = [child for key in at for child in children.get(key, [])]
    return [key for key in order if children.get(key)]


class _Protection:
    """One period of one indicator, or of several linked ones, withheld together."""

    def __init__(self, sets: list[FigureSet], threshold: int) -> None:
        self.threshold = threshold
        self.children = sets[0].children
        self.cells = _cells(sets)
        self.withheld = {
            key
            for key, cells in self.cells.items()
            if any(c is not None and 0 < abs(c) < threshold for c in cells)
        }
        self.withheld.update(
            key for s in sets for key, f in s.figures.items() if f.suppressed
        )
        self.equations: dict[int, list[int]] = {}

    def _equations(self, total: int) -> list[int]:
        """The cells in which the total is the sum of its parts (all known)."""
        if total not in self.equations:
            keys = (total, *self.children[total])
            self.equations[total] = [
                at
                for at in range(len(self.cells[total]))
                if all(self.cells[key][at] is not None for key in keys)
            ]
        return self.equations[total]

    def _range(self, key: int, at: int) -> tuple[float, float]:
        """The smallest and the largest count a withheld area stands for in
        cell ``at`` to someone subtracting: itself, or (as the area minus its
        shown parts) its withheld parts, each again as itself or its parts."""
        own = self.cells[key][at]
        parts = [part for part in self.children.get(key, []) if part in self.withheld]
        if not parts or at not in self._equations(key):
            return own, own
        below = [self._range(part, at) for part in parts]
        low, high = sum(r[0] for r in below), sum(r[1] for r in below)
        return min(own, low, key=abs), max(own, high, key=abs)

    def _sums(self, equations: list[int], hidden: list[int]) -> list[tuple]:
        """Per cell, the smallest and largest sum of the withheld parts."""
        sums = []
        for at in equations:
            ranges = [self._range(key, at) for key in hidden]
            sums.append((sum(r[0] for r in ranges), sum(r[1] for r in ranges)))
        return sums

    def _small_sums(self, sums: Iterable[tuple]) -> int:
        """Sums that are not all 0 and not all at least k: a small count."""
        return sum(
            1 for low, high in sums if abs(low) < self.threshold and abs(high) > 0
        )

    def _faults(self, total: int, hidden: list[int]) -> int:
        """How far a total and its withheld parts ``hidden`` are from safe
        (0: safe)."""
        if not hidden and total not in self.withheld:
            return 0
        equations = self._equations(total)
        if not equations:
            return 0  # a part or the total is missing: nothing adds up
        if total in self.withheld:
            # a withheld total must not be the sum of shown parts
            return max(0, 2 - len(hidden))
        sums = self._sums(equations, hidden)
        return self._small_sums(sums) + (1 if len(hidden) == 1 else 0)

    def _partner(self, total: int, hidden: list[int]) -> int | None:
        """The shown part that mends the group most, the smallest of those."""
        equations = self._equations(total)
        candidates = [
            key
            for key in self.children[total]
            if key not in self.withheld
            and any(self.cells[key][at] for at in equations)  # a zero protects nothing
        ]
        if not candidates:
            return None
        sums = self._sums(equations, hidden)
        withheld_total = total in self.withheld

        def cost(key: int) -> tuple[int, float]:
            """The faults left with ``key`` withheld too, and its size."""
            cells = [self.cells[key][at] for at in equations]
            if withheld_total:
                faults = max(0, 1 - len(hidden))
            else:
                faults = self._small_sums(
                    (low + cell, high + cell)
                    for (low, high), cell in zip(sums, cells, strict=True)
                )
                faults += 0 if hidden else 1
            return faults, sum(map(abs, cells))

        return min(candidates, key=cost)

    def run(self) -> set[int]:
        """Withhold partners until every group is safe; the keys withheld."""
        changed = bool(self.withheld)  # nothing small: nothing to protect
        while changed:
            changed = False
            for total in _order(self.children):
                hidden = [key for key in self.children[total] if key in self.withheld]
                while self._faults(total, hidden):
                    partner = self._partner(total, hidden)
                    if partner is None:
                        if total not in self.withheld:
                            # no part can protect the others: the total goes
                            self.withheld.add(total)
                            changed = True
                        break
                    self.withheld.add(partner)
                    hidden.append(partner)
                    changed = True
        return self.withheld


def protect_linked(sets: list[FigureSet], threshold: int) -> list[FigureSet]:
    """Mark the figures to withhold (in place) in the FigureSets of one period
    of indicators counted from the same records, and return them."""
    counted = [s for s in sets if s.indicator.kind != IndicatorKind.VALUE]
    if not counted:
        return sets
    threshold = threshold_for(counted, threshold)
    withheld = _Protection(counted, threshold).run()
    for figures in counted:
        kind = figures.indicator.kind
        for key in withheld:
            figure = figures.figures[key]
            if figure.suppressed or figure.value is None and figure.numerator is None:
                continue  # withheld already, or nothing to withhold
            own = needs_primary(figure, kind, threshold)
            figure.suppressed = "primary" if own else "secondary"
    return sets


def protect(figures: FigureSet, threshold: int) -> FigureSet:
    """Mark the figures of one indicator and period to withhold (in place)."""
    protect_linked([figures], threshold)
    return figures


def public_figure(figure: Figure) -> dict:
    """What may be said about a figure outside the staff area."""
    return {
        "value": figure.shown,
        "numerator": figure.shown_numerator,
        "denominator": figure.shown_denominator,
        "suppressed": bool(figure.suppressed),
    }


__all__ = [
    "CITY",
    "needs_primary",
    "protect",
    "protect_linked",
    "public_figure",
    "threshold_for",
]
