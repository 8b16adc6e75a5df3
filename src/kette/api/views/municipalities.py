from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api.serializers.errors import error_responses
from kette.api.serializers.municipalities import MunicipalitySerializer
from kette.core import selectors

from .base import ApiView, path_parameters


class ApiRootView(ApiView):
    pagination_class = None

    @extend_schema(
        tags=["api"],
        operation_id="api_root",
        summary=_("Entry points of the API"),
        responses=inline_serializer(
            "ApiRoot",
            {
                "municipalities": serializers.URLField(),
                "vocabularies": serializers.URLField(),
                "openapi": serializers.URLField(),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                name: request.build_absolute_uri(reverse(f"api:{view}"))
                for name, view in (
                    ("municipalities", "municipality-list"),
                    ("vocabularies", "vocabulary-list"),
                    ("openapi", "openapi"),
                )
            }
        )


class MunicipalityListView(ApiView):
    serializer_class = MunicipalitySerializer

    @extend_schema(
        tags=["municipalities"],
        operation_id="municipalities_list",
        summary=_("List the municipalities"),
        description=_("Every municipality (tenant) on this installation, by name."),
        responses={200: MunicipalitySerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.municipality_list())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class MunicipalityDetailView(ApiView):
    serializer_class = MunicipalitySerializer

    @extend_schema(
        tags=["municipalities"],
        operation_id="municipalities_retrieve",
        summary=_("Show one municipality"),
        parameters=path_parameters("municipality"),
        responses={200: MunicipalitySerializer, **error_responses(404)},
    )
    def get(self, request: Request, municipality: str) -> Response:
        return Response(self.get_serializer(self.municipality()).data)
