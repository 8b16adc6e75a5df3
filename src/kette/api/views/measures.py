"""Measures (Maßnahmen) and their status history in the API.

Read like goals (members of the municipality, see ``views/goals.py``).
Coordinators and the state admin write measures through
``kette.goals.services.measures``; a new status is recorded by them or by
the measure's responsible person (``goals.update_measure_status``) through
``measure_status_update``, the one write path of a status, audited there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api.permissions import require
from kette.api.serializers.errors import error_responses
from kette.api.serializers.goals import (
    MeasureInputSerializer,
    MeasureMoveInputSerializer,
    MeasureQuerySerializer,
    MeasureSerializer,
    StatusChangeSerializer,
    StatusInputSerializer,
)
from kette.goals.models import Measure
from kette.goals.selectors import goals as selectors
from kette.goals.services import measures as services

from .base import path_parameters
from .goals import (
    MANAGE,
    ONLY_SENT,
    READ_NOTE,
    WRITE_NOTE,
    GoalsApiView,
    change_schema,
    input_data,
    refuse_changes,
)

TAGS = ["goals"]
UPDATE_STATUS = "goals.update_measure_status"
MEASURE_ID = OpenApiParameter(
    "measure_id",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("Id of the measure."),
)


@contextmanager
def fields_named(names: dict[str, str]) -> Iterator[None]:
    """Errors of a service keyed by the API's names of its arguments."""
    try:
        yield
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise DjangoValidationError(
            {names.get(key, key): value for key, value in error.error_dict.items()}
        ) from error


class MeasureView(GoalsApiView):
    serializer_class = MeasureSerializer

    def measure_response(self, measure: Measure, **kwargs: Any) -> Response:
        measure = selectors.measure_get(municipality=self.municipality(), pk=measure.pk)
        return Response(
            MeasureSerializer(measure, context=self.context()).data, **kwargs
        )


