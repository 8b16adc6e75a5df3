"""The repeatable parts of an offer (places, times, contact persons) as formsets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from ...models import OfferLocation, OfferSchedule
from ...models.parts import OfferContact
from ...services.content import CONTACT_FIELDS, LOCATION_FIELDS, SCHEDULE_FIELDS
from .offer import (
    QuietMixin,
    _optional,
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value == "" else value


# A dated session happens once: the weekly times' span of validity is not its.
VALIDITY = ("valid_from", "valid_until")
TIME = {"widget": forms.TimeInput(format="%H:%M", attrs={"type": "time"})}
DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


class PartForm(QuietMixin, forms.Form):
    """One place, time or person; empty forms are left out."""

    content_fields: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return all(
            self[name].data in (None, "", [], False) for name in self.content_fields
        )

    def is_removed(self) -> bool:
        return "DELETE" in self.fields and bool(self["DELETE"].data)

    def row(self) -> dict:
        return {
            name: _plain(self.cleaned_data.get(name)) for name in self.content_fields
        }

    extra_fields: tuple[str, ...] = ()

    @classmethod
    def initial_from(cls, row: dict) -> dict:
        names = set(cls.base_fields) | set(cls.extra_fields)
        return {k: v for k, v in row.items() if k in names}


class LocationForm(PartForm):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    name = _optional(OfferLocation, "name")
    street = _optional(OfferLocation, "street")
    postal_code = _optional(OfferLocation, "postal_code")
    city = _optional(OfferLocation, "city")
    latitude = _optional(
        OfferLocation,
        "latitude",
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Decimal degrees, e.g. 51.4556; the district is found from them."),
    )
    longitude = _optional(
        OfferLocation,
        "longitude",
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Decimal degrees, e.g. 7.0116."),
    )
    accessibility = _optional(
        OfferLocation, "accessibility", widget=forms.Textarea(attrs={"rows": 2})
    )

    content_fields = LOCATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["street"].widget.attrs["autocomplete"] = "street-address"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"

    def row(self) -> dict:
        row = super().row()
        if self.cleaned_data.get("id"):
            row["id"] = self.cleaned_data["id"]
        return row


class TimeForm(PartForm):
    """Shared by weekly times and dated sessions: the place is one of the offer's."""

    kind = ""
    extra_fields = ("location",)

    def __init__(self, *args: Any, location_choices=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["location"] = forms.ChoiceField(
            label=_("Place"),
            required=False,
            choices=[("", _("– no particular place –"))] + list(location_choices),
        )

    def row(self) -> dict:
        row = super().row()
        row["kind"] = self.kind
        return row


class WeeklyTimeForm(TimeForm):
    kind = "weekly"
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("– please choose –"))] + list(WEEKDAYS.items()),
    )
    opens_at = _optional(OfferSchedule, "opens_at", **TIME)
    closes_at = _optional(OfferSchedule, "closes_at", **TIME)
    valid_from = _optional(OfferSchedule, "valid_from", **DATE)
    valid_until = _optional(OfferSchedule, "valid_until", **DATE)
    note = _optional(OfferSchedule, "note")

    content_fields = tuple(f for f in SCHEDULE_FIELDS if f not in ("kind", "date"))


class DatedSessionForm(TimeForm):
    kind = "dated"
    date = _optional(OfferSchedule, "date", **DATE)
    opens_at = _optional(OfferSchedule, "opens_at", **TIME)
    closes_at = _optional(OfferSchedule, "closes_at", **TIME)
    note = _optional(OfferSchedule, "note")

    content_fields = tuple(
        f for f in SCHEDULE_FIELDS if f not in ("kind", "weekday", *VALIDITY)
    )


class ContactForm(PartForm):
    name = _optional(OfferContact, "name")
    role = _optional(OfferContact, "role")
    phone = _optional(OfferContact, "phone")
    email = _optional(OfferContact, "email")

    content_fields = CONTACT_FIELDS


class PartFormSet(forms.BaseFormSet):
    remove_label = _("Remove")

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.remove_label


class Part:
    """A repeatable part of the offer form: its formset and how to name it."""

    def __init__(self, name, form, legend, item, add_label, remove_label, help_text):
        self.name = name
        self.form = form
        self.legend = legend
        self.item = item  # "Place %(n)d"
        self.add_label = add_label
        self.help_text = help_text
        self.base = type("FormSet", (PartFormSet,), {"remove_label": remove_label})
        self.formset: forms.BaseFormSet | None = None

    def formset_class(self, extra: int) -> type[forms.BaseFormSet]:
        return forms.formset_factory(
            self.form, formset=self.base, extra=extra, can_delete=True
        )

    def item_label(self, index: int) -> str:
        return self.item % {"n": index + 1}

    def items(self) -> list[tuple[str, forms.Form]]:
        return [(self.item_label(i), f) for i, f in enumerate(self.formset.forms)]


def _parts() -> list[Part]:
    return [
        Part(
            "locations",
            LocationForm,
            _("Places"),
            _("Place %(n)d"),
            _("Add a place"),
            _("Remove this place"),
            _("Where the offer takes place. Leave a place empty to leave it out."),
        ),
        Part(
            "weekly",
            WeeklyTimeForm,
            _("Weekly times"),
            _("Weekly time %(n)d"),
            _("Add a weekly time"),
            _("Remove this time"),
            _("Regular opening hours or meetings, e.g. every Tuesday 9:00–11:00."),
        ),
        Part(
            "dated",
            DatedSessionForm,
            _("Dated sessions"),
            _("Session %(n)d"),
            _("Add a session"),
            _("Remove this session"),
            _("Single dates, e.g. for a course or an information evening."),
        ),
        Part(
            "contacts",
            ContactForm,
            _("Contact persons"),
            _("Contact person %(n)d"),
            _("Add a contact person"),
            _("Remove this person"),
            "",
        ),
    ]
