"""Index definitions: the documented JSON format ``kette-index/1``, parsed
into plain dataclasses. Every error names the JSON path of what is wrong,
e.g. ``subindices[1].indicators[0].weight: must be greater than 0``.

The format is described with its formulas in docs/monitoring-index.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import schema
from .errors import DefinitionError, _

FORMAT = "kette-index/1"
NORMALISATIONS = {"zscore", "minmax", "rank", "percentile", "reference", "goalposts"}
AGGREGATIONS = {"mean", "geometric", "sum"}
MISSING_RULES = {"reweight", "impute_mean", "impute_median", "exclude"}
CLASSIFICATIONS = {"sd_bands", "thresholds", "quantiles", "equal_intervals"}
POLARITIES = {"higher_is_worse", "higher_is_better"}
RANK_METHODS = {"ordinal", "min", "dense", "average"}
RANK_FIRST = {"most_need", "highest_value"}
#: Colour-blind-safe defaults (ColorBrewer YlOrRd-like, from low to high need).
DEFAULT_COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026", "#800026"]


@dataclass(frozen=True)
class Normalisation:
    method: str = "zscore"
    #: zscore: "population" (divide by n) or "sample" (n - 1)
    sd: str = "population"
    #: zscore: weight districts by their population (needs populations)
    weighted: bool = False
    #: reference: the value compared with; goalposts: the two posts
    reference: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Transform:
    """Applied to the raw values before normalisation: capped at ``low`` /
    ``high`` (values, or percentiles 0–100 of the districts' values), then
    ``function`` of (x + ``offset``)."""

    function: str = "none"  # "none", "log" (natural), "sqrt"
    offset: float = 0.0
    low: float | None = None
    high: float | None = None
    percentiles: bool = False

    @property
    def identity(self) -> bool:
        return (
            self.function == "none"
            and not self.offset
            and self.low is None
            and self.high is None
        )


@dataclass(frozen=True)
class IndicatorRule:
    key: str
    weight: float = 1.0
    polarity: str = "higher_is_worse"
    normalisation: Normalisation = field(default_factory=Normalisation)
    transform: Transform = field(default_factory=Transform)


@dataclass(frozen=True)
class Group:
    """A sub-index: indicators combined into one value per district."""

    key: str
    name: dict[str, str]
    indicators: tuple[IndicatorRule, ...]
    weight: float = 1.0
    aggregation: str = "mean"
    #: z-standardise the aggregate again (MSS: the status sum → status index)
    standardise: bool = False
    #: round the sub-index to this many decimals (as shown, classified and
    #: ranked; the index is aggregated from the unrounded value)
    decimals: int | None = None


@dataclass(frozen=True)
class Classification:
    key: str
    of: str  # "index" or a sub-index key
    method: str
    bounds: tuple[float, ...] = ()
    classes: int = 0
    labels: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()
    #: a value exactly on a bound: "lower" (default) or "upper" class
    on_bound: str = "lower"


@dataclass(frozen=True)
class Definition:
    key: str
    name: dict[str, str]
    groups: tuple[Group, ...]
    aggregation: str = "mean"
    standardise: bool = False
    missing: str = "reweight"
    classifications: tuple[Classification, ...] = ()
    #: e.g. "{status}{dynamics}": the class labels of two classifications
    code: str = ""
    #: the share of each sub-index's indicators that must have values for a
    #: period before the index is computed for it (1.0: all of them)
    coverage: float = 1.0
    #: what a higher index means: "higher_is_worse" (more need, default) or
    #: "higher_is_better"; indicators are oriented to match
    polarity: str = "higher_is_worse"
    #: round the index to this many decimals before classes and ranks
    decimals: int | None = None
    #: ties: "ordinal" (input order), "min" (1, 2, 2, 4), "dense", "average"
    rank_method: str = "ordinal"
    #: rank 1: "most_need" (default) or "highest_value"
    rank_first: str = "most_need"

    @property
    def indicator_keys(self) -> list[str]:
        return [rule.key for group in self.groups for rule in group.indicators]


def _get(data: Any, name: str, path: str, kind: type | tuple, default: Any = ...):
    if not isinstance(data, dict):
        raise DefinitionError(path, _("must be an object"))
    if name not in data:
        if default is ...:
            raise DefinitionError(_join(path, name), _("is missing"))
        return default
    value = data[name]
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise DefinitionError(_join(path, name), _("must be a number"))
    if not isinstance(value, kind):
        expected = {
            str: _("must be a text"),
            bool: _("must be true or false"),
            list: _("must be a list"),
            dict: _("must be an object"),
        }
        raise DefinitionError(
            _join(path, name), expected.get(kind, _("must be a number"))
        )
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _choice(data: dict, name: str, path: str, options: set[str], default: str) -> str:
    value = _get(data, name, path, str, default)
    if value not in options:
        raise DefinitionError(
            _join(path, name),
            _("must be one of %(options)s"),
            options=", ".join(sorted(options)),
        )
    return value


def _weight(data: dict, path: str) -> float:
    weight = float(_get(data, "weight", path, (int, float), 1.0))
    if weight <= 0:
        raise DefinitionError(_join(path, "weight"), _("must be greater than 0"))
    return weight


def _decimals(data: dict, path: str) -> int | None:
    """Schema-checked already: a whole number from 0 to 12 (3.0 counts)."""
    value = data.get("decimals")
    return None if value is None else int(value)


def _name(data: dict, path: str, fallback: str) -> dict[str, str]:
    name = _get(data, "name", path, (dict, str), {"de": fallback})
    return (
        {"de": name} if isinstance(name, str) else {k: str(v) for k, v in name.items()}
    )


def _normalisation(data: Any, path: str) -> Normalisation:
    if data is None:
        return Normalisation()
    method = _choice(data, "method", path, NORMALISATIONS, "zscore")
    result = Normalisation(
        method=method,
        sd=_choice(data, "sd", path, {"population", "sample"}, "population"),
        weighted=_get(data, "weighted", path, bool, False),
        reference=_get(data, "reference", path, (int, float), None),
        low=_get(data, "low", path, (int, float), None),
        high=_get(data, "high", path, (int, float), None),
    )
    if method == "reference" and result.reference is None:
        raise DefinitionError(_join(path, "reference"), _("is missing"))
    if method == "goalposts":
        if result.low is None or result.high is None:
            raise DefinitionError(path, _("goalposts need low and high"))
        if result.low == result.high:
            raise DefinitionError(_join(path, "high"), _("must differ from low"))
    return result


def _transform(data: Any, path: str) -> Transform:
    if data is None:
        return Transform()
    result = Transform(
        function=data.get("function", "none"),
        offset=float(data.get("offset", 0.0)),
        low=data.get("low"),
        high=data.get("high"),
        percentiles=data.get("percentiles", False),
    )
    if result.percentiles:
        for name in ("low", "high"):
            value = getattr(result, name)
            if value is not None and not 0 <= value <= 100:
                raise DefinitionError(
                    _join(path, name), _("must be a percentile from 0 to 100")
                )
    if result.low is not None and result.high is not None:
        if result.low > result.high:
            raise DefinitionError(_join(path, "high"), _("must not be below low"))
    return result


def _indicator(data: Any, path: str) -> IndicatorRule:
    return IndicatorRule(
        key=_get(data, "key", path, str),
        weight=_weight(data, path),
        polarity=_choice(data, "polarity", path, POLARITIES, "higher_is_worse"),
        normalisation=_normalisation(
            _get(data, "normalisation", path, dict, None), _join(path, "normalisation")
        ),
        transform=_transform(
            _get(data, "transform", path, dict, None), _join(path, "transform")
        ),
    )


def _group(data: Any, path: str) -> Group:
    key = _get(data, "key", path, str)
    items = _get(data, "indicators", path, list)
    if not items:
        raise DefinitionError(
            _join(path, "indicators"), _("needs at least one indicator")
        )
    return Group(
        key=key,
        name=_name(data, path, key),
        indicators=tuple(
            _indicator(item, f"{path}.indicators[{at}]")
            for at, item in enumerate(items)
        ),
        weight=_weight(data, path),
        aggregation=_choice(data, "aggregation", path, AGGREGATIONS, "mean"),
        standardise=_get(data, "standardise", path, bool, False),
        decimals=_decimals(data, path),
    )


def _classification(data: Any, path: str, targets: set[str]) -> Classification:
    method = _choice(data, "method", path, CLASSIFICATIONS, "quantiles")
    of = _get(data, "of", path, str, "index")
    if of not in targets:
        raise DefinitionError(
            _join(path, "of"),
            _("must be one of %(options)s"),
            options=", ".join(sorted(targets)),
        )
    bounds = tuple(float(b) for b in _get(data, "bounds", path, list, []))
    if list(bounds) != sorted(bounds):
        raise DefinitionError(_join(path, "bounds"), _("must rise"))
    classes = int(_get(data, "classes", path, (int, float), 0))
    if method in {"sd_bands", "thresholds"}:
        if not bounds:
            raise DefinitionError(_join(path, "bounds"), _("is missing"))
        classes = len(bounds) + 1
    elif classes < 2:
        raise DefinitionError(_join(path, "classes"), _("must be 2 or more"))
    labels = tuple(str(x) for x in _get(data, "labels", path, list, []))
    if labels and len(labels) != classes:
        raise DefinitionError(
            _join(path, "labels"), _("must be %(count)d labels"), count=classes
        )
    colours = tuple(str(x) for x in _get(data, "colours", path, list, []))
    if colours and len(colours) != classes:
        raise DefinitionError(
            _join(path, "colours"), _("must be %(count)d colours"), count=classes
        )
    return Classification(
        key=_get(data, "key", path, str, of),
        of=of,
        method=method,
        bounds=bounds,
        classes=classes,
        labels=labels or tuple(str(n + 1) for n in range(classes)),
        colours=colours or _default_colours(classes),
        on_bound=_choice(data, "on_bound", path, {"lower", "upper"}, "lower"),
    )


def _default_colours(classes: int) -> tuple[str, ...]:
    if classes <= len(DEFAULT_COLOURS):
        step = (len(DEFAULT_COLOURS) - 1) / max(classes - 1, 1)
        return tuple(DEFAULT_COLOURS[round(n * step)] for n in range(classes))
    return tuple(
        DEFAULT_COLOURS[min(n, len(DEFAULT_COLOURS) - 1)] for n in range(classes)
    )


def parse(spec: Any, *, strict: bool = True) -> Definition:
    """The definition in ``spec`` (the decoded JSON), checked: first against
    the published JSON Schema (unknown keys, types, choices), then for what a
    schema cannot say (references between parts, counts).

    ``strict=False`` skips the schema (only for versions saved before it: a
    stored key the format never knew is ignored, as it was then)."""
    if strict:
        schema.check(spec)
    if _get(spec, "format", "", str) != FORMAT:
        raise DefinitionError("format", _("must be “%(format)s”"), format=FORMAT)
    key = _get(spec, "key", "", str)
    groups_data = _get(spec, "subindices", "", list)
    if not groups_data:
        raise DefinitionError("subindices", _("needs at least one sub-index"))
    groups = tuple(
        _group(item, f"subindices[{at}]") for at, item in enumerate(groups_data)
    )
    seen: set[str] = set()
    for at, group in enumerate(groups):
        if group.key in seen or group.key == "index":
            raise DefinitionError(f"subindices[{at}].key", _("is used twice"))
        seen.add(group.key)
    indicator_keys = [rule.key for group in groups for rule in group.indicators]
    if len(set(indicator_keys)) != len(indicator_keys):
        raise DefinitionError("subindices", _("an indicator appears twice"))
    targets = {"index", *seen}
    classifications = tuple(
        _classification(item, f"classifications[{at}]", targets)
        for at, item in enumerate(_get(spec, "classifications", "", list, []))
    )
    code = rest = _get(spec, "code", "", str, "")
    for classification in classifications:
        rest = rest.replace("{" + classification.key + "}", "")
    if "{" in rest or "}" in rest:
        raise DefinitionError("code", _("names a classification that is not defined"))
    coverage = float(_get(spec, "coverage", "", (int, float), 1.0))
    if not 0 < coverage <= 1:
        raise DefinitionError("coverage", _("must be greater than 0 and at most 1"))
    rank = _get(spec, "rank", "", dict, {})
    return Definition(
        key=key,
        name=_name(spec, "", key),
        groups=groups,
        aggregation=_choice(spec, "aggregation", "", AGGREGATIONS, "mean"),
        standardise=_get(spec, "standardise", "", bool, False),
        missing=_choice(spec, "missing", "", MISSING_RULES, "reweight"),
        classifications=classifications,
        code=code,
        coverage=coverage,
        polarity=_choice(spec, "polarity", "", POLARITIES, "higher_is_worse"),
        decimals=_decimals(spec, ""),
        rank_method=_choice(rank, "method", "rank", RANK_METHODS, "ordinal"),
        rank_first=_choice(rank, "first", "rank", RANK_FIRST, "most_need"),
    )
