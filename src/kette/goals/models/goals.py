"""The vision (Leitbild) and the goal hierarchy of a municipality."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import (
    AgeBand,
    FieldOfAction,
    LifePhase,
    PreventionStandard,
    TenantModel,
)

# The levels a municipality starts with; Bielefeld's five (Leitziel,
# Produktgruppenziel, Produkt, Teilziel, Maßnahme) are set up the same way.
DEFAULT_LEVEL_NAMES = (
    _("Guiding goal"),
    _("Strategic goal"),
    _("Operational goal"),
)


class Vision(TenantModel):
    """The municipality's prevention vision; each adopted version is kept."""

    text = models.TextField(_("vision"))
    adopted_on = models.DateField(
        _("adopted on"), help_text=_("The day the vision was adopted or revised.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        ordering = ["-adopted_on", "-created_at"]

    def __str__(self) -> str:
        return str(_("Vision of %(date)s") % {"date": self.adopted_on})


class GoalLevel(TenantModel):
    """One level of the goal hierarchy; position 1 is the top."""

    position = models.PositiveSmallIntegerField(_("depth"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("goal level")
        verbose_name_plural = _("goal levels")
        ordering = ["municipality_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "position"], name="goal_level_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.name


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("pursued")
    ACHIEVED = "achieved", _("achieved")
    ARCHIVED = "archived", _("archived")


class Goal(TenantModel):
    """A goal with its SMART grid: description, measurement criteria, measures.

    Its level follows from its depth: a goal without a parent is on the first
    level, a sub-goal one level below its parent (checked in ``clean``).
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent goal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.ForeignKey(
        GoalLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Its place among the goals of the same parent.")
    )
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description of the goal"), blank=True)
    measurement_criteria = models.TextField(_("measurement criteria"), blank=True)
    fields_of_action = models.ManyToManyField(
        FieldOfAction, verbose_name=_("fields of action"), blank=True, related_name="+"
    )
    age_bands = models.ManyToManyField(
        AgeBand, verbose_name=_("age bands"), blank=True, related_name="+"
    )
    life_phases = models.ManyToManyField(
        LifePhase, verbose_name=_("life phases"), blank=True, related_name="+"
    )
    prevention_standards = models.ManyToManyField(
        PreventionStandard,
        verbose_name=_("prevention standards"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=GoalStatus.choices,
        default=GoalStatus.ACTIVE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "number"], name="goal_unique_number"
            ),
            models.UniqueConstraint(
                fields=["municipality", "number"],
                condition=models.Q(parent__isnull=True),
                name="goal_unique_top_number",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if not (self.municipality_id and self.level_id):
            return
        if self.level.municipality_id != self.municipality_id:
            raise ValidationError(
                {"level": _("The level belongs to another municipality.")}
            )
        if self.parent_id is None:
            if self.level.position != 1:
                raise ValidationError(
                    {"parent": _("A goal below the first level needs a parent goal.")}
                )
            return
        parent = self.parent
        if parent.municipality_id != self.municipality_id:
            raise ValidationError(
                {"parent": _("The parent goal belongs to another municipality.")}
            )
        if self.level.position != parent.level.position + 1:
            raise ValidationError(
                {"level": _("A sub-goal lies one level below its parent goal.")}
            )
