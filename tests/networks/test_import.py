"""Importing networks and members from XLSX and CSV: German and English
headers, matching by name, all or nothing with every problem named by file,
sheet, row and column, the command, and the round trip with the download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from kette.core.models import AuditEntry, Organisation
from kette.networks.models import Body, BodyMember, Person
from kette.networks.registry_files import registry_tables, registry_xlsx
from kette.networks.registry_import import registry_import
from tests.core.factories import DistrictFactory, OrganisationFactory

from .factories import body_type, make_body, make_member, make_person

pytestmark = pytest.mark.django_db

BODIES = [
    "Name",
    "Art des Gremiums",
    "Gehört zu",
    "Status",
    "Wirkungsbereich",
    "Themen",
    "Gegründet am",
    "Sitzungsrhythmus",
    "Leitung (Person)",
    "Leitung (Organisation)",
    "Öffentlich",
]
MEMBERS = [
    "Gremium",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Träger",
    "Rolle",
    "Beigetreten am",
    "Ausgeschieden am",
]


def workbook(bodies, members, *, body_header=BODIES, member_header=MEMBERS) -> bytes:
    book = Workbook()
    for index, (title, header, rows) in enumerate(
        (("Gremien", body_header, bodies), ("Mitglieder", member_header, members))
    ):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@pytest.fixture
def places(municipality):
    """Districts and organisations the files name."""
    DistrictFactory(municipality=municipality, code="01", name="Altstadt")
    DistrictFactory(municipality=municipality, code="02", name="Hafen")
    OrganisationFactory(municipality=municipality, name="Jugendamt")
    OrganisationFactory(municipality=municipality, name="Caritas")


def network_file(tmp_path, bodies=None, members=None, name="netzwerke.xlsx"):
    path = tmp_path / name
    path.write_bytes(
        workbook(
            bodies
            if bodies is not None
            else [
                [
                    "Netzwerk der Netzwerke",
                    "Steuerungsgruppe",
                    "",
                    "aktiv",
                    "stadtweit",
                    "Armut; Sprache",
                    "01.02.2019",
                    "vierteljährlich",
                    "Erika Muster <erika@example.org>",
                    "Jugendamt",
                    "ja",
                ],
                [
                    "Stadtteilkonferenz Hafen",
                    "district-conference",
                    "Netzwerk der Netzwerke",
                    "",
                    "Altstadt; 02",
                    "Sprache",
                    "",
                    "",
                    "",
                    "",
                    "nein",
                ],
            ],
            members
            if members is not None
            else [
                [
                    "Netzwerk der Netzwerke",
                    "Erika",
                    "Muster",
                    "erika@example.org",
                    "Jugendamt",
                    "Leitung",
                    "01.02.2019",
                    "",
                ],
                [
                    "Stadtteilkonferenz Hafen",
                    "Erika",
                    "Muster",
                    "",
                    "",
                    "Mitglied",
                    "2020-03-01",
                    "",
                ],
                ["Stadtteilkonferenz Hafen", "", "", "", "Caritas", "Gast", "", ""],
            ],
        )
    )
    return path


def test_a_workbook_of_bodies_and_members_is_imported_and_audited(
    municipality, places, tmp_path
):
    path = network_file(tmp_path)
    call_command("import_networks", str(path), municipality="musterstadt")

    network = Body.objects.get(name="Netzwerk der Netzwerke")
    district = Body.objects.get(name="Stadtteilkonferenz Hafen")
    assert network.body_type == body_type("steering-group")
    assert network.founded_on == dt.date(2019, 2, 1)
    assert network.meeting_rhythm == "quarterly"
    assert network.is_public and network.city_wide
    assert network.lead_organisation.name == "Jugendamt"
    assert sorted(network.topics.values_list("name", flat=True)) == ["Armut", "Sprache"]
    assert district.parent == network
    assert not district.city_wide
    assert sorted(district.districts.values_list("name", flat=True)) == [
        "Altstadt",
        "Hafen",
    ]
    # One person for the lead and both memberships, found by e-mail and name.
    erika = Person.objects.get(last_name="Muster")
    assert erika.email == "erika@example.org"
    assert network.lead_person == erika
    roles = {
        (m.body.name, str(m.person or m.organisation), m.role)
        for m in BodyMember.objects.all()
    }
    assert roles == {
        ("Netzwerk der Netzwerke", "Erika Muster", "lead"),
        ("Stadtteilkonferenz Hafen", "Erika Muster", "member"),
        ("Stadtteilkonferenz Hafen", "Caritas", "guest"),
    }
    entries = AuditEntry.objects.filter(
        object_type="kette_networks.Body", object_id=str(network.pk), action="create"
    )
    assert entries.get().actor_name == "import_networks (command line)"


def test_english_csv_files_of_each_table_are_imported(municipality, places, tmp_path):
    bodies = tmp_path / "bodies.csv"
    bodies.write_text(
        "Name,Type of body,Status,Scope,Public\n"
        "Early Help Network,Frühe Hilfen network (early help),dormant,city-wide,no\n",
        encoding="utf-8",
    )
    members = tmp_path / "members.csv"
    members.write_text(
        "Body;First name;Last name;Organisation;Role;Joined on;Left on\n"
        "Early Help Network;Ali;Demir;Caritas;secretariat;1.1.2024;31.12.2025\n",
        encoding="utf-8",
    )
    call_command(
        "import_networks", str(bodies), str(members), municipality="musterstadt"
    )
    body = Body.objects.get(name="Early Help Network")
    assert body.status == "dormant" and body.body_type.code == "fruehe-hilfen"
    member = body.members.get()
    assert (member.person.first_name, member.organisation.name) == ("Ali", "Caritas")
    assert member.role == "secretariat"
    assert member.left_on == dt.date(2025, 12, 31)
    # A new person sits for the organisation of their first membership.
    assert member.person.organisation.name == "Caritas"


def test_every_problem_is_named_by_file_sheet_row_and_column_and_nothing_written(
    municipality, places, tmp_path
):
    path = network_file(
        tmp_path,
        bodies=[
            [
                "AG Sprache",
                "Kaffeekränzchen",
                "Gibt es nicht",
                "",
                "Mond",
                "",
                "32.13.2020",
            ],
            ["AG Sprache", "Projektgruppe"],
            ["", "Projektgruppe"],
        ],
        members=[
            ["AG Unbekannt", "Ali", "Demir", "", "", "", "", ""],
            ["AG Sprache", "Ali", "", "", "Nirgendwo", "Chef", "gestern", ""],
            ["AG Sprache", "", "", "", "", "", "", ""],
        ],
    )
    with pytest.raises(CommandError) as failed:
        call_command("import_networks", str(path), municipality="musterstadt")
    text = str(failed.value)
    expected = [
        "Blatt Gremien, Zeile 2: Art des Gremiums",
        "Blatt Gremien, Zeile 2: Gehört zu",
        "Blatt Gremien, Zeile 2: Wirkungsbereich",
        "Blatt Gremien, Zeile 2: Gegründet am",
        "Blatt Gremien, Zeile 3: Name",
        "Blatt Gremien, Zeile 4: Name",
        "Blatt Mitglieder, Zeile 2: Gremium",
        "Blatt Mitglieder, Zeile 3: Nachname",
        "Blatt Mitglieder, Zeile 3: Träger",
        "Blatt Mitglieder, Zeile 3: Rolle",
        "Blatt Mitglieder, Zeile 3: Beigetreten am",
        "Blatt Mitglieder, Zeile 4: Nachname",
    ]
    for where in expected:
        assert f"{path}: {where}" in text, where
    assert not Body.objects.exists()
    assert not Person.objects.exists()


def test_unknown_and_missing_columns_are_named(municipality, tmp_path):
    path = network_file(tmp_path, bodies=[], members=[], name="x.xlsx")
    path.write_bytes(
        workbook([["AG"]], [], body_header=["Bezeichnung"], member_header=["Gremium"])
    )
    with pytest.raises(CommandError) as failed:
        call_command("import_networks", str(path), municipality="musterstadt")
    text = str(failed.value)
    assert "unbekannte Spalte „Bezeichnung“" in text
    assert "Spalte „Name“ fehlt" in text


def test_a_body_of_the_same_name_is_updated_and_its_members_matched(
    municipality, places, coordinator, tmp_path
):
    body = make_body(municipality, "Netzwerk der Netzwerke", is_public=False)
    erika = make_person(municipality, "Muster", first_name="Erika")
    member = make_member(
        body, person=erika, role="member", joined_on=dt.date(2019, 2, 1)
    )
    path = network_file(tmp_path)
    result = registry_import(
        municipality=municipality,
        files=[(path, "netzwerke.xlsx")],
        actor=coordinator,
    )
    assert (result.bodies_created, result.bodies_updated) == (1, 1)
    assert result.people_created == 0
    body.refresh_from_db()
    member.refresh_from_db()
    assert body.is_public and body.lead_person == erika
    assert member.role == "lead"
    # The e-mail the file gives is added to the person found by name.
    erika.refresh_from_db()
    assert erika.email == "erika@example.org"
    assert Body.objects.count() == 2
    entry = AuditEntry.objects.get(
        object_type="kette_networks.Body", object_id=str(body.pk), action="update"
    )
    assert entry.actor == coordinator


def test_a_dry_run_checks_everything_and_writes_nothing(municipality, places, tmp_path):
    path = network_file(tmp_path)
    out = io.StringIO()
    call_command(
        "import_networks",
        str(path),
        municipality="musterstadt",
        dry_run=True,
        stdout=out,
    )
    assert "2 neue Gremien" in out.getvalue()
    assert not Body.objects.exists() and not Person.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_body_part_of_itself_through_the_file_is_refused(municipality, tmp_path):
    path = network_file(
        tmp_path,
        bodies=[
            ["A", "Projektgruppe", "B"],
            ["B", "Projektgruppe", "A"],
        ],
        members=[],
    )
    with pytest.raises(CommandError) as failed:
        call_command("import_networks", str(path), municipality="musterstadt")
    assert "Gehört zu" in str(failed.value)
    assert not Body.objects.exists()


def test_the_download_imports_again_and_changes_nothing(
    municipality, places, coordinator, tmp_path
):
    path = network_file(tmp_path)
    call_command("import_networks", str(path), municipality="musterstadt")
    hafen = Body.objects.get(name="Stadtteilkonferenz Hafen")
    make_member(
        hafen,
        organisation=Organisation.objects.get(name="Jugendamt"),
        joined_on=dt.date(2021, 5, 1),
        left_on=dt.date(2022, 5, 1),
        note="bis zur Umstrukturierung",
    )
    entries = AuditEntry.objects.count()
    download = tmp_path / "download.xlsx"
    download.write_bytes(registry_xlsx(*registry_tables(municipality, contacts=None)))
    assert load_workbook(download).sheetnames == ["Gremien", "Mitglieder"]
    result = registry_import(
        municipality=municipality,
        files=[(download, "download.xlsx")],
        actor=coordinator,
    )
    assert (result.bodies_created, result.bodies_updated) == (0, 0)
    assert (result.members_created, result.members_updated) == (0, 0)
    assert result.people_created == 0
    assert AuditEntry.objects.count() == entries
