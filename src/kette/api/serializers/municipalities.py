from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import Municipality


def absolute(request, name: str, **kwargs) -> str:
    path = reverse(f"api:{name}", kwargs=kwargs)
    return request.build_absolute_uri(path) if request is not None else path


class MunicipalitySerializer(serializers.ModelSerializer):
    """A municipality (Kommune): the tenant all municipal data belongs to."""

    kind_label = serializers.CharField(
        source="get_kind_display", read_only=True, help_text=_("The type in words.")
    )
    state_name = serializers.CharField(
        source="get_state_display", read_only=True, help_text=_("The state's name.")
    )
    url = serializers.SerializerMethodField(help_text=_("This resource."))
    districts_url = serializers.SerializerMethodField(
        help_text=_("Its districts as GeoJSON.")
    )
    organisations_url = serializers.SerializerMethodField(
        help_text=_("Its organisations.")
    )

    class Meta:
        model = Municipality
        fields = [
            "slug",
            "name",
            "ags",
            "kind",
            "kind_label",
            "state",
            "state_name",
            "url",
            "districts_url",
            "organisations_url",
        ]
        read_only_fields = fields

    def _url(self, name: str, municipality: Municipality) -> str:
        return absolute(
            self.context.get("request"), name, municipality=municipality.slug
        )

    @extend_schema_field(serializers.URLField())
    def get_url(self, municipality: Municipality) -> str:
        return self._url("municipality-detail", municipality)

    @extend_schema_field(serializers.URLField())
    def get_districts_url(self, municipality: Municipality) -> str:
        return self._url("district-list", municipality)

    @extend_schema_field(serializers.URLField())
    def get_organisations_url(self, municipality: Municipality) -> str:
        return self._url("organisation-list", municipality)
