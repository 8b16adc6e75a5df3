"""Monitoring's import routes keep the upload limits: index definitions,
indicator data and records, on the web and on the command line. A file over
a limit is refused with a message naming it (sheet, row) and the limit; nothing
is written and nothing answers 500."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from kette.core.models import Role
from kette.monitoring.models import Observation
from tests.core.factories import user_with_role
from tests.core.upload_files import (
    deep_json,
    xlsx_far_cell,
    xlsx_huge_dimension,
    xlsx_wide_header,
)
from tests.monitoring.pages_world import build_world
from tests.monitoring.test_import_records import write_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def planner(client, world):
    client.force_login(user_with_role(world.municipality, Role.PLANNER))
    return client


def staff_url(world, name: str) -> str:
    return reverse(
        f"monitoring:staff_{name}", kwargs={"municipality": world.municipality.slug}
    )


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def command_fails(*args: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=StringIO(), stderr=StringIO())
    return str(raised.value)


# --- Index definitions ---


def test_a_definition_nested_50000_deep_is_refused_on_the_web(planner, world):
    response = planner.post(
        staff_url(world, "index_upload"), {"file": upload("tief.json", deep_json())}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "tief.json: die JSON-Daten sind tiefer als 64 Ebenen verschachtelt" in page
    assert world.index.versions.count() == 1


@override_settings(KETTE_MAX_DEFINITION_MB=0.01)
def test_a_definition_over_the_limit_is_refused_on_the_web(planner, world):
    big = json.dumps({"format": "kette-index/1", "note": "x" * 20_000}).encode()
    response = planner.post(
        staff_url(world, "index_upload"), {"file": upload("gross.json", big)}
    )
    assert response.status_code == 400
    assert "gross.json: die Datei ist größer als 0,01 MB" in response.content.decode()
    assert world.index.versions.count() == 1


def test_a_deep_definition_is_refused_by_the_command(world, tmp_path, english):
    path = tmp_path / "tief.json"
    path.write_bytes(deep_json())
    message = command_fails("import_index", world.municipality.slug, str(path))
    assert "nothing saved" in message
    assert "nested more than 64 levels deep (line 1)" in message
    assert world.index.versions.count() == 1


@override_settings(KETTE_MAX_DEFINITION_MB=0.01)
def test_a_definition_over_the_limit_is_refused_by_the_command(
    world, tmp_path, english
):
    path = tmp_path / "gross.json"
    path.write_text(json.dumps({"note": "x" * 20_000}), encoding="utf-8")
    message = command_fails("import_index", world.municipality.slug, str(path))
    assert "gross.json: nothing saved: the file is larger than 0.01 MB" in message


# --- Indicator data ---


@pytest.mark.parametrize(
    "make, expected",
    [
        (
            lambda: xlsx_wide_header(50_000),
            "daten.xlsx: Blatt Daten, Zeile 1: die Tabelle hat mehr als 1.000 Spalten",
        ),
        (
            xlsx_huge_dimension,
            "daten.xlsx: Blatt Daten: die Tabelle hat mehr als 1.000.000 Zeilen",
        ),
        (
            xlsx_far_cell,
            "daten.xlsx: Blatt Daten: die Tabelle hat mehr als 1.000.000 Zeilen",
        ),
    ],
)
def test_an_xlsx_too_wide_or_too_long_is_refused_before_it_is_read(
    planner, world, make, expected
):
    before = Observation.objects.count()
    response = planner.post(
        staff_url(world, "data_import"),
        {"file": upload("daten.xlsx", make()), "action": "import"},
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert Observation.objects.count() == before


@override_settings(KETTE_MAX_TABLE_COLUMNS=3, KETTE_MAX_TABLE_ROWS=2)
def test_a_csv_with_too_many_columns_or_rows_is_refused(planner, world):
    path = staff_url(world, "data_import")
    wide = "district;period;indicator;value;note\nB1-2;2025;poverty;3;x\n"
    response = planner.post(path, {"file": upload("breit.csv", wide.encode())})
    assert "breit.csv: die Tabelle hat mehr als 3 Spalten" in response.content.decode()
    long = "district;poverty\nB1-2;1\nB1-3;2\nB1-2;3\n"
    response = planner.post(
        path, {"file": upload("lang.csv", long.encode()), "period": "2025"}
    )
    assert response.status_code == 400
    assert "lang.csv: die Tabelle hat mehr als 2 Zeilen" in response.content.decode()


@override_settings(KETTE_MAX_UPLOAD_MB=0.01)
def test_a_data_file_over_the_limit_is_refused_before_it_is_kept(planner, world):
    text = "district;period;indicator;value\n" + "B1-2;2025;poverty;3\n" * 1000
    response = planner.post(
        staff_url(world, "data_import"), {"file": upload("werte.csv", text.encode())}
    )
    assert response.status_code == 400
    assert "werte.csv: die Datei ist größer als 0,01 MB" in response.content.decode()
    assert response.context["stash"] is None


@override_settings(KETTE_MAX_UNPACKED_MB=0.01)
def test_an_xlsx_that_unpacks_too_large_is_refused_by_the_command(
    world, tmp_path, english
):
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(xlsx_wide_header(2_000))
    message = command_fails(
        "import_indicators", str(path), "--municipality", world.municipality.slug
    )
    assert "bombe.xlsx: the archive unpacks to" in message
    assert "more than the 0.01 MB allowed" in message


def test_an_xlsx_with_a_cell_far_out_is_refused_by_the_command(
    world, tmp_path, english
):
    path = tmp_path / "weit.xlsx"
    path.write_bytes(xlsx_far_cell())
    message = command_fails(
        "import_indicators", str(path), "--municipality", world.municipality.slug
    )
    assert "weit.xlsx: sheet Daten: the table has more than 1,000,000 rows" in message


# --- Records ---


def test_a_records_file_with_a_huge_header_is_refused(world, tmp_path, english):
    path = tmp_path / "schule.xlsx"
    path.write_bytes(xlsx_wide_header(50_000))
    message = command_fails(
        "import_records",
        str(path),
        "--municipality",
        world.municipality.slug,
        "--spec",
        str(write_spec(tmp_path)),
    )
    assert "schule.xlsx: sheet Daten, row 1: the table has more than 1,000 columns" in (
        message
    )


def test_a_deep_records_spec_is_refused(world, tmp_path, english):
    spec = Path(tmp_path / "spec.json")
    spec.write_bytes(deep_json())
    data = tmp_path / "schule.csv"
    data.write_text("Vorname;Nachname\n", encoding="utf-8")
    message = command_fails(
        "import_records",
        str(data),
        "--municipality",
        world.municipality.slug,
        "--spec",
        str(spec),
    )
    assert "nested more than 64 levels deep" in message


def test_a_definition_in_latin_1_is_named_with_its_line(world, tmp_path, english):
    path = tmp_path / "alt.json"
    path.write_bytes('{\n"name": "Bezirksübersicht"}'.encode("latin-1"))
    message = command_fails("import_index", world.municipality.slug, str(path))
    assert "alt.json: not UTF-8 text (byte 0xFC in line 2)" in message
    assert "codec" not in message
