"""Offers (Angebote) of the Wegweiser: search, detail, and what editors send."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import (
    AgeBand,
    FieldOfAction,
    Language,
    LifePhase,
    TargetGroup,
)
from kette.offers.display import format_age_range
from kette.offers.filters import SORTS
from kette.offers.models import CostKind, Offer, OfferRevision, ScheduleKind
from kette.offers.search.terms import search_districts, search_terms

MAX_PAGE_SIZE = 100
CODE_PARAMETERS = {
    "age_band": AgeBand,
    "life_phase": LifePhase,
    "field": FieldOfAction,
    "language": Language,
    "target_group": TargetGroup,
}


def public_offer_path(slug: str, pk: Any) -> str:
    """The offer's public page, /<municipality>/angebote/<uuid>/."""
    return f"/{slug}/angebote/{pk}/"


def public_offer_url(request, offer: Offer) -> str:
    path = public_offer_path(offer.municipality.slug, offer.pk)
    return request.build_absolute_uri(path) if request is not None else path


def api_offer_url(request, offer: Offer) -> str:
    path = reverse(
        "api:offer-detail",
        kwargs={"municipality": offer.municipality.slug, "offer_id": offer.pk},
    )
    return request.build_absolute_uri(path) if request is not None else path


# --- query parameters --------------------------------------------------------------


class OfferQuerySerializer(serializers.Serializer):
    """Query parameters of the offer search; needs ``municipality`` in its context."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=500,
        help_text=_("Words to search for, as people type them (German)."),
    )
    age_months = serializers.IntegerField(
        required=False,
        min_value=-9,
        max_value=1200,
        help_text=_(
            "Age of the child in months; negative during pregnancy (-9 to -1)."
        ),
    )
    age_band = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Code of an age band.")
    )
    life_phase = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Code of a life phase.")
    )
    field = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Code of a field of action.")
    )
    district = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Code of a district; includes the districts within it."),
    )
    language = serializers.CharField(
        required=False, allow_blank=True, help_text=_("ISO 639-1 code of a language.")
    )
    target_group = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Code of a target group.")
    )
    free = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true: only offers free of charge; false: only those with a fee."),
    )
    sort = serializers.ChoiceField(
        choices=SORTS, required=False, default="relevance", help_text=_("Order.")
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = {}
        terms = search_terms()
        for name in CODE_PARAMETERS:
            code = attrs.get(name, "")
            term = terms[name].get(code)
            if code and (term is None or not term.is_active):
                errors[name] = [_("Unknown code: %(code)s") % {"code": code}]
        code = attrs.get("district", "")
        if code and code not in search_districts(self.context["municipality"]).below:
            errors["district"] = [
                _("This municipality has no district %(code)s.") % {"code": code}
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class WriteQuerySerializer(serializers.Serializer):
    direct = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Publish the content at once instead of keeping it for review: "
            "changes to a published offer are applied, a draft or an offer in "
            "review is published (coordinators only)."
        ),
    )


# --- reading -----------------------------------------------------------------------


@extend_schema_field(
    {"type": "string", "description": "weekly (every week) or dated (on a date)"}
)
class ScheduleKindField(serializers.ChoiceField):
    """Documented without an enum: a second enum named "kind" would collide."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ScheduleKind.choices, **kwargs)


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text=_("The label in the request's language."))


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DistrictRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class LocationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    street = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    address = serializers.CharField(help_text=_("Street, postal code and city."))
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    district = DistrictRefSerializer(
        allow_null=True, help_text=_("The district the place lies in.")
    )
    accessibility = serializers.CharField()


