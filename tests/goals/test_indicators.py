"""Goal indicators: validation, targets and actuals, the monitoring as source."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from kette.core.models import AuditEntry
from kette.goals.models import GoalIndicator, IndicatorActual, IndicatorTarget
from kette.goals.selectors.indicators import (
    goal_period,
    indicator_progress,
    target_reached,
)
from kette.goals.services import goals as goal_services
from kette.goals.services import indicators as services
from kette.goals.services import measures as measure_services
from tests.core.factories import DistrictFactory
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

from .factories import make_goal, make_measure

pytestmark = pytest.mark.django_db


def make_indicator(owner_goal=None, *, measure=None, actor=None, **fields):
    municipality = (owner_goal or measure).municipality
    values = {"level": "outcome", "name": "Kinder mit Förderbedarf", "unit": "%"}
    return services.indicator_create(
        actor=actor,
        municipality=municipality,
        goal=owner_goal,
        measure=measure,
        **{**values, **fields},
    )


def rows(progress):
    return [
        (
            row.period,
            row.target,
            None if row.actual is None else row.actual.value,
            row.reached,
        )
        for row in progress.rows
    ]


# Validation -----------------------------------------------------------------


def test_an_indicator_belongs_to_a_goal_or_a_measure_not_both_nor_neither(
    goal, measure
):
    with pytest.raises(ValidationError) as both:
        make_indicator(goal, measure=measure)
    assert NON_FIELD_ERRORS in both.value.message_dict
    with pytest.raises(ValidationError) as neither:
        services.indicator_create(
            actor=None, municipality=goal.municipality, level="input", name="Stunden"
        )
    assert NON_FIELD_ERRORS in neither.value.message_dict
    assert make_indicator(measure=measure, level="output").measure == measure
    assert make_indicator(goal).goal == goal


def test_the_database_refuses_an_indicator_on_both_a_goal_and_a_measure(goal, measure):
    indicator = make_indicator(goal)
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalIndicator.objects.filter(pk=indicator.pk).update(measure=measure)


@pytest.mark.parametrize("period", ["2025", "2025-Q1", "2025-q4", " 2030-Q2 "])
def test_a_period_is_a_year_or_a_quarter(goal, period):
    indicator = make_indicator(goal)
    target = services.target_set(
        actor=None, indicator=indicator, period=period, value=10
    )
    assert target.period == period.strip().upper()


@pytest.mark.parametrize("period", ["25", "2025-Q5", "2025/26", "2025-12-31", "Q1"])
def test_other_periods_are_refused_with_the_accepted_forms(goal, period, english):
    indicator = make_indicator(goal)
    with pytest.raises(ValidationError) as raised:
        services.target_set(actor=None, indicator=indicator, period=period, value=1)
    assert "a year (2025) or a quarter (2025-Q2)" in str(
        raised.value.message_dict["period"]
    )
    assert not IndicatorTarget.objects.exists()


def test_a_baseline_needs_its_period(goal):
    with pytest.raises(ValidationError) as raised:
        make_indicator(goal, baseline_value=12.0)
    assert "baseline_period" in raised.value.message_dict
    indicator = make_indicator(goal, baseline_value=12.0, baseline_period="2023")
    assert indicator.baseline_period == "2023"


def test_a_monitoring_indicator_or_district_of_another_municipality_is_refused(
    goal, other_municipality
):
    foreign = IndicatorFactory(municipality=other_municipality)
    with pytest.raises(ValidationError) as raised:
        make_indicator(goal, monitoring_indicator=foreign)
    assert "monitoring_indicator" in raised.value.message_dict
    own = IndicatorFactory(municipality=goal.municipality)
    district = DistrictFactory(municipality=other_municipality)
    with pytest.raises(ValidationError) as raised:
        make_indicator(goal, monitoring_indicator=own, monitoring_district=district)
    assert "monitoring_district" in raised.value.message_dict
    assert not GoalIndicator.objects.exists()


def test_a_goal_or_measure_of_another_municipality_is_refused(goal, other_municipality):
    with pytest.raises(ValidationError):
        services.indicator_create(
            actor=None,
            municipality=other_municipality,
            goal=goal,
            level="input",
            name="Stunden",
        )


def test_an_actual_in_the_future_is_refused(goal):
    indicator = make_indicator(goal)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        services.actual_record(
            actor=None,
            indicator=indicator,
            period="2025",
            value=3,
            recorded_on=tomorrow,
        )
    assert "recorded_on" in raised.value.message_dict


# Targets reached ------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "actual", "reached"),
    [
        ("higher_is_better", 10, 12, True),
        ("higher_is_better", 10, 10, True),
        ("higher_is_better", 10, 9.5, False),
        ("lower_is_better", 10, 9.5, True),
        ("lower_is_better", 10, 10, True),
        ("lower_is_better", 10, 12, False),
        ("lower_is_better", None, 12, None),
        ("higher_is_better", 10, None, None),
    ],
)
def test_a_target_is_reached_in_its_direction(direction, target, actual, reached):
    assert target_reached(direction, target, actual) is reached


def test_targets_and_actuals_per_period_in_order(goal, coordinator):
    indicator = make_indicator(goal, direction="lower_is_better")
    for period, value in (("2026", 15), ("2025", 18), ("2025-Q2", 19)):
        services.target_set(
            actor=coordinator, indicator=indicator, period=period, value=value
        )
    services.actual_record(
        actor=coordinator, indicator=indicator, period="2025", value=17.5, comment="ok"
    )
    services.actual_record(
        actor=coordinator, indicator=indicator, period="2024", value=21
    )
    progress = indicator_progress(indicator=indicator, public=True)
    assert rows(progress) == [
        ("2024", None, 21, None),
        ("2025", 18, 17.5, True),
        ("2025-Q2", 19, None, None),
        ("2026", 15, None, None),
    ]
    assert progress.latest.period == "2025"
    assert progress.next_target.period == "2025-Q2"
    entry = progress.rows[1].actual.entry
    assert entry.recorded_by == coordinator
    assert entry.recorded_on == timezone.localdate()


def test_setting_a_target_again_replaces_it(goal):
    indicator = make_indicator(goal)
    services.target_set(actor=None, indicator=indicator, period="2025", value=1)
    services.target_set(actor=None, indicator=indicator, period="2025", value=2)
    assert list(indicator.targets.values_list("period", "value")) == [("2025", 2.0)]


# Actuals from the monitoring ------------------------------------------------


@pytest.fixture
def monitored(goal):
    """A goal indicator following a monitoring rate in one district."""
    source = IndicatorFactory(
        municipality=goal.municipality, key="sprachfoerderung", kind="rate"
    )
    district = DistrictFactory(municipality=goal.municipality, code="01")
    ObservationFactory(
        indicator=source,
        district=district,
        period="2023",
        numerator=30,
        denominator=100,
    )
    indicator = make_indicator(
        goal,
        direction="lower_is_better",
        monitoring_indicator=source,
        monitoring_district=district,
    )
    services.target_set(actor=None, indicator=indicator, period="2024", value=25)
    return indicator


def test_the_actual_from_the_monitoring_follows_a_newly_imported_value(
    monitored, tmp_path: Path
):
    before = indicator_progress(indicator=monitored, public=False)
    assert rows(before) == [("2023", None, 30, None), ("2024", 25, None, None)]
    data = tmp_path / "werte.csv"
    data.write_text(
        "district,period,indicator,value,numerator,denominator\n"
        "01,2024,sprachfoerderung,24,24,100\n",
        encoding="utf-8",
    )
    call_command(
        "import_indicators",
        str(data),
        "--municipality",
        monitored.municipality.slug,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    after = indicator_progress(indicator=monitored, public=False)
    assert rows(after) == [("2023", None, 30, None), ("2024", 25, 24, True)]
    assert not IndicatorActual.objects.exists()  # read live, never copied


def test_a_suppressed_monitoring_value_stays_suppressed(monitored):
    """A small count is withheld outside the monitoring's staff; a value
    suppressed at the source is withheld for everybody."""
    source, district = monitored.monitoring_indicator, monitored.monitoring_district
    other = DistrictFactory(municipality=monitored.municipality, code="02")
    ObservationFactory(
        indicator=source, district=district, period="2024", numerator=2, denominator=8
    )
    ObservationFactory(
        indicator=source, district=other, period="2024", numerator=50, denominator=90
    )
    public = indicator_progress(indicator=monitored, public=True).rows[-1]
    assert public.period == "2024"
    assert public.actual.suppressed and public.actual.value is None
    assert public.reached is None
    staff = indicator_progress(indicator=monitored, public=False).rows[-1]
    assert staff.actual.value == 25.0 and not staff.actual.suppressed

    ObservationFactory(
        indicator=source,
        district=district,
        period="2025",
        numerator=None,
        denominator=None,
        value=None,
        status="suppressed",
    )
    for public in (True, False):
        last = indicator_progress(indicator=monitored, public=public).rows[-1]
        assert last.period == "2025"
        assert last.actual.suppressed and last.actual.value is None


def test_the_city_as_a_whole_sums_the_districts(goal):
    source = IndicatorFactory(municipality=goal.municipality, kind="count", unit="")
    for code, value in (("01", 40), ("02", 60)):
        ObservationFactory(
            indicator=source,
            district=DistrictFactory(municipality=goal.municipality, code=code),
            period="2024",
            numerator=None,
            denominator=None,
            value=value,
        )
    indicator = make_indicator(goal, level="output", monitoring_indicator=source)
    assert rows(indicator_progress(indicator=indicator, public=False)) == [
        ("2024", None, 100, None)
    ]


def test_monitoring_periods_count_for_goal_periods():
    assert goal_period("2024", quarterly=False) == "2024"
    assert goal_period("2023/24", quarterly=False) == "2024"
    assert goal_period("2024-12-31", quarterly=False) == "2024"
    assert goal_period("2024-06-30", quarterly=True) == "2024-Q2"


def test_actuals_by_hand_are_refused_for_a_monitoring_indicator(monitored):
    with pytest.raises(ValidationError) as raised:
        services.actual_record(actor=None, indicator=monitored, period="2024", value=1)
    assert "value" in raised.value.message_dict


def test_linking_to_the_monitoring_needs_the_actuals_by_hand_removed(goal):
    indicator = make_indicator(goal)
    services.actual_record(actor=None, indicator=indicator, period="2024", value=1)
    source = IndicatorFactory(municipality=goal.municipality)
    with pytest.raises(ValidationError) as raised:
        services.indicator_update(
            actor=None, indicator=indicator, monitoring_indicator=source
        )
    assert "monitoring_indicator" in raised.value.message_dict
    services.value_delete(actor=None, indicator=indicator, period="2024", kind="actual")
    services.indicator_update(
        actor=None, indicator=indicator, monitoring_indicator=source
    )
    indicator.refresh_from_db()
    assert indicator.monitoring_indicator == source


# Audit trail ----------------------------------------------------------------


def entries(model: str) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(object_type=f"kette_goals.{model}")
        .order_by("pk")
        .values_list("action", "object_repr")
    )


def test_every_write_is_in_the_audit_trail(goal, coordinator):
    indicator = make_indicator(goal, actor=coordinator)
    services.indicator_update(actor=coordinator, indicator=indicator, unit="Kinder")
    services.target_set(actor=coordinator, indicator=indicator, period="2025", value=5)
    services.target_set(actor=coordinator, indicator=indicator, period="2025", value=6)
    services.actual_record(
        actor=coordinator, indicator=indicator, period="2025", value=4
    )
    services.value_delete(
        actor=coordinator, indicator=indicator, period="2025", kind="target"
    )
    services.indicator_delete(actor=coordinator, indicator=indicator)
    assert [a for a, _r in entries("GoalIndicator")] == ["create", "update", "delete"]
    assert [a for a, _r in entries("IndicatorTarget")] == [
        "create",
        "update",
        "delete",
    ]
    assert [a for a, _r in entries("IndicatorActual")] == ["create", "delete"]
    models = ["GoalIndicator", "IndicatorTarget", "IndicatorActual"]
    written = AuditEntry.objects.filter(
        object_type__in=[f"kette_goals.{model}" for model in models]
    )
    assert set(written.values_list("actor", flat=True)) == {coordinator.pk}


def test_deleting_a_goal_or_measure_records_its_indicators_deleted(goal):
    measure = make_measure(goal)
    on_measure = make_indicator(measure=measure, level="output")
    services.target_set(actor=None, indicator=on_measure, period="2025", value=3)
    measure_services.measure_delete(actor=None, measure=measure)
    assert entries("GoalIndicator")[-1] == ("delete", str(on_measure))
    assert entries("IndicatorTarget")[-1][0] == "delete"
    second = make_goal(goal.municipality, "Zweites Ziel")
    on_goal = make_indicator(second, name="Teilnehmende")
    goal_services.goal_delete(actor=None, goal=second)
    assert entries("GoalIndicator")[-1] == ("delete", str(on_goal))
    assert not GoalIndicator.objects.exists()


def test_without_its_monitoring_indicator_an_indicator_takes_actuals_by_hand(
    monitored,
):
    monitored.monitoring_indicator.delete()  # e.g. in the admin
    monitored.refresh_from_db()
    assert monitored.monitoring_indicator is None
    assert list(monitored.targets.values_list("period", "value")) == [("2024", 25)]
    services.actual_record(actor=None, indicator=monitored, period="2024", value=23)
    [row] = indicator_progress(indicator=monitored, public=True).rows
    assert (row.period, row.actual.value, row.reached) == ("2024", 23, True)
