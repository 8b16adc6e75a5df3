"""The registry as files from the staff pages: the download (XLSX with a
sheet of bodies and one of members, a CSV per table) with members' contact
data only for those who may see it, and the upload page with its preview."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from kette.core.models import Role
from kette.networks.models import Body
from tests.core.factories import OrganisationFactory, user_with_role

from .factories import make_body, make_member, make_person
from .test_import import workbook

pytestmark = pytest.mark.django_db

BASE = "/musterstadt/intern/netzwerke/"


@pytest.fixture
def registry(municipality):
    """Two bodies, each with a member with contact data; a lead of the first."""
    caritas = OrganisationFactory(municipality=municipality, name="Caritas")
    network = make_body(municipality, "Netzwerk Frühe Hilfen", topics=["Armut"])
    group = make_body(municipality, "AG Sprache", parent=network)
    make_member(
        network,
        person=make_person(
            municipality, "Demir", email="demir@example.org", phone="0123"
        ),
        organisation=caritas,
        joined_on=dt.date(2023, 1, 1),
    )
    make_member(
        group,
        person=make_person(municipality, "Kaya", email="kaya@example.org"),
        joined_on=dt.date(2022, 5, 1),
        left_on=dt.date(2024, 5, 1),
    )
    lead = user_with_role(municipality, Role.NETWORK_LEAD)
    make_member(network, person=make_person(municipality, "Lehmann", user=lead))
    return {"network": network, "group": group, "lead": lead}


def sheets(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: list(sheet.iter_rows(values_only=True))
        for sheet in book.worksheets
    }


def test_the_workbook_has_a_sheet_of_bodies_and_one_of_members(
    client_for, coordinator, registry
):
    response = client_for(coordinator).get(BASE + "netzwerke.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    found = sheets(response.content)
    bodies, members = found["Gremien"], found["Mitglieder"]
    assert bodies[0][:4] == ("Name", "Kurzname", "Art des Gremiums", "Gehört zu")
    assert [row[0] for row in bodies[1:]] == ["AG Sprache", "Netzwerk Frühe Hilfen"]
    assert bodies[1][3] == "Netzwerk Frühe Hilfen"
    header = members[0]
    rows = {row[header.index("Nachname")]: row for row in members[1:]}
    demir = rows["Demir"]
    assert demir[header.index("Gremium")] == "Netzwerk Frühe Hilfen"
    assert demir[header.index("E-Mail")] == "demir@example.org"
    assert demir[header.index("Träger")] == "Caritas"
    assert demir[header.index("Beigetreten am")] == dt.datetime(2023, 1, 1)
    assert rows["Kaya"][header.index("Ausgeschieden am")] == dt.datetime(2024, 5, 1)


def contacts_seen(client, url: str = BASE + "mitglieder.csv") -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    return {row["Nachname"]: row["E-Mail"] for row in rows}


def test_members_contact_data_only_for_those_who_may_see_it(
    client_for, coordinator, municipality, registry
):
    assert contacts_seen(client_for(coordinator)) == {
        "Demir": "demir@example.org",
        "Kaya": "kaya@example.org",
        "Lehmann": "",
    }
    # A member of the network sees its members' data, not the other body's.
    assert contacts_seen(client_for(registry["lead"])) == {
        "Demir": "demir@example.org",
        "Kaya": "",
        "Lehmann": "",
    }
    planner = user_with_role(municipality, Role.PLANNER)
    assert set(contacts_seen(client_for(planner)).values()) == {""}


def test_the_bodies_csv_reads_in_german_excel(client_for, coordinator, registry):
    response = client_for(coordinator).get(BASE + "gremien.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffName;Kurzname;Art des Gremiums")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    network = next(row for row in rows if row["Name"] == "Netzwerk Frühe Hilfen")
    assert network["Themen"] == "Armut"
    assert network["Wirkungsbereich"] == "stadtweit"
    assert network["Öffentlich"] == "nein"


def test_other_municipalities_and_anonymous_callers_get_no_file(
    client, client_for, other_municipality, registry
):
    assert client.get(BASE + "netzwerke.xlsx").status_code == 302
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    browser = client_for(stranger)
    for name in ("netzwerke.xlsx", "gremien.csv", "mitglieder.csv", "import/"):
        assert browser.get(BASE + name).status_code == 403, name


def test_the_upload_shows_a_preview_then_imports(
    client_for, coordinator, municipality, tmp_path
):
    content = workbook(
        [["AG Sprache", "Projektgruppe"]],
        [["AG Sprache", "Ali", "Demir", "", "", "Mitglied", "", ""]],
    )
    browser = client_for(coordinator)
    upload = io.BytesIO(content)
    upload.name = "liste.xlsx"
    preview = browser.post(BASE + "import/", {"file": upload, "action": "preview"})
    assert preview.status_code == 200
    assert "Vorschau von liste.xlsx" in preview.content.decode()
    assert not Body.objects.exists()
    done = browser.post(BASE + "import/", {"action": "import"})
    assert done.status_code == 302
    body = Body.objects.get(name="AG Sprache")
    assert body.members.get().person.last_name == "Demir"


def test_the_upload_names_the_problems_and_writes_nothing(
    client_for, coordinator, municipality
):
    upload = io.BytesIO(workbook([["AG Sprache", "Kaffeekränzchen"]], []))
    upload.name = "liste.xlsx"
    response = client_for(coordinator).post(
        BASE + "import/", {"file": upload, "action": "preview"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "liste.xlsx" in page and "Blatt Gremien, Zeile 2" in page
    assert "Art des Gremiums" in page
    assert not Body.objects.exists()


def test_only_staff_upload_and_the_list_links_the_files(
    client_for, coordinator, municipality, registry
):
    page = client_for(coordinator).get(BASE).content.decode()
    assert BASE + "netzwerke.xlsx" in page and BASE + "import/" in page
    planner = user_with_role(municipality, Role.PLANNER)
    browser = client_for(planner)
    assert BASE + "import/" not in browser.get(BASE).content.decode()
    assert browser.get(BASE + "import/").status_code == 403
