"""Importing SMART grids from XLSX: round trip with the export, German and
English headers, all or nothing with every problem named by row and column,
the command and the upload page with its preview."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kette.core.models import AuditEntry, MeasureType, Role
from kette.goals.grid_import import grid_import
from kette.goals.models import Goal, Measure, MeasureStatusChange, Recurrence
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure, status

BASE = "/musterstadt/intern/ziele/"
HEADER = [
    "Ziel-Nr.",
    "Ziel",
    "Zielbeschreibung",
    "Messkriterien",
    "Maßnahme-Nr.",
    "Auftrag",
    "Verantwortung (Freitext)",
    "Beginn",
    "Fällig bis",
    "Wiederholung",
    "Art der Maßnahme",
    "Status",
    "Stand vom",
]


def workbook(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Raster"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def write(tmp_path, content: bytes, name="raster.xlsx"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def measure_type() -> MeasureType:
    return MeasureType.objects.order_by("position").first()


def oberhausen_rows():
    kind = measure_type().label_de
    return [
        ["1", "Eltern sind Erziehungspartner", "Eltern werden beteiligt.", "Zahl der Elterncafés", 1, "Elterncafé einrichten", "Familienbüro", dt.date(2026, 1, 1), dt.date(2026, 6, 30), "vierteljährlich", kind, "teilweise umgesetzt", dt.date(2026, 2, 1)],
        ["1", "Eltern sind Erziehungspartner", None, None, 2, "Elternbriefe verschicken", None, None, "31.12.2026", None, None, None, None],
        ["1.1", "Übergänge gelingen", None, None, None, None, None, None, None, None, None, None, None],
        ["2", "Netzwerk arbeitet verbindlich", None, None, 1, "Protokolle vereinheitlichen", None, None, None, "", None, "voll umgesetzt", None],
    ]  # fmt: skip


def test_an_xlsx_grid_becomes_goals_and_measures(tmp_path, municipality, coordinator):
    path = write(tmp_path, workbook(oberhausen_rows()))
    result = grid_import(
        municipality=municipality, path=path, file="raster.xlsx", actor=coordinator
    )
    assert (result.goals_created, result.measures_created) == (3, 3)
    goals = {g.title: g for g in Goal.objects.filter(municipality=municipality)}
    top = goals["Eltern sind Erziehungspartner"]
    assert top.description == "Eltern werden beteiligt."
    assert top.measurement_criteria == "Zahl der Elterncafés"
    assert goals["Übergänge gelingen"].parent == top
    assert goals["Netzwerk arbeitet verbindlich"].number == 2
    cafe, letters = Measure.objects.filter(goal=top).order_by("number")
    assert cafe.task == "Elterncafé einrichten"
    assert cafe.responsibility_note == "Familienbüro"
    assert (cafe.start, cafe.due) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert cafe.recurrence == Recurrence.QUARTERLY
    assert cafe.measure_type == measure_type()
    assert cafe.status.code == "partly-implemented"
    assert cafe.status_changed_on == dt.date(2026, 2, 1)
    assert letters.due == dt.date(2026, 12, 31)
    assert letters.status.code == "not-implemented"
    protocol = Measure.objects.get(goal=goals["Netzwerk arbeitet verbindlich"])
    assert protocol.status.code == "fully-implemented"
    assert (
        AuditEntry.objects.filter(
            actor=coordinator, object_type="kette_goals.Measure", action="create"
        ).count()
        == 3
    )


def test_english_headers_are_understood(tmp_path, municipality, coordinator):
    header = ["Goal no.", "Goal", "Measure no.", "Task", "Status", "Due"]
    rows = [["1", "Parents are partners", 1, "Open a parents' café", "not implemented", "2026-06-30"]]  # fmt: skip
    path = write(tmp_path, workbook(rows, header))
    grid_import(municipality=municipality, path=path, file="grid.xlsx", actor=None)
    measure = Measure.objects.get(municipality=municipality)
    assert measure.goal.title == "Parents are partners"
    assert measure.due == dt.date(2026, 6, 30)


def test_the_export_imports_again_without_changes(
    client, tmp_path, coordinator, municipality, goal, measure, organisation
):
    make_measure(
        goal,
        "Elterncafé einrichten",
        responsible_organisation=organisation,
        cooperation_partners=[organisation],
        due=dt.date(2026, 6, 30),
        recurrence=Recurrence.YEARLY,
        measure_type=measure_type(),
        status=status("partly-implemented"),
        on=dt.date(2026, 2, 1),
    )
    make_goal(municipality, "Übergänge gelingen", parent=goal)
    client.force_login(coordinator)
    exported = client.get(BASE + "raster.xlsx").content
    before = list(Measure.objects.order_by("pk").values())
    result = grid_import(
        municipality=municipality,
        path=write(tmp_path, exported),
        file="raster.xlsx",
        actor=coordinator,
    )
    assert (result.goals_created, result.measures_created) == (0, 0)
    assert result.measures_updated == 2
    after = list(Measure.objects.order_by("pk").values())
    for row in before + after:
        row.pop("updated_at")
    assert after == before
    assert Goal.objects.filter(municipality=municipality).count() == 2


def test_a_bad_file_names_row_and_column_and_writes_nothing(
    tmp_path, municipality, coordinator, english
):
    rows = oberhausen_rows()
    rows[0][8] = "bald"  # due
    rows[1][11] = "erledigt"  # status
    rows[3][10] = "Großprojekt"  # type
    path = write(tmp_path, workbook(rows))
    with pytest.raises(Exception) as caught:
        grid_import(
            municipality=municipality, path=path, file="raster.xlsx", actor=None
        )
    problems = [str(problem) for problem in caught.value.problems]
    assert problems[0] == (
        "raster.xlsx: sheet Raster, row 2: Fällig bis: “bald” is not a date "
        "(e.g. 31.12.2026)"
    )
    assert problems[1].startswith(
        "raster.xlsx: sheet Raster, row 3: Status: “erledigt” is none of the statuses"
    )
    assert problems[2].startswith(
        "raster.xlsx: sheet Raster, row 5: Art der Maßnahme: "
        "“Großprojekt” is none of the types"
    )
    assert not Goal.objects.filter(municipality=municipality).exists()
    assert not AuditEntry.objects.filter(object_type="kette_goals.Goal").exists()


def test_an_unknown_column_is_named(tmp_path, municipality, english):
    header = ["Ziel", "Auftrag", "Budget"]
    path = write(tmp_path, workbook([["Ziel A", "Aufgabe", "100"]], header))
    with pytest.raises(Exception) as caught:
        grid_import(
            municipality=municipality, path=path, file="raster.xlsx", actor=None
        )
    (problem,) = caught.value.problems
    assert problem.row == "sheet Raster, row 1"
    assert problem.field == "Budget"
    assert problem.message.startswith("unknown column “Budget” (known columns:")
    assert not Goal.objects.exists()


def test_a_sub_goal_without_its_parent_and_an_unknown_person_are_refused(
    tmp_path, municipality, english
):
    header = ["Ziel-Nr.", "Ziel", "Auftrag", "Verantwortliche Person"]
    rows = [["3.1", "Teilziel", "Aufgabe", None], ["1", "Ziel", "Aufgabe", "Niemand"]]
    path = write(tmp_path, workbook(rows, header))
    with pytest.raises(Exception) as caught:
        grid_import(
            municipality=municipality, path=path, file="raster.xlsx", actor=None
        )
    first, second = caught.value.problems
    assert (first.row, first.field) == ("sheet Raster, row 2", "Ziel-Nr.")
    assert "(3)" in first.message
    assert (second.row, second.field) == (
        "sheet Raster, row 3",
        "Verantwortliche Person",
    )
    assert "Niemand" in second.message
    assert not Goal.objects.exists()


def test_people_and_organisations_of_another_municipality_are_not_found(
    tmp_path, municipality, other_municipality, english
):
    stranger = user_with_role(other_municipality, Role.COORDINATOR, username="fremd")
    header = ["Ziel", "Auftrag", "Verantwortliche Person"]
    path = write(tmp_path, workbook([["Ziel", "Aufgabe", stranger.username]], header))
    with pytest.raises(Exception) as caught:
        grid_import(
            municipality=municipality, path=path, file="raster.xlsx", actor=None
        )
    assert "fremd" in caught.value.problems[0].message


def test_the_command_checks_with_dry_run_and_then_imports(tmp_path, municipality):
    path = write(tmp_path, workbook(oberhausen_rows()))
    out = io.StringIO()
    call_command(
        "import_goals", str(path), municipality="musterstadt", dry_run=True, stdout=out
    )
    assert "3" in out.getvalue()
    assert not Goal.objects.exists()
    call_command("import_goals", str(path), municipality="musterstadt", stdout=out)
    assert Goal.objects.filter(municipality=municipality).count() == 3


def test_the_command_records_its_writes_under_its_name(tmp_path, municipality):
    """Like the other imports (HSDS, monitoring): the audit trail and the
    status history name the command, not an anonymous "system"."""
    path = write(tmp_path, workbook(oberhausen_rows()))
    call_command(
        "import_goals", str(path), municipality="musterstadt", stdout=io.StringIO()
    )
    entries = AuditEntry.objects.filter(object_type__startswith="kette_goals.")
    assert entries.filter(object_type="kette_goals.Measure").exists()
    assert set(entries.values_list("actor_name", flat=True)) == {
        "import_goals (command line)"
    }
    assert set(MeasureStatusChange.objects.values_list("actor_name", flat=True)) == {
        "import_goals (command line)"
    }
    # Outside the command the services' unnamed writes stay "system".
    make_goal(municipality=municipality, title="Danach")
    assert AuditEntry.objects.filter(
        object_repr__contains="Danach"
    ).get().actor_name == ("system")


def test_the_command_lists_the_problems(tmp_path, municipality):
    rows = oberhausen_rows()
    rows[0][8] = "bald"
    path = write(tmp_path, workbook(rows))
    with pytest.raises(CommandError) as caught:
        call_command("import_goals", str(path), municipality="musterstadt")
    assert "row 2" in str(caught.value) or "Zeile 2" in str(caught.value)
    assert "bald" in str(caught.value)
    assert not Goal.objects.exists()


def upload(client, content: bytes, action: str):
    data = {"action": action, "sheet": ""}
    if content:
        data["file"] = io.BytesIO(content)
        data["file"].name = "raster.xlsx"
    return client.post(BASE + "raster-import/", data)


def test_a_coordinator_previews_then_imports(client, coordinator, municipality):
    client.force_login(coordinator)
    assert client.get(BASE + "raster-import/").status_code == 200
    preview = upload(client, workbook(oberhausen_rows()), "preview")
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Vorschau" in text and "Übergänge gelingen" in text
    assert not Goal.objects.exists()
    done = upload(client, b"", "import")
    assert done.status_code == 302
    assert Goal.objects.filter(municipality=municipality).count() == 3


def test_the_upload_page_lists_problems_and_writes_nothing(client, coordinator):
    rows = oberhausen_rows()
    rows[1][11] = "erledigt"
    client.force_login(coordinator)
    response = upload(client, workbook(rows), "import")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Zeile 3" in text and "erledigt" in text
    assert not Goal.objects.exists()


def test_only_staff_of_the_municipality_may_upload(
    client, municipality, other_municipality
):
    planner = user_with_role(municipality, Role.PLANNER, username="planung")
    client.force_login(planner)
    assert client.get(BASE + "raster-import/").status_code == 403
    assert upload(client, workbook(oberhausen_rows()), "import").status_code == 403
    outsider = user_with_role(other_municipality, Role.COORDINATOR, username="fremd")
    client.force_login(outsider)
    assert client.get(BASE + "raster-import/").status_code in (403, 404)
    assert not Goal.objects.exists()
