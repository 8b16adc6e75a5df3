"""Shared vocabularies from the seed texts, kept as data the state admin edits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class VocabularyTerm(models.Model):
    """A term with a stable code, a German label and its English translation."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    label_de = models.CharField(_("German label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)
    description_de = models.TextField(_("German description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return (
            self.label_en
            if (get_language() or "de").startswith("en")
            else self.label_de
        )

    @property
    def description(self) -> str:
        english = (get_language() or "de").startswith("en")
        return (self.description_en if english else "") or self.description_de


class MonthRange(models.Model):
    """An age range in months; pregnancy is negative (-9 .. 0)."""

    min_months = models.SmallIntegerField(_("from age (months)"))
    max_months = models.SmallIntegerField(
        _("to age (months)"), help_text=_("exclusive upper bound")
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.min_months is not None and self.max_months is not None:
            if self.min_months < -9:
                raise ValidationError(
                    {"min_months": _("Ages start at -9 months (pregnancy).")}
                )
            if self.max_months <= self.min_months:
                raise ValidationError(
                    {"max_months": _("The upper bound must be above the lower bound.")}
                )

    def contains_months(self, months: int) -> bool:
        return self.min_months <= months < self.max_months


class AgeBand(VocabularyTerm, MonthRange):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")


class LifePhase(VocabularyTerm, MonthRange):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("life phase")
        verbose_name_plural = _("life phases")


class FieldOfAction(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")


class PreventionStandard(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("prevention standard")
        verbose_name_plural = _("prevention standards")


class TargetGroup(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(VocabularyTerm):
    """A language by its ISO 639-1 code (the term's code)."""

    native_name = models.CharField(_("name in the language itself"), max_length=100)
    right_to_left = models.BooleanField(_("written right to left"), default=False)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def clean(self) -> None:
        super().clean()
        if self.code and not (
            len(self.code) == 2 and self.code.isalpha() and self.code.islower()
        ):
            raise ValidationError(
                {"code": _("Use the two-letter ISO 639-1 code, e.g. 'tr'.")}
            )


class BodyType(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("type of working body")
        verbose_name_plural = _("types of working body")


class MeasureType(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("measure type")
        verbose_name_plural = _("measure types")


class MeasureStatus(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("measure status")
        verbose_name_plural = _("measure statuses")


class Sector(VocabularyTerm):
    """The sector an organisation works in (youth welfare, health, school ...)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class QualityStation(VocabularyTerm):
    """One of the six stations of the quality cycle (seed 004)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("quality-cycle station")
        verbose_name_plural = _("quality-cycle stations")
        ordering = ["number"]


class StationStandard(VocabularyTerm):
    """A prevention standard that belongs to one station of the quality cycle."""

    station = models.ForeignKey(
        QualityStation,
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        related_name="standards",
    )

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("station standard")
        verbose_name_plural = _("station standards")
        ordering = ["station__number", "position"]


VOCABULARIES: dict[str, type[VocabularyTerm]] = {
    "age-bands": AgeBand,
    "life-phases": LifePhase,
    "fields-of-action": FieldOfAction,
    "prevention-standards": PreventionStandard,
    "target-groups": TargetGroup,
    "languages": Language,
    "body-types": BodyType,
    "measure-types": MeasureType,
    "measure-statuses": MeasureStatus,
    "sectors": Sector,
    "quality-stations": QualityStation,
    "station-standards": StationStandard,
}
