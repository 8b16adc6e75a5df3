"""Organisations (Träger): what the public reads and what staff may write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import Organisation, Sector
from kette.core.models.organisation import ORGANISATION_EDITABLE_FIELDS

from .municipalities import absolute


class SectorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text=_("The label in the request's language."))


class OrganisationQuerySerializer(serializers.Serializer):
    """Query parameters of the organisation list."""

    q = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Part of the name.")
    )
    sector = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Code of a sector.")
    )


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation (Träger) as everyone may see it."""

    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    legal_form_label = serializers.CharField(
        source="get_legal_form_display", read_only=True
    )
    sector = SectorSerializer(read_only=True)
    address = serializers.CharField(
        read_only=True, help_text=_("Street, postal code and city in one line.")
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "municipality",
            "name",
            "legal_form",
            "legal_form_label",
            "sector",
            "description",
            "street",
            "postal_code",
            "city",
            "address",
            "email",
            "phone",
            "website",
            "statewide_key",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, organisation: Organisation) -> str:
        return absolute(
            self.context.get("request"),
            "organisation-detail",
            municipality=organisation.municipality.slug,
            organisation_id=organisation.pk,
        )


class OrganisationInputSerializer(serializers.ModelSerializer):
    """The fields staff send to create or change an organisation.

    Needs ``municipality`` in its context, and the organisation as instance
    when it changes one, to tell whether the name is taken.
    """

    sector = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Sector.objects.filter(is_active=True),
        help_text=_("Code of the sector, see /api/v1/vocabularies/sectors/."),
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_EDITABLE_FIELDS

    def validate_name(self, value: str) -> str:
        taken = Organisation.objects.for_municipality(
            self.context["municipality"]
        ).filter(name=value)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(
                _("This municipality already has an organisation of this name.")
            )
        return value
