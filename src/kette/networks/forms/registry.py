"""Forms of the registry pages: the list filters, bodies, members and people.

Forms parse input; choices come from the request's municipality, and the
registry services (services/registry.py) validate and write.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kette.core import selectors as core_selectors
from kette.core.forms import FILTER_CHOICE_ERRORS, TextFilter
from kette.core.models import AgeBand, BodyType, FieldOfAction, LifePhase, Municipality
from kette.goals.forms.goals import Grouped

from ..models import Body, BodyMember, BodyStatus, Person
from ..selectors import registry as selectors
from ..services.registry import BODY_FIELDS, BODY_TAGS, MEMBER_FIELDS, PERSON_FIELDS

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
CHECKBOXES = forms.CheckboxSelectMultiple


def _terms(model: Any) -> QuerySet:
    return model.objects.filter(is_active=True)


def _code_choices(model: Any) -> list[tuple[str, str]]:
    return [(term.code, term.label) for term in _terms(model)]


class BodyFilter(django_filters.FilterSet):
    """GET filters of the staff list of bodies (validated, bookmarkable)."""

    q = TextFilter("name", _("Name or description contains"), method="text")
    body_type = django_filters.ChoiceFilter(
        field_name="body_type__code",
        label=_("Type of body"),
        choices=lambda: _code_choices(BodyType),
        empty_label=_("All types"),
        error_messages=FILTER_CHOICE_ERRORS,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=BodyStatus.choices,
        empty_label=_("Every status"),
        error_messages=FILTER_CHOICE_ERRORS,
    )
    district = django_filters.ChoiceFilter(
        label=_("District"),
        empty_label=_("All districts"),
        error_messages=FILTER_CHOICE_ERRORS,
        method="works_in_district",
    )
    field_of_action = django_filters.ChoiceFilter(
        field_name="fields_of_action__code",
        label=_("Field of action"),
        choices=lambda: _code_choices(FieldOfAction),
        empty_label=_("All fields of action"),
        error_messages=FILTER_CHOICE_ERRORS,
    )
    age_band = django_filters.ChoiceFilter(
        field_name="age_bands__code",
        label=_("Age band"),
        choices=lambda: _code_choices(AgeBand),
        empty_label=_("All age bands"),
        error_messages=FILTER_CHOICE_ERRORS,
    )
    topic = django_filters.ChoiceFilter(
        field_name="topics__name",
        label=_("Topic"),
        empty_label=_("All topics"),
        error_messages=FILTER_CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.filters["district"].extra["choices"] = [
            (district.code, district.name)
            for district in core_selectors.district_list(municipality=municipality)
        ]
        self.filters["topic"].extra["choices"] = [
            (name, name) for name in selectors.topic_names(municipality=municipality)
        ]

    def text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(description__icontains=value)
        )

    def works_in_district(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Bodies that name the district (or one of its parts) in their scope."""
        return queryset.filter(
            Q(districts__code=value) | Q(districts__parent__code=value)
        ).distinct()


class PersonFilter(django_filters.FilterSet):
    q = TextFilter("last_name", _("Name contains"), method="name_contains")

    def name_contains(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(organisation__name__icontains=value)
        )


