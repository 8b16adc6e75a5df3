"""Measure deadlines: the reminders sent, and the keys of personal calendar feeds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import TenantModel

from ..links import new_link_key
from .measures import Measure


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")


class MeasureReminder(TenantModel):
    """A reminder mailed to a measure's responsible person (``send_reminders``
    looks here so that a daily run does not mail the same again)."""

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    due = models.DateField(_("due"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("measure reminder")
        verbose_name_plural = _("measure reminders")
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["measure", "kind", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.measure} · {self.get_kind_display()} · {self.sent_on}"


def new_feed_key() -> str:
    # Named in migration 0006; the key itself is the shared personal-link key.
    return new_link_key()


class CalendarFeedKey(TenantModel):
    """The secret of a person's calendar feed URLs in one municipality.

    Calendar programs cannot log in, so the feed's address carries this key
    (signed, see ``selectors.deadlines.feed_token``); a new key makes the old
    addresses useless.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(
        _("key"), max_length=64, unique=True, default=new_feed_key, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="calendar_feed_key_unique_user"
            )
        ]

    def __str__(self) -> str:
        return str(_("Calendar feed of %(user)s") % {"user": self.user_id})
