"""Goals (Ziele) and the balance (Bilanz) in the API.

Goals are internal data, read as on the pages (``goals.view_goals``):
members of the municipality and the state admin; an anonymous caller gets
401, anybody else 404, so another municipality's goals do not exist for them.
Writes follow ``goals.manage_goals`` (coordinators, state admin) and are one
call of ``kette.goals.services.goals`` each, audited there.
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
from kette.api.serializers.balance import BalanceSerializer, StateBalanceSerializer
from kette.api.serializers.errors import error_responses
from kette.api.serializers.goals import (
    GoalInputSerializer,
    GoalMoveInputSerializer,
    GoalQuerySerializer,
    GoalSerializer,
)
from kette.goals.models import Goal
from kette.goals.selectors import balance as balance_selectors
from kette.goals.selectors import goals as selectors
from kette.goals.services import goals as services

from .base import ApiView, path_parameters, query_params

TAGS = ["goals"]
VIEW = "goals.view_goals"
MANAGE = "goals.manage_goals"
GOAL_ID = OpenApiParameter(
    "goal_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Id of the goal.")
)
READ_NOTE = _(
    "For members of the municipality (any role) and the state admin; "
    "anonymous callers get 401, others 404."
)
WRITE_NOTE = _(
    "For coordinators of the municipality and the state admin; recorded in "
    "the audit trail."
)


ONLY_SENT = _("Only the fields sent change. ")


def change_schema(operation_id: str, summary, description, object_id, given, shown):
    """The OpenAPI description of PUT or PATCH on one goal or measure."""
    return extend_schema(
        tags=TAGS,
        operation_id=operation_id,
        summary=summary,
        description=format_lazy("{}{}", description, WRITE_NOTE),
        parameters=[*path_parameters("municipality"), object_id],
        request=given,
        responses={200: shown, **error_responses(400, 401, 403, 404)},
    )


def input_data(serializer_class, request: Request, context: dict, **kwargs) -> dict:
    """The request body, checked (400 naming the fields if not)."""
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError(
            {"non_field_errors": [_("Send a JSON object.")]}
        )
    serializer = serializer_class(data=request.data, context=context, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def refuse_changes(data: dict[str, Any], current: dict[str, Any], message) -> None:
    """Fields that can only be set when an object is created: sending them
    again unchanged is fine, a different value is a 400 naming the field."""
    errors = {
        name: [message]
        for name, value in current.items()
        if name in data and data.pop(name) != value
    }
    if errors:
        raise exceptions.ValidationError(errors)


class GoalsApiView(ApiView):
    """Base of the goals views: members of the municipality only."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm(VIEW, self.municipality()):
            if not request.user.is_authenticated:
                raise exceptions.NotAuthenticated()
            raise exceptions.NotFound()

    def context(self) -> dict[str, Any]:
        municipality = self.municipality()
        return {
            **self.get_serializer_context(),
            "municipality": municipality,
            "codes": selectors.goal_codes(municipality=municipality),
        }

    def goal_response(self, goal: Goal, **kwargs: Any) -> Response:
        full = selectors.goals_in_full(municipality=self.municipality(), ids=[goal.pk])
        return Response(GoalSerializer(full[0], context=self.context()).data, **kwargs)


