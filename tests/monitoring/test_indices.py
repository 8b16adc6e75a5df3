"""Saved, versioned index definitions; the Gelsenkirchen template; computing
from the database; export → import → compute from the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kette.core.models import AuditEntry
from kette.monitoring.indices import compute_table
from kette.monitoring.models import IndexDefinition, Indicator
from kette.monitoring.services.indices import (
    index_export,
    index_import,
    index_save,
    load_template,
    template_install,
)
from tests.core.factories import UserFactory
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)
from tests.monitoring.factories import (
    index_spec as spec,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    municipality, tops, leaves = two_level_city()
    poverty = IndicatorFactory(municipality=municipality, key="poverty")
    health = IndicatorFactory(
        municipality=municipality, key="checkups", polarity="higher_is_better"
    )
    for at, leaf in enumerate(leaves):
        ObservationFactory(
            indicator=poverty, district=leaf, numerator=10 + 10 * at, denominator=100
        )
        ObservationFactory(
            indicator=health, district=leaf, numerator=90 - 5 * at, denominator=100
        )
    return municipality, tops, leaves


def test_saving_makes_versions_audited_and_an_unchanged_save_adds_none(city):
    municipality, _tops, _leaves = city
    planner = UserFactory()
    first = index_save(
        municipality=municipality, spec=spec("poverty"), actor=planner, note="start"
    )
    again = index_save(municipality=municipality, spec=spec("poverty"), actor=planner)
    second = index_save(
        municipality=municipality, spec=spec("poverty", "checkups"), actor=planner
    )
    assert (first.number, again.pk, second.number) == (1, first.pk, 2)
    definition = IndexDefinition.objects.get(municipality=municipality, key="need")
    assert definition.current_version() == second
    assert list(definition.versions.values_list("number", flat=True)) == [1, 2]
    entries = AuditEntry.objects.filter(object_id=str(definition.pk))
    assert entries.filter(actor=planner).count() == 3  # created, v1, v2
    assert any(e.changes.get("version") == [1, 2] for e in entries)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"format": "other"}, "format"),
        ({"subindices": []}, "subindices"),
        (
            {
                "subindices": [
                    {"key": "a", "indicators": [{"key": "poverty", "weight": -1}]}
                ]
            },
            "subindices[0].indicators[0].weight",
        ),
    ],
)
def test_a_bad_definition_names_the_place_and_saves_nothing(city, bad, message):
    municipality, _tops, _leaves = city
    with pytest.raises(ValidationError) as raised:
        index_save(municipality=municipality, spec=spec("poverty") | bad, actor=None)
    assert message in raised.value.messages[0]
    assert not IndexDefinition.objects.exists()


def test_an_indicator_outside_the_catalogue_is_refused(city):
    municipality, _tops, _leaves = city
    with pytest.raises(ValidationError) as raised:
        index_save(municipality=municipality, spec=spec("poverty", "nope"), actor=None)
    assert "nope" in raised.value.messages[0]


def test_computing_gives_every_level_of_the_result(city):
    municipality, tops, leaves = city
    index_save(municipality=municipality, spec=spec("poverty", "checkups"), actor=None)
    definition = IndexDefinition.objects.get(key="need")
    table = compute_table(definition=definition, period="2024")
    assert [row.district for row in table.rows] == leaves
    # the last Stadtteil has most poverty and fewest check-ups: rank 1
    ranks = {row.district.code: row.rank for row in table.rows}
    assert ranks["B2-3"] == 1 and ranks["B1-1"] == 6
    last = table.rows[-1]
    assert last.values == [pytest.approx(60.0), pytest.approx(65.0)]
    assert last.normalised[0] > 0 and last.normalised[1] > 0  # turned: more need
    assert last.subindices[0] == pytest.approx(last.index)
    assert table.class_label("q", last.classes["q"]) == "2"
    tops_table = compute_table(definition=definition, period="2024", level=0)
    assert [row.district for row in tops_table.rows] == tops
    assert tops_table.rows[0].values[0] == pytest.approx(20.0)  # 60 of 300


def test_the_gelsenkirchen_template_installs_its_indicators_and_index_once(city):
    municipality, _tops, _leaves = city
    template = load_template()
    keys = [item["key"] for item in template["indicators"]]
    version = template_install(municipality=municipality, actor=None)
    assert version.number == 1
    assert set(keys) <= set(
        Indicator.objects.for_municipality(municipality).values_list("key", flat=True)
    )
    gymnasium = Indicator.objects.get(
        municipality=municipality, key="empfehlung-gymnasium"
    )
    assert gymnasium.polarity == "higher_is_better"
    assert gymnasium.age_band.code == "6-10"
    assert [g["key"] for g in version.spec["subindices"]] == [
        "economy",
        "integration",
        "health",
        "education",
        "housing",
    ]
    again = template_install(municipality=municipality, actor=None)
    assert again.pk == version.pk
    assert Indicator.objects.filter(municipality=municipality).count() == len(keys) + 2


def test_export_import_round_trip_and_compute_from_the_command_line(city, tmp_path):
    municipality, _tops, leaves = city
    index_save(municipality=municipality, spec=spec("poverty", "checkups"), actor=None)
    out = tmp_path / "need.json"
    call_command("export_index", municipality.slug, "need", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported == index_export(definition=IndexDefinition.objects.get(key="need"))
    changed = exported | {"standardise": True}
    out.write_text(json.dumps(changed), encoding="utf-8")
    stdout = io.StringIO()
    call_command("import_index", municipality.slug, str(out), stdout=stdout)
    assert "version 2" in stdout.getvalue().lower()
    results = tmp_path / "results.csv"
    call_command(
        "compute_index",
        municipality.slug,
        "need",
        "--period",
        "2024",
        "--out",
        str(results),
        stdout=io.StringIO(),
    )
    rows = list(csv.DictReader(results.open(encoding="utf-8")))
    assert len(rows) == len(leaves)
    assert rows[0]["district_code"] == "B2-3" and rows[0]["rank"] == "1"
    assert {"subindex_all", "normalised_poverty", "value_checkups", "class_q"} <= set(
        rows[0]
    )


def test_commands_name_what_is_wrong(city, tmp_path):
    municipality, _tops, _leaves = city
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "kette-index/1",', encoding="utf-8")
    with pytest.raises(CommandError, match="broken.json.*(line|Zeile) 1"):
        call_command("import_index", municipality.slug, str(broken))
    with pytest.raises(CommandError, match='„?"?none'):
        call_command("export_index", municipality.slug, "none")
    with pytest.raises(CommandError, match="nowhere"):
        call_command("compute_index", "nowhere", "need", "--period", "2024")
    index_import(
        municipality=municipality, text=json.dumps(spec("poverty")), actor=None
    )
    with pytest.raises(CommandError, match="2019"):
        call_command("compute_index", municipality.slug, "need", "--period", "2019")
    assert IndexDefinition.objects.count() == 1


def test_an_index_is_tenant_scoped(city):
    municipality, _tops, _leaves = city
    other, _t, _l = two_level_city(parents=1, children=1)
    IndicatorFactory(municipality=other, key="poverty")
    index_save(municipality=municipality, spec=spec("poverty"), actor=None)
    with pytest.raises(CommandError, match="need"):
        call_command("export_index", other.slug, "need")


def test_indicators_of_other_periodicities_stand_in_for_the_index_year(city):
    municipality, _tops, leaves = city
    screening = IndicatorFactory(municipality=municipality, key="screening")
    noise = IndicatorFactory(
        municipality=municipality, key="noise", periodicity="irregular"
    )
    for at, leaf in enumerate(leaves):
        for period, numerator in [("2023/24", 1), ("2024/25", 5 + at)]:
            ObservationFactory(
                indicator=screening,
                district=leaf,
                period=period,
                numerator=numerator,
                denominator=100,
            )
        ObservationFactory(
            indicator=noise, district=leaf, period="2021", numerator=at, denominator=100
        )
    index_save(
        municipality=municipality,
        spec=spec("poverty", "screening", "noise"),
        actor=None,
    )
    definition = IndexDefinition.objects.get(key="need")
    table = compute_table(definition=definition, period="2024")
    assert table.periods == ["2024", "2024/25", "2021"]
    assert table.rows[1].values[1] == pytest.approx(6.0)
    assert table.rows[1].values[2] == pytest.approx(1.0)
    earlier = compute_table(definition=definition, period="2020", allow_incomplete=True)
    assert earlier.periods == ["", "", ""]
    assert all(row.index is None for row in earlier.rows)


def test_a_version_saved_before_the_strict_format_still_computes(city):
    # saved when unknown keys were ignored: still ignored, not a broken page
    municipality, _tops, leaves = city
    version = index_save(
        municipality=municipality, spec=spec("poverty", "checkups"), actor=None
    )
    old = version.spec
    old["subindices"][0]["indicators"][0]["weigth"] = 2
    type(version).objects.filter(pk=version.pk).update(spec=old)
    definition = IndexDefinition.objects.get(key="need")
    table = compute_table(definition=definition, period="2024")
    assert [row.rank for row in table.rows if row.district.code == "B2-3"] == [1]
    with pytest.raises(ValidationError):  # saved again, it is refused
        index_save(municipality=municipality, spec=old, actor=None)
