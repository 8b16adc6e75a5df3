"""Forms of the offer staff pages.

``OfferEditor`` bundles the offer form with its repeatable parts (places,
weekly times, dated sessions, contact persons) as formsets. It turns the
input into the content dict of ``services/content.py`` and puts the
services' errors ("locations.0.latitude") back on the field they name, so
nothing typed is lost and every message sits where it belongs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.utils import ErrorDict
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation

from .models import Offer, OfferLocation, OfferSchedule, OfferStatus, SearchSynonym
from .models.parts import OfferContact
from .services.content import VOCABULARY_FIELDS
from .services.synonyms import synonym_editable_fields

PREGNANCY = -9


def _model_field(model: type[models.Model], name: str, **kwargs: Any) -> forms.Field:
    db_field = model._meta.get_field(name)
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    field = db_field.formfield(**kwargs)
    if isinstance(field, forms.CharField) and isinstance(db_field, models.TextField):
        field.widget = forms.Textarea(attrs={"rows": 3})
    return field


def _optional(model: type[models.Model], name: str, **kwargs: Any) -> forms.Field:
    """The model's form field, not required: the content service validates."""
    field = _model_field(model, name, **kwargs)
    field.required = False
    return field


class QuietMixin:
    """A bound form that keeps its input but reports no errors (yet).

    Used when the page is shown again after "add another place": the input
    stays in the fields, and half-filled parts are not called wrong.
    """

    quiet = False

    def full_clean(self) -> None:
        if self.quiet:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()


def _years_months(months: int) -> tuple[int, int | None]:
    """36 → (3, None): whole years leave the months empty."""
    years, rest = divmod(months, 12)
    return years, (rest or None) if years else rest


def months_of(years: int | None, months: int | None) -> int | None:
    if years is None and months is None:
        return None
    return (years or 0) * 12 + (months or 0)


class OfferForm(QuietMixin, forms.Form):
    """The offer's own fields; the age is entered as years and months."""

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = _model_field(Offer, "title")
    summary = _optional(Offer, "summary", widget=forms.Textarea(attrs={"rows": 2}))
    description = _optional(Offer, "description")
    from_pregnancy = forms.BooleanField(label=_("From pregnancy on"), required=False)
    min_years = forms.IntegerField(
        label=_("From age: years"), required=False, min_value=0, max_value=99
    )
    min_months = forms.IntegerField(
        label=_("From age: months"), required=False, min_value=0, max_value=11
    )
    max_years = forms.IntegerField(
        label=_("Under the age of: years"), required=False, min_value=0, max_value=99
    )
    max_months = forms.IntegerField(
        label=_("Under the age of: months"), required=False, min_value=0, max_value=11
    )
    cost = _model_field(Offer, "cost", widget=forms.RadioSelect)
    cost_text = _optional(Offer, "cost_text")
    registration_required = _optional(Offer, "registration_required")
    registration_text = _optional(Offer, "registration_text")
    capacity = _optional(Offer, "capacity")
    website = _optional(Offer, "website")
    email = _optional(Offer, "email")
    phone = _optional(Offer, "phone")

    fieldsets = (
        (_("About the offer"), ("organisation", "title", "summary", "description")),
        (
            _("Cost and registration"),
            (
                "cost",
                "cost_text",
                "registration_required",
                "registration_text",
                "capacity",
            ),
        ),
        (_("How to reach the offer"), ("website", "email", "phone")),
    )
    # Where the content service's keys show up in this form.
    SERVICE_FIELDS = {"min_age_months": "min_years", "max_age_months": "max_years"}

    def __init__(
        self,
        *args: Any,
        organisations: Iterable[Organisation],
        pregnancy_start: int = PREGNANCY,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.fields["organisation"].choices = [("", _("– please choose –"))] + [
            (o.pk, o.name) for o in organisations
        ]
        if len(organisations) == 1 and not self.is_bound:
            self.initial.setdefault("organisation", organisations[0].pk)
        for name, model in VOCABULARY_FIELDS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=_model_field(Offer, name).label,
                required=False,
                choices=[
                    (t.code, t.label) for t in model.objects.filter(is_active=True)
                ],
                widget=forms.CheckboxSelectMultiple,
            )
        self.fields["description"].widget.attrs["rows"] = 6
        self.fields["capacity"].label = _("Number of places")
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs["autocomplete"] = "url"
        self.fields["website"].help_text = _("For example https://www.example.org")
        self.pregnancy_start = pregnancy_start

    @staticmethod
    def initial_from(content: dict) -> dict:
        initial = {k: v for k, v in content.items() if not isinstance(v, list)}
        initial |= {name: content.get(name) or [] for name in VOCABULARY_FIELDS}
        low, high = content.get("min_age_months"), content.get("max_age_months")
        if low is not None and low < 0:
            initial["from_pregnancy"] = True
        elif low is not None:
            initial["min_years"], initial["min_months"] = _years_months(low)
        if high is not None and high >= 0:
            initial["max_years"], initial["max_months"] = _years_months(high)
        return initial

    def grouped_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[n] for n in names]) for legend, names in self.fieldsets]

    def vocabulary_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in VOCABULARY_FIELDS]

    def clean(self) -> dict:
        data = super().clean()
        low = months_of(data.get("min_years"), data.get("min_months"))
        if data.get("from_pregnancy"):
            if low is not None:
                self.add_error(
                    "min_years",
                    _("Choose either 'from pregnancy on' or an age to start from."),
                )
            low = self.pregnancy_start
        data["min_age_months"] = low
        data["max_age_months"] = months_of(
            data.get("max_years"), data.get("max_months")
        )
        return data

    def content(self) -> dict:
        data = self.cleaned_data
        content = {
            name: data.get(name)
            for name in (
                "organisation",
                "title",
                "summary",
                "description",
                "min_age_months",
                "max_age_months",
                "cost",
                "cost_text",
                "registration_required",
                "registration_text",
                "capacity",
                "website",
                "email",
                "phone",
            )
        }
        content |= {name: list(data.get(name) or []) for name in VOCABULARY_FIELDS}
        return content