class GoalListView(GoalsApiView):
    serializer_class = GoalSerializer

    @extend_schema(
        tags=TAGS,
        operation_id="goals_list",
        summary=_("List the goals of a municipality"),
        description=format_lazy(
            "{}{}",
            _(
                "The goal hierarchy in reading order (1, 1.1, 1.1.1, 1.2, 2 …), each "
                "goal with its SMART grid: level, description, measurement criteria, "
                "tags, the ids of its sub-goals and its measures. Filters: `level` "
                "(depth, 1: the top), `parent`, `status`; paginated (`page`, "
                "`page_size`). "
            ),
            READ_NOTE,
        ),
        parameters=[*path_parameters("municipality"), GoalQuerySerializer],
        responses={200: GoalSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def get(self, request: Request, municipality: str) -> Response:
        query = query_params(GoalQuerySerializer, request)
        nodes = selectors.goal_nodes(
            municipality=self.municipality(),
            depth=query.get("level"),
            parent=query.get("parent"),
            status=query.get("status", ""),
        )
        page = self.paginate_queryset(nodes)
        goals = selectors.goals_in_full(
            municipality=self.municipality(), ids=[node.goal.pk for node in page]
        )
        data = GoalSerializer(goals, many=True, context=self.context()).data
        return self.get_paginated_response(data)

    @extend_schema(
        tags=TAGS,
        operation_id="goals_create",
        summary=_("Add a goal"),
        description=format_lazy(
            "{}{}",
            _(
                "A goal on the first level, or with `parent` a sub-goal one level "
                "below it, numbered last among its siblings. "
            ),
            WRITE_NOTE,
        ),
        parameters=path_parameters("municipality"),
        request=GoalInputSerializer,
        responses={201: GoalSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str) -> Response:
        require(request, MANAGE, self.municipality())
        data = input_data(GoalInputSerializer, request, self.context())
        goal = services.goal_create(
            actor=request.user, municipality=self.municipality(), **data
        )
        response = self.goal_response(goal, status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response


class GoalObjectView(GoalsApiView):
    """Views of one goal: it is looked up (404 if it is not one of this
    municipality's) before anything else, a method the view lacks too."""

    serializer_class = GoalSerializer

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.goal()

    def goal(self) -> Goal:
        """The goal named in the URL, read afresh."""
        try:
            return selectors.goal_get(
                municipality=self.municipality(), pk=self.kwargs["goal_id"]
            )
        except Goal.DoesNotExist as exc:
            raise exceptions.NotFound() from exc


class GoalDetailView(GoalObjectView):
    def change(self, request: Request, *, partial: bool) -> Response:
        goal = self.goal()
        require(request, MANAGE, goal)
        data = input_data(GoalInputSerializer, request, self.context(), partial=partial)
        refuse_changes(
            data,
            {"parent": goal.parent},
            _("A goal keeps its parent here; move it with its move action."),
        )
        goal = services.goal_update(actor=request.user, goal=goal, **data)
        return self.goal_response(goal)

    @extend_schema(
        tags=TAGS,
        operation_id="goals_retrieve",
        summary=_("Show one goal with its SMART grid"),
        description=READ_NOTE,
        parameters=[*path_parameters("municipality"), GOAL_ID],
        responses={200: GoalSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, municipality: str, goal_id: int) -> Response:
        return self.goal_response(self.goal())

    @change_schema(
        "goals_update",
        _("Change a goal"),
        _(
            "`title` is required; fields left out keep their values, tag lists "
            "sent replace the old ones. `parent` cannot change here. "
        ),
        GOAL_ID,
        GoalInputSerializer,
        GoalSerializer,
    )
    def put(self, request: Request, municipality: str, goal_id: int) -> Response:
        return self.change(request, partial=False)

    @change_schema(
        "goals_partial_update",
        _("Change some of a goal's data"),
        ONLY_SENT,
        GOAL_ID,
        GoalInputSerializer,
        GoalSerializer,
    )
    def patch(self, request: Request, municipality: str, goal_id: int) -> Response:
        return self.change(request, partial=True)

    @extend_schema(
        tags=TAGS,
        operation_id="goals_destroy",
        summary=_("Delete a goal with its measures"),
        description=format_lazy(
            "{}{}",
            _(
                "A goal with sub-goals is kept (400): move or delete them first; "
                "the goals after it close up. "
            ),
            WRITE_NOTE,
        ),
        parameters=[*path_parameters("municipality"), GOAL_ID],
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(400, 401, 403, 404),
        },
    )
    def delete(self, request: Request, municipality: str, goal_id: int) -> Response:
        goal = self.goal()
        require(request, MANAGE, goal)
        services.goal_delete(actor=request.user, goal=goal)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GoalMoveView(GoalObjectView):
    @extend_schema(
        tags=TAGS,
        operation_id="goals_move",
        summary=_("Move a goal"),
        description=format_lazy(
            "{}{}",
            _(
                "Under another parent (or to the first level) and/or to another "
                "number among its siblings; its sub-goals move along, their "
                "levels follow their new depth, the other goals close up. Refused "
                "(400) below itself or its sub-goals, or past the deepest level. "
            ),
            WRITE_NOTE,
        ),
        parameters=[*path_parameters("municipality"), GOAL_ID],
        request=GoalMoveInputSerializer,
        responses={200: GoalSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str, goal_id: int) -> Response:
        goal = self.goal()
        require(request, MANAGE, goal)
        data = input_data(GoalMoveInputSerializer, request, self.context())
        goal = services.goal_move(
            actor=request.user,
            goal=goal,
            parent=data.get("parent", goal.parent),
            number=data.get("number"),
        )
        return self.goal_response(goal)


def balance_data(scope: balance_selectors.Scope, serializer_class) -> dict:
    """The balance as JSON (from the kept counts, as the pages)."""
    balance = balance_selectors.goal_balance(
        scope=scope, per_municipality=serializer_class is StateBalanceSerializer
    )
    return dict(serializer_class(balance).data)


BALANCE_TEXT = _(
    "Counts of goals and measures; measures by status and by type of measure "
    "(shares add up to 100), by field of action, age band and life phase of "
    "their goal (a measure counts once for each tag), and by status as of "
    "each quarter's end. "
)


class BalanceView(GoalsApiView):
    pagination_class = None

    @extend_schema(
        tags=TAGS,
        operation_id="goals_balance",
        summary=_("The balance of a municipality's goals and measures"),
        description=format_lazy("{}{}", BALANCE_TEXT, READ_NOTE),
        parameters=path_parameters("municipality"),
        responses={200: BalanceSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, municipality: str) -> Response:
        return Response(balance_data(self.municipality(), BalanceSerializer))


class StateBalanceView(ApiView):
    pagination_class = None

    @extend_schema(
        tags=TAGS,
        operation_id="goals_state_balance",
        summary=_("The balance across all municipalities"),
        description=format_lazy(
            "{}{}",
            BALANCE_TEXT,
            _(
                "With a row per municipality (goals, measures, fully and partly "
                "implemented). For the state admin only."
            ),
        ),
        responses={200: StateBalanceSerializer, **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        require(request, "goals.view_state_balance", None)
        return Response(balance_data(None, StateBalanceSerializer))
