"""The SMART grid as PDF and XLSX: content, layout of the workbook, who may
download it, and that another municipality's goal is not found."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kette.core.models import MeasureType, Role
from kette.goals.models import Recurrence
from kette.goals.services import indicators as indicator_services
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure, status

BASE = "/musterstadt/intern/ziele/"


@pytest.fixture
def grid(goal, measure, organisation, municipality):
    """Goal 1 with two measures and a sub-goal 1.1 without measures."""
    make_measure(
        goal,
        "Elterncafé einrichten",
        responsible_organisation=organisation,
        cooperation_partners=[organisation],
        cooperation_note="AG 78",
        start=dt.date(2026, 1, 1),
        due=dt.date(2026, 6, 30),
        recurrence=Recurrence.QUARTERLY,
        schedule_note="erstes Halbjahr 2026",
        measure_type=MeasureType.objects.order_by("position").first(),
        status=status("partly-implemented"),
        on=dt.date(2026, 2, 1),
    )
    make_goal(municipality, "Übergänge gelingen", parent=goal)
    return goal


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_of_a_goal_shows_its_grid(client, coordinator, grid):
    client.force_login(coordinator)
    response = client.get(f"{BASE}{grid.pk}/raster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "smart-raster-musterstadt-1.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Eltern sind Erziehungspartner" in text
    assert "Eltern werden beteiligt." in text
    assert "Elterncafé einrichten" in text
    assert "1.2" in text and "teilweise umgesetzt" in text
    # The screen-only hint is not printed.
    assert "Strg" not in text and "Ctrl" not in text


def test_the_pdf_of_all_goals_has_each_grid_on_its_own_page(client, coordinator, grid):
    client.force_login(coordinator)
    response = client.get(f"{BASE}raster.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 2
    assert "Eltern sind Erziehungspartner" in pages[0]
    assert "Übergänge gelingen" in pages[1]
    assert "1.1" in pages[1]


def header_and_rows(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return sheet, rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_xlsx_has_a_row_per_measure_with_german_headers(
    client, coordinator, grid, organisation, responsible
):
    client.force_login(coordinator)
    response = client.get(f"{BASE}raster.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet, header, rows = header_and_rows(response.content)
    assert header[:6] == [
        "Ziel-Nr.",
        "Ziel",
        "Zielbeschreibung",
        "Messkriterien",
        "Maßnahme-Nr.",
        "Auftrag",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 50
    assert [(row["Ziel-Nr."], row["Maßnahme-Nr."]) for row in rows] == [
        ("1", 1),
        ("1", 2),
        ("1.1", None),
    ]
    cafe = rows[1]
    assert cafe["Auftrag"] == "Elterncafé einrichten"
    assert cafe["Verantwortlicher Träger"] == organisation.name
    assert cafe["Kooperationspartner"] == organisation.name
    assert cafe["Kooperation (Freitext)"] == "AG 78"
    assert cafe["Beginn"] == dt.datetime(2026, 1, 1)
    assert cafe["Fällig bis"] == dt.datetime(2026, 6, 30)
    assert cafe["Wiederholung"] == "vierteljährlich"
    assert cafe["Zeitplan (Freitext)"] == "erstes Halbjahr 2026"
    assert cafe["Status"] == "teilweise umgesetzt"
    assert cafe["Stand vom"] == dt.datetime(2026, 2, 1)
    assert rows[0]["Verantwortliche Person"] == (
        f"{responsible.display_name} <{responsible.email}>"
    )


def test_the_xlsx_of_one_goal_holds_only_its_measures(client, coordinator, grid):
    client.force_login(coordinator)
    response = client.get(f"{BASE}{grid.pk}/raster.xlsx")
    _sheet, _header, rows = header_and_rows(response.content)
    assert [row["Maßnahme-Nr."] for row in rows] == [1, 2]


@pytest.mark.parametrize("suffix", ["raster.pdf", "raster.xlsx"])
def test_members_download_the_grids_others_do_not(
    client, grid, other_municipality, municipality, suffix
):
    outsider = user_with_role(other_municipality, Role.COORDINATOR, username="fremd")
    client.force_login(outsider)
    assert client.get(f"{BASE}{grid.pk}/{suffix}").status_code in (403, 404)
    assert client.get(f"{BASE}{suffix}").status_code in (403, 404)
    client.logout()
    assert client.get(f"{BASE}{suffix}").status_code == 302  # to the login
    member = user_with_role(municipality, Role.PROVIDER_EDITOR, username="mitglied")
    client.force_login(member)
    assert client.get(f"{BASE}{suffix}").status_code == 200


def test_a_goal_of_another_municipality_is_not_found(
    client, other_municipality, municipality, coordinator
):
    foreign = make_goal(other_municipality, "Fremdes Ziel")
    client.force_login(coordinator)
    assert client.get(f"{BASE}{foreign.pk}/raster.pdf").status_code == 404
    assert client.get(f"{BASE}{foreign.pk}/raster.xlsx").status_code == 404


@pytest.fixture
def indicators(grid, measure, municipality):
    """On goal 1 an outcome indicator with a target and an actual, on its
    measure an output indicator without figures; on another goal a third."""
    indicator = indicator_services.indicator_create(
        actor=None,
        municipality=municipality,
        goal=grid,
        level="outcome",
        name="Kinder mit Sprachförderbedarf",
        unit="%",
        direction="lower_is_better",
        baseline_value=31.0,
        baseline_period="2023",
    )
    indicator_services.target_set(
        actor=None, indicator=indicator, period="2024", value=28
    )
    indicator_services.actual_record(
        actor=None, indicator=indicator, period="2024", value=27.5
    )
    indicator_services.indicator_create(
        actor=None,
        municipality=municipality,
        measure=measure,
        level="output",
        name="Teilnehmende Eltern",
        direction="higher_is_better",
    )
    other = make_goal(municipality, "Anderes Ziel")
    indicator_services.indicator_create(
        actor=None,
        municipality=municipality,
        goal=other,
        level="input",
        name="Fremder Indikator",
        direction="higher_is_better",
    )


def test_the_printable_grid_and_pdf_show_the_indicators_of_goal_and_measures(
    client, coordinator, grid, measure, indicators
):
    client.force_login(coordinator)
    printed = client.get(f"{BASE}{grid.pk}/drucken/").content.decode()
    section = printed[printed.index(f'id="indicators-{grid.pk}"') :]
    assert "Kinder mit Sprachförderbedarf (%)" in section
    assert "31 (2023)" in section
    assert "2024: Zielwert 28 · Istwert 27,5" in section
    assert "erreicht" in section and "nicht erreicht" not in section
    assert f"Teilnehmende Eltern<br>Maßnahme 1.{measure.number}" in section
    assert "Fremder Indikator" not in printed
    text = pdf_text(client.get(f"{BASE}raster.pdf").content)
    assert "Kinder mit Sprachförderbedarf" in text and "Fremder Indikator" in text
    assert "27,5" in text


def test_the_xlsx_lists_the_indicators_on_a_second_sheet(
    client, coordinator, grid, measure, indicators
):
    client.force_login(coordinator)
    content = client.get(f"{BASE}{grid.pk}/raster.xlsx").content
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[1] == "Indikatoren"
    rows = list(book["Indikatoren"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Ziel-Nr.", "Maßnahme-Nr.", "Indikator", "Typ")
    assert rows[1:] == [
        (
            "1",
            None,
            "Kinder mit Sprachförderbedarf",
            "Outcome",
            "%",
            31,
            "2023",
            "2024",
            28,
            27.5,
            "erreicht",
        ),
        (
            "1",
            f"1.{measure.number}",
            "Teilnehmende Eltern",
            "Output",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ]
    # The import reads the grid sheet only: the export imports again unchanged.
    assert book.worksheets[0].title == "1"
