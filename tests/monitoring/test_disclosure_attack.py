"""An attacker's script against everything the public sees of the monitoring
(the API's figures of every indicator, period and level, and the indicator
pages' tables as CSV): no withheld count can be recovered, neither in a city
built for the four routes of issue 10 nor in the demo with its school-entry
screening imported. Against the figures unprotected, or protected by the rule
before the fix, the same attacker finds them (``tests/monitoring/attacker.py``).
"""

from __future__ import annotations

import copy
from collections import namedtuple
from io import StringIO
from pathlib import Path
from random import Random

import pytest
from django.core.management import call_command

from kette.core.models import District, Municipality
from kette.monitoring import selectors
from kette.monitoring.disclosure import protect_linked
from kette.monitoring.figures import CITY as CITY_KEY
from kette.monitoring.figures import (
    OBSERVATION_FIELDS,
    FigureSet,
    Hierarchy,
    aggregate,
)
from kette.monitoring.indices import IndexDataError, compute_table, index_periods
from kette.monitoring.models import Indicator
from kette.monitoring.records.demo import SPEC, demo_screening_path
from tests.core.factories import DistrictFactory
from tests.monitoring import attacker
from tests.monitoring.attacker import CITY, Shown, World
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db
Row = namedtuple("Row", OBSERVATION_FIELDS)

API = "/api/v1/municipalities/{slug}/monitoring/"
PAGE = "/{slug}/monitoring/indikatoren/{key}/"
DISTRICT = "/{slug}/monitoring/gebiete/{code}/"
PARTS = {"N": 5, "S": 4, "W": 3}  # Nord, Süd, West and their Stadtteile
BIG = {
    "N": [(20, 100), (25, 110), (30, 120), (35, 130), (40, 140)],
    "S": [(20, 100), (25, 110), (30, 120), (35, 130)],
    "W": [(20, 100), (25, 110), (30, 120)],
}
#: One indicator per route of the issue (k = 5), the other areas unremarkable.
ROUTES = {
    # Nord 26/541: 12 and 11 shown, 2/130 and 1/126 withheld: the pair is 3/256
    "pair": {"N": [(12, 140), (11, 120), (0, 25), (2, 130), (1, 126)]},
    # 3/40 withheld with the zero 0/30 as partner: Süd − shown parts = 3
    "zero": {"S": [(3, 40), (0, 30), (20, 100), (15, 90)]},
    # 7 of 8 shown: 1 without
    "complement": {"W": [(7, 8), (30, 60), (25, 50)]},
    # Nord rests on 3: withheld, with Süd as partner, whose parts are all shown
    "levels": {
        "N": [(1, 50), (1, 40), (1, 45), (0, 30), (0, 40)],
        "S": [(10, 100), (12, 90), (9, 80), (11, 70)],
    },
}
#: Children examined (a count) against those with an answer (a rate's
#: denominator), from one record import: 150 − 148 = 2 and 123 − 120 = 3.
EXAMINED = {
    "N": [150, 110, 120, 130, 140],
    "S": [100, 110, 123, 130],
    "W": [100, 110, 120],
}


def _figures(route: dict) -> list[tuple[str, tuple[int, int]]]:
    return [
        (f"{top}-{at}", pair)
        for top in PARTS
        for at, pair in enumerate(route.get(top, BIG[top]), start=1)
    ]


@pytest.fixture
def crafted(municipality):
    leaves = {}
    for top, count in PARTS.items():
        area = DistrictFactory(municipality=municipality, code=top, name=top, level=0)
        for at in range(1, count + 1):
            code = f"{top}-{at}"
            leaves[code] = DistrictFactory(
                municipality=municipality, code=code, name=code, level=1, parent=area
            )
    for key, route in ROUTES.items():
        indicator = IndicatorFactory(municipality=municipality, key=key)
        for code, (n, d) in _figures(route):
            ObservationFactory(
                indicator=indicator, district=leaves[code], numerator=n, denominator=d
            )
    answered = IndicatorFactory(
        municipality=municipality, key="u-fehlt", record_source="SEU"
    )
    examined = IndicatorFactory(
        municipality=municipality,
        key="untersuchte",
        kind="count",
        unit="",
        record_source="SEU",
    )
    for (code, (n, d)), persons in zip(
        _figures({}), [p for top in PARTS for p in EXAMINED[top]], strict=True
    ):
        d = persons - {"N-1": 2, "S-3": 3}.get(code, 0)
        ObservationFactory(
            indicator=answered, district=leaves[code], numerator=n, denominator=d
        )
        ObservationFactory(
            indicator=examined,
            district=leaves[code],
            value=persons,
            numerator=None,
            denominator=None,
        )
    return municipality


