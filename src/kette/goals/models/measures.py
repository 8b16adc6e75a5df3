"""Measures (the numbered tasks of a SMART grid) and their status history."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import (
    MeasureStatus,
    MeasureType,
    Organisation,
    PreventionStandard,
    TenantModel,
)

from .goals import Goal


class Recurrence(models.TextChoices):
    NONE = "", _("once")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


class Measure(TenantModel):
    """A task (Auftrag) of a goal: who does what, with whom, by when."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Its place among the measures of the goal.")
    )
    task = models.TextField(_("task"))
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_measures",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_measures",
    )
    responsibility_note = models.CharField(
        _("responsibility in words"),
        max_length=500,
        blank=True,
        help_text=_("e.g. who moderates, who decides"),
    )
    cooperation_partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("cooperation partners"),
        blank=True,
        related_name="cooperating_measures",
    )
    # Networks as cooperation partners join here (a many-to-many to the
    # networks app's Network) once that app exists.
    cooperation_note = models.CharField(
        _("cooperation in words"),
        max_length=500,
        blank=True,
        help_text=_("Partners that are not in the directory, e.g. working bodies."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    recurrence = models.CharField(
        _("repeats"),
        max_length=10,
        choices=Recurrence.choices,
        default=Recurrence.NONE,
        blank=True,
    )
    recurrence_until = models.DateField(_("repeats until"), null=True, blank=True)
    schedule_note = models.CharField(
        _("schedule in words"),
        max_length=300,
        blank=True,
        help_text=_("e.g. first half of 2013"),
    )
    measure_type = models.ForeignKey(
        MeasureType,
        verbose_name=_("type of measure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.ForeignKey(
        MeasureStatus,
        verbose_name=_("status"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status_changed_on = models.DateField(_("status as of"), null=True, blank=True)
    prevention_standards = models.ManyToManyField(
        PreventionStandard,
        verbose_name=_("prevention standards"),
        blank=True,
        related_name="+",
    )
    offers = models.ManyToManyField(
        "kette_offers.Offer",
        verbose_name=_("offers it creates or changes"),
        blank=True,
        related_name="measures",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "number"], name="measure_unique_number"
            )
        ]
        # The balance counts a municipality's measures by status and type
        # from this index alone (migration 0007).
        indexes = [models.Index(fields=["municipality", "status", "measure_type"])]

    def __str__(self) -> str:
        first_line = self.task.strip().splitlines()[0] if self.task.strip() else ""
        return first_line[:120]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.goal_id and self.goal.municipality_id != self.municipality_id:
            errors["goal"] = _("The goal belongs to another municipality.")
        organisation = self.responsible_organisation
        if organisation and organisation.municipality_id != self.municipality_id:
            errors["responsible_organisation"] = _(
                "The organisation belongs to another municipality."
            )
        if self.start and self.due and self.due < self.start:
            errors["due"] = _("The due date must not be before the start.")
        if self.recurrence_until and not self.recurrence:
            errors["recurrence_until"] = _(
                "Only a repeating measure has an end of repetition."
            )
        if self.recurrence and self.recurrence_until and self.start:
            if self.recurrence_until < self.start:
                errors["recurrence_until"] = _(
                    "The repetition must not end before the start."
                )
        if errors:
            raise ValidationError(errors)


class MeasureStatusChange(TenantModel):
    """A dated change of a measure's status, with who said so and why."""

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    on = models.DateField(_("date"))
    old_status = models.ForeignKey(
        MeasureStatus,
        verbose_name=_("previous status"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    new_status = models.ForeignKey(
        MeasureStatus,
        verbose_name=_("new status"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who, when the person has no account (e.g. through a personal review link).
    actor_name = models.CharField(_("changed by (name)"), max_length=150, blank=True)
    # The answer to a review round this change was given as, if any.
    review_request = models.ForeignKey(
        "kette_goals.ReviewRequest",
        verbose_name=_("review request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_changes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["measure_id", "-on", "-id"]
        # The balance groups a municipality's history by day and status from
        # this index alone, read in order (migration 0007).
        indexes = [
            models.Index(fields=["municipality", "on", "new_status", "old_status"])
        ]

    def __str__(self) -> str:
        return f"{self.measure} · {self.on}: {self.new_status}"


class BalanceCount(TenantModel):
    """One count of a municipality's balance, kept up to date by every write
    that changes it, inside the writing transaction (services/balance.py): a
    balance sums these rows in the database instead of counting every
    measure and status change.

    ``kind``: ``goals``; ``status`` or ``type`` (``term``: the term's pk,
    null for no type); a tag of the measures' goals, ``fields_of_action``,
    ``age_bands``, ``life_phases`` (null: goals without one); ``moves``, the
    status history per quarter (``quarter`` 20243 for 2024 Q3, ``term`` the
    status, ``n`` the changes into it less the changes out of it)."""

    kind = models.CharField(max_length=20)
    term = models.IntegerField(null=True, blank=True)
    quarter = models.IntegerField(null=True, blank=True)
    n = models.IntegerField()

    class Meta:
        verbose_name = _("balance count")
        verbose_name_plural = _("balance counts")
        # The state's sums read (kind, term, quarter, n) from this index alone.
        indexes = [models.Index(fields=["kind", "term", "quarter", "n"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.term} {self.quarter}: {self.n}"