class BodyForm(Grouped, forms.ModelForm):
    """Every field of a body; tags as checkboxes, topics as a comma list."""

    topic_names = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=1000,
        help_text=_("Separate topics with commas, e.g. Sprache, Armut."),
    )

    class Meta:
        model = Body
        fields = BODY_FIELDS + BODY_TAGS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "founded_on": DATE,
            "districts": CHECKBOXES,
            "fields_of_action": CHECKBOXES,
            "age_bands": CHECKBOXES,
            "life_phases": CHECKBOXES,
            "goals": CHECKBOXES,
            "measures": CHECKBOXES,
        }

    fieldsets = (
        (
            _("About the body"),
            ("name", "short_name", "body_type", "parent", "description", "status"),
        ),
        (_("Scope"), ("city_wide", "districts")),
        (
            _("Topics and target groups"),
            ("topic_names", "fields_of_action", "age_bands", "life_phases"),
        ),
        (_("Goals and measures"), ("goals", "measures")),
        (
            _("Lead and meetings"),
            ("lead_person", "lead_organisation", "founded_on", "meeting_rhythm"),
        ),
        (
            _("Public list"),
            ("is_public", "contact_email", "contact_phone"),
        ),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        fields = self.fields
        fields["body_type"].queryset = _terms(BodyType)
        fields["body_type"].empty_label = _("– please choose –")
        fields["parent"].queryset = selectors.body_choices(
            municipality=municipality, exclude=instance
        )
        fields["parent"].empty_label = _("– none –")
        fields["districts"].queryset = core_selectors.district_list(
            municipality=municipality
        )
        fields["fields_of_action"].queryset = _terms(FieldOfAction)
        fields["age_bands"].queryset = _terms(AgeBand)
        fields["life_phases"].queryset = _terms(LifePhase)
        fields["goals"].queryset = selectors.goal_choices(municipality=municipality)
        fields["measures"].queryset = selectors.measure_choices(
            municipality=municipality
        )
        fields["lead_person"].queryset = selectors.person_choices(
            municipality=municipality
        )
        fields["lead_organisation"].queryset = core_selectors.organisation_list(
            municipality=municipality
        )
        if instance is not None:
            fields["topic_names"].initial = ", ".join(
                topic.name for topic in instance.topics.all()
            )

    def service_fields(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["topics"] = self.cleaned_data["topic_names"].split(",")
        return values


class MemberForm(Grouped, forms.ModelForm):
    """A member: a person of the municipality (picked, or new by name) and/or
    an organisation, with role and dates."""

    new_first_name = forms.CharField(
        label=_("First name of a new person"), required=False, max_length=100
    )
    new_last_name = forms.CharField(
        label=_("Last name of a new person"),
        required=False,
        max_length=100,
        help_text=_("Only if the person is not in the list above."),
    )

    class Meta:
        model = BodyMember
        fields = MEMBER_FIELDS
        widgets = {"joined_on": DATE, "left_on": DATE}

    fieldsets = (
        (_("Who"), ("person", "new_first_name", "new_last_name", "organisation")),
        (_("Role and time"), ("role", "joined_on", "left_on", "note")),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.person_choices(
            municipality=municipality
        )
        self.fields["person"].empty_label = _("– no person –")
        self.fields["organisation"].queryset = core_selectors.organisation_list(
            municipality=municipality
        )
        self.fields["organisation"].empty_label = _("– no organisation –")
        if self.instance.pk:
            # The person of an existing membership is not changed here.
            del self.fields["new_first_name"], self.fields["new_last_name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        new_name = data.get("new_last_name") or data.get("new_first_name")
        if new_name and data.get("person"):
            raise forms.ValidationError(
                _("Pick a person from the list or enter a new one, not both.")
            )
        if new_name and not data.get("new_last_name"):
            self.add_error("new_last_name", _("Enter the last name of the new person."))
        if not (data.get("person") or new_name or data.get("organisation")):
            raise forms.ValidationError(_("Name a person or an organisation."))
        return data

    def _post_clean(self) -> None:
        # The services run the model validation (with the new person made).
        pass

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def new_person(self) -> dict[str, str] | None:
        last_name = self.cleaned_data.get("new_last_name")
        if not last_name:
            return None
        return {
            "first_name": self.cleaned_data.get("new_first_name", ""),
            "last_name": last_name,
        }


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE)


class PersonForm(Grouped, forms.ModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS[:-1]  # the user account is linked by the admin

    fieldsets = (
        (_("Person"), ("first_name", "last_name", "function", "organisation")),
        (_("Contact"), ("email", "phone")),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = core_selectors.organisation_list(
            municipality=municipality
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
