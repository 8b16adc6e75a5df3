"""Networks and working bodies (Gremien) and their memberships.

Input serializers check types and resolve codes and ids within the
municipality (``municipality`` in their context); the rules of bodies and
members are the registry services' (``kette.networks.services.registry``).
Members' e-mail and phone show only where the context's ``contacts`` (ids of
bodies, None: all) allow (``networks.view_body_internals``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import AgeBand, BodyType, FieldOfAction, LifePhase, Organisation
from kette.core.selectors import district_list, organisation_list
from kette.networks.models import (
    Body,
    BodyMember,
    BodyStatus,
    MeetingRhythm,
    MemberRole,
    Person,
)
from kette.networks.selectors import exchange as selectors

from .goals import _code_field, _codes_field, _within, id_field, term, terms
from .municipalities import absolute
from .offers import DistrictRefSerializer, OrganisationRefSerializer, TermSerializer


class BodyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NetworkPersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(
        source="display_name", help_text=_("“former member” once erased.")
    )


class MemberPersonSerializer(NetworkPersonRefSerializer):
    function = serializers.CharField()
    email = serializers.CharField(
        allow_null=True,
        help_text=_("Only for staff, the body's lead and its members; else null."),
    )
    phone = serializers.CharField(
        allow_null=True,
        help_text=_("Only for staff, the body's lead and its members; else null."),
    )


# --- reading -----------------------------------------------------------------------


class BodySerializer(serializers.Serializer):
    """A network or working body with its tags."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    members_url = serializers.SerializerMethodField(
        help_text=_("Its memberships; POST there to add a member.")
    )
    name = serializers.CharField()
    short_name = serializers.CharField()
    body_type = serializers.SerializerMethodField()
    parent = BodyRefSerializer(allow_null=True, help_text=_("The body it is part of."))
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=BodyStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    city_wide = serializers.BooleanField()
    districts = serializers.SerializerMethodField()
    fields_of_action = serializers.SerializerMethodField()
    age_bands = serializers.SerializerMethodField()
    life_phases = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    founded_on = serializers.DateField(allow_null=True)
    meeting_rhythm = serializers.ChoiceField(choices=MeetingRhythm.choices)
    lead_person = NetworkPersonRefSerializer(allow_null=True)
    lead_organisation = OrganisationRefSerializer(allow_null=True)
    is_public = serializers.BooleanField()
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def _url(self, name: str, body: Body) -> str:
        return absolute(
            self.context.get("request"),
            name,
            municipality=self.context["municipality"].slug,
            body_id=body.pk,
        )

    @extend_schema_field(serializers.URLField())
    def get_url(self, body: Body) -> str:
        return self._url("body-detail", body)

    @extend_schema_field(serializers.URLField())
    def get_members_url(self, body: Body) -> str:
        return self._url("body-member-list", body)

    @extend_schema_field(TermSerializer)
    def get_body_type(self, body: Body) -> dict | None:
        return term(body.body_type)

    @extend_schema_field(DistrictRefSerializer(many=True))
    def get_districts(self, body: Body) -> list[dict]:
        return [{"code": d.code, "name": d.name} for d in body.districts.all()]

    @extend_schema_field(TermSerializer(many=True))
    def get_fields_of_action(self, body: Body) -> list[dict]:
        return terms(body.fields_of_action)

    @extend_schema_field(TermSerializer(many=True))
    def get_age_bands(self, body: Body) -> list[dict]:
        return terms(body.age_bands)

    @extend_schema_field(TermSerializer(many=True))
    def get_life_phases(self, body: Body) -> list[dict]:
        return terms(body.life_phases)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, body: Body) -> list[str]:
        return [topic.name for topic in body.topics.all()]


