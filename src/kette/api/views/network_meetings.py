"""Meetings of networks and working bodies and their action items in the API.

Meetings, minutes and action items are a body's internals: read by
coordinators, the state admin, the body's lead and its members
(``networks.view_body_internals``), kept by coordinators, the state admin and
the body's lead (``networks.change_body``). An action item's status is also
updated by the person who took it on (``networks.update_action_item``).
Callers without any role in the municipality get 404 (401 when anonymous).
Every write is one service call, audited there.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api.permissions import require
from kette.api.serializers.errors import error_responses
from kette.api.serializers.network_meetings import (
    ActionItemQuerySerializer,
    ActionItemSerializer,
    ActionStatusInputSerializer,
    MeetingInputSerializer,
    MeetingSerializer,
)
from kette.networks.models import OPEN_ACTION_STATUSES, ActionItem, Meeting
from kette.networks.selectors import meetings as meeting_selectors
from kette.networks.selectors import tasks as task_selectors
from kette.networks.selectors.people import persons_of_user
from kette.networks.services import meetings as meeting_services
from kette.networks.services import minutes as minutes_services

from .base import query_params
from .goals import input_data
from .networks import BODY_ID, CHANGE, CHANGE_NOTE, INTERNALS, NetworksApiView, _schema

UPDATE_ACTION = "networks.update_action_item"
INTERNALS_NOTE = _(
    "For coordinators, the state admin, the body's lead and its members; others "
    "of the municipality get 403."
)
MEETING_ID = OpenApiParameter(
    "meeting_id",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("Id of the meeting."),
)
ACTION_ID = OpenApiParameter(
    "action_id",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("Id of the action item."),
)


class MeetingView(NetworksApiView):
    serializer_class = MeetingSerializer

    def meeting_response(self, meeting: Meeting, **kwargs: Any) -> Response:
        meeting = meeting_selectors.meeting_get(
            municipality=self.municipality(), pk=meeting.pk
        )
        return Response(
            MeetingSerializer(meeting, context=self.context()).data, **kwargs
        )


class BodyMeetingListView(MeetingView):
    @_schema(
        "body_meetings_list",
        _("The meetings of a body"),
        _("Latest first, with agenda, latest minutes and action items; paginated. "),
        INTERNALS_NOTE,
        ids=[BODY_ID],
        responses={200: MeetingSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, municipality: str, body_id: int) -> Response:
        require(request, INTERNALS, self.body)
        meetings = self.body.meetings.select_related("body").order_by(
            "-starts_at", "-pk"
        )
        page = self.paginate_queryset(meetings)
        data = MeetingSerializer(page, many=True, context=self.context()).data
        return self.get_paginated_response(data)

    @_schema(
        "body_meetings_create",
        _("Add a meeting to a body"),
        _(
            "Its current members are invited; the open action items of earlier "
            "meetings come on its agenda (Wiedervorlage) after the items sent. "
        ),
        CHANGE_NOTE,
        ids=[BODY_ID],
        request=MeetingInputSerializer,
        responses={201: MeetingSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str, body_id: int) -> Response:
        require(request, CHANGE, self.body)
        data = input_data(MeetingInputSerializer, request, self.context())
        meeting = meeting_services.meeting_create(
            actor=request.user, body=self.body, **data
        )
        response = self.meeting_response(meeting, status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response


class MeetingDetailView(MeetingView):
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        try:
            self.meeting = meeting_selectors.meeting_get(
                municipality=self.municipality(), pk=self.kwargs["meeting_id"]
            )
        except Meeting.DoesNotExist as exc:
            raise exceptions.NotFound() from exc

    @_schema(
        "meetings_retrieve",
        _("Show one meeting"),
        _("With agenda, the latest version of its minutes and its action items. "),
        INTERNALS_NOTE,
        ids=[MEETING_ID],
        responses={200: MeetingSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, municipality: str, meeting_id: int) -> Response:
        require(request, INTERNALS, self.meeting.body)
        return self.meeting_response(self.meeting)

    @_schema(
        "meetings_partial_update",
        _("Change a meeting's time or place"),
        _("Only the fields sent change; refused (400) once its minutes are approved. "),
        CHANGE_NOTE,
        ids=[MEETING_ID],
        request=MeetingInputSerializer,
        responses={200: MeetingSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, municipality: str, meeting_id: int) -> Response:
        require(request, CHANGE, self.meeting.body)
        data = input_data(MeetingInputSerializer, request, self.context(), partial=True)
        if "agenda" in data:
            raise exceptions.ValidationError(
                {"agenda": [_("Change the agenda on the meeting's page.")]}
            )
        meeting = meeting_services.meeting_update(
            actor=request.user, meeting=self.meeting, **data
        )
        return self.meeting_response(meeting)

    @_schema(
        "meetings_destroy",
        _("Delete a meeting"),
        _("With its agenda and minutes; refused (400) once its minutes are approved. "),
        CHANGE_NOTE,
        ids=[MEETING_ID],
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(400, 401, 403, 404),
        },
    )
    def delete(self, request: Request, municipality: str, meeting_id: int) -> Response:
        require(request, CHANGE, self.meeting.body)
        meeting_services.meeting_delete(actor=request.user, meeting=self.meeting)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActionItemListView(NetworksApiView):
    serializer_class = ActionItemSerializer

    @_schema(
        "action_items_list",
        _("The action items a caller may read"),
        _(
            "Of the bodies whose internals the caller may read, and their own; by "
            "due date. Filters: `body`, `status`, `mine`, `overdue`; paginated. "
        ),
        _("For members of the municipality and the state admin."),
        query=[ActionItemQuerySerializer],
        responses={
            200: ActionItemSerializer(many=True),
            **error_responses(400, 401, 404),
        },
    )
    def get(self, request: Request, municipality: str) -> Response:
        query = query_params(ActionItemQuerySerializer, request)
        place = self.municipality()
        items = task_selectors.visible_action_items(
            municipality=place, user=request.user
        )
        if "body" in query:
            items = items.filter(body_id=query["body"])
        if "status" in query:
            items = items.filter(status=query["status"])
        if query.get("mine") is not None:
            mine = {"responsible_person__in": persons_of_user(request.user, place.pk)}
            items = items.filter(**mine) if query["mine"] else items.exclude(**mine)
        if query.get("overdue") is not None:
            late = {
                "status__in": OPEN_ACTION_STATUSES,
                "due__lt": timezone.localdate(),
            }
            items = items.filter(**late) if query["overdue"] else items.exclude(**late)
        page = self.paginate_queryset(items)
        data = ActionItemSerializer(page, many=True, context=self.context()).data
        return self.get_paginated_response(data)


class ActionItemView(NetworksApiView):
    serializer_class = ActionItemSerializer

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        items = task_selectors.visible_action_items(
            municipality=self.municipality(), user=request.user
        )
        try:
            self.item = items.get(pk=self.kwargs["action_id"])
        except ActionItem.DoesNotExist as exc:
            raise exceptions.NotFound() from exc

    def item_response(self) -> Response:
        self.item.refresh_from_db()
        return Response(ActionItemSerializer(self.item, context=self.context()).data)


class ActionItemDetailView(ActionItemView):
    @_schema(
        "action_items_retrieve",
        _("Show one action item"),
        "",
        _("For those who may read its body's internals, and its responsible person."),
        ids=[ACTION_ID],
        responses={200: ActionItemSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, municipality: str, action_id: int) -> Response:
        return self.item_response()


class ActionItemStatusView(ActionItemView):
    @_schema(
        "action_items_status",
        _("Update an action item's status"),
        _("open, in progress, done (with the day, default today) or dropped. "),
        _(
            "For coordinators, the state admin, the body's lead and the person "
            "who took the task on; recorded in the audit trail."
        ),
        ids=[ACTION_ID],
        request=ActionStatusInputSerializer,
        responses={200: ActionItemSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str, action_id: int) -> Response:
        require(request, UPDATE_ACTION, self.item)
        data = input_data(ActionStatusInputSerializer, request, self.context())
        minutes_services.action_item_set_status(
            actor=request.user, item=self.item, **data
        )
        return self.item_response()
