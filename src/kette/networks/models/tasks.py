"""Reminders mailed about action items (``kette send_reminders`` looks here so
that a daily run does not mail the same again)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import TenantModel

from .meetings import ActionItem
from .people import Person


class ActionReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")


class ActionItemReminder(TenantModel):
    action_item = models.ForeignKey(
        ActionItem,
        verbose_name=_("action item"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ActionReminderKind.choices
    )
    due = models.DateField(_("due"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("action item reminder")
        verbose_name_plural = _("action item reminders")
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["action_item", "kind", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.action_item} · {self.get_kind_display()} · {self.sent_on}"