class ScheduleSerializer(serializers.Serializer):
    kind = ScheduleKindField()
    weekday = serializers.IntegerField(
        allow_null=True, help_text=_("0 is Monday, 6 is Sunday.")
    )
    date = serializers.DateField(allow_null=True)
    opens_at = serializers.TimeField(allow_null=True)
    closes_at = serializers.TimeField(allow_null=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    location = serializers.SerializerMethodField(
        help_text=_("Position of the place in `locations`, or null.")
    )

    def get_location(self, schedule) -> int | None:
        positions = self.context.get("location_positions", {})
        return positions.get(schedule.location_id)


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


def _terms(manager) -> list[dict[str, str]]:
    return [{"code": t.code, "label": t.label} for t in manager.all()]


class OfferSummarySerializer(serializers.Serializer):
    """An offer in a list of search results."""

    id = serializers.UUIDField()
    url = serializers.SerializerMethodField(help_text=_("The offer's public page."))
    api_url = serializers.SerializerMethodField(help_text=_("This offer in the API."))
    title = serializers.CharField()
    summary = serializers.CharField()
    organisation = OrganisationRefSerializer()
    min_age_months = serializers.IntegerField(
        allow_null=True, help_text=_("From this age in months; negative: pregnancy.")
    )
    max_age_months = serializers.IntegerField(
        allow_null=True, help_text=_("Up to this age in months (exclusive).")
    )
    age_label = serializers.SerializerMethodField(
        help_text=_("The age range in words.")
    )
    free = serializers.SerializerMethodField(help_text=_("Free of charge."))
    locations = LocationSerializer(many=True)
    languages = serializers.SerializerMethodField()
    fields = serializers.SerializerMethodField(
        method_name="get_fields_of_action", help_text=_("Fields of action.")
    )
    last_verified = serializers.DateField(allow_null=True)

    @extend_schema_field(serializers.URLField())
    def get_url(self, offer: Offer) -> str:
        return public_offer_url(self.context.get("request"), offer)

    @extend_schema_field(serializers.URLField())
    def get_api_url(self, offer: Offer) -> str:
        return api_offer_url(self.context.get("request"), offer)

    def get_age_label(self, offer: Offer) -> str:
        return str(format_age_range(offer.min_age_months, offer.max_age_months))

    def get_free(self, offer: Offer) -> bool:
        return offer.cost == CostKind.FREE

    @extend_schema_field(TermSerializer(many=True))
    def get_languages(self, offer: Offer) -> list[dict[str, str]]:
        return _terms(offer.languages)

    @extend_schema_field(TermSerializer(many=True))
    def get_fields_of_action(self, offer: Offer) -> list[dict[str, str]]:
        return _terms(offer.fields_of_action)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("The value to filter by."))
    label = serializers.CharField()
    count = serializers.IntegerField(
        help_text=_("Matching offers with this value, the other filters applied.")
    )
    selected = serializers.BooleanField()


class OfferFacetsSerializer(serializers.Serializer):
    age_band = FacetValueSerializer(many=True)
    life_phase = FacetValueSerializer(many=True)
    field = FacetValueSerializer(many=True)
    district = FacetValueSerializer(many=True)
    language = FacetValueSerializer(many=True)
    target_group = FacetValueSerializer(many=True)
    free = FacetValueSerializer(many=True)


class OfferSearchSerializer(serializers.Serializer):
    """One page of search results with facet counts (schema only)."""

    count = serializers.IntegerField(help_text=_("Offers matching in all."))
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = OfferSummarySerializer(many=True)
    facets = OfferFacetsSerializer()


class RevisionSerializer(serializers.ModelSerializer):
    """Edits of a published offer that wait for the coordinator's review."""

    state_label = serializers.CharField(source="get_state_display")
    data = serializers.JSONField(help_text=_("The proposed content."))

    class Meta:
        model = OfferRevision
        fields = ["state", "state_label", "submitted_at", "comment", "data"]
        read_only_fields = fields


