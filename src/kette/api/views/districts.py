from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api import selectors as api_selectors
from kette.api.permissions import require
from kette.api.renderers import GeoJSONRenderer
from kette.api.serializers.districts import (
    DistrictFeatureCollectionSerializer,
    DistrictFeatureSerializer,
    DistrictIncludeSerializer,
    DistrictQuerySerializer,
)
from kette.api.serializers.errors import error_responses
from kette.core.models import District

from .base import ApiView, path_parameters, query_params

POPULATION_NOTE = _(
    "Population figures by age band and year are added with "
    "`?include=population`, for callers allowed to see them in this "
    "municipality; anyone else gets 401 or 403 for that parameter."
)


class DistrictView(ApiView):
    pagination_class = None
    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    query_serializer = DistrictIncludeSerializer

    def context(self, *, with_population: bool) -> dict:
        return {
            **self.get_serializer_context(),
            "with_population": with_population,
        }

    def parse(self, request: Request) -> tuple[int | None, bool]:
        """The level asked for and whether population figures are to be shown."""
        query = query_params(self.query_serializer, request)
        with_population = "population" in query.get("include", [])
        if with_population:
            require(request, "core.view_population", self.municipality())
        return query.get("level"), with_population


class DistrictListView(DistrictView):
    query_serializer = DistrictQuerySerializer

    @extend_schema(
        tags=["districts"],
        operation_id="districts_list",
        summary=_("The districts of a municipality as GeoJSON"),
        description=format_lazy(
            "{} {}",
            _(
                "A GeoJSON FeatureCollection of the districts (Sozialräume), ordered by "
                "level and code. Each feature's id is the district code; `parent` is the "
                "code of the district it is part of."
            ),
            POPULATION_NOTE,
        ),
        parameters=[*path_parameters("municipality"), DistrictQuerySerializer],
        responses={
            200: DistrictFeatureCollectionSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def get(self, request: Request, municipality: str) -> Response:
        level, with_population = self.parse(request)
        districts = api_selectors.district_features(
            municipality=self.municipality(),
            level=level,
            with_population=with_population,
        )
        serializer = DistrictFeatureCollectionSerializer(
            districts, context=self.context(with_population=with_population)
        )
        return Response(serializer.data)


class DistrictDetailView(DistrictView):
    @extend_schema(
        tags=["districts"],
        operation_id="districts_retrieve",
        summary=_("One district as a GeoJSON Feature"),
        description=POPULATION_NOTE,
        parameters=[
            *path_parameters("municipality", "district_code"),
            DistrictIncludeSerializer,
        ],
        responses={
            200: DistrictFeatureSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def get(self, request: Request, municipality: str, district_code: str) -> Response:
        _level, with_population = self.parse(request)
        try:
            district = api_selectors.district_features(
                municipality=self.municipality(), with_population=with_population
            ).get(code=district_code)
        except District.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        serializer = DistrictFeatureSerializer(
            district, context=self.context(with_population=with_population)
        )
        return Response(serializer.data)
