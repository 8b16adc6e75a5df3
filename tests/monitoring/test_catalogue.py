"""The indicator catalogue: the create and update services, and the catalogue
import and export (`kette import_catalogue`, `kette export_catalogue`)."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from kette.core.models import AuditEntry, FieldOfAction
from kette.monitoring import selectors
from kette.monitoring.importers.catalogue import catalogue_csv, catalogue_xlsx
from kette.monitoring.models import Indicator
from kette.monitoring.services.indicators import indicator_create, indicator_update
from tests.core.factories import MunicipalityFactory
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)

pytestmark = pytest.mark.django_db

HEADER = "Schlüssel;Name (Deutsch);Art;Einheit;Mindestfallzahl;Lizenz\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def import_fails(path: Path, municipality) -> str:
    before = (Indicator.objects.count(), AuditEntry.objects.count())
    with pytest.raises(CommandError) as raised:
        run("import_catalogue", str(path), "--municipality", municipality.slug)
    assert (Indicator.objects.count(), AuditEntry.objects.count()) == before
    return str(raised.value)


def test_creating_an_indicator_is_audited_and_comes_last(municipality, coordinator):
    IndicatorFactory(municipality=municipality, position=4)
    health = FieldOfAction.objects.get(code="health")
    indicator = indicator_create(
        municipality=municipality,
        actor=coordinator,
        key="zahngesundheit",
        name_de="Kariesfreie Gebisse",
        kind="rate",
        licence="dl-de/by-2-0",
        minimum_count=10,
        field_of_action=health,
    )
    assert indicator.position == 5 and not indicator.is_published
    entry = AuditEntry.objects.get(object_id=str(indicator.pk), action="create")
    assert entry.actor == coordinator
    assert entry.changes["licence"] == [None, "dl-de/by-2-0"]
    assert entry.changes["minimum_count"] == [None, 10]


def test_a_taken_key_and_a_low_minimum_count_are_refused_by_field(municipality):
    IndicatorFactory(municipality=municipality, key="armut")
    with pytest.raises(ValidationError) as raised:
        indicator_create(
            municipality=municipality,
            actor=None,
            key="armut",
            name_de="Armut",
            minimum_count=2,
        )
    assert set(raised.value.message_dict) == {"key", "minimum_count"}
    assert Indicator.objects.count() == 1


def test_the_same_key_in_another_municipality_is_free(municipality, other_municipality):
    IndicatorFactory(municipality=other_municipality, key="armut")
    indicator_create(
        municipality=municipality, actor=None, key="armut", name_de="Armut"
    )
    assert Indicator.objects.filter(key="armut").count() == 2


def test_a_minimum_count_raises_the_threshold_for_its_indicator_only():
    municipality, _tops, leaves = two_level_city(parents=1, children=2)
    counts = IndicatorFactory(municipality=municipality, kind="count", unit="")
    for leaf, value in zip(leaves, (7, 30), strict=True):
        ObservationFactory(indicator=counts, district=leaf, value=value, numerator=None)

    def shown() -> list:
        found = selectors.figures(indicator=counts, period="2024", public=True)
        return [found.of(leaf.pk).shown for leaf in leaves]

    assert shown() == [7, 30]  # k = 5
    indicator_update(indicator=counts, actor=None, minimum_count=10)
    assert shown() == [None, None]  # 7 < 10, and its partner with it


def test_updating_records_only_what_changed_and_keeps_the_key(
    municipality, coordinator
):
    indicator = IndicatorFactory(municipality=municipality, key="armut", source="")
    assert indicator_update(indicator=indicator, actor=coordinator, source="Jobcenter")
    entry = AuditEntry.objects.get(object_id=str(indicator.pk), action="update")
    assert entry.changes == {"source": ["", "Jobcenter"]}
    assert not indicator_update(
        indicator=indicator, actor=coordinator, source="Jobcenter"
    )
    assert AuditEntry.objects.filter(object_id=str(indicator.pk)).count() == 1
    with pytest.raises(ValidationError) as raised:
        indicator_update(indicator=indicator, actor=coordinator, key="armut-neu")
    assert "key" in raised.value.message_dict
    assert Indicator.objects.get(pk=indicator.pk).key == "armut"


def test_a_rate_needs_a_positive_scale(municipality):
    indicator = IndicatorFactory(municipality=municipality)
    with pytest.raises(ValidationError) as raised:
        indicator_update(indicator=indicator, actor=None, scale=0)
    assert "scale" in raised.value.message_dict


def test_importing_a_csv_adds_and_changes_indicators(municipality, tmp_path):
    IndicatorFactory(municipality=municipality, key="armut", name_de="Alt", unit="%")
    path = write(
        tmp_path,
        "katalog.csv",
        HEADER + "armut;Armutsquote;Quote (Zähler / Nenner);%;;\n"
        "kinder;Kinder unter 6;count;;10;dl-de/by-2-0\n",
    )
    output = run("import_catalogue", str(path), "--municipality", municipality.slug)
    assert "1" in output and "kinder" in output
    assert Indicator.objects.get(key="armut").name_de == "Armutsquote"
    kinder = Indicator.objects.get(key="kinder")
    assert (kinder.kind, kinder.minimum_count, kinder.licence) == (
        "count",
        10,
        "dl-de/by-2-0",
    )
    names = set(AuditEntry.objects.values_list("actor_name", "action"))
    assert names == {
        ("import_catalogue (command line)", "create"),
        ("import_catalogue (command line)", "update"),
    }


def test_a_dry_run_writes_nothing(municipality, tmp_path):
    path = write(tmp_path, "katalog.csv", HEADER + "kinder;Kinder;count;;;\n")
    output = run(
        "import_catalogue", str(path), "--municipality", municipality.slug, "--dry-run"
    )
    assert "kinder" in output
    assert not Indicator.objects.exists() and not AuditEntry.objects.exists()


def test_import_problems_name_file_row_and_column_and_nothing_is_written(
    municipality, tmp_path
):
    IndicatorFactory(municipality=municipality, key="armut", name_de="Armut")
    path = write(
        tmp_path,
        "katalog.csv",
        HEADER + "armut;Armut geändert;rate;%;;\n"  # valid, but rolled back
        "kinder;;Menge;;2;\n"
        "kinder;Kinder;count;;zehn;\n"
        ";Ohne Schlüssel;count;;;\n",
    )
    message = import_fails(path, municipality)
    assert f"{path}: 3: Name (Deutsch):" in message  # a new one needs a name
    assert f"{path}: 3: Art: unbekannter Wert „Menge“" in message
    assert f"{path}: 3: Mindestfallzahl:" in message  # below 3
    assert f"{path}: 4: Mindestfallzahl: „zehn“ ist keine ganze Zahl" in message
    assert f"{path}: 5: Schlüssel: jede Zeile braucht einen Schlüssel" in message
    assert Indicator.objects.get(key="armut").name_de == "Armut"


def test_a_key_twice_and_an_unknown_column_are_named(municipality, tmp_path):
    path = write(
        tmp_path, "katalog.csv", "key;German name\nkinder;Kinder\nkinder;Kinder\n"
    )
    assert "3: key: derselbe Schlüssel wie in Zeile 2" in import_fails(
        path, municipality
    )
    path = write(tmp_path, "spalten.csv", "Schlüssel;Farbe\nkinder;blau\n")
    message = import_fails(path, municipality)
    assert "1: Farbe: unbekannte Spalte" in message and "Lizenz" in message
    path = write(tmp_path, "ohne.csv", "Name (Deutsch)\nKinder\n")
    assert "keine Spalte „Schlüssel“" in import_fails(path, municipality)


def test_a_file_with_only_the_header_is_refused(municipality, tmp_path):
    path = write(tmp_path, "leer.csv", HEADER)
    assert "leer.csv" in import_fails(path, municipality)


def test_an_xlsx_problem_names_the_sheet(municipality, tmp_path):
    book = Workbook()
    book.active.title = "Katalog"
    book.active.append(["Schlüssel", "Name (Deutsch)", "Richtung"])
    book.active.append(["kinder", "Kinder", "seitwärts"])
    path = tmp_path / "katalog.xlsx"
    book.save(path)
    message = import_fails(path, municipality)
    assert (
        "Katalog" in message and "2: Richtung: unbekannter Wert „seitwärts“" in message
    )


def _full_catalogue(municipality):
    IndicatorFactory(
        municipality=municipality,
        key="armut",
        name_de="Armutsquote",
        definition_de="=Anteil; mit Semikolon\nund Zeilenumbruch",
        numerator_definition="-Kinder im SGB II",
        scale=1000,
        polarity="higher_is_worse",
        periodicity="school_year",
        licence="CC BY 4.0",
        minimum_count=7,
        record_source="Schuleingangsuntersuchung",
        field_of_action=FieldOfAction.objects.get(code="health"),
    )
    IndicatorFactory(
        municipality=municipality,
        key="mittel",
        name_de="Mittlerer dmft",
        kind="value",
        unit="",
        scale=2.5,
        polarity="higher_is_better",
    )


FIELDS = (
    "key name_de name_en definition_de kind unit scale numerator_definition "
    "polarity periodicity licence minimum_count record_source field_of_action_id"
).split()


def _described(municipality) -> list[tuple]:
    return list(
        Indicator.objects.filter(municipality=municipality)
        .order_by("key")
        .values_list(*FIELDS)
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_export_reads_back_into_another_municipality(
    municipality, tmp_path, suffix
):
    _full_catalogue(municipality)
    other = MunicipalityFactory()
    path = tmp_path / f"katalog{suffix}"
    run("export_catalogue", str(path), "--municipality", municipality.slug)
    run("import_catalogue", str(path), "--municipality", other.slug)
    assert _described(other) == _described(municipality)
    # reading it back into the same catalogue changes nothing
    output = run("import_catalogue", str(path), "--municipality", municipality.slug)
    assert "hinzugefügt: 0, geändert: 0, unverändert: 2" in output


def test_the_csv_export_is_for_german_excel(municipality):
    _full_catalogue(municipality)
    text = catalogue_csv(municipality)
    assert text.startswith("\ufeffSchlüssel;Name (Deutsch);")
    assert ";2,5;" in text  # decimal comma
    assert "'=Anteil" in text and "'-Kinder" in text  # no formulas
    assert "Gesundheit" in text and "je Schuljahr" in text  # labels, not codes
    assert ";Einzeldatenquelle;" in text.splitlines()[0]
    assert ";Schuleingangsuntersuchung;" in text


def test_the_record_source_is_read_by_its_german_header(municipality, tmp_path):
    linked = IndicatorFactory(municipality=municipality, key="armut")
    path = write(
        tmp_path,
        "quellen.csv",
        "Schlüssel;Name (Deutsch);Einzeldatenquelle\n"
        "armut;Armutsquote;SEU 2024\n"
        "untersucht;Untersuchte Kinder;SEU 2024\n",
    )
    run("import_catalogue", str(path), "--municipality", municipality.slug)
    linked.refresh_from_db()
    new = Indicator.objects.get(municipality=municipality, key="untersucht")
    assert linked.record_source == new.record_source == "SEU 2024"
    entry = AuditEntry.objects.get(object_id=str(linked.pk), action="update")
    assert entry.changes["record_source"] == ["", "SEU 2024"]


def test_the_xlsx_export_has_the_same_columns(municipality):
    _full_catalogue(municipality)
    sheet = load_workbook(BytesIO(catalogue_xlsx(municipality))).active
    rows = list(sheet.iter_rows(values_only=True))
    first_csv_line = catalogue_csv(municipality).splitlines()[0].lstrip("\ufeff")
    assert ";".join(rows[0]) == first_csv_line
    assert len(rows) == 3


def test_export_refuses_an_unknown_file_type(municipality, tmp_path):
    with pytest.raises(CommandError, match="muss auf .csv oder .xlsx enden"):
        run(
            "export_catalogue",
            str(tmp_path / "k.json"),
            "--municipality",
            municipality.slug,
        )
    assert run("export_catalogue", "-", "--municipality", municipality.slug)