class OfferDetailSerializer(OfferSummarySerializer):
    """Everything about one offer; review fields only for those who may edit it."""

    description = serializers.CharField()
    life_phases = serializers.SerializerMethodField()
    target_groups = serializers.SerializerMethodField()
    prevention_standards = serializers.SerializerMethodField()
    cost = serializers.ChoiceField(choices=CostKind.choices)
    cost_text = serializers.CharField()
    registration_required = serializers.BooleanField()
    registration_text = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    website = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    schedules = serializers.SerializerMethodField()
    contacts = ContactSerializer(many=True)
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    status = serializers.SerializerMethodField(
        help_text=_("draft, in_review, published or archived; null for the public.")
    )
    review_comment = serializers.SerializerMethodField(
        help_text=_("Why the offer was returned; null for the public.")
    )
    pending_changes = serializers.SerializerMethodField(
        help_text=_("Edits waiting for review; null if none or for the public.")
    )

    def _editor(self) -> bool:
        return bool(self.context.get("editor"))

    @extend_schema_field(TermSerializer(many=True))
    def get_life_phases(self, offer: Offer) -> list[dict[str, str]]:
        return _terms(offer.life_phases)

    @extend_schema_field(TermSerializer(many=True))
    def get_target_groups(self, offer: Offer) -> list[dict[str, str]]:
        return _terms(offer.target_groups)

    @extend_schema_field(TermSerializer(many=True))
    def get_prevention_standards(self, offer: Offer) -> list[dict[str, str]]:
        return _terms(offer.prevention_standards)

    @extend_schema_field(ScheduleSerializer(many=True))
    def get_schedules(self, offer: Offer) -> list[dict]:
        positions = {loc.pk: i for i, loc in enumerate(offer.locations.all())}
        return ScheduleSerializer(
            offer.schedules.all(),
            many=True,
            context={**self.context, "location_positions": positions},
        ).data

    @extend_schema_field(
        serializers.ChoiceField(choices=["draft", "in_review", "published", "archived"])
    )
    def get_status(self, offer: Offer) -> str | None:
        return offer.status if self._editor() else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_review_comment(self, offer: Offer) -> str | None:
        return offer.review_comment if self._editor() else None

    @extend_schema_field(RevisionSerializer(allow_null=True))
    def get_pending_changes(self, offer: Offer) -> dict | None:
        revision = self.context.get("revision")
        if not self._editor() or revision is None:
            return None
        return RevisionSerializer(revision).data


# --- writing -----------------------------------------------------------------------


class LocationInputSerializer(serializers.Serializer):
    id = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text=_("Keep a place's id across edits (optional)."),
    )
    name = serializers.CharField(required=False, allow_blank=True)
    street = serializers.CharField(required=False, allow_blank=True)
    postal_code = serializers.CharField(required=False, allow_blank=True)
    city = serializers.CharField(required=False, allow_blank=True)
    latitude = serializers.FloatField(required=False, allow_null=True)
    longitude = serializers.FloatField(required=False, allow_null=True)
    accessibility = serializers.CharField(required=False, allow_blank=True)


class ScheduleInputSerializer(serializers.Serializer):
    kind = ScheduleKindField()
    weekday = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("0 is Monday, 6 is Sunday.")
    )
    date = serializers.DateField(required=False, allow_null=True)
    opens_at = serializers.TimeField(required=False, allow_null=True)
    closes_at = serializers.TimeField(required=False, allow_null=True)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)
    location = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("Position of the place in `locations`."),
    )


class ContactInputSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)


def _codes(help_text) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(), required=False, help_text=help_text
    )


class OfferContentSerializer(serializers.Serializer):
    """An offer's content as editors send it (the shape of services/content.py).

    Lists (vocabularies, places, times, contacts) replace the old ones; with
    PATCH, fields left out keep their values.
    """

    organisation = serializers.IntegerField(
        required=False, help_text=_("Id of the organisation offering it.")
    )
    title = serializers.CharField()
    summary = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    min_age_months = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Negative: pregnancy (-9).")
    )
    max_age_months = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Exclusive upper bound.")
    )
    cost = serializers.ChoiceField(choices=CostKind.choices, required=False)
    cost_text = serializers.CharField(required=False, allow_blank=True)
    registration_required = serializers.BooleanField(required=False)
    registration_text = serializers.CharField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(required=False, allow_null=True)
    website = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    life_phases = _codes(_("Codes of life phases."))
    fields_of_action = _codes(_("Codes of fields of action."))
    target_groups = _codes(_("Codes of target groups."))
    prevention_standards = _codes(_("Codes of prevention standards."))
    languages = _codes(_("ISO 639-1 codes of the languages offered."))
    locations = LocationInputSerializer(many=True, required=False)
    schedules = ScheduleInputSerializer(many=True, required=False)
    contacts = ContactInputSerializer(many=True, required=False)


class ReturnInputSerializer(serializers.Serializer):
    comment = serializers.CharField(help_text=_("What should change."))


def plain(value: Any) -> Any:
    """Validated input as JSON-ready values (a revision keeps it as JSON)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def flat_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested serializer errors keyed by field path, e.g. ``locations.0.latitude``."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            found |= flat_errors(value, f"{prefix}{key}.")
        return found
    if isinstance(detail, list) and any(isinstance(i, dict | list) for i in detail):
        found = {}
        for index, item in enumerate(detail):
            found |= flat_errors(item, f"{prefix}{index}.")
        return found
    items = detail if isinstance(detail, list) else [detail]
    return {prefix.rstrip("."): [str(item) for item in items]}
