"""Meetings of a body and their unified minutes, with action items.

The agenda belongs to the meeting; the minutes are versions: a draft is
edited, an approved version never changes again, and a correction is a new
version (copied from the last one). Action items (follow-ups) live on beyond
their minutes: their status moves on until done, and open ones come back on
the next meeting's agenda (Wiedervorlage).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation, TenantModel

from .bodies import Body, BodyMember
from .people import Person


class Meeting(TenantModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=250, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    invited = models.ManyToManyField(
        BodyMember, verbose_name=_("invited"), blank=True, related_name="invitations"
    )
    attended = models.ManyToManyField(
        BodyMember, verbose_name=_("attended"), blank=True, related_name="attendances"
    )
    # The read-only link for members: a signed token carries this key, so
    # renewing it makes every earlier link invalid.
    share_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self) -> str:
        return self.title or f"{self.body} · {self.starts_at:%Y-%m-%d}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="agenda",
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("agenda item"), max_length=300)
    follow_up_of = models.ForeignKey(
        "ActionItem",
        verbose_name=_("follow-up of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_items",
        help_text=_("Set when an open action item came back on the agenda."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def municipality(self):  # -> Municipality, for the audit trail
        return self.meeting.municipality


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


class Minutes(models.Model):
    """One version of a meeting's minutes."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=MinutesState.choices,
        default=MinutesState.DRAFT,
    )
    summary = models.TextField(_("general remarks"), blank=True)
    correction_note = models.CharField(
        _("what was corrected"), max_length=500, blank=True
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"], name="minutes_unique_version"
            )
        ]

    def __str__(self) -> str:
        return str(_("Minutes of %(meeting)s, version %(version)s")) % {
            "meeting": self.meeting,
            "version": self.version,
        }

    @property
    def is_approved(self) -> bool:
        return self.state == MinutesState.APPROVED

    @property
    def municipality(self):  # -> Municipality, for the audit trail
        return self.meeting.municipality


class MinutesEntry(models.Model):
    """What the minutes record for one agenda item."""

    minutes = models.ForeignKey(
        Minutes,
        verbose_name=_("minutes"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    discussion = models.TextField(_("discussion"), blank=True)
    agreements = models.TextField(
        _("agreements"), blank=True, help_text=_("What was decided, one per line.")
    )

    class Meta:
        verbose_name = _("minutes entry")
        verbose_name_plural = _("minutes entries")
        ordering = ["minutes", "agenda_item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "agenda_item"], name="minutes_entry_unique_item"
            )
        ]

    def __str__(self) -> str:
        return str(self.agenda_item)

    @property
    def municipality(self):  # -> Municipality, for the audit trail
        return self.minutes.meeting.municipality


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItem(TenantModel):
    """A follow-up agreed in a meeting: who does what by when."""

    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("agreed in"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    task = models.TextField(_("task"))
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActionStatus.choices,
        default=ActionStatus.OPEN,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status_note = models.CharField(_("comment"), max_length=500, blank=True)
    measure = models.ForeignKey(
        "kette_goals.Measure",
        verbose_name=_("became measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["municipality", "status", "due"]),
            models.Index(fields=["responsible_person", "status"]),
        ]

    def __str__(self) -> str:
        return self.task[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES
