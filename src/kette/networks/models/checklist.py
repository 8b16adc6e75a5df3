"""Checkliste Netzwerkmanagement: the coordinator's self-assessment (seed 004).

The items are state-wide (the state admin keeps them); an assessment is made
for one body or for the municipality's network management as a whole, and
repeated over time, each answer with its next step.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import TenantModel
from kette.core.models.vocabulary import VocabularyTerm

from .bodies import Body
from .people import Person


class ChecklistTheme(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("checklist theme")
        verbose_name_plural = _("checklist themes")


class ChecklistItem(VocabularyTerm):
    """A question of the checklist (label = the question)."""

    theme = models.ForeignKey(
        ChecklistTheme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="items",
    )

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")


class ChecklistAssessment(TenantModel):
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checklist_assessments",
        help_text=_("Empty: the municipality's network management as a whole."),
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("checklist assessment")
        verbose_name_plural = _("checklist assessments")
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        subject = self.body or _("network management")
        return f"{subject} · {self.assessed_on}"


class ChecklistRating(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")
    NOT_APPLICABLE = "n_a", _("does not apply")


class ChecklistAnswer(models.Model):
    assessment = models.ForeignKey(
        ChecklistAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rating = models.CharField(
        _("rating"), max_length=8, choices=ChecklistRating.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    next_step = models.CharField(_("next step"), max_length=500, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    next_step_person = models.ForeignKey(
        Person,
        verbose_name=_("next step by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        ordering = ["assessment", "item__theme__position", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="checklist_answer_unique_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_rating_display()}"

    @property
    def municipality(self):  # noqa: ANN201 - a Municipality
        """Its municipality (for the audit trail and the permission rules)."""
        return self.assessment.municipality
