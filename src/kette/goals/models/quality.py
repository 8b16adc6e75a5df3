"""Quality-cycle self-assessments (seed 004, chapter 4).

A municipality rates, now and then, how far each standard of the six
stations of the quality cycle (vision, strategic goals, steering structure,
data strategy, integrated data use, impact-oriented steering) is
established, with evidence and next steps. A draft is edited; a completed
assessment is read-only (a correction is a new assessment, which may start
as a copy of the latest).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import StationStandard, TenantModel


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("draft")
    COMPLETED = "completed", _("completed")


class Rating(models.IntegerChoices):
    """How far a standard is established (0 … 4)."""

    NOT_STARTED = 0, _("0 – not started")
    PLANNED = 1, _("1 – planned")
    BEGUN = 2, _("2 – begun")
    LARGELY = 3, _("3 – largely established")
    FULLY = 4, _("4 – fully established")


class QualityAssessment(TenantModel):
    """One self-assessment of a municipality along the quality cycle."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    participants = models.TextField(
        _("who took part"),
        blank=True,
        help_text=_("Names or offices, e.g. steering group, youth welfare planning."),
    )
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=AssessmentState.choices,
        default=AssessmentState.DRAFT,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quality-cycle self-assessment")
        verbose_name_plural = _("quality-cycle self-assessments")
        ordering = ["municipality", "-date", "-id"]
        indexes = [
            models.Index(
                fields=["municipality", "state", "date"],
                name="quality_assessment_state_idx",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_completed(self) -> bool:
        return self.state == AssessmentState.COMPLETED

    def clean(self) -> None:
        super().clean()
        based_on = self.based_on
        if based_on is not None and based_on.municipality_id != self.municipality_id:
            raise ValidationError(
                {"based_on": _("The assessment belongs to another municipality.")}
            )


class StandardRating(TenantModel):
    """The rating of one station standard in one assessment."""

    assessment = models.ForeignKey(
        QualityAssessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    standard = models.ForeignKey(
        StationStandard,
        verbose_name=_("standard"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=Rating.choices, null=True, blank=True
    )
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What shows it: decisions, documents, bodies, data."),
    )
    next_steps = models.TextField(_("next steps"), blank=True)
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible for the next step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due = models.DateField(_("next step due"), null=True, blank=True)

    class Meta:
        verbose_name = _("standard rating")
        verbose_name_plural = _("standard ratings")
        ordering = ["assessment_id", "standard__station__number", "standard__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "standard"], name="rating_unique_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.rating}"

    def clean(self) -> None:
        super().clean()
        if self.assessment_id and (
            self.assessment.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"assessment": _("The assessment belongs to another municipality.")}
            )