def _plain(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value == "" else value


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

    content_fields = (
        "name",
        "street",
        "postal_code",
        "city",
        "latitude",
        "longitude",
        "accessibility",
    )

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

    content_fields = (
        "weekday",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_until",
        "note",
    )


class DatedSessionForm(TimeForm):
    kind = "dated"
    date = _optional(OfferSchedule, "date", **DATE)
    opens_at = _optional(OfferSchedule, "opens_at", **TIME)
    closes_at = _optional(OfferSchedule, "closes_at", **TIME)
    note = _optional(OfferSchedule, "note")

    content_fields = ("date", "opens_at", "closes_at", "note")


class ContactForm(PartForm):
    name = _optional(OfferContact, "name")
    role = _optional(OfferContact, "role")
    phone = _optional(OfferContact, "phone")
    email = _optional(OfferContact, "email")

    content_fields = ("name", "role", "phone", "email")


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


class OfferEditor:
    """The whole offer form: main fields plus the four repeatable parts."""

    def __init__(
        self,
        data: Any = None,
        *,
        content: dict | None = None,
        organisations: Iterable[Organisation],
        add: str = "",
    ):
        content = content or {}
        low = content.get("min_age_months")
        pregnancy_start = low if isinstance(low, int) and low < 0 else PREGNANCY
        self.parts = _parts()
        self.by_name = {part.name: part for part in self.parts}
        quiet = bool(add)
        if data is not None and add in self.by_name:
            data = data.copy()
            key = f"{add}-TOTAL_FORMS"
            try:
                data[key] = str(int(data.get(key, 0)) + 1)
            except ValueError:
                data[key] = "1"
        self.data = data
        self.form = OfferForm(
            data,
            initial=OfferForm.initial_from(content),
            organisations=organisations,
            pregnancy_start=pregnancy_start,
        )
        self.form.quiet = quiet
        rows = self._initial_rows(content)
        locations = self._make_formset(self.by_name["locations"], rows["locations"])
        choices = self._location_choices(locations, rows["locations"])
        for part in self.parts[1:]:
            kwargs = {"location_choices": choices} if part.name != "contacts" else {}
            self._make_formset(part, rows[part.name], **kwargs)
        for part in self.parts:
            for form in part.formset.forms:
                form.quiet = quiet
        self.index: dict[str, list[tuple[str, int]]] = {}

    @staticmethod
    def _initial_rows(content: dict) -> dict[str, list[dict]]:
        schedules = content.get("schedules") or []
        rows = {
            "locations": [dict(r or {}) for r in content.get("locations") or []],
            "weekly": [
                dict(s or {}) for s in schedules if (s or {}).get("kind") != "dated"
            ],
            "dated": [
                dict(s or {}) for s in schedules if (s or {}).get("kind") == "dated"
            ],
            "contacts": [dict(r or {}) for r in content.get("contacts") or []],
        }
        for name in ("weekly", "dated"):
            for row in rows[name]:
                if isinstance(row.get("location"), int):
                    row["location"] = str(row["location"])
        return rows

    def _make_formset(self, part: Part, rows: list[dict], **form_kwargs: Any):
        initial = [part.form.initial_from(row or {}) for row in rows]
        # A part with nothing in it yet shows one empty form to fill in.
        part.formset = part.formset_class(extra=0 if initial else 1)(
            self.data,
            initial=initial or None,
            prefix=part.name,
            form_kwargs=form_kwargs,
        )
        return part.formset

    def _location_choices(self, formset, rows: list[dict]) -> list[tuple[str, str]]:
        part = self.by_name["locations"]
        choices = []
        for index, form in enumerate(formset.forms):
            if self.data is not None:
                name = form["name"].data or form["street"].data or ""
            else:
                row = rows[index] if index < len(rows) else {}
                name = row.get("name") or row.get("street") or ""
            label = part.item_label(index)
            choices.append((str(index), f"{label}: {name}" if name else label))
        return choices

    # --- validation ---------------------------------------------------------

    def used_forms(self, part: Part) -> list[tuple[int, forms.Form]]:
        return [
            (index, form)
            for index, form in enumerate(part.formset.forms)
            if not form.is_removed() and not form.is_blank()
        ]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for part in self.parts:
            if not part.formset.management_form.is_valid():
                self.form.add_error(
                    None, _("The form was incomplete; please check it.")
                )
                valid = False
                continue
            for _index, form in self.used_forms(part):
                valid = form.is_valid() and valid
        return valid and self._check_places()

    def _check_places(self) -> bool:
        used = {index for index, _form in self.used_forms(self.by_name["locations"])}
        ok = True
        for name in ("weekly", "dated"):
            for _index, form in self.used_forms(self.by_name[name]):
                chosen = form.cleaned_data.get("location")
                if chosen and int(chosen) not in used:
                    form.add_error(
                        "location",
                        _("This place is empty or being removed; choose another."),
                    )
                    ok = False
        return ok

    def content(self) -> dict:
        """The content dict for the services; remembers which form made each row."""
        content = self.form.content()
        locations = self.used_forms(self.by_name["locations"])
        position = {index: n for n, (index, _form) in enumerate(locations)}
        content["locations"] = [form.row() for _index, form in locations]
        self.index = {"locations": [("locations", i) for i, _f in locations]}
        content["schedules"], self.index["schedules"] = [], []
        for name in ("weekly", "dated"):
            for index, form in self.used_forms(self.by_name[name]):
                row = form.row()
                chosen = form.cleaned_data.get("location")
                row["location"] = position[int(chosen)] if chosen else None
                content["schedules"].append(row)
                self.index["schedules"].append((name, index))
        contacts = self.used_forms(self.by_name["contacts"])
        content["contacts"] = [form.row() for _index, form in contacts]
        self.index["contacts"] = [("contacts", i) for i, _f in contacts]
        return content

    def add_service_errors(self, error: ValidationError) -> None:
        """Put each of a service's errors on the form field its key names."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.form.add_error(None, message)
            return
        for key, errors in error.error_dict.items():
            for message in errors:
                self._add_error(key, message)

    def _add_error(self, key: str, message: Any) -> None:
        head, _sep, rest = key.partition(".")
        if head in self.index and rest:
            number, _sep, field = rest.partition(".")
            targets = self.index[head]
            if number.isdigit() and int(number) < len(targets):
                part_name, form_index = targets[int(number)]
                form = self.by_name[part_name].formset.forms[form_index]
                form.add_error(field if field in form.fields else None, message)
                return
        name = OfferForm.SERVICE_FIELDS.get(key, key)
        if name in self.form.fields:
            self.form.add_error(name, message)
        elif key == NON_FIELD_ERRORS:
            self.form.add_error(None, message)
        else:
            self.form.add_error(None, f"{key}: {message}")

    def error_summary(self) -> list[tuple[str, str]]:
        """(link target, text) for every error on the page, in page order."""
        entries = [("", str(m)) for m in self.form.non_field_errors()]
        for field in self.form:
            entries += [(_anchor(field), f"{field.label}: {m}") for m in field.errors]
        for part in self.parts:
            for label, form in part.items():
                entries += [("", f"{label}: {m}") for m in form.non_field_errors()]
                entries += [
                    (_anchor(field), f"{label} – {field.label}: {m}")
                    for field in form
                    for m in field.errors
                ]
        return entries


def _anchor(field: forms.BoundField) -> str:
    return f"{field.auto_id}_0" if field.field.widget.use_fieldset else field.auto_id


class OfferFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title contains"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, organisations: Iterable[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Every status"))] + list(
            OfferStatus.choices
        )
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (o.pk, o.name) for o in organisations
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {
            "text": self.cleaned_data["q"].strip(),
            "status": self.cleaned_data["status"],
            "organisation_id": self.cleaned_data["organisation"],
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        help_text=_("The editors of the offer see this comment."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what should change.")},
    )


class OfferEditOptions(forms.Form):
    """The checkbox only coordinators see."""

    publish = forms.BooleanField(
        label=_("Publish immediately, without review"), required=False
    )


class InventoryFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args: Any, districts: Iterable, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("Whole municipality"))] + [
            (node.district.code, "\u2003" * node.depth + node.district.name)
            for node in districts
        ]

    def district_code(self) -> str:
        return self.cleaned_data["district"] if self.is_valid() else ""


class SynonymForm(forms.ModelForm):
    """Every editable field of a synonym; the services normalise and validate."""

    class Meta:
        model = SearchSynonym
        fields = synonym_editable_fields()
        widgets = {"alternatives": forms.Textarea(attrs={"rows": 3})}


class SynonymFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Word contains"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def text(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""
