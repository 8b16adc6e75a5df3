"""Disclosure control for figures that leave the staff area.

Primary suppression: a figure resting on a count of fewer than k people
(1 … k−1; a zero discloses nobody) is withheld: for a rate its numerator or
its denominator, for a count the value itself. A rate on a suppressed count
is withheld with it.

Secondary suppression: every area is shown together with its parts (a
district with its sub-districts, the city with its top-level districts), so
a single withheld part could be recovered as the area minus the other parts.
Wherever exactly one part of a shown total is withheld, the smallest other
part is withheld too; this repeats until no group has a lone withheld part.
A withheld total protects its parts, so it needs no partner.
"""

from __future__ import annotations

from .figures import CITY, Figure, FigureSet
from .models import IndicatorKind


def _small(count: float | None, threshold: int) -> bool:
    return count is not None and 0 < count < threshold


def needs_primary(figure: Figure, kind: str, threshold: int) -> bool:
    if kind == IndicatorKind.RATE:
        return _small(figure.numerator, threshold) or _small(
            figure.denominator, threshold
        )
    if kind == IndicatorKind.COUNT:
        return _small(figure.value, threshold)
    return False


def _size(figure: Figure) -> float:
    """How much a figure tells: its count (the smallest partner is chosen)."""
    count = figure.numerator if figure.numerator is not None else figure.value
    return count if count is not None else float("inf")


def protect(figures: FigureSet, threshold: int) -> FigureSet:
    """Mark the figures to withhold (in place) and return the set."""
    kind = figures.indicator.kind
    if kind == IndicatorKind.VALUE:
        return figures
    for figure in figures.figures.values():
        if not figure.suppressed and needs_primary(figure, kind, threshold):
            figure.suppressed = "primary"
    changed = True
    while changed:
        changed = False
        for total_key, part_keys in figures.children.items():
            if not part_keys or figures.figures[total_key].value is None:
                continue
            if figures.figures[total_key].suppressed:
                continue
            parts = [figures.figures[key] for key in part_keys]
            withheld = [p for p in parts if p.suppressed]
            if len(withheld) != 1:
                continue
            candidates = [p for p in parts if not p.suppressed and p.value is not None]
            if not candidates:
                continue
            partner = min(candidates, key=_size)
            partner.suppressed = "secondary"
            changed = True
    return figures


def public_figure(figure: Figure) -> dict:
    """What may be said about a figure outside the staff area."""
    return {
        "value": figure.shown,
        "numerator": figure.shown_numerator,
        "denominator": figure.shown_denominator,
        "suppressed": bool(figure.suppressed),
    }


__all__ = ["CITY", "needs_primary", "protect", "public_figure"]
