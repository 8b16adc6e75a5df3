"""Networks and working bodies (Gremien) and their memberships in the API.

Read as on the pages (``networks.view_registry``): members of the
municipality and the state admin; an anonymous caller gets 401, anybody else
404. Coordinators and the state admin add and delete bodies
(``networks.manage_registry``); they and a body's network lead change it and
its members (``networks.change_body``). Members' e-mail and phone only for
``networks.view_body_internals`` (staff, the body's lead, its members).
Every write is one call of ``kette.networks.services.registry``, audited there.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api.permissions import require
from kette.api.serializers.errors import error_responses
from kette.api.serializers.networks import (
    BodyInputSerializer,
    BodyQuerySerializer,
    BodySerializer,
    LeaveInputSerializer,
    MembershipInputSerializer,
    MembershipQuerySerializer,
    MembershipSerializer,
)
from kette.networks.models import Body, BodyMember
from kette.networks.selectors import exchange as selectors
from kette.networks.selectors.people import current_members
from kette.networks.services import registry as services

from .base import ApiView, path_parameters, query_params
from .goals import input_data
from .measures import fields_named

TAGS = ["networks"]
VIEW = "networks.view_registry"
MANAGE = "networks.manage_registry"
CHANGE = "networks.change_body"
INTERNALS = "networks.view_body_internals"
READ_NOTE = _(
    "For members of the municipality (any role) and the state admin; "
    "anonymous callers get 401, others 404."
)
MANAGE_NOTE = _(
    "For coordinators of the municipality and the state admin; recorded in "
    "the audit trail."
)
CHANGE_NOTE = _(
    "For coordinators, the state admin and the body's network lead; recorded "
    "in the audit trail."
)
ONLY_SENT = _("Only the fields sent change. ")
BODY_ID = OpenApiParameter(
    "body_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Id of the body.")
)
MEMBER_ID = OpenApiParameter(
    "member_id",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("Id of the membership."),
)
# API names of service arguments whose errors name another field.
FIELD_NAMES = {"city_wide": "districts"}


def _schema(operation_id: str, summary, description, note, *, ids=(), **kwargs):
    return extend_schema(
        tags=TAGS,
        operation_id=operation_id,
        summary=summary,
        description=format_lazy("{}{}", description, note),
        parameters=[*path_parameters("municipality"), *ids, *kwargs.pop("query", [])],
        **kwargs,
    )


class NetworksApiView(ApiView):
    """Base of the networks views: members of the municipality only."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm(VIEW, self.municipality()):
            if not request.user.is_authenticated:
                raise exceptions.NotAuthenticated()
            raise exceptions.NotFound()
        if "body_id" in self.kwargs:
            try:
                self.body = selectors.body_get(
                    municipality=self.municipality(), pk=self.kwargs["body_id"]
                )
            except Body.DoesNotExist as exc:
                raise exceptions.NotFound() from exc

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            **self.get_serializer_context(),
            "municipality": self.municipality(),
            **extra,
        }

    def body_response(self, body: Body, **kwargs: Any) -> Response:
        body = selectors.body_get(municipality=self.municipality(), pk=body.pk)
        return Response(BodySerializer(body, context=self.context()).data, **kwargs)


