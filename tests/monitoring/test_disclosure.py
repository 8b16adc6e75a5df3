"""Disclosure control: small counts withheld, and a second cell wherever a
single withheld cell could be recovered from a shown total."""

from __future__ import annotations

import pytest

from kette.monitoring import selectors
from kette.monitoring.disclosure import protect, public_figure
from kette.monitoring.figures import CITY, figure_set
from kette.monitoring.models import MonitoringSettings
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return two_level_city()


def rates(municipality, leaves, pairs, **indicator):
    rate = IndicatorFactory(municipality=municipality, **indicator)
    for leaf, (n, d) in zip(leaves, pairs, strict=True):
        ObservationFactory(indicator=rate, district=leaf, numerator=n, denominator=d)
    return rate


def test_a_small_numerator_is_withheld_with_its_rate_and_a_partner_cell(city):
    municipality, tops, leaves = city
    rate = rates(
        municipality, leaves, [(2, 40), (12, 60), (30, 90), (8, 50), (9, 50), (10, 50)]
    )
    figures = protect(figure_set(indicator=rate, period="2024"), 5)
    assert figures.of(leaves[0].pk).suppressed == "primary"
    assert public_figure(figures.of(leaves[0].pk)) == {
        "value": None,
        "numerator": None,
        "denominator": None,
        "suppressed": True,
    }
    # Bezirk 1 (44 of 190) is shown, so a second part goes: the smallest, 12.
    assert figures.of(leaves[1].pk).suppressed == "secondary"
    assert not figures.of(leaves[2].pk).suppressed
    assert not figures.of(tops[0].pk).suppressed
    # The other Bezirk and the city are untouched.
    assert not any(figures.of(leaf.pk).suppressed for leaf in leaves[3:])
    assert figures.of(CITY).shown is not None


def test_zero_is_shown_and_a_zero_is_no_partner(city):
    municipality, _tops, leaves = city
    rate = rates(
        municipality, leaves, [(0, 40), (1, 3), (30, 90), (8, 50), (9, 50), (10, 50)]
    )
    figures = protect(figure_set(indicator=rate, period="2024"), 5)
    assert figures.of(leaves[1].pk).suppressed == "primary"
    # 0 of 40 as the partner would leave Bezirk 1 − shown parts = 1 of 43: the
    # withheld numerators must add up to k, so 30 of 90 goes instead
    assert not figures.of(leaves[0].pk).suppressed
    assert figures.of(leaves[2].pk).suppressed == "secondary"


def test_suppression_cascades_to_the_level_above(city):
    municipality, tops, leaves = city
    # Bezirk 1 in total has 4: it is withheld itself, so it needs a partner
    # among the top-level districts against the city total.
    rate = rates(
        municipality, leaves, [(1, 40), (1, 40), (2, 40), (8, 50), (9, 50), (10, 50)]
    )
    figures = protect(figure_set(indicator=rate, period="2024"), 5)
    assert figures.of(tops[0].pk).suppressed == "primary"
    assert figures.of(tops[1].pk).suppressed == "secondary"
    withheld = [f for f in figures.figures.values() if f.suppressed]
    # no group anywhere has a single withheld part under a shown total
    for total, parts in figures.children.items():
        if parts and not figures.of(total).suppressed and figures.of(total).value:
            assert sum(1 for p in parts if figures.of(p).suppressed) != 1
    assert len(withheld) >= 5


def test_counts_below_the_municipal_threshold_and_the_threshold_is_per_municipality(
    city,
):
    municipality, _tops, leaves = city
    count = IndicatorFactory(municipality=municipality, kind="count", unit="")
    for at, leaf in enumerate(leaves):
        ObservationFactory(
            indicator=count,
            district=leaf,
            value=[6, 7, 20, 30, 40, 50][at],
            numerator=None,
            denominator=None,
        )
    shown = selectors.figures(indicator=count, period="2024", public=True)
    assert not any(f.suppressed for f in shown.figures.values())
    MonitoringSettings.objects.create(
        municipality=municipality, disclosure_threshold=10
    )
    stricter = selectors.figures(indicator=count, period="2024", public=True)
    assert stricter.of(leaves[0].pk).suppressed == "primary"
    assert stricter.of(leaves[1].pk).suppressed == "primary"
    staff = selectors.figures(indicator=count, period="2024", public=False)
    assert not any(f.suppressed for f in staff.figures.values())


def test_values_that_are_not_counts_are_not_suppressed(city):
    municipality, _tops, leaves = city
    mean = IndicatorFactory(municipality=municipality, kind="value", unit="dmft")
    ObservationFactory(
        indicator=mean, district=leaves[0], value=1.0, numerator=None, denominator=None
    )
    figures = protect(figure_set(indicator=mean, period="2024"), 5)
    assert figures.of(leaves[0].pk).shown == 1.0
