"""Correlation with near-duplicate warnings, sensitivity of the ranks, change
between periods."""

from __future__ import annotations

import pytest

from kette.monitoring.analysis import change, correlation, sensitivity
from kette.monitoring.indices import compute_table
from kette.monitoring.models import IndexDefinition
from kette.monitoring.services.indices import index_save
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)

pytestmark = pytest.mark.django_db

# Six Stadtteile: "twin" is "poverty" scaled (r = 1), "noise" is unrelated.
POVERTY = [10, 20, 30, 40, 50, 60]
TWIN = [21, 41, 61, 81, 101, 121]
NOISE = [50, 10, 40, 20, 60, 30]


@pytest.fixture
def index():
    municipality, _tops, leaves = two_level_city()
    for key, series in {"poverty": POVERTY, "twin": TWIN, "noise": NOISE}.items():
        indicator = IndicatorFactory(municipality=municipality, key=key)
        for leaf, numerator in zip(leaves, series, strict=True):
            ObservationFactory(
                indicator=indicator, district=leaf, numerator=numerator, denominator=200
            )
            ObservationFactory(
                indicator=indicator,
                district=leaf,
                period="2023",
                numerator=numerator if key != "poverty" else 70 - numerator,
                denominator=200,
            )
    index_save(
        municipality=municipality,
        spec={
            "format": "kette-index/1",
            "key": "need",
            "subindices": [
                {"key": "a", "indicators": [{"key": "poverty"}, {"key": "twin"}]},
                {"key": "b", "indicators": [{"key": "noise"}]},
            ],
            "classifications": [
                {"key": "q", "of": "index", "method": "quantiles", "classes": 3}
            ],
        },
        actor=None,
    )
    return IndexDefinition.objects.get(key="need"), leaves


def test_correlation_warns_about_near_duplicates(index):
    definition, _leaves = index
    result = correlation(compute_table(definition=definition, period="2024"))
    assert result.keys == ["poverty", "twin", "noise"]
    assert result.matrix[0][1] == pytest.approx(1.0)
    assert result.matrix[0][0] == pytest.approx(1.0)
    assert abs(result.matrix[0][2]) < 0.9
    assert [(a, b) for a, b, _r in result.pairs] == [(result.names[0], result.names[1])]


def test_sensitivity_reports_rank_ranges_and_alternative_normalisations(index):
    definition, leaves = index
    table = compute_table(definition=definition, period="2024")
    result = sensitivity(table, runs=60, seed=7)
    assert [row.rank for row in result.rows] == [1, 2, 3, 4, 5, 6]
    for row in result.rows:
        assert row.low <= row.median <= row.high
        assert set(row.by_normalisation) == {"zscore", "minmax", "percentile"}
        assert row.by_normalisation["zscore"] == row.rank
        assert row.largest_shift >= 0
    # weights move the middle of the ranking: some district shifts
    assert max(row.largest_shift for row in result.rows) > 0
    again = sensitivity(table, runs=60, seed=7)
    assert [r.median for r in again.rows] == [r.median for r in result.rows]


def test_change_between_periods(index):
    definition, leaves = index
    before = compute_table(definition=definition, period="2023")
    after = compute_table(definition=definition, period="2024")
    rows = {row.district.code: row for row in change(before, after)}
    assert set(rows) == {leaf.code for leaf in leaves}
    first = rows["B1-1"]
    assert first.values_before[0] == pytest.approx(30.0)  # (70 − 10) / 200
    assert first.values_after[0] == pytest.approx(5.0)
    assert first.index_change == pytest.approx(first.index_after - first.index_before)
    assert first.rank_change == first.rank_before - first.rank_after
    assert first.class_after in {"1", "2", "3"}