def world_of(municipality: Municipality) -> World:
    districts = District.objects.filter(municipality=municipality)
    indicators = list(selectors.indicator_list(municipality=municipality, public=True))
    sources: dict[str, set[str]] = {}
    for indicator in indicators:
        if indicator.record_source:
            sources.setdefault(indicator.record_source, set()).add(indicator.key)
    return World(
        parents={d.code: d.parent.code if d.parent else CITY for d in districts},
        kinds={i.key: i.kind for i in indicators if i.kind != "value"},
        sources=list(sources.values()),
        threshold=selectors.threshold_of(municipality),
    )


def truth_of(municipality: Municipality, world: World) -> dict:
    """The unprotected figures, as staff see them."""
    hierarchy_codes = {
        d.pk: d.code for d in District.objects.filter(municipality=municipality)
    }
    hierarchy_codes[CITY_KEY] = CITY
    truth = {}
    for indicator in Indicator.objects.filter(
        municipality=municipality, key__in=world.kinds
    ):
        history = selectors.figure_history(indicator=indicator, public=False)
        for period, figures in history.items():
            for key, f in figures.figures.items():
                truth[(indicator.key, period, hierarchy_codes[key])] = Shown(
                    f.value, f.numerator, f.denominator, False
                )
    return truth


def public_view(client, municipality: Municipality, world: World, truth: dict) -> dict:
    """What an anonymous visitor gets from the API, checked against the
    indicator pages' CSV tables of every period and level."""
    seen = attacker.from_api(client, API.format(slug=municipality.slug))
    levels = sorted(
        set(
            District.objects.filter(municipality=municipality).values_list(
                "level", flat=True
            )
        )
    )
    for indicator, period in sorted({(i, p) for i, p, _c in truth}):
        for level in levels:
            response = client.get(
                PAGE.format(slug=municipality.slug, key=indicator),
                {"period": period, "level": level, "csv": "map"},
            )
            assert response.status_code == 200
            table = attacker.from_page_csv(response.content.decode(), indicator, period)
            for key, shown in table.items():
                api = seen[key]
                # the page shows what the API shows, and withholds what it withholds
                assert (shown.value is None) == (api.value is None), key
                assert shown.numerator == api.numerator, key
                assert shown.denominator == api.denominator, key
    keys = {
        i.name_de: i.key
        for i in Indicator.objects.filter(
            municipality=municipality, key__in=world.kinds
        )
    }
    checked = 0
    for code in world.parents:
        response = client.get(
            DISTRICT.format(slug=municipality.slug, code=code), {"csv": "profile"}
        )
        assert response.status_code == 200
        for row in attacker.rows_of_csv(response.content.decode()):
            name, period, value, city = row[:4]
            if name not in keys:
                continue
            # a district's profile shows what the API shows
            for where, text in ((code, value), (CITY, city)):
                api = seen[(keys[name], period, where)]
                assert attacker.number(text) == pytest.approx(api.value), (name, where)
                checked += 1
    assert checked
    return seen


def findings(report) -> set[str]:
    return {f"{f.what} = {f.value}" for f in report.recovered}


def test_the_attacker_finds_every_route_in_figures_protected_by_the_old_rule(
    client, crafted
):
    world = world_of(crafted)
    truth = truth_of(crafted, world)
    found = findings(
        attacker.attack_all(world, attacker.naive_protect(world, truth), truth)
    )
    assert "2024 pair n of N-4+N-5 = 3" in found
    assert "2024 zero n of S-1+S-2 = 3" in found
    assert "2024 complement complement of W-1 = 1" in found
    assert "2024 u-fehlt − untersuchte of N-1 = 2" in found
    assert "2024 levels n N = 3" in found
    raw = attacker.attack_all(world, attacker.unprotected(truth), truth)
    assert "2024 pair n of N-5 = 1" in findings(raw)


def test_nothing_withheld_is_recovered_from_what_the_public_sees(client, crafted):
    world = world_of(crafted)
    truth = truth_of(crafted, world)
    seen = public_view(client, crafted, world, truth)
    assert any(shown.withheld for shown in seen.values())
    report = attacker.attack_all(world, seen, truth)
    assert report.recovered == []


