"""The monitoring in the API: indicators, figures, composite indices.

Who sees what follows the monitoring pages: callers with
``monitoring.view_data`` in the municipality (planners, coordinators, the
state admin) see every indicator and index and every figure; everybody else
only published ones, with small counts withheld (``kette.monitoring.disclosure``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from kette.api.pagination import Pagination
from kette.api.serializers.errors import error_responses
from kette.api.serializers.monitoring import (
    IndexResultQuerySerializer,
    IndexResultSerializer,
    IndexSerializer,
    IndicatorSerializer,
    ObservationQuerySerializer,
    ObservationSerializer,
    index_result,
    observation_rows,
)
from kette.core.exceptions import KetteError
from kette.monitoring import selectors
from kette.monitoring.figures import FigureSet, Hierarchy
from kette.monitoring.indices import (
    IndexDataError,
    compute_table,
    incomplete_note,
    indicator_periods,
    period_coverage,
)

from .base import ApiView, path_parameters

TAGS = ["monitoring"]
INDICATOR_KEY = OpenApiParameter(
    "key",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("Key of the indicator."),
)
INDEX_KEY = OpenApiParameter(
    "key",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("Key of the index."),
)
VISIBILITY_NOTE = _(
    "Planners and coordinators of the municipality see everything; anyone "
    "else only what is published."
)


class MonitoringView(ApiView):
    pagination_class = None

    def public(self) -> bool:
        """Whether the caller gets the public monitoring (published, protected)."""
        return not self.request.user.has_perm(
            "monitoring.view_data", self.municipality()
        )

    def context(self) -> dict:
        return {
            **self.get_serializer_context(),
            "municipality": self.municipality(),
            "public": self.public(),
        }


class CatalogueListView(MonitoringView):
    """The indicators or the indices of a municipality (the subclass says which)."""

    select: Callable[..., Any]
    serializer: type[Serializer]

    def get(self, request: Request, municipality: str) -> Response:
        items = list(
            self.select(municipality=self.municipality(), public=self.public())
        )
        context = {**self.context(), **self.context_for(items)}
        return Response(self.serializer(items, many=True, context=context).data)

    def context_for(self, items: list) -> dict:
        """What the serializer can look up for all items at once."""
        return {}


class CatalogueDetailView(MonitoringView):
    """One indicator or index by its key (the subclass says which)."""

    select: Callable[..., Any]
    serializer: type[Serializer]

    def get(self, request: Request, municipality: str, key: str) -> Response:
        item = self.select(
            municipality=self.municipality(), key=key, public=self.public()
        )
        return Response(self.serializer(item, context=self.context()).data)


def _schema(operation: str, summary, text, parameters, response, *errors: int):
    return extend_schema_view(
        get=extend_schema(
            tags=TAGS,
            operation_id=operation,
            summary=summary,
            description=format_lazy("{} {}", text, VISIBILITY_NOTE),
            parameters=parameters,
            responses={200: response, **error_responses(*errors)},
        )
    )


@_schema(
    "monitoring_indicators_list",
    _("List the indicators of a municipality's monitoring"),
    _("The indicator catalogue in its order, each with its periods."),
    path_parameters("municipality"),
    IndicatorSerializer(many=True),
    404,
)
class IndicatorListView(CatalogueListView):
    select = staticmethod(selectors.indicator_list)
    serializer = IndicatorSerializer

    def context_for(self, items: list) -> dict:
        return {"periods": indicator_periods(items)}


@_schema(
    "monitoring_indicators_retrieve",
    _("Show one indicator"),
    _("Its definition, source, owner and periods."),
    [*path_parameters("municipality"), INDICATOR_KEY],
    IndicatorSerializer,
    404,
)
class IndicatorDetailView(CatalogueDetailView):
    select = staticmethod(selectors.indicator_get)
    serializer = IndicatorSerializer


class ObservationListView(MonitoringView):
    pagination_class = Pagination

    def figure_sets(
        self, request: Request, hierarchy: Hierarchy, public: bool
    ) -> tuple[list[FigureSet], dict]:
        """The figure sets asked for, and the validated query."""
        municipality = self.municipality()
        indicators = list(
            selectors.indicator_list(municipality=municipality, public=public)
        )
        for indicator in indicators:
            indicator.municipality = municipality  # saves a query per indicator
        serializer = ObservationQuerySerializer(
            data=request.query_params,
            context={
                "municipality": municipality,
                "public": public,
                "indicators": indicators,
                "hierarchy": hierarchy,
            },
        )
        serializer.is_valid(raise_exception=True)
        query = serializer.validated_data
        chosen = [query["indicator"]] if "indicator" in query else indicators
        period = query.get("period")
        sets = []
        for indicator in chosen:
            history = selectors.figure_history(
                indicator=indicator, public=public, hierarchy=hierarchy
            )
            if period is None:
                sets.extend(history.values())
            elif period in history:
                sets.append(history[period])
        return sets, query

    @extend_schema(
        tags=TAGS,
        operation_id="monitoring_observations_list",
        summary=_("Figures of indicators per district and period"),
        description=format_lazy(
            "{} {}",
            _(
                "Every district's figure, including those computed from the "
                "districts a district is made of (rates as summed numerators over "
                "summed denominators, counts as sums), ordered by indicator, period "
                "(oldest first), level and code. The whole municipality comes "
                "first in each period with `district` null; it is left out when "
                "`district` or `level` is given. For callers without access to "
                "the municipality's data, figures resting on small counts, and "
                "those that would reveal them, are withheld: `suppressed` says "
                "why, and value, numerator and denominator are null. Paginated "
                "(`page`, `page_size`)."
            ),
            VISIBILITY_NOTE,
        ),
        parameters=[*path_parameters("municipality"), ObservationQuerySerializer],
        responses={
            200: ObservationSerializer(many=True),
            **error_responses(400, 404),
        },
    )
    def get(self, request: Request, municipality: str) -> Response:
        public = self.public()
        hierarchy = Hierarchy.of(self.municipality())
        sets, query = self.figure_sets(request, hierarchy, public)
        rows = observation_rows(
            figure_sets=sets,
            hierarchy=hierarchy,
            municipality=self.municipality(),
            public=public,
            district=query.get("district"),
            level=query.get("level"),
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ObservationSerializer(page, many=True).data)


@_schema(
    "monitoring_indices_list",
    _("List the composite indices of a municipality"),
    _(
        "Indices with a saved definition, each with its current version, "
        "the definition and the years with data."
    ),
    path_parameters("municipality"),
    IndexSerializer(many=True),
    404,
)
class IndexListView(CatalogueListView):
    select = staticmethod(selectors.index_list)
    serializer = IndexSerializer


@_schema(
    "monitoring_indices_retrieve",
    _("Show one composite index"),
    _("Its current definition (kette-index/1) and the years with data."),
    [*path_parameters("municipality"), INDEX_KEY],
    IndexSerializer,
    404,
)
class IndexDetailView(CatalogueDetailView):
    select = staticmethod(selectors.index_get)
    serializer = IndexSerializer


class IndexResultView(MonitoringView):
    @extend_schema(
        tags=TAGS,
        operation_id="monitoring_indices_results",
        summary=_("Compute a composite index for the districts"),
        description=format_lazy(
            "{} {}",
            _(
                "The index, its sub-indices, the normalised indicators, the rank "
                "and the classes of every district of one level in one year, most "
                "need first. The raw indicator values (`values`) are only given "
                "to callers with access to the municipality's data. If the index "
                "cannot be computed with the data there is, the answer is 400 "
                "saying why."
            ),
            VISIBILITY_NOTE,
        ),
        parameters=[
            *path_parameters("municipality"),
            INDEX_KEY,
            IndexResultQuerySerializer,
        ],
        responses={200: IndexResultSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, municipality: str, key: str) -> Response:
        public = self.public()
        definition = selectors.index_get(
            municipality=self.municipality(), key=key, public=public
        )
        hierarchy = Hierarchy.of(self.municipality())
        # the public gets complete periods only (the definition's coverage rule)
        coverage = period_coverage(definition)
        complete = [period for period, gaps in coverage.items() if not gaps]
        periods = complete if public else list(coverage)
        wanted = request.query_params.get("period")
        if public and wanted in coverage and wanted not in complete:
            raise KetteError(incomplete_note(wanted))
        serializer = IndexResultQuerySerializer(
            data=request.query_params,
            context={"periods": periods, "hierarchy": hierarchy},
        )
        serializer.is_valid(raise_exception=True)
        query = serializer.validated_data
        period = query.get("period") or (complete or periods or [None])[-1]
        if period is None:
            raise KetteError(str(_("There are no figures for this index yet.")))
        try:
            table = compute_table(
                definition=definition,
                period=period,
                level=query.get("level"),
                hierarchy=hierarchy,
                public=public,
                allow_incomplete=not public,
            )
        except IndexDataError as error:
            raise KetteError(str(error)) from error
        return Response(index_result(table, public=public))
