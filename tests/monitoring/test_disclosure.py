"""Disclosure control: small counts withheld, and a second cell wherever a
single withheld cell could be recovered from a shown total."""

from __future__ import annotations

import pytest

from kette.monitoring import selectors
from kette.monitoring.disclosure import protect, protect_linked, public_figure
from kette.monitoring.figures import CITY, Hierarchy
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
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
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
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
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
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
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
    figures = protect(selectors.figures(indicator=mean, period="2024", public=False), 5)
    assert figures.of(leaves[0].pk).shown == 1.0


def test_a_complement_below_the_threshold_is_withheld(city):
    municipality, _tops, leaves = city
    # 7 of 8 examined would say: 1 child without
    rate = rates(
        municipality, leaves, [(7, 8), (30, 60), (25, 50), (8, 50), (9, 50), (10, 50)]
    )
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
    assert figures.of(leaves[0].pk).suppressed == "primary"
    assert figures.of(leaves[2].pk).suppressed == "secondary"


def test_withheld_siblings_together_reach_the_threshold(city):
    municipality, tops, leaves = city
    # 2 of 130 and 1 of 126 are withheld: together 3 of 256 would be Bezirk 1
    # minus the shown part, so the shown part goes too
    rate = rates(
        municipality,
        leaves,
        [(2, 130), (1, 126), (12, 140), (8, 50), (9, 50), (10, 50)],
    )
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
    assert [figures.of(leaf.pk).suppressed for leaf in leaves[:3]] == [
        "primary",
        "primary",
        "secondary",
    ]
    assert not figures.of(tops[0].pk).suppressed


def test_a_withheld_total_is_not_left_as_the_sum_of_shown_parts(city):
    municipality, tops, leaves = city
    # Bezirk 1 rests on 4 and is withheld; its partner Bezirk 2 would be the
    # sum of its shown parts, and then Bezirk 1 the city minus Bezirk 2
    rate = rates(
        municipality, leaves, [(1, 40), (1, 40), (2, 40), (8, 50), (9, 50), (10, 50)]
    )
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
    assert figures.of(tops[1].pk).suppressed == "secondary"
    assert sum(1 for leaf in leaves[3:] if figures.of(leaf.pk).suppressed) >= 2


def test_an_indicators_minimum_count_raises_the_threshold(city):
    municipality, _tops, leaves = city
    pairs = [(6, 40), (12, 60), (30, 90), (8, 50), (9, 50), (10, 50)]
    plain = rates(municipality, leaves, pairs)
    strict = rates(municipality, leaves, pairs, minimum_count=7)
    assert (
        not protect(selectors.figures(indicator=plain, period="2024", public=False), 5)
        .of(leaves[0].pk)
        .suppressed
    )
    assert (
        protect(selectors.figures(indicator=strict, period="2024", public=False), 5)
        .of(leaves[0].pk)
        .suppressed
        == "primary"
    )


def linked_pair(municipality, leaves, examined):
    """A rate of children with an answer and the count of children examined,
    from one record import."""
    rate = rates(
        municipality,
        leaves,
        [(20, 100), (25, 110), (30, 120), (35, 130), (40, 140), (45, 150)],
        record_source="SEU",
    )
    count = IndicatorFactory(
        municipality=municipality, kind="count", unit="", record_source="SEU"
    )
    for leaf, persons in zip(leaves, examined, strict=True):
        ObservationFactory(
            indicator=count,
            district=leaf,
            value=persons,
            numerator=None,
            denominator=None,
        )
    return rate, count


def test_linked_indicators_are_withheld_together(city):
    municipality, tops, leaves = city
    # 102 examined, 100 with an answer: 2 without
    rate, count = linked_pair(municipality, leaves, [102, 110, 120, 130, 140, 150])
    both = protect_linked(
        [
            selectors.figures(indicator=rate, period="2024", public=False),
            selectors.figures(indicator=count, period="2024", public=False),
        ],
        5,
    )
    for figures in both:
        assert figures.of(leaves[0].pk).suppressed
        assert figures.of(tops[0].pk).suppressed  # Bezirk 1: 2 without, too
    # alone, neither figure rests on a small count
    assert (
        not protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
        .of(leaves[0].pk)
        .suppressed
    )


def test_every_public_reading_withholds_linked_indicators_together(city):
    municipality, _tops, leaves = city
    rate, count = linked_pair(municipality, leaves, [102, 110, 120, 130, 140, 150])
    hierarchy = Hierarchy.of(municipality)
    readings = [
        selectors.figures(indicator=rate, period="2024", public=True),
        selectors.figure_history(indicator=rate, public=True)["2024"],
        selectors.figures_of_many(
            wanted=[(rate, "2024")], public=True, hierarchy=hierarchy
        )[rate.pk],
        selectors.figures(indicator=count, period="2024", public=True),
    ]
    for figures in readings:
        assert figures.of(leaves[0].pk).suppressed
    staff = selectors.figures(indicator=rate, period="2024", public=False)
    assert not staff.of(leaves[0].pk).suppressed


def test_a_withheld_area_counts_as_its_withheld_parts_too():
    municipality, tops, leaves = two_level_city(parents=3, children=3)
    # Bezirk 1 rests on 2 and takes Bezirk 2 (32) as partner. Bezirk 2 is
    # withheld with its two small parts (1 and 1); the city minus Bezirk 3 minus
    # Bezirk 2's shown part would give 2 + 1 + 1 = 4: Bezirk 3 goes as well.
    rate = rates(
        municipality,
        leaves,
        [(1, 30), (1, 40), (0, 35), (1, 50), (1, 60), (30, 100)]
        + [(40, 100), (50, 120), (45, 110)],
    )
    figures = protect(selectors.figures(indicator=rate, period="2024", public=False), 5)
    assert figures.of(tops[0].pk).suppressed == "primary"
    assert figures.of(tops[1].pk).suppressed == "secondary"
    assert figures.of(tops[2].pk).suppressed == "secondary"
    assert figures.city.shown is not None
