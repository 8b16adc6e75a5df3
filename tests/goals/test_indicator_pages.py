"""Pages of goal indicators through HTTP: who reads and writes what, the
target-vs-actual table and chart, and the lists on the goal and measure pages."""

from __future__ import annotations

import pytest

from kette.core.models import AuditEntry, Role
from kette.goals.models import GoalIndicator, IndicatorActual, IndicatorTarget
from kette.goals.services import indicators as services
from tests.core.factories import DistrictFactory, user_with_role
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

BASE = "/musterstadt/intern/ziele/"


@pytest.fixture
def member(municipality):
    """A provider editor: a member who reads goals but changes nothing."""
    return user_with_role(municipality, Role.PROVIDER_EDITOR, username="traeger")


@pytest.fixture
def indicator(goal):
    indicator = services.indicator_create(
        actor=None,
        municipality=goal.municipality,
        goal=goal,
        level="outcome",
        name="Kinder mit Sprachförderbedarf",
        unit="%",
        direction="lower_is_better",
        baseline_value=31.0,
        baseline_period="2023",
    )
    services.target_set(actor=None, indicator=indicator, period="2024", value=28)
    services.target_set(actor=None, indicator=indicator, period="2025", value=25)
    services.actual_record(
        actor=None, indicator=indicator, period="2024", value=27.5, comment="SEU"
    )
    return indicator


def url(indicator, action: str = "") -> str:
    return f"{BASE}indikatoren/{indicator.pk}/{action}"


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def test_a_coordinator_creates_an_indicator_on_a_goal(client, coordinator, goal):
    client.force_login(coordinator)
    form = page(client, f"{BASE}{goal.pk}/indikatoren/neu/")
    assert "Outcome" in form or "outcome" in form
    response = client.post(
        f"{BASE}{goal.pk}/indikatoren/neu/",
        {
            "level": "output",
            "name": "Teilnehmende Familien",
            "unit": "Familien",
            "direction": "higher_is_better",
            "baseline_value": "120",
            "baseline_period": "2024",
        },
    )
    indicator = GoalIndicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(indicator)
    assert (indicator.goal, indicator.level, indicator.baseline_value) == (
        goal,
        "output",
        120.0,
    )
    assert AuditEntry.objects.filter(
        object_type="kette_goals.GoalIndicator", action="create", actor=coordinator
    ).exists()


def test_a_coordinator_creates_an_indicator_on_a_measure(client, coordinator, measure):
    client.force_login(coordinator)
    response = client.post(
        f"{BASE}massnahmen/{measure.pk}/indikatoren/neu/",
        {"level": "input", "name": "Stunden", "direction": "higher_is_better"},
    )
    assert response.status_code == 302
    assert GoalIndicator.objects.get().measure == measure
    status_page = page(client, f"{BASE}massnahmen/{measure.pk}/")
    assert "Stunden" in status_page


