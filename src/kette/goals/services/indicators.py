"""Writes of goal indicators, their targets and their actuals.

Every function is one transaction, validates with ``full_clean`` (the model
checks goal xor measure, the period's form and that everything linked
belongs to the municipality) and records the write in the audit trail.
An indicator taken from the monitoring gets no actuals by hand: they come
from the monitoring's figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality

from ..models import (
    Goal,
    GoalIndicator,
    IndicatorActual,
    IndicatorTarget,
    Measure,
)

INDICATOR_FIELDS = (
    "level",
    "name",
    "description",
    "unit",
    "direction",
    "baseline_value",
    "baseline_period",
    "monitoring_indicator",
    "monitoring_district",
)


def _apply(indicator: GoalIndicator, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name not in INDICATOR_FIELDS:
            raise TypeError(f"GoalIndicator has no editable field {name!r}")
        setattr(indicator, name, value)
    if indicator.baseline_period:
        indicator.baseline_period = indicator.baseline_period.strip().upper()


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    municipality: Municipality,
    goal: Goal | None = None,
    measure: Measure | None = None,
    **fields: Any,
) -> GoalIndicator:
    """A new indicator of ``goal`` or of ``measure`` (exactly one)."""
    indicator = GoalIndicator(municipality=municipality, goal=goal, measure=measure)
    _apply(indicator, fields)
    indicator.full_clean()
    indicator.save()
    audit.record_created(actor=actor, instance=indicator)
    return indicator


@transaction.atomic
def indicator_update(
    *, actor: Any, indicator: GoalIndicator, **fields: Any
) -> GoalIndicator:
    """Change what the indicator measures; linking it to the monitoring is
    refused while actuals entered by hand exist (remove them first)."""
    before = audit.snapshot(indicator)
    _apply(indicator, fields)
    if indicator.monitoring_indicator_id and indicator.actuals.exists():
        raise ValidationError(
            {
                "monitoring_indicator": _(
                    "Remove the actual values entered by hand first: an "
                    "indicator of the monitoring brings its own."
                )
            }
        )
    indicator.full_clean()
    indicator.save()
    audit.record_updated(actor=actor, instance=indicator, before=before)
    return indicator


def _delete_values(actor: Any, indicator: GoalIndicator) -> None:
    for value in [*indicator.targets.all(), *indicator.actuals.all()]:
        audit.record_deleted(actor=actor, instance=value, before=audit.snapshot(value))
        value.delete()


@transaction.atomic
def indicator_delete(*, actor: Any, indicator: GoalIndicator) -> None:
    """The indicator with its targets and actuals, each in the audit trail."""
    _delete_values(actor, indicator)
    audit.record_deleted(
        actor=actor, instance=indicator, before=audit.snapshot(indicator)
    )
    indicator.delete()


def indicators_delete_of(
    *, actor: Any, goal: Goal | None = None, measure: Measure | None = None
) -> None:
    """Delete (audited) the indicators of a goal or measure about to go; the
    caller's transaction holds."""
    owner = {"goal": goal} if goal is not None else {"measure": measure}
    for indicator in GoalIndicator.objects.filter(**owner):
        indicator_delete(actor=actor, indicator=indicator)


def _period(period: str) -> str:
    return (period or "").strip().upper()


PeriodValue = TypeVar("PeriodValue", IndicatorTarget, IndicatorActual)


def _period_value_save(
    model: type[PeriodValue],
    *,
    actor: Any,
    indicator: GoalIndicator,
    period: str,
    values: dict[str, Any],
) -> PeriodValue:
    """The target or actual of a period, created or changed, audited."""
    period = _period(period)
    found = model.objects.filter(indicator=indicator, period=period).first()
    if found is None:
        found = model(
            municipality=indicator.municipality,
            indicator=indicator,
            period=period,
            **values,
        )
        found.full_clean()
        found.save()
        audit.record_created(actor=actor, instance=found)
        return found
    before = audit.snapshot(found)
    for name, value in values.items():
        setattr(found, name, value)
    found.full_clean()
    found.save()
    audit.record_updated(actor=actor, instance=found, before=before)
    return found


@transaction.atomic
def target_set(
    *, actor: Any, indicator: GoalIndicator, period: str, value: float
) -> IndicatorTarget:
    """The target of a period, new or changed."""
    return _period_value_save(
        IndicatorTarget,
        actor=actor,
        indicator=indicator,
        period=period,
        values={"value": value},
    )


@transaction.atomic
def actual_record(
    *,
    actor: Any,
    indicator: GoalIndicator,
    period: str,
    value: float,
    recorded_on: dt.date | None = None,
    comment: str = "",
) -> IndicatorActual:
    """The actual value of a period, entered by hand (new or corrected); the
    date it holds as of must not lie in the future."""
    if indicator.monitoring_indicator_id:
        raise ValidationError(
            {
                "value": _(
                    "The actual values of this indicator come from the monitoring."
                )
            }
        )
    today = timezone.localdate()
    recorded_on = recorded_on or today
    if recorded_on > today:
        raise ValidationError(
            {"recorded_on": _("The date must not lie in the future.")}
        )
    person = actor if getattr(actor, "is_authenticated", False) else None
    return _period_value_save(
        IndicatorActual,
        actor=actor,
        indicator=indicator,
        period=period,
        values={
            "value": value,
            "recorded_on": recorded_on,
            "comment": comment,
            "recorded_by": person,
        },
    )


@transaction.atomic
def value_delete(
    *, actor: Any, indicator: GoalIndicator, period: str, kind: str
) -> None:
    """Remove the target (``kind="target"``) or the actual (``"actual"``) of a
    period; nothing there is a no-op."""
    model = IndicatorTarget if kind == "target" else IndicatorActual
    found = model.objects.filter(indicator=indicator, period=_period(period)).first()
    if found is not None:
        audit.record_deleted(actor=actor, instance=found, before=audit.snapshot(found))
        found.delete()
