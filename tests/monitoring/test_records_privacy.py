"""`kette import_records` keeps no trace of a person: after an import (and after a
failed one) no name, birth date, address, coordinate or pseudonym of the input
is in any table of the database, in a log record, a query or the output."""

from __future__ import annotations

import json
import logging
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.monitoring.models import Observation
from kette.monitoring.records.pseudonyms import key_path, pseudonymiser_for
from tests.core.factories import DistrictFactory, square

pytestmark = pytest.mark.django_db

PEOPLE = [
    # first name, last name, birth date, street, latitude, longitude
    ("Zebulonia", "Quaxenbrück", "17.03.2018", "Zwetschgenallee 77b", "51,45321", "7,04321"),
    ("Ottokar", "Wendelmuthshausen", "29.02.2016", "Quittenpfad 3", "51,55432", "7,05432"),
    ("Philippa", "Oyelaran-Stiebitz", "01.12.2017", "Mirabellenring 12", "51,56789", "7,06789"),
]  # fmt: skip
HEADER = "Vorname;Nachname;Geburtsdatum;Anschrift;Breite;Länge;Jahr;Sprache\n"
SPEC = {
    "format": "kette-records/1",
    "name": "Schuleingangsuntersuchung",
    "source": "Gesundheitsamt",
    "identifier": ["Vorname", "Nachname", "Geburtsdatum"],
    "district": {"lat": "Breite", "lon": "Länge"},
    "period": {"column": "Jahr"},
    "characteristics": [
        {
            "indicator": "sprache",
            "name_de": "Sprachförderbedarf",
            "column": "Sprache",
            "counts_when": ["ja"],
        }
    ],
    "population": {"indicator": "untersucht", "name_de": "Untersuchte Kinder"},
}


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def city(municipality):
    DistrictFactory(
        municipality=municipality, code="0101", geometry=square(7.0, 51.5, 0.1)
    )
    DistrictFactory(
        municipality=municipality, code="0102", geometry=square(7.0, 51.4, 0.1)
    )
    return municipality


def date_spellings(text: str) -> list[str]:
    day, month, year = text.split(".")
    d, m = str(int(day)), str(int(month))
    return [
        text,
        f"{year}-{month}-{day}",
        f"{d}.{m}.{year}",
        f"{day}/{month}/{year}",
        f"{year}/{month}/{day}",
        f"{year}{month}{day}",
        f"{day}.{month}.{year[2:]}",
    ]


def secrets_of(municipality) -> list[str]:
    """Everything about the people that must not be found anywhere."""
    found = []
    pseudonymise = pseudonymiser_for(municipality.slug, create=False)
    for first, last, born, street, lat, lon in PEOPLE:
        found += [first, last, f"{first} {last}", street, street.split()[0]]
        found += date_spellings(born)
        found += [lat, lat.replace(",", "."), lon, lon.replace(",", ".")]
        if key_path(municipality.slug).exists():
            pseudonym = pseudonymise([first, last, born])
            found += [pseudonym, pseudonym[:16], pseudonym.upper()]
    if key_path(municipality.slug).exists():
        secret = key_path(municipality.slug).read_bytes()
        found += [secret.hex(), secret.hex()[:16]]
    return [text.casefold() for text in found]


def database_dump() -> str:
    """Every value of every row of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # table names from the database itself, quoted: no user input
            query = f"SELECT * FROM {connection.ops.quote_name(table)}"  # noqa: S608
            cursor.execute(query)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).hex())
                        value = bytes(value).decode("utf-8", "replace")
                    parts.append(str(value))
    return "\n".join(parts).casefold()


def write_input(tmp_path: Path, rows: list[str]) -> tuple[Path, Path]:
    data = tmp_path / "seu.csv"
    data.write_text(HEADER + "".join(rows), encoding="utf-8")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    return data, spec


def row(person: tuple, year: str = "2024", answer: str = "ja") -> str:
    first, last, born, street, lat, lon = person
    return f"{first};{last};{born};{street};{lat};{lon};{year};{answer}\n"


def import_records(municipality, data: Path, spec: Path, *args: str) -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_records",
            str(data),
            "--municipality",
            municipality.slug,
            "--spec",
            str(spec),
            "-v2",
            *args,
            stdout=out,
            stderr=err,
        )
    except CommandError as error:
        err.write(str(error))
    return out.getvalue() + err.getvalue()


def assert_nowhere(secrets: list[str], *texts: str) -> None:
    for text in texts:
        leaked = [s for s in secrets if s in text.casefold()]
        assert not leaked, leaked


def test_no_person_data_is_left_in_the_database_logs_or_output(
    city, tmp_path, caplog, capsys
):
    caplog.set_level(logging.DEBUG)
    rows = [row(p) for p in PEOPLE]
    rows.append(row(PEOPLE[0], answer="nein"))  # a repeat: reported by row only
    rows.append(row(PEOPLE[1], year="2025"))
    data, spec = write_input(tmp_path, rows)
    with CaptureQueriesContext(connection) as queries:
        output = import_records(city, data, spec)
    assert Observation.objects.filter(municipality=city).count() == 6
    captured = capsys.readouterr()
    secrets = secrets_of(city)
    assert key_path(city.slug).exists()  # so the pseudonyms and key are searched too
    assert_nowhere(
        secrets,
        database_dump(),
        output,
        caplog.text,
        captured.out,
        captured.err,
        "\n".join(query["sql"] for query in queries.captured_queries),
    )


@pytest.mark.parametrize(
    "rows",
    [
        # a wrong period, an empty identifier, an unparsable coordinate
        [row(PEOPLE[0], year="2024/26"), row(PEOPLE[1])],
        [row(PEOPLE[0]).replace("Zebulonia", ""), row(PEOPLE[1])],
        [row(PEOPLE[0]).replace("51,45321", "Zwetschgenallee"), row(PEOPLE[1])],
        # a point outside the city
        [row(PEOPLE[0]).replace("51,45321", "50,1"), row(PEOPLE[1])],
    ],
)
def test_a_failed_import_names_rows_not_people(city, tmp_path, caplog, capsys, rows):
    caplog.set_level(logging.DEBUG)
    data, spec = write_input(tmp_path, rows)
    output = import_records(city, data, spec)
    assert "seu.csv" in output
    assert not Observation.objects.exists()
    captured = capsys.readouterr()
    assert_nowhere(
        secrets_of(city),
        database_dump(),
        output,
        caplog.text,
        captured.out,
        captured.err,
    )


def test_unplaced_rows_left_out_are_reported_without_people(city, tmp_path, capsys):
    rows = [row(PEOPLE[0]).replace("51,45321", "50,1"), row(PEOPLE[1])]
    data, spec = write_input(tmp_path, rows)
    output = import_records(city, data, spec, "--skip-unplaced")
    assert Observation.objects.filter(municipality=city).count() == 2
    assert_nowhere(secrets_of(city), database_dump(), output, capsys.readouterr().err)
