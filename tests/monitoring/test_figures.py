"""Values add up the district hierarchy: rates from summed numerators and
denominators, counts summed, incomplete areas left empty."""

from __future__ import annotations

import pytest

from kette.monitoring import selectors
from kette.monitoring.figures import CITY
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)

pytestmark = pytest.mark.django_db


def observe(indicator, district, numerator, denominator, **extra):
    return ObservationFactory(
        indicator=indicator,
        district=district,
        numerator=numerator,
        denominator=denominator,
        **extra,
    )


def test_a_rate_adds_numerators_and_denominators_never_averages_rates():
    municipality, tops, leaves = two_level_city()
    rate = IndicatorFactory(municipality=municipality)
    # Bezirk 1: 10/100, 50/100, 1/10 → 61/210 = 29.05 %, the mean of the rates is 23.3 %
    for leaf, (n, d) in zip(leaves[:3], [(10, 100), (50, 100), (1, 10)], strict=True):
        observe(rate, leaf, n, d)
    for leaf in leaves[3:]:
        observe(rate, leaf, 20, 200)
    figures = selectors.figures(indicator=rate, period="2024", public=False)
    bezirk = figures.of(tops[0].pk)
    assert (bezirk.numerator, bezirk.denominator) == (61, 210)
    assert bezirk.value == pytest.approx(61 / 210 * 100)
    assert bezirk.aggregated
    assert figures.of(CITY).value == pytest.approx((61 + 60) / (210 + 600) * 100)
    assert figures.of(leaves[0].pk).value == pytest.approx(10.0)
    assert not figures.of(leaves[0].pk).aggregated


def test_an_area_with_a_missing_part_has_no_value():
    municipality, tops, leaves = two_level_city()
    rate = IndicatorFactory(municipality=municipality)
    for leaf in leaves[:2] + leaves[3:]:
        observe(rate, leaf, 5, 50)
    figures = selectors.figures(indicator=rate, period="2024", public=False)
    assert figures.of(tops[0].pk).value is None
    assert figures.of(tops[1].pk).value == pytest.approx(10.0)
    assert figures.of(CITY).value is None


def test_a_delivered_area_value_wins_over_the_sum_of_its_parts():
    municipality, tops, leaves = two_level_city()
    rate = IndicatorFactory(municipality=municipality)
    observe(rate, tops[0], 30, 100)
    for leaf in leaves[:3]:
        observe(rate, leaf, 1, 100)
    figures = selectors.figures(indicator=rate, period="2024", public=False)
    assert figures.of(tops[0].pk).value == pytest.approx(30.0)


def test_counts_are_summed_and_values_are_not_aggregated():
    municipality, tops, leaves = two_level_city()
    count = IndicatorFactory(municipality=municipality, kind="count", unit="")
    mean = IndicatorFactory(municipality=municipality, kind="value", unit="dmft")
    for at, leaf in enumerate(leaves):
        ObservationFactory(
            indicator=count,
            district=leaf,
            value=at + 1,
            numerator=None,
            denominator=None,
        )
        ObservationFactory(
            indicator=mean, district=leaf, value=1.5, numerator=None, denominator=None
        )
    counts = selectors.figures(indicator=count, period="2024", public=False)
    assert counts.of(tops[0].pk).value == 6
    assert counts.of(CITY).value == 21
    means = selectors.figures(indicator=mean, period="2024", public=False)
    assert means.of(tops[0].pk).value is None
    assert means.of(leaves[0].pk).value == 1.5


def test_a_source_suppressed_part_is_withheld_and_its_area_stays_empty():
    municipality, tops, leaves = two_level_city()
    rate = IndicatorFactory(municipality=municipality)
    for leaf in leaves:
        observe(rate, leaf, 5, 50)
    first = leaves[0].pk
    rate.observations.filter(district_id=first).update(
        status="suppressed", numerator=None, value=None
    )
    figures = selectors.figures(indicator=rate, period="2024", public=False)
    assert figures.of(first).suppressed == "source"
    assert figures.of(first).shown is None
    assert figures.of(tops[0].pk).value is None


def test_provisional_parts_make_a_provisional_total():
    municipality, tops, leaves = two_level_city()
    rate = IndicatorFactory(municipality=municipality)
    for at, leaf in enumerate(leaves):
        observe(rate, leaf, 5, 50, status="provisional" if at == 0 else "final")
    figures = selectors.figures(indicator=rate, period="2024", public=False)
    assert figures.of(tops[0].pk).status == "provisional"
    assert figures.of(tops[1].pk).status == "final"
