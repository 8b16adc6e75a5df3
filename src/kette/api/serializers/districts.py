"""Districts as GeoJSON (RFC 7946) features."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import District

GEOMETRY_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "A GeoJSON geometry in WGS 84 (longitude, latitude), as stored.",
    "properties": {
        "type": {
            "type": "string",
            "enum": [
                "Point",
                "MultiPoint",
                "LineString",
                "MultiLineString",
                "Polygon",
                "MultiPolygon",
                "GeometryCollection",
            ],
        },
        "coordinates": {"type": "array", "items": {}},
    },
    "required": ["type"],
}


@extend_schema_field(GEOMETRY_SCHEMA)
class GeometryField(serializers.JSONField):
    pass


class PopulationSerializer(serializers.Serializer):
    """Residents of the district in one age band and year."""

    year = serializers.IntegerField()
    age_band = serializers.CharField(help_text=_("Code of the age band."))
    count = serializers.IntegerField(help_text=_("Residents."))


class DistrictPropertiesSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.IntegerField(
        help_text=_("0 for the top level, 1 below it, and so on")
    )
    level_name = serializers.CharField(
        help_text=_("e.g. Stadtbezirk, Stadtteil, Planungsraum")
    )
    parent = serializers.CharField(
        allow_null=True, help_text=_("Code of the district this one is part of.")
    )
    population = PopulationSerializer(
        many=True,
        required=False,
        help_text=_(
            "Only with ?include=population and the permission to see population "
            "figures."
        ),
    )


class DistrictFeatureSerializer(serializers.Serializer):
    """A district (Sozialraum) as a GeoJSON Feature; its id is the district code."""

    type = serializers.ChoiceField(choices=["Feature"])
    id = serializers.CharField(help_text=_("The district code."))
    properties = DistrictPropertiesSerializer()
    geometry = GeometryField(allow_null=True)

    def to_representation(self, district: District) -> dict[str, Any]:
        properties: dict[str, Any] = {
            "code": district.code,
            "name": district.name,
            "level": district.level,
            "level_name": district.level_name,
            "parent": district.parent.code if district.parent_id else None,
        }
        if self.context.get("with_population"):
            properties["population"] = [
                {
                    "year": figure.year,
                    "age_band": figure.age_band.code,
                    "count": figure.count,
                }
                for figure in district.populations.all()
            ]
        return {
            "type": "Feature",
            "id": district.code,
            "properties": properties,
            "geometry": district.geometry,
        }


class DistrictFeatureCollectionSerializer(serializers.Serializer):
    """The districts of a municipality as a GeoJSON FeatureCollection."""

    type = serializers.ChoiceField(choices=["FeatureCollection"])
    features = DistrictFeatureSerializer(many=True)

    def to_representation(self, districts) -> dict[str, Any]:
        return {
            "type": "FeatureCollection",
            "features": DistrictFeatureSerializer(
                districts, many=True, context=self.context
            ).data,
        }


class DistrictIncludeSerializer(serializers.Serializer):
    """Query parameters of one district."""

    include = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_(
            "Comma-separated extras; 'population' adds population figures "
            "(needs the permission to view them)."
        ),
    )

    def validate_include(self, value: str) -> list[str]:
        extras = [item.strip() for item in value.split(",") if item.strip()]
        unknown = sorted(set(extras) - {"population"})
        if unknown:
            raise serializers.ValidationError(
                _("Unknown value: %(values)s. Allowed: population.")
                % {"values": ", ".join(unknown)}
            )
        return extras


class DistrictQuerySerializer(DistrictIncludeSerializer):
    """Query parameters of the district list."""

    level = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Only districts of this level.")
    )
