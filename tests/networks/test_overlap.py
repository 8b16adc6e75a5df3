"""Overlap between bodies and load, on the hand-counted city of
tests/networks/analysis_city.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kette.networks.analysis.load import member_load, members_by_year
from kette.networks.analysis.overlap import body_overlap
from kette.networks.services import registry
from tests.networks.analysis_city import build_city
from tests.networks.factories import make_body, make_member

pytestmark = pytest.mark.django_db


def pair_of(overlap, first: str, second: str):
    (pair,) = [p for p in overlap.pairs if {p.first, p.second} == {first, second}]
    return pair


def test_overlap_measures_match_the_hand_counted_values(municipality):
    build_city(municipality)
    overlap = body_overlap(municipality)
    assert overlap.bodies == 3  # the dissolved body is left out
    assert overlap.pairs_with_overlap == 3
    kita = pair_of(overlap, "AK Kita", "AG Frühe Hilfen")
    assert (kita.people.shared, kita.people.jaccard, kita.people.overlap) == (
        3,
        pytest.approx(3 / 6),
        pytest.approx(3 / 4),
    )
    assert kita.organisations.shared == 2
    assert kita.organisations.jaccard == pytest.approx(2 / 3)
    assert kita.organisations.overlap == pytest.approx(1)
    nord = pair_of(overlap, "AK Kita", "Stadtteilkonferenz Nord")
    assert nord.people.jaccard == pytest.approx(1 / 6)
    assert nord.people.overlap == pytest.approx(1 / 2)
    assert nord.organisations.jaccard == pytest.approx(1 / 3)
    assert nord.organisations.overlap == pytest.approx(1 / 2)
    school = pair_of(overlap, "AG Frühe Hilfen", "Stadtteilkonferenz Nord")
    assert school.organisations.jaccard == pytest.approx(2 / 3)
    assert school.organisations.overlap == pytest.approx(1)


def test_a_pair_is_flagged_with_its_evidence(municipality):
    build_city(municipality)
    overlap = body_overlap(municipality)
    assert overlap.flagged_count == 1
    first = overlap.pairs[0]
    assert first.flagged
    assert {first.first, first.second} == {"AK Kita", "AG Frühe Hilfen"}
    assert first.shared_people == ["Anna", "Ben", "Cem"]
    assert first.shared_organisations == ["Gesundheit gGmbH", "Jugendhilfe e.V."]
    assert first.shared_topics == ["Sprache"]
    assert first.both_city_wide
    # Overlap coefficient 1 with the school, but only two organisations shared.
    assert not pair_of(overlap, "AG Frühe Hilfen", "Stadtteilkonferenz Nord").flagged


def test_threshold_and_minimum_shared_are_the_callers_choice(municipality):
    build_city(municipality)
    # People 0.75 < 0.8; organisations 1.0 but only two shared.
    assert body_overlap(municipality, threshold=0.8).flagged_count == 0
    # Two shared organisations suffice: AK Kita × AG and AG × Nord.
    assert body_overlap(municipality, threshold=0.8, min_shared=2).flagged_count == 2
    assert body_overlap(municipality, min_shared=4).flagged_count == 0
    loose = body_overlap(municipality, threshold=0.5, min_shared=1)
    assert loose.flagged_count == 3


def test_shared_districts_are_evidence(municipality):
    city = build_city(municipality)
    south = make_body(municipality, "Stadtteilkonferenz Nord II", city_wide=False)
    south.districts.set([city.district])
    make_member(south, person=city.people["Gül"])
    pair = pair_of(body_overlap(municipality), "Stadtteilkonferenz Nord", south.name)
    assert pair.shared_districts == ["Nord"]
    assert not pair.both_city_wide


def test_overlap_at_an_earlier_date_counts_who_was_a_member_then(municipality):
    build_city(municipality)
    then = timezone.localdate() - dt.timedelta(days=500)
    # Then only Ben and Cem sat in Nord (the others joined a year ago).
    overlap = body_overlap(municipality, on=then)
    assert overlap.pairs == []
    today = body_overlap(municipality)
    assert pair_of(today, "AK Kita", "Stadtteilkonferenz Nord").people.shared == 1


def test_an_erased_person_is_evidence_as_a_former_member(municipality):
    city = build_city(municipality)
    registry.person_erase(actor=None, person=city.people["Ben"])
    pair = body_overlap(municipality).pairs[0]
    assert "Ben" not in pair.shared_people
    assert len(pair.shared_people) == 3


def test_other_municipalities_members_never_count(municipality, other_municipality):
    build_city(municipality)
    build_city(other_municipality)
    overlap = body_overlap(municipality)
    assert overlap.bodies == 3
    assert pair_of(overlap, "AK Kita", "AG Frühe Hilfen").people.shared == 3


def test_load_lists_who_sits_in_the_most_bodies(municipality):
    build_city(municipality)
    load = member_load(municipality)
    assert [(row.name, row.count) for row in load.people[:3]] == [
        ("Anna", 3),
        ("Ben", 2),
        ("Cem", 2),
    ]
    assert load.people[0].bodies == [
        "AG Frühe Hilfen",
        "AK Kita",
        "Stadtteilkonferenz Nord",
    ]
    assert [(row.name, row.count) for row in load.organisations] == [
        ("Jugendhilfe e.V.", 3),
        ("Gesundheit gGmbH", 2),
        ("Schule am Park", 2),
    ]
    assert (load.people_count, load.people_in_several) == (7, 3)
    assert member_load(municipality, limit=1).people == load.people[:1]


def test_members_by_year_follow_joining_and_leaving(municipality):
    build_city(municipality)
    today = timezone.localdate()
    table = members_by_year(municipality, years=4, today=today)
    assert table.years == list(range(today.year - 3, today.year + 1))
    counts = {row.body: row.counts for row in table.rows}
    assert "Alte Runde" not in counts
    joined = (today - dt.timedelta(days=365)).year
    two_before = (today - dt.timedelta(days=800)).year
    for column, year in enumerate(table.years):
        kita = 5 if year >= joined else 0
        assert counts["AK Kita"][column] == kita, year
    # Nord: Ben and Cem from 800 days ago until a year ago, then Anna and Gül.
    assert counts["Stadtteilkonferenz Nord"][-1] == 2
    if two_before < joined:
        assert counts["Stadtteilkonferenz Nord"][table.years.index(two_before)] == 2
