"""Where, when and with whom an offer takes place."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import District

from .offer import Offer


def address_text(street: str, postal_code: str, city: str) -> str:
    """Street, postal code and city in one line, as a place's address."""
    place = " ".join(part for part in (postal_code, city) if part)
    return ", ".join(part for part in (street, place) if part)


class OfferLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name of the place"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offer_locations",
        help_text=_("Found from the coordinates."),
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # HSDS ids of the location and its service_at_location link, for round trips.
    hsds_location_id = models.UUIDField(null=True, blank=True, editable=False)
    hsds_extra = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["offer", "position", "name"]

    def __str__(self) -> str:
        return self.name or self.address

    @property
    def address(self) -> str:
        return address_text(self.street, self.postal_code, self.city)

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude lies between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError(
                {"longitude": _("Longitude lies between -180 and 180.")}
            )


class ScheduleKind(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    DATED = "dated", _("on a date")


class OfferSchedule(models.Model):
    """A weekly opening time, or one dated session."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(
        OfferLocation,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ScheduleKind.choices)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), null=True, blank=True, help_text=_("0 is Monday, 6 is Sunday.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    opens_at = models.TimeField(_("from"), null=True, blank=True)
    closes_at = models.TimeField(_("until"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    hsds_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("time")
        verbose_name_plural = _("times")
        ordering = ["offer", "kind", "date", "weekday", "opens_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.weekday or self.date} {self.opens_at}"

    def clean(self) -> None:
        super().clean()
        if self.kind == ScheduleKind.WEEKLY and self.weekday is None:
            raise ValidationError({"weekday": _("Choose the weekday.")})
        if self.weekday is not None and self.weekday > 6:
            raise ValidationError({"weekday": _("Weekdays run from 0 to 6.")})
        if self.kind == ScheduleKind.DATED and self.date is None:
            raise ValidationError({"date": _("Give the date.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The end must be after the start.")})


class OfferContact(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    hsds_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["offer", "position", "name"]

    def __str__(self) -> str:
        return self.name
