"""Staff pages of goals and measures through HTTP: who sees and does what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, timezone, translation

from kette.core.models import AuditEntry, MeasureType, Role
from kette.goals.models import Goal, Measure, MeasureStatusChange, Vision
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure, status

BASE = "/musterstadt/intern/ziele/"


@pytest.fixture
def planner(municipality):
    return user_with_role(municipality, Role.PLANNER, username="planung")


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_staff_navigation_leads_to_the_goal_tree(client, planner, goal):
    client.force_login(planner)
    assert f'href="{BASE}"' in page(client, "/musterstadt/intern/")
    tree = page(client, BASE)
    assert "Ziele und Maßnahmen" in tree
    assert "Leitziel → Strategisches Ziel → Operatives Ziel" in tree
    assert goal.title in tree


def test_a_coordinator_builds_a_goal_with_a_sub_goal(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(
        BASE + "neu/",
        {
            "parent": "",
            "title": "Es gibt ein effektives Netzwerkmanagement",
            "description": "Netzwerkstrukturen sind transparent.",
            "measurement_criteria": "Vereinheitlichte Protokollform",
            "status": "active",
            "fields_of_action": [],
        },
    )
    top = Goal.objects.get(municipality=municipality)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{top.pk}/"
    form = page(client, BASE + f"neu/?parent={top.pk}")
    assert f'<option value="{top.pk}" selected>1 Es gibt' in form
    client.post(
        BASE + "neu/", {"parent": top.pk, "title": "Übersicht", "status": "active"}
    )
    child = Goal.objects.get(parent=top)
    assert child.level.name == "Strategisches Ziel"
    assert (
        AuditEntry.objects.filter(
            actor=coordinator, object_type="kette_goals.Goal", action="create"
        ).count()
        == 2
    )


def test_the_grid_shows_description_criteria_and_numbered_measures(
    client, planner, municipality, organisation, responsible
):
    goal = make_goal(
        municipality,
        "Netzwerkmanagement",
        description="Vermeidung von Doppelstrukturen",
        measurement_criteria="Multiplikatoren haben eine klare Rolle",
    )
    make_measure(
        goal,
        "Übersicht der Netzwerke erstellen",
        responsible_person=responsible,
        cooperation_partners=[organisation],
        schedule_note="1. Halbjahr 2013",
        measure_type=MeasureType.objects.get(code="networking"),
    )
    make_measure(goal, "Begriffe vereinheitlichen", due=dt.date(2013, 12, 31))
    client.force_login(planner)
    grid = page(client, f"{BASE}{goal.pk}/")
    for text in (
        "Vermeidung von Doppelstrukturen",
        "Multiplikatoren haben eine klare Rolle",
        '<th scope="row">1.1</th>',
        '<th scope="row">1.2</th>',
        responsible.display_name,
        organisation.name,
        "1. Halbjahr 2013",
        "Bessere Vernetzung",
        "fällig 31.12.2013",
        "nicht umgesetzt",
    ):
        assert text in grid, text
    # A planner reads but does not edit.
    assert "Maßnahme hinzufügen" not in grid
    printed = page(client, f"{BASE}{goal.pk}/drucken/")
    assert "Übersicht der Netzwerke erstellen" in printed
    assert "kette_goals/goals.css" in printed
    assert 'class="staff-nav"' not in printed


@pytest.mark.parametrize(
    "path",
    [
        "neu/",
        "ebenen/",
        "{goal}/bearbeiten/",
        "{goal}/verschieben/",
        "{goal}/loeschen/",
        "{goal}/massnahmen/neu/",
        "massnahmen/{measure}/bearbeiten/",
        "massnahmen/{measure}/loeschen/",
    ],
)
def test_a_planner_cannot_change_goals(client, planner, goal, measure, path):
    client.force_login(planner)
    url = BASE + path.format(goal=goal.pk, measure=measure.pk)
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"title": "x", "task": "x", "level_1": "x"}).status_code == 403
    )
    assert Goal.objects.get().title == goal.title
    assert Measure.objects.get().task == measure.task


def test_the_responsible_person_records_the_status_of_their_measure(
    client, responsible, measure
):
    client.force_login(responsible)
    tree = page(client, BASE)
    assert "Maßnahmen in Ihrer Verantwortung" in tree
    url = f"{BASE}massnahmen/{measure.pk}/"
    assert "Umsetzungsstand erfassen" in page(client, url)
    response = client.post(
        url,
        {
            "status": status("partly-implemented").pk,
            "on": timezone.localdate().isoformat(),
            "comment": "Erste Fortbildung fand statt.",
        },
    )
    assert response.status_code == 302
    history = page(client, url)
    assert "teilweise umgesetzt" in history
    assert "Erste Fortbildung fand statt." in history
    measure.refresh_from_db()
    assert measure.status.code == "partly-implemented"


def test_nobody_else_records_the_status_of_a_measure(
    client, municipality, goal, measure
):
    other = user_with_role(municipality, Role.PROVIDER_EDITOR)
    other_measure = make_measure(goal, "fremd", responsible_person=other)
    client.force_login(other)
    url = f"{BASE}massnahmen/{measure.pk}/"
    assert "Umsetzungsstand erfassen" not in page(client, url)
    response = client.post(url, {"status": status("fully-implemented").pk})
    assert response.status_code == 403
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1
    assert client.get(f"{BASE}massnahmen/{other_measure.pk}/").status_code == 200


def test_a_status_dated_in_the_future_is_named_at_its_field(
    client, coordinator, measure
):
    client.force_login(coordinator)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        f"{BASE}massnahmen/{measure.pk}/",
        {"status": status("fully-implemented").pk, "on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert "Das Datum darf nicht in der Zukunft liegen." in response.content.decode()
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1


def test_a_coordinator_adds_edits_renumbers_and_deletes_measures(
    client, coordinator, goal, responsible, organisation
):
    client.force_login(coordinator)
    response = client.post(
        f"{BASE}{goal.pk}/massnahmen/neu/",
        {
            "task": "Elternbefragung",
            "status": status("not-implemented").pk,
            "responsible_person": responsible.pk,
            "cooperation_partners": [organisation.pk],
            "recurrence": "yearly",
            "recurrence_until": "2016-12-31",
        },
    )
    assert response.status_code == 302
    first = Measure.objects.get(task="Elternbefragung")
    assert first.get_recurrence_display() == "jährlich"
    second = make_measure(goal, "Elterncafé")
    client.post(f"{BASE}massnahmen/{second.pk}/verschieben/", {"number": "1"})
    assert list(goal.measures.order_by("number").values_list("task", flat=True)) == [
        "Elterncafé",
        "Elternbefragung",
    ]
    client.post(
        f"{BASE}massnahmen/{first.pk}/bearbeiten/",
        {"task": "Elternbefragung 2014", "recurrence": ""},
    )
    first.refresh_from_db()
    assert first.task == "Elternbefragung 2014"
    assert first.responsible_person is None
    client.post(f"{BASE}massnahmen/{second.pk}/loeschen/")
    first.refresh_from_db()
    assert first.number == 1
    assert list(goal.measures.all()) == [first]


def test_a_measure_form_names_the_wrong_field(client, coordinator, goal):
    client.force_login(coordinator)
    response = client.post(
        f"{BASE}{goal.pk}/massnahmen/neu/",
        {
            "task": "Auftrag",
            "status": status("not-implemented").pk,
            "start": "2014-01-01",
            "due": "2013-01-01",
        },
    )
    assert response.status_code == 200
    assert "Die Frist darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not Measure.objects.exists()


def test_moving_a_goal_below_its_sub_goal_is_refused_with_a_message(
    client, coordinator, municipality
):
    top = make_goal(municipality, "A")
    child = make_goal(municipality, "A1", parent=top)
    client.force_login(coordinator)
    form = page(client, f"{BASE}{top.pk}/verschieben/")
    assert "1.1 A1" not in form  # not offered
    response = client.post(
        f"{BASE}{top.pk}/verschieben/", {"parent": child.pk, "number": 1}
    )
    assert response.status_code == 200
    top.refresh_from_db()
    assert top.parent is None
    response = client.post(
        f"{BASE}{child.pk}/verschieben/", {"parent": "", "number": 1}
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.parent, child.number, child.level.position) == (None, 1, 1)


def test_deleting_a_goal_with_sub_goals_says_why_not(client, coordinator, municipality):
    top = make_goal(municipality, "A")
    make_goal(municipality, "A1", parent=top)
    client.force_login(coordinator)
    response = client.post(f"{BASE}{top.pk}/loeschen/", follow=True)
    assert "Das Ziel hat Unterziele." in response.content.decode()
    assert Goal.objects.count() == 2


def test_the_levels_can_be_renamed_and_extended(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(
        BASE + "ebenen/",
        {
            "level_1": "Leitziel",
            "level_2": "Produktgruppenziel",
            "level_3": "Produkt",
            "level_4": "Teilziel",
            "level_5": "Maßnahme",
        },
    )
    assert response.status_code == 302
    assert "Leitziel → Produktgruppenziel → Produkt → Teilziel → Maßnahme" in page(
        client, BASE
    )
    response = client.post(BASE + "ebenen/", {"level_1": "A", "level_3": "C"})
    assert "ohne eine leer zu lassen" in response.content.decode()


def test_the_vision_keeps_its_versions(client, coordinator, planner, municipality):
    client.force_login(coordinator)
    for text, day in (("Kein Kind zurücklassen", "2013-02-28"), ("Neu", "2016-01-01")):
        response = client.post(BASE + "leitbild/", {"text": text, "adopted_on": day})
        assert response.status_code == 302
    client.force_login(planner)
    vision = page(client, BASE + "leitbild/")
    assert "Frühere Fassungen" in vision and "Kein Kind zurücklassen" in vision
    assert "<form" not in vision.split('class="staff-content"')[1]
    assert client.post(BASE + "leitbild/", {"text": "x"}).status_code == 403
    assert Vision.objects.count() == 2


def test_another_municipalitys_goal_is_not_found(
    client, coordinator, other_municipality
):
    foreign = make_goal(other_municipality, "Fremdes Ziel")
    foreign_measure = make_measure(foreign)
    client.force_login(coordinator)
    assert client.get(f"{BASE}{foreign.pk}/").status_code == 404
    assert client.get(f"{BASE}massnahmen/{foreign_measure.pk}/").status_code == 404


def test_a_sub_goal_is_offered_only_above_the_deepest_level(
    client, coordinator, municipality
):
    top = make_goal(municipality, "A")
    middle = make_goal(municipality, "B", parent=top)
    bottom = make_goal(municipality, "C", parent=middle)
    client.force_login(coordinator)
    assert "Unterziel hinzufügen" in page(client, f"{BASE}{middle.pk}/")
    assert "Unterziel hinzufügen" not in page(client, f"{BASE}{bottom.pk}/")
    form = page(client, BASE + "neu/")
    assert f'<option value="{middle.pk}">1.1 B</option>' in form
    assert "1.1.1 C" not in form


def test_my_measures_across_goals_with_deadline_status_and_update_link(
    client, municipality, responsible, goal, measure
):
    today = timezone.localdate()
    second = make_goal(municipality, "Kinder wachsen gesund auf")
    overdue = make_measure(second, "Elternabende", responsible_person=responsible)
    overdue.due = today - dt.timedelta(days=10)
    overdue.save()
    make_measure(second, "nicht meine", responsible_person=None)
    client.force_login(responsible)
    tree = page(client, BASE)
    mine = tree[tree.index('id="mine-title"') :]
    with translation.override("de"):
        due = formats.date_format(overdue.due, "DATE_FORMAT")
    assert "Nächster Termin" in mine
    assert f"{due} <strong>(überfällig)</strong>" in mine
    assert "Elternabende" in mine and measure.task in mine
    assert "nicht meine" not in mine
    assert f'href="{BASE}massnahmen/{overdue.pk}/"' in mine
    assert "Stand der Maßnahme 2.1 aktualisieren" in mine
