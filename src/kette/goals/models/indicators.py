"""Indicators on goals and measures: baselines, targets and actuals per period.

As in Bielefeld's goal matrix (seed 004), every level of the hierarchy has
indicators, typed input, output or outcome. An indicator belongs to a goal
or to a measure (exactly one). Its actual values are either entered by hand
(``IndicatorActual``) or read live from an indicator of the monitoring, for
the city as a whole or one district (never copied: a new import shows at
once).

A period is a year (``2025``) or a quarter of a year (``2025-Q2``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import District, TenantModel

from .goals import Goal
from .measures import Measure

PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def period_key(period: str) -> tuple[int, int]:
    """Year and quarter (0 for a whole year), for ordering; ValueError if the
    text is no period."""
    match = PERIOD.match(str(period).strip())
    if not match or not 1900 <= int(match[1]) <= 2200:
        raise ValueError(period)
    return int(match[1]), int(match[2] or 0)


def validate_period(value: str) -> None:
    try:
        period_key(value)
    except ValueError as error:
        raise ValidationError(
            _(
                "“%(period)s” is not a period: write a year (2025) or a quarter "
                "(2025-Q2)."
            ),
            code="period",
            params={"period": value},
        ) from error


class IndicatorLevel(models.TextChoices):
    INPUT = "input", _("input")
    OUTPUT = "output", _("output")
    OUTCOME = "outcome", _("outcome")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("higher is better")
    LOWER_IS_BETTER = "lower_is_better", _("lower is better")


class GoalIndicator(TenantModel):
    """What shows whether a goal or measure gets where it should."""

    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    level = models.CharField(
        _("type of indicator"), max_length=10, choices=IndicatorLevel.choices
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("what is measured"),
        blank=True,
        help_text=_("e.g. how it is counted and where the figures come from"),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=20,
        choices=Direction.choices,
        default=Direction.HIGHER_IS_BETTER,
    )
    baseline_value = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_period = models.CharField(
        _("period of the baseline"),
        max_length=7,
        blank=True,
        validators=[validate_period],
    )
    monitoring_indicator = models.ForeignKey(
        "kette_monitoring.Indicator",
        verbose_name=_("indicator of the monitoring"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goal_indicators",
    )
    monitoring_district = models.ForeignKey(
        District,
        verbose_name=_("district of the monitoring"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("empty: the municipality as a whole"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal indicator")
        verbose_name_plural = _("goal indicators")
        ordering = ["level", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, measure__isnull=True)
                    | models.Q(goal__isnull=True, measure__isnull=False)
                ),
                name="goal_indicator_goal_xor_measure",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self) -> Goal | Measure:
        return self.goal if self.goal_id else self.measure

    def clean(self) -> None:
        super().clean()
        # goal and measure come from the address, not from a form field
        errors: dict[str, str] = {}
        if bool(self.goal_id) == bool(self.measure_id):
            errors[NON_FIELD_ERRORS] = _(
                "An indicator belongs to a goal or to a measure."
            )
        owner = self.goal if self.goal_id else self.measure if self.measure_id else None
        if owner is not None and owner.municipality_id != self.municipality_id:
            errors[NON_FIELD_ERRORS] = _(
                "The goal or measure belongs to another municipality."
            )
        for name in ("monitoring_indicator", "monitoring_district"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and related.municipality_id != self.municipality_id:
                errors[name] = _("Choose from the list.")
        if self.monitoring_district_id and not self.monitoring_indicator_id:
            errors["monitoring_district"] = _(
                "A district applies only to an indicator of the monitoring."
            )
        if (self.baseline_value is None) != (not self.baseline_period):
            errors["baseline_period"] = _(
                "Give the baseline together with its period, or neither."
            )
        if errors:
            raise ValidationError(errors)


class IndicatorTarget(TenantModel):
    """The value an indicator should reach in a period."""

    indicator = models.ForeignKey(
        GoalIndicator,
        verbose_name=_("goal indicator"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    value = models.FloatField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="goal_indicator_target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"


class IndicatorActual(TenantModel):
    """A value an indicator reached in a period, entered by hand."""

    indicator = models.ForeignKey(
        GoalIndicator,
        verbose_name=_("goal indicator"),
        on_delete=models.CASCADE,
        related_name="actuals",
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    value = models.FloatField(_("actual value"))
    recorded_on = models.DateField(_("as of"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="goal_indicator_actual_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"
