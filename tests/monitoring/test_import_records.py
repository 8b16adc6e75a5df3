"""`kette import_records`: person rows → counts per district and period, with
persons counted once by a keyed pseudonym; all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kette.core.models import AuditEntry
from kette.monitoring.models import Indicator, Observation
from kette.monitoring.records.demo import REPEATED, SPEC, write_demo_screening
from kette.monitoring.records.pseudonyms import key_path, pseudonymiser_for
from tests.core.factories import DistrictFactory, square
from tests.monitoring.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

HEADER = "Vorname;Nachname;Geburtsdatum;Bezirk;Jahr;Sprache;Masern\n"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def city(municipality):
    """Nordstadt (0101) north of Südstadt (0102), each 0.1° square."""
    north = DistrictFactory(
        municipality=municipality,
        code="0101",
        name="Nordstadt",
        geometry=square(7.0, 51.5, 0.1),
    )
    south = DistrictFactory(
        municipality=municipality,
        code="0102",
        name="Südstadt",
        geometry=square(7.0, 51.4, 0.1),
    )
    return municipality, north, south


def spec_data(**changes) -> dict:
    data = {
        "format": "kette-records/1",
        "name": "Schuleingangsuntersuchung",
        "source": "Gesundheitsamt",
        "identifier": ["Vorname", "Nachname", "Geburtsdatum"],
        "district": {"code": "Bezirk"},
        "period": {"column": "Jahr"},
        "characteristics": [
            {
                "indicator": "sprache",
                "name_de": "Sprachförderbedarf",
                "column": "Sprache",
                "counts_when": ["ja"],
            },
            {
                "indicator": "masern",
                "name_de": "Fehlende Masernimpfung",
                "column": "Masern",
                "counts_when": ["keine"],
                "missing_when": ["unbekannt"],
                "polarity": "higher_is_worse",
            },
        ],
        "population": {"indicator": "untersucht", "name_de": "Untersuchte Kinder"},
    }
    data.update(changes)
    return data


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def write_spec(tmp_path: Path, **changes) -> Path:
    return write(tmp_path, "spec.json", json.dumps(spec_data(**changes)))


def run(municipality, path: Path, spec: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "import_records",
        str(path),
        "--municipality",
        municipality.slug,
        "--spec",
        str(spec),
        *args,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def fails(municipality, path: Path, spec: Path, *args: str) -> str:
    indicators = Indicator.objects.count()
    with pytest.raises(CommandError) as raised:
        run(municipality, path, spec, *args)
    assert not Observation.objects.exists()
    assert Indicator.objects.count() == indicators
    assert not AuditEntry.objects.exists()
    return str(raised.value)


def figures(key: str) -> dict[tuple[str, str], tuple]:
    """{(district code, period): (value, numerator, denominator)} of an indicator."""
    return {
        (o.district.code, o.period): (o.value, o.numerator, o.denominator)
        for o in Observation.objects.filter(indicator__key=key).select_related(
            "district"
        )
    }


GOOD = HEADER + (
    "Anna;Arndt;01.02.2018;0101;2024;ja;keine\n"
    "Ben;Bauer;02.03.2018;0101;2024;nein;2 Dosen\n"
    "Cem;Celik;03.04.2018;Nordstadt;2024;ja;unbekannt\n"
    "Dana;Dorn;04.05.2018;0102;2024;nein;\n"
    "Emil;Ernst;05.06.2018;0102;2024;;keine\n"
    "Anna;Arndt;01.02.2019;0101;2025;nein;1 Dosis\n"
)


def test_counts_per_district_and_period_by_district_code(city, tmp_path):
    municipality, north, south = city
    out, _err = run(
        municipality, write(tmp_path, "seu.csv", GOOD), write_spec(tmp_path)
    )
    assert "seu.csv" in out
    assert figures("sprache") == {
        ("0101", "2024"): (pytest.approx(200 / 3), 2, 3),
        ("0102", "2024"): (0.0, 0, 1),  # no answer: not in the denominator
        ("0101", "2025"): (0.0, 0, 1),
    }
    assert figures("masern") == {
        ("0101", "2024"): (50.0, 1, 2),  # "unbekannt" is no answer
        ("0102", "2024"): (100.0, 1, 1),
        ("0101", "2025"): (0.0, 0, 1),  # "1 Dosis" is not in counts_when
    }
    assert figures("untersucht") == {
        ("0101", "2024"): (3, None, None),
        ("0102", "2024"): (2, None, None),
        ("0101", "2025"): (1, None, None),
    }
    sprache = Indicator.objects.get(municipality=municipality, key="sprache")
    assert (sprache.kind, sprache.source, sprache.is_published) == (
        "rate",
        "Gesundheitsamt",
        False,
    )
    assert Indicator.objects.get(key="untersucht").kind == "count"
    assert AuditEntry.objects.filter(object_id=str(sprache.pk)).count() == 2


def test_districts_by_point_with_a_fixed_period(city, tmp_path):
    municipality, _north, _south = city
    spec = write_spec(
        tmp_path,
        district={"lat": "Breite", "lon": "Länge"},
        period={"value": "2024/25"},
    )
    path = write(
        tmp_path,
        "punkte.csv",
        "Vorname;Nachname;Geburtsdatum;Breite;Länge;Sprache;Masern\n"
        "Anna;Arndt;01.02.2018;51,55;7,05;ja;keine\n"
        "Ben;Bauer;02.03.2018;51.45;7.02;ja;keine\n"
        "Cem;Celik;03.04.2018;51,45;7,08;nein;keine\n",
    )
    run(municipality, path, spec)
    assert figures("sprache") == {
        ("0101", "2024/25"): (100.0, 1, 1),
        ("0102", "2024/25"): (50.0, 1, 2),
    }
    assert Indicator.objects.get(key="sprache").periodicity == "school_year"


def test_an_xlsx_sheet_with_date_cells(city, tmp_path):
    municipality, _north, _south = city
    book = Workbook()
    book.active.title = "Daten"
    book.active.append(HEADER.strip().split(";"))
    book.active.append(
        ["Anna", "Arndt", dt.datetime(2018, 2, 1), "0101", 2024, "ja", "keine"]
    )
    book.active.append(
        ["Ben", "Bauer", dt.datetime(2018, 3, 2), "0102", 2024, "nein", ""]
    )
    path = tmp_path / "seu.xlsx"
    book.save(path)
    run(municipality, path, write_spec(tmp_path), "--sheet", "Daten")
    assert figures("sprache") == {
        ("0101", "2024"): (100.0, 1, 1),
        ("0102", "2024"): (0.0, 0, 1),
    }
    # a date cell is the same birth date as the text 01.02.2018
    pseudonymise = pseudonymiser_for(municipality.slug)
    assert pseudonymise(["Anna", "Arndt", "2018-02-01 00:00:00"]) == pseudonymise(
        ["Anna", "Arndt", "01.02.2018"]
    )


def test_a_person_listed_twice_is_counted_once_and_reported(city, tmp_path):
    municipality, _north, _south = city
    path = write(
        tmp_path,
        "doppelt.csv",
        HEADER + "Anna;Arndt;01.02.2018;0101;2024;ja;keine\n"
        "Ben;Bauer;02.03.2018;0101;2024;nein;keine\n"
        "ANNA ; arndt;2018-02-01;0101;2024;ja;keine\n",
    )
    _out, err = run(municipality, path, write_spec(tmp_path))
    assert figures("untersucht") == {("0101", "2024"): (2, None, None)}
    assert figures("sprache") == {("0101", "2024"): (50.0, 1, 2)}
    assert "2 = 4" in err


@pytest.mark.parametrize(
    ("spec_text", "where"),
    [
        ("{not json", "line 1"),
        (
            json.dumps({k: v for k, v in spec_data().items() if k != "identifier"}),
            "identifier",
        ),
        (json.dumps(spec_data(format="kette-records/0")), "format"),
        (json.dumps(spec_data(district={"code": "Bezirk", "lat": "B"})), "district"),
        (json.dumps(spec_data(period={"value": "2024/26"})), "period.value"),
        (
            json.dumps(
                spec_data(
                    characteristics=[
                        {
                            "indicator": "x",
                            "name_de": "X",
                            "column": "Sprache",
                            "counts_when": ["ja"],
                            "polarity": "up",
                        }
                    ]
                )
            ),
            "characteristics[0].polarity",
        ),  # fmt: skip
        (
            json.dumps(
                spec_data(
                    characteristics=[
                        {
                            "indicator": "x",
                            "name_de": "X",
                            "column": "Vorname",
                            "counts_when": ["ja"],
                        }
                    ]
                )
            ),
            "characteristics[0].column",
        ),  # fmt: skip
        (json.dumps(spec_data(extra=1)), "extra"),
        # birth dates as periods would be stored with the figures
        (json.dumps(spec_data(period={"column": "Geburtsdatum"})), "period.column"),
        (json.dumps(spec_data(district={"code": "Nachname"})), "district.code"),
        (json.dumps(spec_data(name="S" * 201)), "name"),
        (json.dumps(spec_data(source="Q" * 201)), "source"),
    ],
)
def test_a_wrong_spec_is_named_with_its_field(
    city, tmp_path, english, spec_text, where
):
    municipality, _north, _south = city
    spec = write(tmp_path, "falsch.json", spec_text)
    message = fails(municipality, write(tmp_path, "seu.csv", GOOD), spec)
    assert "falsch.json" in message
    assert where in message


def test_a_column_the_file_lacks_is_named_with_the_spec_field(city, tmp_path):
    municipality, _north, _south = city
    characteristics = spec_data()["characteristics"]
    characteristics[1]["column"] = "Masernimpfung"
    spec = write_spec(tmp_path, characteristics=characteristics)
    message = fails(municipality, write(tmp_path, "seu.csv", GOOD), spec)
    assert "seu.csv: 1: Masernimpfung: " in message
    assert "characteristics[1].column" in message


@pytest.mark.parametrize(
    ("rows", "place"),
    [
        ("Anna;Arndt;01.02.2018;0101;2024/26;ja;keine\n", "seu.csv: 2: Jahr: "),
        ("Anna;Arndt;01.02.2018;0101;;ja;keine\n", "seu.csv: 2: Jahr: "),
        ("Anna;;01.02.2018;0101;2024;ja;keine\n", "seu.csv: 2: Nachname: "),
        (
            "Anna;Arndt;01.02.2018;0101;2024;ja;keine\n"
            "Ben;Bauer;02.03.2018;0199;2024;ja;keine\n"
            "Cem;Celik;03.04.2018;;2024;ja;keine\n",
            "rows: 3, 4",
        ),
    ],
)
def test_a_wrong_row_is_named_and_nothing_is_written(
    city, tmp_path, english, rows, place
):
    municipality, _north, _south = city
    path = write(tmp_path, "seu.csv", HEADER + rows)
    assert place in fails(municipality, path, write_spec(tmp_path))


def test_points_outside_the_city_or_not_numbers_are_named(city, tmp_path, english):
    municipality, _north, _south = city
    spec = write_spec(tmp_path, district={"lat": "Breite", "lon": "Länge"})
    header = "Vorname;Nachname;Geburtsdatum;Breite;Länge;Jahr;Sprache;Masern\n"
    outside = write(
        tmp_path,
        "aussen.csv",
        header + "Anna;Arndt;01.02.2018;51,55;7,05;2024;ja;keine\n"
        "Ben;Bauer;02.03.2018;52,0;7,05;2024;ja;keine\n",
    )
    message = fails(municipality, outside, spec)
    assert "aussen.csv: Breite, Länge: " in message
    assert "rows: 3" in message
    broken = write(
        tmp_path, "kaputt.csv", header + "Anna;Arndt;01.02.2018;Nord;7,05;2024;ja;x\n"
    )
    assert "kaputt.csv: 2: Breite: " in fails(municipality, broken, spec)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        HEADER.encode(),
        (HEADER + "Jörg;Öz;01.02.2018;0101;2024;ja;k\n").encode("cp1252"),
    ],
)
def test_empty_header_only_and_non_utf8_files_fail(city, tmp_path, content):
    municipality, _north, _south = city
    path = write(tmp_path, "leer.csv", content)
    assert "leer.csv" in fails(municipality, path, write_spec(tmp_path))


def test_an_existing_indicator_of_another_kind_is_not_overwritten(city, tmp_path):
    municipality, _north, _south = city
    IndicatorFactory(municipality=municipality, key="untersucht", kind="rate")
    message = fails(
        municipality, write(tmp_path, "seu.csv", GOOD), write_spec(tmp_path)
    )
    assert "population.indicator" in message


def test_unplaced_rows_can_be_left_out_and_are_reported(city, tmp_path, english):
    municipality, _north, _south = city
    path = write(
        tmp_path,
        "seu.csv",
        HEADER + "Anna;Arndt;01.02.2018;0101;2024;ja;keine\n"
        "Ben;Bauer;02.03.2018;0199;2024;ja;keine\n",
    )
    _out, err = run(municipality, path, write_spec(tmp_path), "--skip-unplaced")
    assert figures("untersucht") == {("0101", "2024"): (1, None, None)}
    assert "rows: 3" in err


def test_a_second_import_updates_the_figures(city, tmp_path):
    municipality, _north, _south = city
    spec = write_spec(tmp_path)
    run(municipality, write(tmp_path, "seu.csv", GOOD), spec)
    count = Observation.objects.count()
    corrected = GOOD.replace(
        "Ben;Bauer;02.03.2018;0101;2024;nein", "Ben;Bauer;02.03.2018;0101;2024;ja"
    )
    run(municipality, write(tmp_path, "seu.csv", corrected), spec)
    assert Observation.objects.count() == count
    assert figures("sprache")[("0101", "2024")] == (100.0, 3, 3)
    assert Indicator.objects.filter(key="sprache").count() == 1


def test_a_dry_run_writes_nothing_not_even_the_key(city, tmp_path, data_dir):
    municipality, _north, _south = city
    out, _err = run(
        municipality,
        write(tmp_path, "seu.csv", GOOD),
        write_spec(tmp_path),
        "--dry-run",
    )
    assert "sprache" in out
    assert not Observation.objects.exists()
    assert not Indicator.objects.exists()
    assert not AuditEntry.objects.exists()
    assert not key_path(municipality.slug).exists()


def test_the_key_is_made_once_private_and_gives_stable_pseudonyms(
    city, tmp_path, other_municipality
):
    municipality, _north, _south = city
    path, spec = write(tmp_path, "seu.csv", GOOD), write_spec(tmp_path)
    run(municipality, path, spec)
    key = key_path(municipality.slug)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert len(key.read_bytes()) == 32
    person = ["Anna", "Arndt", "01.02.2018"]
    first = pseudonymiser_for(municipality.slug)(person)
    secret = key.read_bytes()
    run(municipality, path, spec)
    assert key.read_bytes() == secret
    assert pseudonymiser_for(municipality.slug)(person) == first
    assert (
        pseudonymiser_for(municipality.slug)([" anna", "ARNDT", "2018-02-01"]) == first
    )
    assert pseudonymiser_for(other_municipality.slug)(person) != first


def test_the_demo_screening_imports_cleanly_with_the_shipped_spec(
    municipality, tmp_path
):
    for at, code in enumerate(["0101", "0102", "0301", "0403"]):
        DistrictFactory(
            municipality=municipality, code=code, geometry=square(6.8 + 0.02 * at, 51.4)
        )
    path = tmp_path / "seu-2025.csv"
    rows = write_demo_screening(path, municipality, 2025, "test")
    run(municipality, path, SPEC)
    examined = figures("seu-untersuchte")
    assert len(examined) == 4
    assert sum(value for value, _n, _d in examined.values()) == rows - REPEATED
    for key in ("seu-sprachfoerderbedarf", "seu-masern-unvollstaendig"):
        assert all(0 < d <= 1500 and 0 <= n <= d for _v, n, d in figures(key).values())


def test_a_file_without_a_header_row_does_not_show_its_first_person(city, tmp_path):
    municipality, _north, _south = city
    headless = GOOD.split("\n", 1)[1]
    message = fails(
        municipality, write(tmp_path, "seu.csv", headless), write_spec(tmp_path)
    )
    assert "seu.csv: 1: Vorname: " in message
    first = headless.split("\n", 1)[0].split(";")
    assert not [cell for cell in first[:3] if cell in message]


def test_indicators_of_one_import_are_linked_for_disclosure_control(city, tmp_path):
    municipality, _north, _south = city
    # an indicator already in the catalogue joins the records it is counted from
    masern = IndicatorFactory(municipality=municipality, key="masern")
    run(municipality, write(tmp_path, "seu.csv", GOOD), write_spec(tmp_path))
    linked = Indicator.objects.filter(municipality=municipality)
    assert dict(linked.values_list("key", "record_source")) == {
        "sprache": "Schuleingangsuntersuchung",
        "masern": "Schuleingangsuntersuchung",
        "untersucht": "Schuleingangsuntersuchung",
    }
    entry = AuditEntry.objects.get(
        object_id=str(masern.pk), changes__has_key="record_source"
    )
    assert entry.changes["record_source"] == ["", "Schuleingangsuntersuchung"]
    # a later import under another name keeps the link the figures have
    run(
        municipality,
        write(tmp_path, "seu.csv", GOOD),
        write_spec(tmp_path, name="SEU 2025"),
    )
    assert set(linked.values_list("record_source", flat=True)) == {
        "Schuleingangsuntersuchung"
    }
