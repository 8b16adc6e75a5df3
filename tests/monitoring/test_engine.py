"""The composite index engine on small data computed by hand."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from kette.monitoring.engine import DefinitionError, compute, normalise, parse
from kette.monitoring.engine.definition import Classification, Normalisation
from tests.monitoring.factories import index_spec

NAN = float("nan")


def spec(**overrides) -> dict:
    base = {
        "format": "kette-index/1",
        "key": "test",
        "subindices": [
            {
                "key": "a",
                "indicators": [{"key": "x"}, {"key": "y", "weight": 3}],
            },
            {"key": "b", "weight": 2, "indicators": [{"key": "z"}]},
        ],
    }
    return base | overrides


def close(got, expected) -> bool:
    return np.allclose(
        np.asarray(got, float), np.asarray(expected, float), equal_nan=True
    )


def test_zscores_use_the_population_sd_unless_told_otherwise():
    values = np.array([1.0, 2.0, 3.0, 4.0])
    mean, population, sample = 2.5, math.sqrt(1.25), math.sqrt(5 / 3)
    assert close(normalise(values, Normalisation()), (values - mean) / population)
    assert close(
        normalise(values, Normalisation(sd="sample")), (values - mean) / sample
    )


def test_weighted_zscores_weight_districts_by_population():
    values = np.array([0.0, 10.0])
    got = normalise(values, Normalisation(weighted=True), np.array([3.0, 1.0]))
    # mean 2.5, variance (3·6.25 + 56.25)/4 = 18.75
    assert close(got, (values - 2.5) / math.sqrt(18.75))


def test_other_normalisations():
    values = np.array([2.0, 4.0, 4.0, 10.0, NAN])
    assert close(normalise(values, Normalisation("minmax")), [0, 0.25, 0.25, 1, NAN])
    assert close(
        normalise(values, Normalisation("goalposts", low=4, high=8)),
        [0, 0, 0, 1, NAN],
    )
    assert close(
        normalise(values, Normalisation("reference", reference=4)), [-2, 0, 0, 6, NAN]
    )
    assert close(normalise(values, Normalisation("rank")), [1, 2.5, 2.5, 4, NAN])
    assert close(normalise(values, Normalisation("percentile")), [0, 50, 50, 100, NAN])


def test_polarity_turns_better_into_less_need():
    definition = parse(
        {
            "format": "kette-index/1",
            "key": "p",
            "subindices": [
                {
                    "key": "a",
                    "indicators": [
                        {
                            "key": "x",
                            "polarity": "higher_is_better",
                            "normalisation": {"method": "minmax"},
                        }
                    ],
                }
            ],
        }
    )
    result = compute(definition, np.array([[0.0], [5.0], [10.0]]))
    assert close(result.normalised[:, 0], [1, 0.5, 0])
    assert list(result.rank) == [1, 2, 3]


def test_weights_at_both_levels_and_the_rank():
    definition = parse(spec())
    values = np.array([[1.0, 1.0, 1.0], [3.0, 3.0, 3.0], [2.0, 5.0, 2.0]])
    result = compute(definition, values)
    z = result.normalised
    a = (z[:, 0] + 3 * z[:, 1]) / 4
    assert close(result.subindices[:, 0], a)
    assert close(result.index, (a + 2 * z[:, 2]) / 3)
    assert list(result.rank) == list(np.argsort(np.argsort(-result.index)) + 1)


def test_geometric_mean_and_sum():
    values = np.array([[1.0, 4.0, 2.0], [9.0, 1.0, 2.0]])
    minmax = {"method": "goalposts", "low": 0, "high": 10}
    definition = parse(
        spec(
            subindices=[
                {
                    "key": "a",
                    "aggregation": "geometric",
                    "indicators": [
                        {"key": "x", "normalisation": minmax},
                        {"key": "y", "normalisation": minmax},
                    ],
                },
                {
                    "key": "b",
                    "aggregation": "sum",
                    "indicators": [{"key": "z", "normalisation": minmax}],
                },
            ],
            aggregation="sum",
        )
    )
    result = compute(definition, values)
    assert close(result.subindices[:, 0], [math.sqrt(0.1 * 0.4), math.sqrt(0.9 * 0.1)])
    assert close(result.index, result.subindices.sum(axis=1))


def test_a_geometric_mean_of_zero_or_less_is_refused():
    definition = parse(
        spec(
            subindices=[
                {"key": "a", "aggregation": "geometric", "indicators": [{"key": "x"}]}
            ]
        )
    )
    with pytest.raises(DefinitionError, match="geometric"):
        compute(definition, np.array([[1.0], [2.0], [3.0]]))


@pytest.mark.parametrize(
    ("rule", "expected_a"),
    [
        # district 2 misses y: reweighted to x alone
        ("reweight", [0.0, 1.0, 0.5]),
        # y imputed with the mean of the others (0.5)
        ("impute_mean", [0.0, 1.0, (0.5 + 3 * 0.5) / 4]),
        ("exclude", [0.0, 1.0, NAN]),
    ],
)
def test_missing_value_rules(rule, expected_a):
    goalposts = {"method": "goalposts", "low": 0, "high": 1}
    definition = parse(
        spec(
            missing=rule,
            subindices=[
                {
                    "key": "a",
                    "indicators": [
                        {"key": "x", "normalisation": goalposts},
                        {"key": "y", "weight": 3, "normalisation": goalposts},
                    ],
                }
            ],
        )
    )
    values = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, NAN]])
    result = compute(definition, values)
    assert close(result.subindices[:, 0], expected_a)
    assert list(result.included) == [not math.isnan(v) for v in expected_a]


def test_classifications():
    values = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    from kette.monitoring.engine import classify

    quantiles = Classification("q", "index", "quantiles", classes=4)
    assert list(classify(values, quantiles)) == [0, 0, 1, 1, 2, 2, 3, 3]
    intervals = Classification("e", "index", "equal_intervals", classes=7)
    assert list(classify(values, intervals)) == [0, 0, 1, 2, 3, 4, 5, 6]
    thresholds = Classification("t", "index", "thresholds", bounds=(2.0, 6.0))
    assert list(classify(values, thresholds)) == [0, 0, 1, 1, 1, 1, 2, 2]  # 2 → lower
    z = (values - values.mean()) / values.std()
    bands = Classification("s", "index", "sd_bands", bounds=(-1.0, 1.0))
    assert list(classify(values, bands)) == [int(v > -1) + int(v > 1) for v in z]


def test_a_code_combines_two_classifications():
    definition = parse(
        spec(
            classifications=[
                {
                    "key": "one",
                    "of": "a",
                    "method": "thresholds",
                    "bounds": [0],
                    "labels": ["L", "H"],
                },
                {
                    "key": "two",
                    "of": "b",
                    "method": "thresholds",
                    "bounds": [0],
                    "labels": ["-", "+"],
                },
            ],
            code="{one}{two}",
        )
    )
    result = compute(definition, np.array([[1.0, 1.0, 5.0], [3.0, 3.0, 1.0]]))
    assert result.codes == ["L+", "H-"]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"format": "other"}, "format"),
        ({"subindices": []}, "subindices"),
        (
            {"subindices": [{"key": "a", "indicators": [{"key": "x", "weight": 0}]}]},
            "subindices[0].indicators[0].weight",
        ),
        (
            {
                "subindices": [
                    {
                        "key": "a",
                        "indicators": [
                            {"key": "x", "normalisation": {"method": "magic"}}
                        ],
                    }
                ]
            },
            "subindices[0].indicators[0].normalisation.method",
        ),
        ({"missing": "guess"}, "missing"),
        (
            {
                "classifications": [
                    {"of": "nowhere", "method": "quantiles", "classes": 3}
                ]
            },
            "classifications[0].of",
        ),
        ({"classifications": [{"method": "thresholds"}]}, "classifications[0].bounds"),
        (
            {
                "classifications": [
                    {"method": "quantiles", "classes": 3, "labels": ["a"]}
                ]
            },
            "classifications[0].labels",
        ),
        ({"code": "{nothing}"}, "code"),
        (
            {"subindices": [{"key": "a", "indicators": [{"key": "x"}, {"key": "x"}]}]},
            "subindices",
        ),
    ],
)
def test_bad_definitions_name_the_json_path(change, path):
    with pytest.raises(DefinitionError) as error:
        parse(spec(**change))
    assert error.value.path == path


@pytest.mark.parametrize("method", ["zscore", "minmax", "rank", "percentile"])
def test_an_indicator_without_any_figure_gives_no_index_and_no_warning(method):
    spec = index_spec("a", "b")
    spec["subindices"][0]["indicators"][0]["normalisation"] = {"method": method}
    spec["classifications"][0]["method"] = "equal_intervals"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = compute(parse(spec), np.full((4, 2), np.nan))
    assert np.isnan(result.index).all()
    assert (result.classes["q"] == -1).all()


def one_indicator(indicator: dict | None = None, **top) -> dict:
    return {
        "format": "kette-index/1",
        "key": "t",
        "subindices": [{"key": "a", "indicators": [{"key": "x", **(indicator or {})}]}],
        **top,
    }


def test_transforms_come_before_the_goalposts_which_are_transformed_too():
    # UNDP's income index: (ln x − ln 100) / (ln 75,000 − ln 100), capped at 1
    definition = parse(
        one_indicator(
            {
                "polarity": "higher_is_better",
                "transform": {"function": "log"},
                "normalisation": {"method": "goalposts", "low": 100, "high": 75000},
            },
            polarity="higher_is_better",
        )
    )
    gni = np.array([1335.2, 15293.3, 120000.0, 50.0])
    expected = (np.log(gni) - math.log(100)) / (math.log(75000) - math.log(100))
    result = compute(definition, gni[:, None])
    assert close(result.index, np.clip(expected, 0, 1))


def test_log_with_offset_square_root_and_capping():
    from kette.monitoring.engine import transform
    from kette.monitoring.engine.definition import Transform

    values = np.array([0.0, 3.0, 8.0, 99.0, NAN])
    assert close(transform(values, Transform("log", offset=1)), np.log(values + 1))
    assert close(transform(values, Transform("sqrt")), np.sqrt(values))
    assert close(transform(values, Transform(low=1, high=10)), [1, 3, 8, 10, NAN])
    # winsorising at the 25th and 75th percentile of the values there are
    low, high = np.percentile(values[:4], [25, 75])
    assert close(
        transform(values, Transform(low=25, high=75, percentiles=True)),
        np.clip(values, low, high),
    )
    # a logarithm of 0 is not defined: that district has no value, the others do
    assert close(transform(values, Transform("log")), [NAN, *np.log([3, 8, 99]), NAN])


def test_rounding_comes_before_classes_and_ranks():
    definition = parse(
        one_indicator(
            {"normalisation": {"method": "reference", "reference": 0}},
            decimals=2,
            rank={"method": "min"},
            classifications=[
                {"key": "c", "method": "thresholds", "bounds": [0.55]},
                {
                    "key": "u",
                    "method": "thresholds",
                    "bounds": [0.55],
                    "on_bound": "upper",
                },
            ],
        )
    )
    result = compute(definition, np.array([[0.5450001], [0.5549], [0.6], [0.125]]))
    assert list(result.index) == [0.55, 0.55, 0.6, 0.13]  # 0.125 → 0.13 (half up)
    assert list(result.rank) == [2, 2, 1, 4]  # equal rounded values share a rank
    assert list(result.classes["c"]) == [0, 0, 1, 0]  # on the bound: lower class
    assert list(result.classes["u"]) == [1, 1, 1, 0]  # on the bound: upper class


def test_subindices_are_rounded_but_the_index_uses_their_full_value():
    reference = {"method": "reference", "reference": 0}
    definition = parse(
        {
            "format": "kette-index/1",
            "key": "t",
            "aggregation": "sum",
            "subindices": [
                {
                    "key": key,
                    "decimals": 0,
                    "indicators": [{"key": key, "normalisation": reference}],
                }
                for key in ("a", "b")
            ],
        }
    )
    got = compute(definition, np.array([[0.4, 0.4], [0.6, 0.2]]))
    assert got.subindices.tolist() == [[0.0, 0.0], [1.0, 0.0]]
    assert close(got.index, [0.8, 0.8])  # 0.4 + 0.4, not 0 + 0


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("ordinal", [1, 2, 3, 4, 0]),
        ("min", [1, 2, 2, 4, 0]),
        ("dense", [1, 2, 2, 3, 0]),
        ("average", [1, 2.5, 2.5, 4, 0]),
    ],
)
def test_rank_methods(method, expected):
    from kette.monitoring.engine import ranks

    values = np.array([9.0, 5.0, 5.0, 1.0, NAN])
    assert list(ranks(values, method)) == expected
    assert list(ranks(-values, method, descending=False)) == expected


def test_rank_one_is_most_need_or_the_highest_value():
    good = {
        "polarity": "higher_is_better",
        "normalisation": {"method": "reference", "reference": 0},
    }
    values = np.array([[1.0], [3.0], [2.0]])
    need = compute(parse(one_indicator(good, polarity="higher_is_better")), values)
    assert list(need.index) == [1, 3, 2]  # the index keeps "higher is better"
    assert list(need.rank) == [1, 3, 2]  # 1 = most need = the lowest value
    highest = compute(
        parse(
            one_indicator(
                good, polarity="higher_is_better", rank={"first": "highest_value"}
            )
        ),
        values,
    )
    assert list(highest.rank) == [3, 1, 2]


def test_a_geometric_mean_with_a_part_of_zero_is_zero_and_stops_nobody():
    posts = {"method": "goalposts", "low": 20, "high": 85}
    definition = parse(
        {
            "format": "kette-index/1",
            "key": "t",
            "aggregation": "geometric",
            "subindices": [
                {"key": key, "indicators": [{"key": key, "normalisation": posts}]}
                for key in ("a", "b")
            ],
        }
    )
    # a life expectancy below the lower goalpost: a health index of 0
    got = compute(definition, np.array([[15.0, 60.0], [72.0, 60.0]]))
    assert got.index[0] == 0
    assert close(got.index[1], math.sqrt((52 / 65) * (40 / 65)))
