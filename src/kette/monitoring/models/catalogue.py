"""The indicator catalogue and the observations per district and period."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kette.core.models import AgeBand, District, FieldOfAction, LifePhase, TenantModel


class Polarity(models.TextChoices):
    HIGHER_IS_WORSE = "higher_is_worse", _("higher is worse")
    HIGHER_IS_BETTER = "higher_is_better", _("higher is better")
    NEUTRAL = "neutral", _("neither")


class IndicatorKind(models.TextChoices):
    RATE = "rate", _("rate (numerator / denominator)")
    COUNT = "count", _("count")
    VALUE = "value", _("other value (mean, index, score)")


class Periodicity(models.TextChoices):
    YEAR = "year", _("yearly")
    SCHOOL_YEAR = "school_year", _("per school year")
    DATE = "date", _("on a key date")
    IRREGULAR = "irregular", _("irregular")


class Indicator(TenantModel):
    """One measure of the monitoring, e.g. the social benefit rate of children."""

    key = models.SlugField(_("key"), max_length=64)
    name_de = models.CharField(_("German name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    definition_de = models.TextField(_("German definition"), blank=True)
    definition_en = models.TextField(_("English definition"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=IndicatorKind, default=IndicatorKind.RATE
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %"))
    #: A rate's value is numerator / denominator × scale (100 for per cent).
    scale = models.FloatField(_("scale of the rate"), default=100)
    numerator_definition = models.TextField(_("numerator"), blank=True)
    denominator_definition = models.TextField(_("denominator"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Jugendamt, Gesundheitsamt, Schuleingangsuntersuchung"),
    )
    polarity = models.CharField(
        _("polarity"),
        max_length=20,
        choices=Polarity,
        default=Polarity.HIGHER_IS_WORSE,
    )
    age_band = models.ForeignKey(
        AgeBand,
        verbose_name=_("age band"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    life_phase = models.ForeignKey(
        LifePhase,
        verbose_name=_("life phase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    periodicity = models.CharField(
        _("periodicity"), max_length=16, choices=Periodicity, default=Periodicity.YEAR
    )
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("who delivers the data")
    )
    licence = models.CharField(
        _("licence"),
        max_length=200,
        blank=True,
        help_text=_(
            "terms under which the figures may be passed on, e.g. dl-de/by-2-0"
        ),
    )
    #: Raises the municipality's disclosure threshold k for this indicator
    #: (e.g. for a sensitive health figure); it never lowers it.
    minimum_count = models.PositiveSmallIntegerField(
        _("minimum count"),
        null=True,
        blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text=_(
            "Counts below this are withheld in public for this indicator; empty: "
            "the municipality's threshold, which it can raise but not lower."
        ),
    )
    #: Indicators counted from the same individual-level records (one record
    #: import) share this name: their figures are linked tables and are
    #: withheld together (docs/disclosure-control.md).
    record_source = models.CharField(
        _("record source"),
        max_length=200,
        blank=True,
        help_text=_(
            "the individual-level records the figures are counted from; "
            "indicators from the same records are withheld together in public"
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("shown on the public monitoring pages (figures suppressed)"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="monitoring_indicator_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de

    @property
    def definition(self) -> str:
        if (get_language() or "de").startswith("en") and self.definition_en:
            return self.definition_en
        return self.definition_de


class ObservationStatus(models.TextChoices):
    FINAL = "final", _("final")
    PROVISIONAL = "provisional", _("provisional")
    SUPPRESSED = "suppressed", _("suppressed at the source")
    MISSING = "missing", _("missing")


YEAR = re.compile(r"^(\d{4})$")
SCHOOL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def period_start(period: str) -> dt.date:
    """Where a period begins, for ordering: ``2021`` (a year), ``2021/22`` (a
    school year, from 1 August) or ``2021-12-31`` (a key date).

    Raises ValueError naming the accepted forms.
    """
    text = str(period).strip()
    if match := YEAR.match(text):
        return dt.date(int(match[1]), 1, 1)
    if match := SCHOOL_YEAR.match(text):
        first = int(match[1])
        if (first + 1) % 100 != int(match[2]):
            raise ValueError(
                _("“%(period)s”: a school year is two years in a row, e.g. 2021/22.")
                % {"period": text}
            )
        return dt.date(first, 8, 1)
    if DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(
        _(
            "“%(period)s” is not a period: write a year (2021), a school year "
            "(2021/22) or a date (2021-12-31)."
        )
        % {"period": text}
    )


class Observation(TenantModel):
    """An indicator's value in one district and period.

    For rates the numerator and denominator are kept, so that values add up
    the district hierarchy correctly (sums of numerators over sums of
    denominators, never averaged rates).
    """

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("start of the period"), editable=False)
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ObservationStatus,
        default=ObservationStatus.FINAL,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "district", "period"],
                name="monitoring_observation_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["municipality", "indicator", "period_start"],
                name="monitoring_obs_indicator",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.district_id} {self.period}: {self.value}"

    def clean(self) -> None:
        try:
            self.period_start = period_start(self.period)
        except ValueError as error:
            raise ValidationError({"period": str(error)}) from error
        if self.denominator is not None and self.denominator < 0:
            raise ValidationError(
                {"denominator": _("A denominator cannot be negative.")}
            )

    def save(self, *args, **kwargs) -> None:
        self.period_start = period_start(self.period)
        super().save(*args, **kwargs)
