"""`kette demo` gives Musterstadt a monitoring with the preloaded index, six
years of data for every Stadtteil and a few counts that are withheld in public."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import District, Municipality
from kette.monitoring import selectors
from kette.monitoring.indices import compute_table, index_periods
from kette.monitoring.models import IndexDefinition, Indicator, Observation

pytestmark = pytest.mark.django_db


def test_the_demo_monitoring(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = StringIO()
    call_command("demo", stdout=out, stderr=StringIO())
    musterstadt = Municipality.objects.get(slug="musterstadt")
    index = IndexDefinition.objects.get(municipality=musterstadt, key="partizipation")
    assert index.is_published
    assert index_periods(index) == [str(year) for year in range(2020, 2026)]
    leaves = District.objects.filter(municipality=musterstadt, children__isnull=True)
    table = compute_table(definition=index, period="2025")
    assert {row.district.pk for row in table.rows} == set(
        leaves.values_list("pk", flat=True)
    )
    assert all(row.index is not None and row.rank for row in table.rows)
    assert len({row.classes["need"] for row in table.rows}) >= 4
    public = selectors.indicator_list(municipality=musterstadt, public=True)
    assert (
        0 < public.count() < Indicator.objects.filter(municipality=musterstadt).count()
    )
    withheld = 0
    for indicator in public:
        for period in selectors.period_list(indicator=indicator):
            figures = selectors.figures(indicator=indicator, period=period, public=True)
            withheld += sum(1 for f in figures.figures.values() if f.suppressed)
    assert withheld > 0
    # the screening file is written for people to import, not imported
    screening = tmp_path / "demo" / "schuleingangsuntersuchung-2025.csv"
    assert screening.read_text(encoding="utf-8").startswith("Schuljahr;")
    assert f"kette import_records {screening} --municipality musterstadt" in (
        out.getvalue()
    )
    assert not Indicator.objects.filter(key__startswith="seu-").exists()
    # Every line of the demo's report in the installation's language.
    assert re.search(
        r"Monitoring von Musterstadt: \d+ Indikatoren, \d+ Werte", out.getvalue()
    )
    count = Observation.objects.filter(municipality=musterstadt).count()
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    assert Observation.objects.filter(municipality=musterstadt).count() == count
    assert not Observation.objects.filter(
        municipality=Municipality.objects.get(slug="kleinhausen")
    ).exists()