class MembershipSerializer(serializers.Serializer):
    """A person and/or organisation in a body, from joining to leaving."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    body = BodyRefSerializer()
    person = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer(allow_null=True)
    role = serializers.ChoiceField(choices=MemberRole.choices)
    role_label = serializers.CharField(source="get_role_display")
    joined_on = serializers.DateField(allow_null=True)
    left_on = serializers.DateField(allow_null=True)
    current = serializers.SerializerMethodField(
        help_text=_("Whether the membership holds today.")
    )
    note = serializers.CharField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, member: BodyMember) -> str:
        return absolute(
            self.context.get("request"),
            "body-member-detail",
            municipality=self.context["municipality"].slug,
            body_id=member.body_id,
            member_id=member.pk,
        )

    @extend_schema_field(MemberPersonSerializer(allow_null=True))
    def get_person(self, member: BodyMember) -> dict[str, Any] | None:
        person = member.person
        if person is None:
            return None
        contacts = self.context.get("contacts")
        shown = contacts is None or member.body_id in contacts
        return {
            "id": person.pk,
            "name": person.display_name,
            "function": person.function,
            "email": person.email if shown else None,
            "phone": person.phone if shown else None,
        }

    def get_current(self, member: BodyMember) -> bool:
        return member.is_current()


# --- writing -----------------------------------------------------------------------


class NetworkInput(serializers.Serializer):
    """Resolves ids within ``municipality`` of the context."""

    def _municipality(self):
        return self.context["municipality"]

    def _person(self, value: int | None) -> Person | None:
        if value is None:
            return None
        try:
            return selectors.person_get(municipality=self._municipality(), pk=value)
        except Person.DoesNotExist as exc:
            raise serializers.ValidationError(
                _("This municipality has no person with this id.")
            ) from exc

    def _organisation(self, value: int | None) -> Organisation | None:
        if value is None:
            return None
        return _within(organisation_list(municipality=self._municipality()), [value])[0]


class BodyInputSerializer(NetworkInput):
    """A body as its keepers send it; tag lists replace the old ones."""

    name = serializers.CharField(max_length=250)
    short_name = serializers.CharField(required=False, allow_blank=True, max_length=50)
    body_type = _code_field(BodyType, _("Code of the type of body."), required=False)
    parent = id_field(_("Id of the body it is part of; null: none."), allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=BodyStatus.choices, required=False)
    city_wide = serializers.BooleanField(
        required=False, help_text=_("Otherwise it works for the districts given.")
    )
    districts = serializers.ListField(
        child=serializers.CharField(max_length=64),
        required=False,
        help_text=_("Codes of districts."),
    )
    fields_of_action = _codes_field(FieldOfAction, _("Codes of fields of action."))
    age_bands = _codes_field(AgeBand, _("Codes of age bands."))
    life_phases = _codes_field(LifePhase, _("Codes of life phases."))
    topics = serializers.ListField(
        child=serializers.CharField(max_length=150),
        required=False,
        help_text=_("Names of topics; new ones are added to the municipality's."),
    )
    founded_on = serializers.DateField(required=False, allow_null=True)
    meeting_rhythm = serializers.ChoiceField(
        choices=MeetingRhythm.choices, required=False, allow_blank=True
    )
    lead_person = id_field(_("Id of a person in the networks."), allow_null=True)
    lead_organisation = id_field(_("Id of the organisation."), allow_null=True)
    is_public = serializers.BooleanField(required=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(
        required=False, allow_blank=True, max_length=50
    )

    def validate_parent(self, value: int | None) -> Body | None:
        if value is None:
            return None
        return _within(
            selectors.body_choices(municipality=self._municipality()), [value]
        )[0]

    def validate_districts(self, value: list[str]) -> list:
        found = {
            district.code: district
            for district in district_list(municipality=self._municipality()).filter(
                code__in=value
            )
        }
        missing = [code for code in value if code not in found]
        if missing:
            raise serializers.ValidationError(
                _("Not in this municipality: %(ids)s") % {"ids": ", ".join(missing)}
            )
        return [found[code] for code in dict.fromkeys(value)]

    def validate_lead_person(self, value: int | None) -> Person | None:
        return self._person(value)

    def validate_lead_organisation(self, value: int | None) -> Organisation | None:
        return self._organisation(value)


class MembershipInputSerializer(NetworkInput):
    """A membership as a body's keepers send it."""

    person = id_field(_("Id of a person in the networks."), allow_null=True)
    organisation = id_field(
        _("Id of the organisation; default: the person's."), allow_null=True
    )
    role = serializers.ChoiceField(choices=MemberRole.choices, required=False)
    joined_on = serializers.DateField(required=False, allow_null=True)
    left_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate_person(self, value: int | None) -> Person | None:
        return self._person(value)

    def validate_organisation(self, value: int | None) -> Organisation | None:
        return self._organisation(value)


class LeaveInputSerializer(serializers.Serializer):
    date = serializers.DateField(
        required=False, help_text=_("The day of leaving; default: today.")
    )


class MembershipQuerySerializer(serializers.Serializer):
    current = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true: only memberships that hold today; false: only past ones."),
    )


class BodyQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, max_length=200, help_text=_("Part of the name.")
    )
    status = serializers.ChoiceField(choices=BodyStatus.choices, required=False)
