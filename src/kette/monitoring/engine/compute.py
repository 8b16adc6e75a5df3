"""Computing an index definition for one period: numpy only, no Django.

Input: a districts × indicators matrix of values (NaN = missing), in the
order of ``Definition.indicator_keys``, optionally the districts'
populations. Output: every normalised indicator, every sub-index, the index,
the rank and the classes. The formulas are in docs/monitoring-index.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from .definition import (
    Classification,
    Definition,
    DefinitionError,
    IndicatorRule,
    Normalisation,
    Transform,
    _,
)


@dataclass
class Result:
    """One period: arrays over the districts given."""

    normalised: np.ndarray  # districts × indicators (NaN where missing)
    subindices: np.ndarray  # districts × sub-indices
    index: np.ndarray  # districts
    rank: np.ndarray  # 1 = first (see Definition.rank_first); 0 where excluded
    classes: dict[str, np.ndarray]  # classification key → class number (0-based)
    included: np.ndarray  # districts that have an index
    codes: list[str]  # the combined code per district ("" where not classified)


def _mean_sd(values: np.ndarray, weights: np.ndarray | None, sd: str):
    ok = ~np.isnan(values)
    if weights is not None:
        ok &= ~np.isnan(weights)
    x = values[ok]
    if not len(x):
        return np.nan, np.nan
    if weights is None:
        mean = x.mean()
        return mean, x.std(ddof=1 if sd == "sample" and len(x) > 1 else 0)
    w = weights[ok]
    mean = np.average(x, weights=w)
    variance = np.average((x - mean) ** 2, weights=w)
    if sd == "sample" and w.sum() > 1:
        variance *= w.sum() / (w.sum() - 1)
    return mean, np.sqrt(variance)


def standardise(values: np.ndarray, weights=None, sd: str = "population"):
    """z-scores: (x − mean) / SD over the districts that have a value."""
    mean, spread = _mean_sd(values, weights, sd)
    if not spread:
        return np.where(np.isnan(values), np.nan, 0.0)
    return (values - mean) / spread


def normalise(values: np.ndarray, rule: Normalisation, population=None) -> np.ndarray:
    """One indicator over the districts, oriented so that higher = more need
    is left to the caller (polarity)."""
    present = ~np.isnan(values)
    if not present.any():
        return np.full_like(values, np.nan)  # an indicator without any figure
    if rule.method == "zscore":
        weights = population if rule.weighted else None
        if rule.weighted and population is None:
            raise DefinitionError("normalisation.weighted", _("needs populations"))
        return standardise(values, weights, rule.sd)
    if rule.method == "minmax":
        low, high = np.nanmin(values), np.nanmax(values)
        return np.where(
            present, (values - low) / (high - low) if high > low else 0.0, np.nan
        )
    if rule.method == "goalposts":
        return np.clip((values - rule.low) / (rule.high - rule.low), 0, 1)
    if rule.method == "reference":
        return values - rule.reference
    # rank / percentile: average ranks of ties, 1 = lowest value
    order = np.argsort(np.where(present, values, np.inf), kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    sorted_values = values[order]
    start = 0
    while start < present.sum():
        end = start
        while (
            end + 1 < present.sum() and sorted_values[end + 1] == sorted_values[start]
        ):
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    ranks[~present] = np.nan
    if rule.method == "percentile":
        count = present.sum()
        return (ranks - 1) / (count - 1) * 100 if count > 1 else ranks * 0
    return ranks


def _function(values: np.ndarray, rule: Transform) -> np.ndarray:
    """``function`` of (x + offset); where it is not defined (log of ≤ 0,
    root of < 0) the value counts as missing."""
    shifted = values + rule.offset
    with np.errstate(invalid="ignore", divide="ignore"):
        if rule.function == "log":
            return np.where(shifted > 0, np.log(shifted), np.nan)
        if rule.function == "sqrt":
            return np.where(shifted >= 0, np.sqrt(shifted), np.nan)
    return shifted


def transform(values: np.ndarray, rule: Transform) -> np.ndarray:
    """Capping (at values or percentiles of the districts' values), then the
    function; see docs/monitoring-index.md."""
    if rule.identity:
        return values
    low, high = rule.low, rule.high
    if rule.percentiles and (~np.isnan(values)).any():
        wanted = [p for p in (low, high) if p is not None]
        found = iter(np.nanpercentile(values, wanted))
        low = next(found) if low is not None else None
        high = next(found) if high is not None else None
    if low is not None or high is not None:
        values = np.clip(values, low, high)
    return _function(values, rule)


def _posts(rule: IndicatorRule) -> Normalisation:
    """Goalposts and a reference are written in the indicator's own units and
    apply to the transformed value: they go through the same function."""
    posts = rule.normalisation
    if rule.transform.function == "none" and not rule.transform.offset:
        return posts
    if posts.method not in {"goalposts", "reference"}:
        return posts

    def moved(value: float | None) -> float | None:
        if value is None:
            return None
        return float(_function(np.array([value], dtype=float), rule.transform)[0])

    return dataclasses.replace(
        posts,
        low=moved(posts.low),
        high=moved(posts.high),
        reference=moved(posts.reference),
    )


def round_half_away(values: np.ndarray, decimals: int | None) -> np.ndarray:
    """Rounded to ``decimals`` as published tables are (0.5 away from zero)."""
    if decimals is None:
        return values
    scale = 10.0**decimals
    return np.sign(values) * np.floor(np.abs(values) * scale + 0.5) / scale


def ranks(values: np.ndarray, method: str = "ordinal", descending: bool = True):
    """1 = the highest (``descending``) or lowest value; 0 where missing.
    Ties: ``ordinal`` in input order, ``min`` share the best rank (1, 2, 2,
    4), ``dense`` (1, 2, 2, 3), ``average`` (1, 2.5, 2.5, 4; floats)."""
    included = ~np.isnan(values)
    count = int(included.sum())
    key = np.where(included, -values if descending else values, np.inf)
    order = np.argsort(key, kind="stable")[:count]
    position = np.arange(1, count + 1)
    result = np.zeros(len(values), dtype=float if method == "average" else int)
    if method == "ordinal" or not count:
        result[order] = position
        return result
    ordered = key[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    group = np.cumsum(new) - 1
    starts = position[new]
    if method == "dense":
        result[order] = group + 1
    elif method == "min":
        result[order] = starts[group]
    else:
        ends = np.concatenate((starts[1:] - 1, [count]))
        result[order] = ((starts + ends) / 2)[group]
    return result


def _combine(values: np.ndarray, weights: np.ndarray, method: str, missing: str):
    """Columns of ``values`` (districts × parts) into one value per district."""
    present = ~np.isnan(values)
    w = np.where(present, weights, 0.0)
    if missing == "exclude":
        w = np.where(present.all(axis=1, keepdims=True), weights, 0.0)
    total = w.sum(axis=1)
    filled = np.where(present, values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "sum":
            # the weighted sum of the parts there are (MSS: the status sum)
            result = (filled * w).sum(axis=1)
        elif method == "geometric":
            if (filled[present] < 0).any():
                raise DefinitionError(
                    "aggregation", _("a geometric mean needs values of 0 or more")
                )
            # a part of 0 makes the mean 0 (UNDP: a health index of 0)
            logs = np.where(w > 0, np.log(np.where(present, values, 1.0)), 0.0)
            result = np.exp((logs * w).sum(axis=1) / total)
        else:
            result = (filled * w).sum(axis=1) / total
    return np.where(total > 0, result, np.nan)


def _impute(values: np.ndarray, rule: str) -> np.ndarray:
    if rule not in {"impute_mean", "impute_median"}:
        return values
    out = values.copy()
    for column in range(values.shape[1]):
        present = ~np.isnan(values[:, column])
        if present.any():
            fill = (np.mean if rule == "impute_mean" else np.median)(
                values[present, column]
            )
            out[~present, column] = fill
    return out


def classify(values: np.ndarray, rule: Classification) -> np.ndarray:
    """Class numbers from 0; -1 where there is no value. A value on a bound
    belongs to the lower class (``on_bound``: "upper", to the upper one)."""
    present = ~np.isnan(values)
    if rule.method == "thresholds":
        bounds = np.array(rule.bounds)
    elif rule.method == "sd_bands":
        mean, spread = _mean_sd(values, None, "population")
        bounds = mean + spread * np.array(rule.bounds)
    elif rule.method == "quantiles":
        shares = np.arange(1, rule.classes) / rule.classes
        bounds = np.quantile(values[present], shares) if present.any() else shares
    elif not present.any():
        return np.full(values.shape, -1)
    else:  # equal_intervals
        low, high = np.nanmin(values), np.nanmax(values)
        bounds = low + (high - low) * np.arange(1, rule.classes) / rule.classes
    side = "right" if rule.on_bound == "upper" else "left"
    classes = np.searchsorted(bounds, np.where(present, values, 0.0), side=side)
    return np.where(present, classes, -1)


def compute(
    definition: Definition, values: np.ndarray, population: np.ndarray | None = None
) -> Result:
    """The index for one period (see the module docstring)."""
    values = np.asarray(values, dtype=float)
    rules = [rule for group in definition.groups for rule in group.indicators]
    if values.ndim != 2 or values.shape[1] != len(rules):
        raise DefinitionError("", f"expected districts × {len(rules)} indicator values")
    raw = _impute(values, definition.missing)
    normalised = np.empty_like(raw)
    for column, rule in enumerate(rules):
        column_values = normalise(
            transform(raw[:, column], rule.transform), _posts(rule), population
        )
        if rule.polarity != definition.polarity:
            column_values = (
                -column_values
                if rule.normalisation.method
                in {
                    "zscore",
                    "reference",
                }
                else _flip(column_values, rule.normalisation)
            )
        normalised[:, column] = column_values
    subindices = np.empty((len(values), len(definition.groups)))
    start = 0
    for at, group in enumerate(definition.groups):
        width = len(group.indicators)
        weights = np.array([rule.weight for rule in group.indicators])
        combined = _combine(
            normalised[:, start : start + width],
            weights,
            group.aggregation,
            definition.missing,
        )
        subindices[:, at] = standardise(combined) if group.standardise else combined
        start += width
    index = _combine(
        subindices,  # unrounded: rounding is for what is shown, classified, ranked
        np.array([group.weight for group in definition.groups]),
        definition.aggregation,
        definition.missing,
    )
    if definition.standardise:
        index = standardise(index)
    index = round_half_away(index, definition.decimals)
    for at, group in enumerate(definition.groups):
        subindices[:, at] = round_half_away(subindices[:, at], group.decimals)
    included = ~np.isnan(index)
    descending = (
        definition.rank_first == "highest_value"
        or definition.polarity == "higher_is_worse"
    )
    rank = ranks(index, definition.rank_method, descending)
    targets = {"index": index} | {
        group.key: subindices[:, at] for at, group in enumerate(definition.groups)
    }
    classes = {
        rule.key: classify(targets[rule.of], rule)
        for rule in definition.classifications
    }
    return Result(
        normalised=normalised,
        subindices=subindices,
        index=index,
        rank=rank,
        classes=classes,
        included=included,
        codes=_codes(definition, classes, len(index)),
    )


def _flip(values: np.ndarray, rule: Normalisation) -> np.ndarray:
    """Higher is better: turn a 0..1 (or 0..100, or rank) scale around."""
    if rule.method == "percentile":
        return 100 - values
    if rule.method == "rank":
        return np.nanmax(values) + 1 - values if (~np.isnan(values)).any() else values
    return 1 - values


def _codes(definition: Definition, classes: dict, size: int) -> list[str]:
    if not definition.code:
        return [""] * size
    labels = {rule.key: rule.labels for rule in definition.classifications}
    codes = []
    for row in range(size):
        code = definition.code
        for key, numbers in classes.items():
            number = numbers[row]
            code = code.replace(
                "{" + key + "}", labels[key][number] if number >= 0 else ""
            )
        codes.append(code)
    return codes