def test_a_bad_period_is_named_at_its_field(client, coordinator, goal):
    client.force_login(coordinator)
    response = client.post(
        f"{BASE}{goal.pk}/indikatoren/neu/",
        {
            "level": "output",
            "name": "Teilnehmende",
            "direction": "higher_is_better",
            "baseline_value": "1",
            "baseline_period": "2024/25",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "„2024/25“" in text or "2024/25" in text
    assert "Quartal" in text
    assert not GoalIndicator.objects.exists()


def test_a_monitoring_indicator_of_another_municipality_is_no_choice(
    client, coordinator, goal, other_municipality
):
    foreign = IndicatorFactory(municipality=other_municipality, name_de="Fremd")
    client.force_login(coordinator)
    response = client.post(
        f"{BASE}{goal.pk}/indikatoren/neu/",
        {
            "level": "outcome",
            "name": "X",
            "direction": "higher_is_better",
            "monitoring_indicator": foreign.pk,
        },
    )
    assert response.status_code == 200
    assert "monitoring_indicator" in response.context["form"].errors
    assert not GoalIndicator.objects.exists()


def test_the_indicator_page_shows_table_and_chart_with_reached_targets(
    client, member, indicator
):
    client.force_login(member)
    text = page(client, url(indicator))
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart' in text
    assert 'role="img"' in text
    assert "Kinder mit Sprachförderbedarf: Ziel- und Istwert" in text
    # 2024: 27,5 against a target of 28, lower is better: reached
    table = text[text.index("<table") : text.index("</table>")]
    assert '<td class="numeric">27,5</td>' in table  # as written, in German
    assert '<td class="numeric">28</td>' in table
    assert "erreicht" in table and "nicht erreicht" not in table
    assert "SEU" in table
    # a member reads but gets no forms
    assert 'name="action"' not in text
    assert "Indikator bearbeiten" not in text


def test_the_goal_page_lists_its_indicators(client, member, goal, indicator):
    client.force_login(member)
    text = page(client, f"{BASE}{goal.pk}/")
    assert "Kinder mit Sprachförderbedarf" in text
    assert url(indicator) in text
    assert "Indikator hinzufügen" not in text


def test_a_coordinator_sets_targets_and_records_actuals(client, coordinator, indicator):
    client.force_login(coordinator)
    assert 'value="target"' in page(client, url(indicator))
    response = client.post(
        url(indicator),
        {"action": "target", "target-period": "2026", "target-value": "22"},
    )
    assert response.status_code == 302
    response = client.post(
        url(indicator),
        {
            "action": "actual",
            "actual-period": "2025",
            "actual-value": "26",
            "actual-recorded_on": "2025-12-01",
            "actual-comment": "vorläufig",
        },
    )
    assert response.status_code == 302
    assert indicator.targets.get(period="2026").value == 22
    actual = indicator.actuals.get(period="2025")
    assert (actual.value, actual.recorded_by, actual.comment) == (
        26,
        coordinator,
        "vorläufig",
    )
    client.post(url(indicator), {"action": "remove-target", "period": "2026"})
    assert not indicator.targets.filter(period="2026").exists()
    client.post(url(indicator), {"action": "remove-actual", "period": "2025"})
    assert not indicator.actuals.filter(period="2025").exists()


def test_a_bad_value_form_shows_its_errors_and_writes_nothing(
    client, coordinator, indicator
):
    client.force_login(coordinator)
    response = client.post(
        url(indicator),
        {"action": "target", "target-period": "2025-Q7", "target-value": "3"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not IndicatorTarget.objects.filter(period="2025-Q7").exists()


def test_a_plain_member_cannot_write(client, member, goal, indicator):
    client.force_login(member)
    before = (IndicatorTarget.objects.count(), IndicatorActual.objects.count())
    response = client.post(
        url(indicator),
        {"action": "target", "target-period": "2030", "target-value": "1"},
    )
    assert response.status_code == 403
    for address in (
        f"{BASE}{goal.pk}/indikatoren/neu/",
        url(indicator, "bearbeiten/"),
        url(indicator, "loeschen/"),
    ):
        assert client.get(address).status_code == 403
        assert client.post(address, {"name": "x"}).status_code == 403
    assert (IndicatorTarget.objects.count(), IndicatorActual.objects.count()) == before
    assert GoalIndicator.objects.filter(pk=indicator.pk).exists()


def test_another_municipality_sees_nothing(client, other_municipality, indicator):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    client.force_login(stranger)
    assert client.get(url(indicator)).status_code == 403
    response = client.get(f"/nachbarstadt/intern/ziele/indikatoren/{indicator.pk}/")
    assert response.status_code == 404
    response = client.post(
        f"/nachbarstadt/intern/ziele/indikatoren/{indicator.pk}/loeschen/"
    )
    assert response.status_code == 404
    assert GoalIndicator.objects.filter(pk=indicator.pk).exists()


def test_a_coordinator_edits_and_deletes_an_indicator(
    client, coordinator, goal, indicator
):
    client.force_login(coordinator)
    response = client.post(
        url(indicator, "bearbeiten/"),
        {
            "level": "outcome",
            "name": "Sprachförderbedarf (SEU)",
            "unit": "%",
            "direction": "lower_is_better",
            "baseline_value": "31",
            "baseline_period": "2023",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Sprachförderbedarf (SEU)"
    response = client.post(url(indicator, "loeschen/"))
    assert response["Location"] == f"{BASE}{goal.pk}/"
    assert not GoalIndicator.objects.exists()
    assert not IndicatorTarget.objects.exists()


def test_a_withheld_monitoring_value_is_never_shown_as_a_number(
    client, member, coordinator, goal
):
    source = IndicatorFactory(municipality=goal.municipality, key="u-eins")
    small = DistrictFactory(municipality=goal.municipality, code="01", name="Klein")
    big = DistrictFactory(municipality=goal.municipality, code="02", name="Groß")
    ObservationFactory(
        indicator=source, district=small, period="2024", numerator=2, denominator=7
    )
    ObservationFactory(
        indicator=source, district=big, period="2024", numerator=40, denominator=90
    )
    indicator = services.indicator_create(
        actor=None,
        municipality=goal.municipality,
        goal=goal,
        level="outcome",
        name="Quote im kleinen Stadtteil",
        monitoring_indicator=source,
        monitoring_district=small,
    )
    client.force_login(member)
    text = page(client, url(indicator))
    assert "zurückgehalten" in text
    assert "28,57" not in text and "28.57" not in text
    assert 'value="actual"' not in text
    client.force_login(coordinator)  # works with the monitoring's data
    assert "28,57" in page(client, url(indicator))
