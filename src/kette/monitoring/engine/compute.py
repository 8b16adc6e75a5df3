"""Computing an index definition for one period: numpy only, no Django.

Input: a districts × indicators matrix of values (NaN = missing), in the
order of ``Definition.indicator_keys``, optionally the districts'
populations. Output: every normalised indicator, every sub-index, the index,
the rank and the classes. The formulas are in docs/monitoring-index.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .definition import Classification, Definition, DefinitionError, Normalisation, _


@dataclass
class Result:
    """One period: arrays over the districts given."""

    normalised: np.ndarray  # districts × indicators (NaN where missing)
    subindices: np.ndarray  # districts × sub-indices
    index: np.ndarray  # districts
    rank: np.ndarray  # 1 = highest index (most need); 0 where excluded
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
            if (filled[present] <= 0).any():
                raise DefinitionError(
                    "aggregation", _("a geometric mean needs values > 0")
                )
            logs = np.log(np.where(present, values, 1.0))
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
    belongs to the lower class."""
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
    classes = np.searchsorted(bounds, np.where(present, values, 0.0), side="left")
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
        column_values = normalise(raw[:, column], rule.normalisation, population)
        if rule.polarity == "higher_is_better":
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
        subindices,
        np.array([group.weight for group in definition.groups]),
        definition.aggregation,
        definition.missing,
    )
    if definition.standardise:
        index = standardise(index)
    included = ~np.isnan(index)
    rank = np.zeros(len(index), dtype=int)
    order = np.argsort(-np.where(included, index, -np.inf), kind="stable")
    rank[order[: included.sum()]] = np.arange(1, included.sum() + 1)
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
