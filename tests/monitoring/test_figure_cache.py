"""Figures are computed once per change of the data: aggregated and protected
figure sets are kept (selectors), and whatever they are computed from (an
import, a new threshold, a deleted observation) is seen at once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.monitoring import selectors
from kette.monitoring.models import Observation
from kette.monitoring.services.indicators import disclosure_threshold_set
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)

pytestmark = pytest.mark.django_db

#: Stadtteile B1-1 … B2-3: numerator of "armut" over 100 children each
NUMERATORS = [20, 30, 40, 25, 35, 45]


@pytest.fixture
def city():
    municipality, _tops, leaves = two_level_city()
    armut = IndicatorFactory(municipality=municipality, key="armut")
    for leaf, numerator in zip(leaves, NUMERATORS, strict=True):
        ObservationFactory(indicator=armut, district=leaf, numerator=numerator)
    return municipality, armut, leaves


def shown(indicator, district, *, public: bool = True) -> float | None:
    found = selectors.figures(indicator=indicator, period="2024", public=public)
    return found.of(district.pk).shown


def test_figures_asked_again_read_no_observation_values(city):
    _municipality, armut, leaves = city
    first = selectors.figures(indicator=armut, period="2024", public=True)
    with CaptureQueriesContext(connection) as queries:
        again = selectors.figures(indicator=armut, period="2024", public=True)
    assert again.figures == first.figures and again.indicator == armut
    table = Observation._meta.db_table
    reads = [q["sql"] for q in queries if table in q["sql"]]
    assert reads and not [sql for sql in reads if "numerator" in sql]


def test_an_import_is_seen_at_once(city, tmp_path):
    municipality, armut, leaves = city
    assert shown(armut, leaves[0]) == pytest.approx(20)
    path = tmp_path / "armut.csv"
    path.write_text(
        "district,period,indicator,numerator,denominator\nB1-1,2024,armut,60,100\n",
        encoding="utf-8",
    )
    call_command(
        "import_indicators",
        str(path),
        "--municipality",
        municipality.slug,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert shown(armut, leaves[0]) == pytest.approx(60)


def test_a_new_threshold_and_a_deleted_observation_are_seen_at_once(city):
    municipality, armut, leaves = city
    assert shown(armut, leaves[0]) == pytest.approx(20)
    # 20 of 100 children: a count below 25 is withheld from now on
    disclosure_threshold_set(municipality=municipality, threshold=25, actor=None)
    assert shown(armut, leaves[0]) is None
    assert shown(armut, leaves[0], public=False) == pytest.approx(20)
    Observation.objects.filter(district=leaves[0]).delete()
    assert (
        selectors.figures(indicator=armut, period="2024", public=False)
        .of(leaves[0].pk)
        .value
        is None
    )


def test_staff_figures_and_public_figures_are_kept_apart(city):
    municipality, armut, leaves = city
    disclosure_threshold_set(municipality=municipality, threshold=25, actor=None)
    assert shown(armut, leaves[0], public=False) == pytest.approx(20)
    assert shown(armut, leaves[0]) is None
    assert shown(armut, leaves[0], public=False) == pytest.approx(20)