class MeasureListView(MeasureView):
    @extend_schema(
        tags=TAGS,
        operation_id="measures_list",
        summary=_("List the measures of a municipality"),
        description=format_lazy(
            "{}{}",
            _(
                "In the order of their goals' grids, numbered as there (`code`, "
                "e.g. 2.1.3). Filters: `goal`, `status`, `measure_type`, "
                "`responsible_person`, `due_before`, `due_after` (both "
                "inclusive); paginated (`page`, `page_size`). "
            ),
            READ_NOTE,
        ),
        parameters=[*path_parameters("municipality"), MeasureQuerySerializer],
        responses={
            200: MeasureSerializer(many=True),
            **error_responses(400, 401, 404),
        },
    )
    def get(self, request: Request, municipality: str) -> Response:
        serializer = MeasureQuerySerializer(
            data=request.query_params, context={"municipality": self.municipality()}
        )
        serializer.is_valid(raise_exception=True)
        query = serializer.validated_data
        status_term, type_term = query.get("status"), query.get("measure_type")
        rows = selectors.measure_list(
            municipality=self.municipality(),
            filters=selectors.MeasureFilter(
                goal=query.get("goal"),
                status=status_term.code if status_term else "",
                measure_type=type_term.code if type_term else "",
                responsible_person=query.get("responsible_person"),
                due_before=query.get("due_before"),
                due_after=query.get("due_after"),
            ),
        )
        page = self.paginate_queryset(rows)
        data = MeasureSerializer(
            [row.measure for row in page], many=True, context=self.context()
        ).data
        return self.get_paginated_response(data)

    @extend_schema(
        tags=TAGS,
        operation_id="measures_create",
        summary=_("Add a measure to a goal"),
        description=format_lazy(
            "{}{}",
            _(
                "Numbered last in its goal (`goal` is required); its first status "
                "(default: not implemented) is dated `status_date` (default: "
                "today) in its history. "
            ),
            WRITE_NOTE,
        ),
        parameters=path_parameters("municipality"),
        request=MeasureInputSerializer,
        responses={201: MeasureSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str) -> Response:
        require(request, MANAGE, self.municipality())
        data = input_data(MeasureInputSerializer, request, self.context())
        if "goal" not in data:
            raise exceptions.ValidationError(
                {"goal": [_("Name the goal the measure belongs to.")]}
            )
        if "status_date" in data:
            data["on"] = data.pop("status_date")
        with fields_named({"on": "status_date"}):
            measure = services.measure_create(actor=request.user, **data)
        response = self.measure_response(measure, status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response


class MeasureObjectView(MeasureView):
    """Views of one measure: it is looked up (404 if not here) before anything else."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        try:
            self.measure = selectors.measure_get(
                municipality=self.municipality(), pk=self.kwargs["measure_id"]
            )
        except Measure.DoesNotExist as exc:
            raise exceptions.NotFound() from exc


class MeasureDetailView(MeasureObjectView):
    def change(self, request: Request, *, partial: bool) -> Response:
        measure = self.measure
        require(request, MANAGE, measure)
        data = input_data(
            MeasureInputSerializer, request, self.context(), partial=partial
        )
        refuse_changes(
            data,
            {"goal": measure.goal},
            _("A measure stays with its goal."),
        )
        refuse_changes(
            data,
            {"status": measure.status, "status_date": measure.status_changed_on},
            _("A new status is recorded in the measure's status history."),
        )
        measure = services.measure_update(actor=request.user, measure=measure, **data)
        return self.measure_response(measure)

    @extend_schema(
        tags=TAGS,
        operation_id="measures_retrieve",
        summary=_("Show one measure"),
        description=READ_NOTE,
        parameters=[*path_parameters("municipality"), MEASURE_ID],
        responses={200: MeasureSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, municipality: str, measure_id: int) -> Response:
        return self.measure_response(self.measure)

    @change_schema(
        "measures_update",
        _("Change a measure"),
        _(
            "`task` is required; fields left out keep their values, lists "
            "sent replace the old ones. The goal and the status do not "
            "change here (the status: see its status history). "
        ),
        MEASURE_ID,
        MeasureInputSerializer,
        MeasureSerializer,
    )
    def put(self, request: Request, municipality: str, measure_id: int) -> Response:
        return self.change(request, partial=False)

    @change_schema(
        "measures_partial_update",
        _("Change some of a measure's data"),
        ONLY_SENT,
        MEASURE_ID,
        MeasureInputSerializer,
        MeasureSerializer,
    )
    def patch(self, request: Request, municipality: str, measure_id: int) -> Response:
        return self.change(request, partial=True)

    @extend_schema(
        tags=TAGS,
        operation_id="measures_destroy",
        summary=_("Delete a measure"),
        description=format_lazy(
            "{}{}",
            _("The measures after it in its goal close up. "),
            WRITE_NOTE,
        ),
        parameters=[*path_parameters("municipality"), MEASURE_ID],
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(401, 403, 404),
        },
    )
    def delete(self, request: Request, municipality: str, measure_id: int) -> Response:
        require(request, MANAGE, self.measure)
        services.measure_delete(actor=request.user, measure=self.measure)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeasureStatusChangesView(MeasureObjectView):
    serializer_class = StatusChangeSerializer

    @extend_schema(
        tags=TAGS,
        operation_id="measures_status_changes_list",
        summary=_("The status history of a measure"),
        description=format_lazy(
            "{}{}",
            _("Dated entries, the newest first; paginated (`page`, `page_size`). "),
            READ_NOTE,
        ),
        parameters=[*path_parameters("municipality"), MEASURE_ID],
        responses={
            200: StatusChangeSerializer(many=True),
            **error_responses(401, 404),
        },
    )
    def get(self, request: Request, municipality: str, measure_id: int) -> Response:
        page = self.paginate_queryset(selectors.measure_history(measure=self.measure))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        operation_id="measures_status_changes_create",
        summary=_("Record a measure's status"),
        description=_(
            "The status as of `date` (default: today; not in the future, not "
            "before the current status's date) with a comment; the same status "
            "again confirms it. For the measure's responsible person, "
            "coordinators and the state admin; recorded in the audit trail."
        ),
        parameters=[*path_parameters("municipality"), MEASURE_ID],
        request=StatusInputSerializer,
        responses={
            201: StatusChangeSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, municipality: str, measure_id: int) -> Response:
        require(request, UPDATE_STATUS, self.measure)
        data = input_data(StatusInputSerializer, request, self.context())
        with fields_named({"on": "date"}):
            change = services.measure_status_update(
                actor=request.user,
                measure=self.measure,
                status=data["status"],
                comment=data.get("comment", ""),
                on=data.get("date"),
            )
        return Response(
            self.get_serializer(change).data, status=status.HTTP_201_CREATED
        )


class MeasureMoveView(MeasureObjectView):
    @extend_schema(
        tags=TAGS,
        operation_id="measures_move",
        summary=_("Give a measure another number"),
        description=format_lazy(
            "{}{}",
            _("Within its goal; the other measures close up. "),
            WRITE_NOTE,
        ),
        parameters=[*path_parameters("municipality"), MEASURE_ID],
        request=MeasureMoveInputSerializer,
        responses={200: MeasureSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, municipality: str, measure_id: int) -> Response:
        require(request, MANAGE, self.measure)
        data = input_data(MeasureMoveInputSerializer, request, self.context())
        services.measure_move(
            actor=request.user, measure=self.measure, number=data["number"]
        )
        return self.measure_response(self.measure)
