from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api.permissions import require
from kette.api.serializers.errors import error_responses
from kette.api.serializers.organisations import (
    OrganisationInputSerializer,
    OrganisationQuerySerializer,
    OrganisationSerializer,
)
from kette.core import selectors
from kette.core.models import Organisation
from kette.core.services import organisations as services

from .base import ApiView, path_parameters, query_params

TAGS = ["organisations"]


class OrganisationView(ApiView):
    serializer_class = OrganisationSerializer

    def respond(self, organisation: Organisation, **kwargs) -> Response:
        return Response(self.get_serializer(organisation).data, **kwargs)

    def parse_input(self, request: Request, *, instance=None, partial=False) -> dict:
        serializer = OrganisationInputSerializer(
            instance,
            data=request.data,
            partial=partial,
            context={"municipality": self.municipality(), "request": request},
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class OrganisationListView(OrganisationView):
    @extend_schema(
        tags=TAGS,
        operation_id="organisations_list",
        summary=_("List the organisations of a municipality"),
        description=_(
            "Organisations (Träger) by name, paginated (`page`, `page_size`). Public."
        ),
        parameters=[*path_parameters("municipality"), OrganisationQuerySerializer],
        responses={200: OrganisationSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, municipality: str) -> Response:
        query = query_params(OrganisationQuerySerializer, request)
        organisations = selectors.organisation_list(
            municipality=self.municipality(),
            query=query.get("q", "").strip(),
            sector=query.get("sector", "").strip(),
        ).select_related("municipality")
        page = self.paginate_queryset(organisations)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        operation_id="organisations_create",
        summary=_("Add an organisation"),
        parameters=path_parameters("municipality"),
        description=_("For coordinators of the municipality and the state admin."),
        request=OrganisationInputSerializer,
        responses={
            201: OrganisationSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, municipality: str) -> Response:
        require(request, "core.add_organisation", self.municipality())
        organisation = services.organisation_create(
            actor=request.user,
            municipality=self.municipality(),
            **self.parse_input(request),
        )
        response = self.respond(organisation, status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response


class OrganisationDetailView(OrganisationView):
    def organisation(self) -> Organisation:
        try:
            organisation = selectors.organisation_get(
                municipality=self.municipality(), pk=self.kwargs["organisation_id"]
            )
        except Organisation.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        organisation.municipality = self.municipality()
        return organisation

    def change(self, request: Request, *, partial: bool) -> Response:
        organisation = self.organisation()
        require(request, "core.change_organisation", organisation)
        fields = self.parse_input(request, instance=organisation, partial=partial)
        organisation = services.organisation_update(
            actor=request.user, organisation=organisation, **fields
        )
        return self.respond(organisation)

    @extend_schema(
        tags=TAGS,
        operation_id="organisations_retrieve",
        summary=_("Show one organisation"),
        parameters=path_parameters("municipality", "organisation_id"),
        responses={200: OrganisationSerializer, **error_responses(404)},
    )
    def get(self, request: Request, municipality: str, organisation_id: int):
        return self.respond(self.organisation())

    @extend_schema(
        tags=TAGS,
        operation_id="organisations_update",
        summary=_("Update an organisation"),
        parameters=path_parameters("municipality", "organisation_id"),
        description=_(
            "For coordinators, the state admin and provider editors bound to this "
            "organisation. `name` and `sector` are required; fields left out keep "
            "their values."
        ),
        request=OrganisationInputSerializer,
        responses={
            200: OrganisationSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def put(self, request: Request, municipality: str, organisation_id: int):
        return self.change(request, partial=False)

    @extend_schema(
        tags=TAGS,
        operation_id="organisations_partial_update",
        summary=_("Change some of an organisation's data"),
        parameters=path_parameters("municipality", "organisation_id"),
        description=_(
            "For coordinators, the state admin and provider editors bound to this "
            "organisation. Only the fields sent are changed."
        ),
        request=OrganisationInputSerializer,
        responses={
            200: OrganisationSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def patch(self, request: Request, municipality: str, organisation_id: int):
        return self.change(request, partial=True)

    @extend_schema(
        tags=TAGS,
        operation_id="organisations_destroy",
        summary=_("Delete an organisation"),
        parameters=path_parameters("municipality", "organisation_id"),
        description=_("For coordinators of the municipality and the state admin."),
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(401, 403, 404, 409),
        },
    )
    def delete(self, request: Request, municipality: str, organisation_id: int):
        organisation = self.organisation()
        require(request, "core.delete_organisation", organisation)
        services.organisation_delete(actor=request.user, organisation=organisation)
        return Response(status=status.HTTP_204_NO_CONTENT)