class BodyListView(NetworksApiView):
    serializer_class = BodySerializer

    @_schema(
        "bodies_list",
        _("List the networks and working bodies of a municipality"),
        _(
            "By name. Filters: `q` (part of the name), `status`; paginated "
            "(`page`, `page_size`). "
        ),
        READ_NOTE,
        query=[BodyQuerySerializer],
        responses={200: BodySerializer(many=True), **error_responses(400, 401, 404)},
    )
    def get(self, request: Request, municipality: str) -> Response:
        query = query_params(BodyQuerySerializer, request)
        bodies = selectors.bodies_filtered(
            municipality=self.municipality(),
            query=query.get("q", ""),
            status=query.get("status", ""),
        )
        page = self.paginate_queryset(bodies)
        data = BodySerializer(page, many=True, context=self.context()).data
        return self.get_paginated_response(data)

    @_schema(
        "bodies_create",
        _("Add a network or working body"),
        _("`name` and `body_type` are required. "),
        MANAGE_NOTE,
        request=BodyInputSerializer,
        responses={201: BodySerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str) -> Response:
        require(request, MANAGE, self.municipality())
        data = input_data(BodyInputSerializer, request, self.context())
        if "body_type" not in data:
            raise exceptions.ValidationError(
                {"body_type": [_("Name the type of body.")]}
            )
        with fields_named(FIELD_NAMES):
            body = services.body_create(
                actor=request.user, municipality=self.municipality(), **data
            )
        response = self.body_response(body, status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response


class BodyDetailView(NetworksApiView):
    serializer_class = BodySerializer

    def change(self, request: Request, *, partial: bool) -> Response:
        require(request, CHANGE, self.body)
        data = input_data(BodyInputSerializer, request, self.context(), partial=partial)
        with fields_named(FIELD_NAMES):
            body = services.body_update(actor=request.user, body=self.body, **data)
        return self.body_response(body)

    @_schema(
        "bodies_retrieve",
        _("Show one network or working body"),
        "",
        READ_NOTE,
        ids=[BODY_ID],
        responses={200: BodySerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, municipality: str, body_id: int) -> Response:
        return self.body_response(self.body)

    @_schema(
        "bodies_update",
        _("Change a network or working body"),
        _(
            "`name` is required; fields left out keep their values, lists sent "
            "replace the old ones. "
        ),
        CHANGE_NOTE,
        ids=[BODY_ID],
        request=BodyInputSerializer,
        responses={200: BodySerializer, **error_responses(400, 401, 403, 404)},
    )
    def put(self, request: Request, municipality: str, body_id: int) -> Response:
        return self.change(request, partial=False)

    @_schema(
        "bodies_partial_update",
        _("Change some of a body's data"),
        ONLY_SENT,
        CHANGE_NOTE,
        ids=[BODY_ID],
        request=BodyInputSerializer,
        responses={200: BodySerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, municipality: str, body_id: int) -> Response:
        return self.change(request, partial=True)

    @_schema(
        "bodies_destroy",
        _("Delete a network or working body"),
        _(
            "With its memberships and meetings; refused (400) while other bodies "
            "are part of it. "
        ),
        MANAGE_NOTE,
        ids=[BODY_ID],
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(400, 401, 403, 404),
        },
    )
    def delete(self, request: Request, municipality: str, body_id: int) -> Response:
        require(request, MANAGE, self.body)
        services.body_delete(actor=request.user, body=self.body)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipView(NetworksApiView):
    serializer_class = MembershipSerializer

    def member_context(self) -> dict[str, Any]:
        shown = self.request.user.has_perm(INTERNALS, self.body)
        return self.context(contacts=None if shown else set())

    def member_response(self, member: BodyMember, **kwargs: Any) -> Response:
        member = selectors.member_get(municipality=self.municipality(), pk=member.pk)
        data = MembershipSerializer(member, context=self.member_context()).data
        return Response(data, **kwargs)


class MembershipListView(MembershipView):
    @_schema(
        "body_members_list",
        _("The memberships of a body"),
        _(
            "Past ones too (membership over time), by name. Filter: `current`; "
            "paginated (`page`, `page_size`). Members' e-mail and phone only "
            "for staff, the body's lead and its members. "
        ),
        READ_NOTE,
        ids=[BODY_ID],
        query=[MembershipQuerySerializer],
        responses={
            200: MembershipSerializer(many=True),
            **error_responses(400, 401, 404),
        },
    )
    def get(self, request: Request, municipality: str, body_id: int) -> Response:
        query = query_params(MembershipQuerySerializer, request)
        members = selectors.exchange_members(
            municipality=self.municipality(), body=self.body
        )
        if query.get("current") is not None:
            members = (
                members.filter(current_members())
                if query["current"]
                else members.exclude(current_members())
            )
        page = self.paginate_queryset(members)
        data = MembershipSerializer(page, many=True, context=self.member_context()).data
        return self.get_paginated_response(data)

    @_schema(
        "body_members_create",
        _("Add a member to a body"),
        _(
            "A `person` and/or an `organisation` (default: the person's); role "
            "default: member. "
        ),
        CHANGE_NOTE,
        ids=[BODY_ID],
        request=MembershipInputSerializer,
        responses={201: MembershipSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str, body_id: int) -> Response:
        require(request, CHANGE, self.body)
        data = input_data(MembershipInputSerializer, request, self.context())
        member = services.member_add(actor=request.user, body=self.body, **data)
        response = self.member_response(member, status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response


class MembershipObjectView(MembershipView):
    """Views of one membership of the body (404 if not of it)."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        try:
            self.member = selectors.member_get(
                municipality=self.municipality(), pk=self.kwargs["member_id"]
            )
        except BodyMember.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        if self.member.body_id != self.body.pk:
            raise exceptions.NotFound()


class MembershipDetailView(MembershipObjectView):
    def change(self, request: Request, *, partial: bool) -> Response:
        require(request, CHANGE, self.body)
        data = input_data(
            MembershipInputSerializer, request, self.context(), partial=partial
        )
        member = services.member_update(actor=request.user, member=self.member, **data)
        return self.member_response(member)

    @_schema(
        "body_members_retrieve",
        _("Show one membership"),
        "",
        READ_NOTE,
        ids=[BODY_ID, MEMBER_ID],
        responses={200: MembershipSerializer, **error_responses(401, 404)},
    )
    def get(
        self, request: Request, municipality: str, body_id: int, member_id: int
    ) -> Response:
        return self.member_response(self.member)

    @_schema(
        "body_members_update",
        _("Change a membership"),
        _("Fields left out keep their values. "),
        CHANGE_NOTE,
        ids=[BODY_ID, MEMBER_ID],
        request=MembershipInputSerializer,
        responses={200: MembershipSerializer, **error_responses(400, 401, 403, 404)},
    )
    def put(
        self, request: Request, municipality: str, body_id: int, member_id: int
    ) -> Response:
        return self.change(request, partial=False)

    @_schema(
        "body_members_partial_update",
        _("Change some of a membership"),
        ONLY_SENT,
        CHANGE_NOTE,
        ids=[BODY_ID, MEMBER_ID],
        request=MembershipInputSerializer,
        responses={200: MembershipSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(
        self, request: Request, municipality: str, body_id: int, member_id: int
    ) -> Response:
        return self.change(request, partial=True)

    @_schema(
        "body_members_destroy",
        _("Delete a membership entered by mistake"),
        _("To end a membership and keep it in the history, let the member leave. "),
        CHANGE_NOTE,
        ids=[BODY_ID, MEMBER_ID],
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(401, 403, 404),
        },
    )
    def delete(
        self, request: Request, municipality: str, body_id: int, member_id: int
    ) -> Response:
        require(request, CHANGE, self.body)
        services.member_delete(actor=request.user, member=self.member)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipLeaveView(MembershipObjectView):
    @_schema(
        "body_members_leave",
        _("End a membership"),
        _("The membership stays, with the day of leaving (default: today). "),
        CHANGE_NOTE,
        ids=[BODY_ID, MEMBER_ID],
        request=LeaveInputSerializer,
        responses={200: MembershipSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(
        self, request: Request, municipality: str, body_id: int, member_id: int
    ) -> Response:
        require(request, CHANGE, self.body)
        data = input_data(LeaveInputSerializer, request, self.context())
        with fields_named({"left_on": "date"}):
            member = services.member_leave(
                actor=request.user, member=self.member, left_on=data.get("date")
            )
        return self.member_response(member)
