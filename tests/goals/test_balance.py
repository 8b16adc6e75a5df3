"""The balance of goals and measures (kette.goals.selectors.balance).

The seed test rebuilds seed 004's balance of the 18 model municipalities:
74 goals, 275 measures, 63/20/17 % by status, 37/19/16/16/5/4/4 % by type.
The counts are derived here from those percentages, not written down.
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import cycle

import pytest

from kette.core.models import FieldOfAction, LifePhase, MeasureType
from kette.goals.selectors.balance import goal_balance, largest_remainder
from kette.goals.services import measures as measure_services
from tests.core.factories import MunicipalityFactory

from .factories import make_goal, make_measure, status

MUNICIPALITIES, GOALS, MEASURES = 18, 74, 275
STATUS_SHARES = {
    "fully-implemented": 63,
    "partly-implemented": 20,
    "not-implemented": 17,
}
TYPE_SHARES = [37, 19, 16, 16, 5, 4, 4]  # in the order of the seed's text


def counts_for(percents: list[int], total: int) -> list[int]:
    """Whole counts out of ``total`` that each round to their percent: each
    starts at the least count that rounds to it; what is left goes to the
    larger shares first, up to the most count that still rounds to it."""
    lows = [math.ceil((p - 0.5) * total / 100) for p in percents]
    highs = [math.ceil((p + 0.5) * total / 100) - 1 for p in percents]
    counts = list(lows)
    left = total - sum(counts)
    for i in sorted(range(len(percents)), key=lambda i: -percents[i]):
        step = min(left, highs[i] - counts[i])
        counts[i] += step
        left -= step
    assert left == 0, "no counts round to these percents"
    return counts


@pytest.fixture
def seed_004(db):
    places = [
        MunicipalityFactory(slug=f"modell-{n}", name=f"Modellkommune {n:02}")
        for n in range(1, MUNICIPALITIES + 1)
    ]
    goals = [make_goal(places[n % MUNICIPALITIES], f"Ziel {n}") for n in range(GOALS)]
    statuses = []
    for code, count in zip(
        STATUS_SHARES,
        counts_for(list(STATUS_SHARES.values()), MEASURES),
        strict=True,
    ):
        statuses += [status(code)] * count
    types = []
    ordered_types = list(MeasureType.objects.order_by("position"))
    for measure_type, count in zip(
        ordered_types, counts_for(TYPE_SHARES, MEASURES), strict=True
    ):
        types += [measure_type] * count
    owners = cycle(goals)
    for number in range(MEASURES):
        make_measure(
            next(owners),
            f"Maßnahme {number}",
            status=statuses[number],
            measure_type=types[number],
        )
    return places


def test_seed_004_balance_across_the_model_municipalities(seed_004):
    balance = goal_balance(scope=None)

    assert (balance.goals, balance.measures) == (GOALS, MEASURES)
    by_status = {share.code: share.percent for share in balance.by_status.shares}
    assert by_status == STATUS_SHARES
    # The seed's type shares add up to 101 (each rounded on its own): the
    # exact shares round to them, and the shares shown add up to 100, none
    # more than one point from the seed's.
    types = balance.by_type.shares
    assert [round(share.exact) for share in types] == TYPE_SHARES
    assert sum(share.percent for share in types) == 100
    assert all(
        abs(share.percent - seed) <= 1
        for share, seed in zip(types, TYPE_SHARES, strict=True)
    )
    assert sum(share.count for share in types) == MEASURES

    rows = goal_balance(scope=None, per_municipality=True).municipalities
    assert len(rows) == MUNICIPALITIES
    assert sum(row.goals for row in rows) == GOALS
    assert sum(row.measures for row in rows) == MEASURES
    # One municipality's balance holds its own only: 74 goals over 18, the
    # first two municipalities have five.
    first = goal_balance(scope=seed_004[0])
    assert (
        (first.goals, first.measures)
        == (rows[0].goals, rows[0].measures)
        == (
            5,
            sum(
                row.measures
                for row in goal_balance(
                    scope=seed_004[:1], per_municipality=True
                ).municipalities
            ),
        )
    )


@pytest.mark.parametrize(
    ("counts", "shares"),
    [
        ([1, 1, 1], [34, 33, 33]),
        ([2, 1], [67, 33]),
        ([0, 0], [0, 0]),
        ([173, 55, 47], [63, 20, 17]),
    ],
)
def test_largest_remainder_shares_add_up_to_100(counts, shares):
    assert largest_remainder(counts) == shares


def test_goal_tags_count_a_measure_once_per_tag(municipality):
    health, school = FieldOfAction.objects.order_by("position")[:2]
    both = make_goal(municipality, "Gesund lernen")
    both.fields_of_action.set([health, school])
    make_measure(both, "A")
    make_measure(make_goal(municipality, "Ohne Handlungsfeld"), "B")

    balance = goal_balance(scope=municipality)

    shares = {share.code: share for share in balance.by_field.shares}
    assert (shares[health.code].count, shares[health.code].percent) == (1, 50)
    assert shares[school.code].count == 1
    assert shares[""].count == 1  # the goal without a field of action
    assert not balance.by_field.adds_up
    phases = {share.code: share.count for share in balance.by_life_phase.shares}
    assert phases[""] == 2 and set(phases) == {
        *LifePhase.objects.values_list("code", flat=True),
        "",
    }


def test_status_over_time_follows_the_history(municipality):
    goal = make_goal(municipality)
    first = make_measure(goal, "A", on=dt.date(2024, 2, 10))
    make_measure(goal, "B", on=dt.date(2024, 5, 1))
    measure_services.measure_status_update(
        actor=None,
        measure=first,
        status=status("partly-implemented"),
        on=dt.date(2024, 8, 20),
    )
    measure_services.measure_status_update(
        actor=None,
        measure=first,
        status=status("fully-implemented"),
        on=dt.date(2024, 9, 30),
    )

    quarters = {
        row.label: {share.code: share.count for share in row.shares}
        for row in goal_balance(scope=municipality).over_time
    }

    assert quarters["2024 Q1"] == {
        "not-implemented": 1,
        "partly-implemented": 0,
        "fully-implemented": 0,
    }
    assert quarters["2024 Q2"]["not-implemented"] == 2
    assert quarters["2024 Q3"] == {
        "not-implemented": 1,
        "partly-implemented": 0,
        "fully-implemented": 1,
    }
    assert list(quarters)[0] == "2024 Q1"
