"""`kette import_indicators`: long and wide form, CSV and XLSX, all or nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kette.core.models import AuditEntry
from kette.monitoring.models import Observation
from tests.monitoring.factories import IndicatorFactory, two_level_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    municipality, tops, leaves = two_level_city()
    IndicatorFactory(municipality=municipality, key="armut", name_de="Armutsquote")
    IndicatorFactory(
        municipality=municipality, key="kinder", name_de="Kinder", kind="count", unit=""
    )
    return municipality, tops, leaves


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def xlsx(tmp_path: Path, rows: list[list], sheet: str = "Daten") -> Path:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    path = tmp_path / "daten.xlsx"
    book.save(path)
    return path


def run(path: Path, municipality, *args: str) -> str:
    out = StringIO()
    call_command(
        "import_indicators",
        str(path),
        "--municipality",
        municipality.slug,
        *args,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def fails(path: Path, municipality, *args: str) -> str:
    with pytest.raises(CommandError) as raised:
        run(path, municipality, *args)
    assert not Observation.objects.exists()
    return str(raised.value)


def test_a_long_csv_with_rates_and_counts(city, tmp_path):
    municipality, _tops, leaves = city
    path = write(
        tmp_path,
        "long.csv",
        "district,period,indicator,value,numerator,denominator,status\n"
        "B1-1,2024,armut,25,25,100,final\n"
        "Stadtteil 1.2,2024,Armutsquote,,5,50,provisional\n"
        "B1-3,2024/25,kinder,120,,,\n",
    )
    output = run(path, municipality)
    assert "3" in output
    first = Observation.objects.get(district=leaves[0])
    assert (first.value, first.numerator, first.denominator) == (25, 25, 100)
    second = Observation.objects.get(district=leaves[1])
    assert second.value == pytest.approx(10.0)
    assert second.status == "provisional"
    count = Observation.objects.get(district=leaves[2])
    assert (count.period, count.value, count.indicator.key) == (
        "2024/25",
        120,
        "kinder",
    )
    assert AuditEntry.objects.filter(changes__has_key="file").count() == 2


def test_excel_csv_with_bom_semicolons_and_decimal_commas(city, tmp_path):
    municipality, _tops, leaves = city
    path = write(
        tmp_path,
        "excel.csv",
        "\ufeffBezirk;Jahr;Indikator;Wert\r\nB1-1;2023;armut;12,5\r\nB1-2;2023;armut;1.234,5\r\n",
    )
    run(path, municipality)
    values = dict(Observation.objects.values_list("district__code", "value"))
    assert values == {"B1-1": 12.5, "B1-2": 1234.5}


def test_a_wide_xlsx_needs_a_period_and_updates_on_reimport(city, tmp_path):
    municipality, _tops, leaves = city
    path = xlsx(
        tmp_path,
        [["Bezirk", "armut", "Kinder"], ["B1-1", 10.5, 30], ["Stadtteil 2.1", 20, 40]],
    )
    assert "--period" in fails(path, municipality)
    run(path, municipality, "--period", "2022")
    assert Observation.objects.count() == 4
    path = xlsx(tmp_path, [["Bezirk", "armut"], ["B1-1", 11]])
    output = run(path, municipality, "--period", "2022")
    assert "0" in output and "1" in output
    assert Observation.objects.count() == 4
    assert (
        Observation.objects.get(district=leaves[0], indicator__key="armut").value == 11
    )


def test_a_dry_run_writes_nothing(city, tmp_path):
    municipality, _tops, _leaves = city
    path = write(
        tmp_path, "d.csv", "district,period,indicator,value\nB1-1,2024,armut,3\n"
    )
    output = run(path, municipality, "--dry-run")
    assert "armut 2024: 1" in output
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "unknown.csv",
            "district,period,indicator,value\nAtlantis,2024,armut,3\nB1-1,2024,armut,3\n"
            "Lemuria,2024,armut,1\nAtlantis,2023,armut,2\n",
            ["Atlantis", "2, 5", "Lemuria", "4"],
        ),
        (
            "indicator.csv",
            "district,period,indicator,value\nB1-1,2024,reichtum,3\n",
            ["2", "indicator", "reichtum"],
        ),
        (
            "number.csv",
            "district,period,indicator,value\nB1-1,2024,armut,viel\n",
            ["2", "value", "viel"],
        ),
        (
            "period.csv",
            "district,period,indicator,value\nB1-1,2024/26,armut,3\n",
            ["2", "period", "2024/26"],
        ),
        (
            "ratio.csv",
            "district,period,indicator,numerator,denominator\nB1-1,2024,armut,30,20\n",
            ["2", "numerator", "30"],
        ),
        (
            "mismatch.csv",
            "district,period,indicator,value,numerator,denominator\n"
            "B1-1,2024,armut,50,30,100\n",
            ["2", "value", "50"],
        ),
        (
            "twice.csv",
            "district,period,indicator,value\nB1-1,2024,armut,3\nB1-1,2024,armut,4\n",
            ["3", "2"],
        ),
        ("nodistrict.csv", "period,indicator,value\n2024,armut,3\n", ["district"]),
        ("empty.csv", "", ["empty"]),
        (
            "latin1.csv",
            "district,period,indicator,value\nMünster,2024,armut,1\n",
            ["UTF-8"],
        ),
        (
            "negative.csv",
            "district,period,indicator,numerator,denominator\nB1-1,2024,armut,1,-4\n",
            ["denominator"],
        ),
        ("text.txt.pdf", "x", [".pdf"]),
    ],
)
def test_bad_files_name_row_and_column_and_write_nothing(
    city, tmp_path, name, content, expected
):
    municipality, _tops, _leaves = city
    encoding = "latin-1" if name.startswith("latin1") else "utf-8"
    message = fails(write(tmp_path, name, content, encoding), municipality)
    assert name in message
    for part in expected:
        assert part in message


def test_a_missing_sheet_is_named(city, tmp_path):
    municipality, _tops, _leaves = city
    path = xlsx(tmp_path, [["Bezirk", "armut"], ["B1-1", 1]])
    message = fails(path, municipality, "--period", "2024", "--sheet", "Tabelle9")
    assert "Tabelle9" in message and "Daten" in message


def test_an_xlsx_problem_names_sheet_row_and_column(city, tmp_path):
    municipality, _tops, _leaves = city
    path = xlsx(tmp_path, [["Bezirk", "armut"], ["B1-1", 1], ["B1-2", "x"]])
    message = fails(path, municipality, "--period", "2024")
    assert "Daten" in message and "3" in message and "armut" in message


def test_data_land_in_the_given_municipality_only(city, tmp_path):
    municipality, _tops, _leaves = city
    other, _t, _l = two_level_city()
    IndicatorFactory(municipality=other, key="armut")
    path = write(
        tmp_path, "d.csv", "district,period,indicator,value\nB1-1,2024,armut,3\n"
    )
    run(path, other)
    assert Observation.objects.get().municipality == other


def test_unknown_indicators_are_named_with_their_rows_and_how_to_add_them(
    city, tmp_path
):
    municipality, _tops, _leaves = city
    path = write(
        tmp_path,
        "neu.csv",
        "district,period,indicator,value\nB1-1,2024,reichtum,3\n"
        "B1-1,2024,glueck,3\nB1-2,2024,reichtum,3\nB1-3,2024,armut,3\n",
    )
    message = fails(path, municipality)
    assert "“reichtum” (Zeilen 2, 4); “glueck” (Zeile 3)" in message
    assert f"kette import_catalogue DATEI --municipality {municipality.slug}" in message
    assert "reichtum, glueck" in message
    wide = xlsx(tmp_path, [["Bezirk", "armut", "reichtum"], ["B1-1", 1, 2]])
    message = fails(wide, municipality, "--period", "2024")
    assert "“reichtum” (Zeile 1)" in message and "import_catalogue" in message
