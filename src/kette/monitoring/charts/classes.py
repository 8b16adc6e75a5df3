"""Classes for a choropleth of an indicator (indices bring their own classes).

Quantiles (about as many districts in each class) or equal intervals; a value
on a class boundary belongs to the lower class, as in the index engine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .base import fmt
from .palettes import sequential

METHODS = ("quantiles", "equal_intervals")


@dataclass(frozen=True)
class ClassBand:
    """One class of a map: its number (0 = lowest), label, colour and count."""

    number: int
    label: str
    colour: str
    count: int = 0


def _quantile(ordered: list[float], share: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    position = (len(ordered) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def class_bounds(
    values: Sequence[float], *, classes: int = 5, method: str = "quantiles"
) -> list[float]:
    """The inner boundaries (rising, without repeats) for ``values``."""
    ordered = sorted(v for v in values if v is not None and math.isfinite(v))
    if len(set(ordered)) < 2:
        return []
    classes = max(2, min(classes, len(set(ordered))))
    if method == "equal_intervals":
        low, high = ordered[0], ordered[-1]
        bounds = [low + (high - low) * n / classes for n in range(1, classes)]
    else:
        bounds = [_quantile(ordered, n / classes) for n in range(1, classes)]
    unique: list[float] = []
    for bound in bounds:
        if bound < ordered[-1] and (not unique or bound > unique[-1]):
            unique.append(bound)
    return unique


def class_of(value: float | None, bounds: Sequence[float]) -> int | None:
    """The class number of ``value`` (None without a value)."""
    if value is None or not math.isfinite(value):
        return None
    for number, bound in enumerate(bounds):
        if value <= bound:
            return number
    return len(bounds)


def value_classes(
    values: Sequence[float | None],
    *,
    classes: int = 5,
    method: str = "quantiles",
    decimals: int = 1,
    reverse: bool = False,
) -> tuple[list[ClassBand], list[int | None]]:
    """Classes for ``values`` and each value's class number.

    Colours run from light (low) to dark (high); with ``reverse`` (higher is
    better) from dark to light, so that darker always means more need.
    """
    present = [v for v in values if v is not None and math.isfinite(v)]
    bounds = class_bounds(present, classes=classes, method=method)
    numbers = [class_of(v, bounds) for v in values]
    count = len(bounds) + 1 if present else 0
    colours = list(sequential(count)) if count else []
    if reverse:
        colours.reverse()
    low, high = (min(present), max(present)) if present else (0.0, 0.0)
    edges = [low, *bounds, high]
    bands = []
    for number in range(count):
        if count == 1:
            label = fmt(low, decimals)
        elif number == 0:
            label = _("%(low)s to %(high)s") % {
                "low": fmt(edges[0], decimals),
                "high": fmt(edges[1], decimals),
            }
        else:
            label = _("over %(low)s to %(high)s") % {
                "low": fmt(edges[number], decimals),
                "high": fmt(edges[number + 1], decimals),
            }
        bands.append(
            ClassBand(
                number=number,
                label=label,
                colour=colours[number],
                count=sum(1 for n in numbers if n == number),
            )
        )
    return bands, numbers
