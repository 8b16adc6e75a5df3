"""Networks and working bodies, their topics and their members over time."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.models import (
    AgeBand,
    BodyType,
    District,
    FieldOfAction,
    LifePhase,
    Organisation,
    TenantModel,
)

from .people import Person


class Topic(TenantModel):
    """A topic a body works on; the municipality's own list, grown by use."""

    name = models.CharField(_("topic"), max_length=150)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="topic_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BodyStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    DISSOLVED = "dissolved", _("dissolved")


class MeetingRhythm(models.TextChoices):
    NONE = "", _("not fixed")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    BIMONTHLY = "bimonthly", _("every two months")
    QUARTERLY = "quarterly", _("quarterly")
    HALF_YEARLY = "half_yearly", _("twice a year")
    YEARLY = "yearly", _("yearly")
    AS_NEEDED = "as_needed", _("as needed")


class Body(TenantModel):
    """A network or working body (Gremium); bodies nest (a network of networks)."""

    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    body_type = models.ForeignKey(
        BodyType,
        verbose_name=_("type of body"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The network this body belongs to, if any."),
    )
    description = models.TextField(_("description"), blank=True)
    city_wide = models.BooleanField(
        _("city-wide"),
        default=True,
        help_text=_("Otherwise it works for the districts chosen."),
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("districts"), blank=True, related_name="bodies"
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, verbose_name=_("fields of action"), blank=True, related_name="+"
    )
    age_bands = models.ManyToManyField(
        AgeBand, verbose_name=_("age bands"), blank=True, related_name="+"
    )
    life_phases = models.ManyToManyField(
        LifePhase, verbose_name=_("life phases"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="bodies"
    )
    goals = models.ManyToManyField(
        "kette_goals.Goal", verbose_name=_("goals"), blank=True, related_name="bodies"
    )
    measures = models.ManyToManyField(
        "kette_goals.Measure",
        verbose_name=_("cooperates in measures"),
        blank=True,
        related_name="cooperating_bodies",
        help_text=_(
            "Measures of the goals in which this body is a cooperation partner."
        ),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    meeting_rhythm = models.CharField(
        _("meeting rhythm"),
        max_length=12,
        choices=MeetingRhythm.choices,
        default=MeetingRhythm.NONE,
        blank=True,
    )
    lead_person = models.ForeignKey(
        Person,
        verbose_name=_("lead (person)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_bodies",
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead (organisation)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_bodies",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BodyStatus.choices,
        default=BodyStatus.ACTIVE,
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public list of networks.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network or working body")
        verbose_name_plural = _("networks and working bodies")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.municipality_id != self.municipality_id:
            raise ValidationError(
                {"parent": _("Choose a body of the same municipality.")}
            )
        ancestor: Body | None = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A body cannot be part of itself.")})
            ancestor = ancestor.parent


class MemberRole(models.TextChoices):
    LEAD = "lead", _("lead")
    MEMBER = "member", _("member")
    GUEST = "guest", _("guest")
    SECRETARIAT = "secretariat", _("secretariat")


class BodyMember(models.Model):
    """A person and/or organisation in a body, from joining to leaving.

    A person sits for the organisation named here (or for none); an
    organisation without a person is a member as such. Leaving sets
    ``left_on``: the row stays, so membership over time is kept.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        # RESTRICT, not PROTECT: deleting the whole municipality (which
        # deletes both sides) still works; erase a person instead.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["body", "role", "id"]
        indexes = [
            models.Index(fields=["person", "body"]),
            models.Index(fields=["organisation", "body"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | models.Q(organisation__isnull=False),
                name="body_member_person_or_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="body_member_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        who = [
            str(part) for part in (self.person, self.organisation) if part is not None
        ]
        return " · ".join(who)

    @property
    def municipality(self):  # noqa: ANN201 - a Municipality
        """Its municipality (for the audit trail and the permission rules)."""
        return self.body.municipality

    def clean(self) -> None:
        super().clean()
        if self.person_id is None and self.organisation_id is None:
            raise ValidationError(_("Name a person or an organisation."))
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("Leaving comes after joining.")})
        municipality_id = self.body.municipality_id if self.body_id else None
        for field in ("person", "organisation"):
            related = getattr(self, field)
            if related is not None and related.municipality_id != municipality_id:
                raise ValidationError({field: _("Choose one of this municipality.")})

    def is_current(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or self.left_on > day
        )
