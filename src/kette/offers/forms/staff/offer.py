"""The offer form: the offer's own fields, ages in years and months."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation

from ...ages import one_age
from ...models import Offer
from ...services.content import SCALAR_FIELDS, VOCABULARY_FIELDS

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
        high = months_of(data.get("max_years"), data.get("max_months"))
        # The same age at both ends means that one age, both ends inclusive: a
        # year of age when both are whole years ("3 to 3": three-year-olds).
        years_only = not data.get("min_months") and not data.get("max_months")
        data["max_age_months"] = one_age(low, high, unit=12 if years_only else 1)
        return data

    def content(self) -> dict:
        data = self.cleaned_data
        content = {name: data.get(name) for name in ("organisation", *SCALAR_FIELDS)}
        content |= {name: list(data.get(name) or []) for name in VOCABULARY_FIELDS}
        return content