def test_nothing_is_recovered_in_the_demo_with_its_screening_imported(
    client, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    musterstadt = Municipality.objects.get(slug="musterstadt")
    call_command(
        "import_records",
        str(demo_screening_path()),
        municipality="musterstadt",
        spec=str(Path(SPEC)),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    screening = Indicator.objects.filter(
        municipality=musterstadt, key__startswith="seu-"
    )
    assert screening.count() >= 2
    assert set(screening.values_list("record_source", flat=True)) == {
        "Schuleingangsuntersuchung"
    }
    screening.update(is_published=True)
    world = world_of(musterstadt)
    truth = truth_of(musterstadt, world)
    seen = public_view(client, musterstadt, world, truth)
    assert attacker.attack_all(world, seen, truth).recovered == []
    # the same attacker does recover counts from the rule before the fix
    naive = attacker.attack_all(world, attacker.naive_protect(world, truth), truth)
    assert any(" − " in f.what for f in naive.small)  # linked indicators
    assert any("complement" in f.what for f in naive.small)
    # the public index is computed from the figures the public sees
    for definition in selectors.index_list(municipality=musterstadt, public=True):
        for period in index_periods(definition):
            try:
                table = compute_table(definition=definition, period=period, public=True)
            except IndexDataError:
                continue
            for row in table.rows:
                for indicator, own, value in zip(
                    table.indicators, table.periods, row.values, strict=True
                ):
                    if value is not None and indicator.key in world.kinds:
                        assert not seen[
                            (indicator.key, own, row.district.code)
                        ].withheld


def _random_city(random: Random) -> Hierarchy:
    """Two to four areas of one to five parts, some parts split once more."""
    districts, parents = {}, {}

    def add(code: str, level: int, parent: int) -> int:
        pk = len(districts) + 1
        districts[pk] = District(pk=pk, code=code, name=code, level=level)
        parents[pk] = parent
        return pk

    for top in range(random.randint(2, 4)):
        area = add(f"A{top}", 0, CITY_KEY)
        for part in range(random.randint(1, 5)):
            middle = add(f"A{top}-{part}", 1, area)
            if random.random() < 0.25:
                for leaf in range(random.randint(2, 3)):
                    add(f"A{top}-{part}-{leaf}", 2, middle)
    children: dict[int, list[int]] = {CITY_KEY: [], **{pk: [] for pk in districts}}
    for pk, parent in parents.items():
        children[parent].append(pk)
    return Hierarchy(districts=districts, parents=parents, children=children)


def _random_sets(random: Random, hierarchy: Hierarchy) -> list[FigureSet]:
    """A rate and the count of the persons asked, from one source: many
    small numbers, zeros and small differences."""
    rate = Indicator(pk=1, key="rate", kind="rate", scale=100, record_source="R")
    count = Indicator(pk=2, key="count", kind="count", record_source="R")
    leaves = [pk for pk, parts in hierarchy.children.items() if pk and not parts]
    rows: dict[int, list] = {1: [], 2: []}
    for pk in leaves:
        n = random.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 30, 40, 60])
        d = n + random.choice([0, 2, 5, 10, 20, 40, 80])
        persons = d + random.choice([0, 0, 0, 1, 3, 6, 10])
        rows[1].append(Row(pk, n / d * 100 if d else None, n, d, "final"))
        rows[2].append(Row(pk, persons, None, None, "final"))
    return [
        aggregate(
            indicator=indicator,
            period="2024",
            hierarchy=hierarchy,
            observations=rows[indicator.pk],
        )
        for indicator in (rate, count)
    ]


def _as_shown(sets: list[FigureSet], hierarchy: Hierarchy) -> dict:
    codes = {pk: d.code for pk, d in hierarchy.districts.items()} | {CITY_KEY: CITY}
    return {
        (s.indicator.key, s.period, codes[key]): Shown(
            f.shown, f.shown_numerator, f.shown_denominator, bool(f.suppressed)
        )
        for s in sets
        for key, f in s.figures.items()
    }


@pytest.mark.parametrize("seed", range(60))
def test_nothing_is_recovered_in_random_cities(seed):
    """Linked (even seeds) or protected each on its own (odd seeds)."""
    random = Random(seed)
    linked = seed % 2 == 0
    hierarchy = _random_city(random)
    world = World(
        parents={
            d.code: hierarchy.districts[hierarchy.parents[pk]].code
            if hierarchy.parents[pk]
            else CITY
            for pk, d in hierarchy.districts.items()
        },
        kinds={"rate": "rate", "count": "count"},
        sources=[{"rate", "count"}] if linked else [],
        threshold=5,
    )
    sets = _random_sets(random, hierarchy)
    truth = _as_shown(sets, hierarchy)
    protected = copy.deepcopy(sets)
    for group in [protected] if linked else [[s] for s in protected]:
        protect_linked(group, 5)
    seen = _as_shown(protected, hierarchy)
    assert attacker.attack_all(world, seen, truth).recovered == []
