"""The offer directory (Wegweiser) in the API: search, detail and the review workflow.

Reads use ``kette.offers.selectors.public`` (the search is ``search_offers``); each
write is one call of ``kette.offers.services.workflow`` (``offer_save``,
``offer_delete``, the review steps), the same the web pages make, so the
rules are the web's: edits to a published offer wait for review unless a
coordinator publishes them at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from kette.api.permissions import require
from kette.api.serializers.errors import error_responses
from kette.api.serializers.offers import (
    OfferContentSerializer,
    OfferDetailSerializer,
    OfferQuerySerializer,
    OfferSearchSerializer,
    OfferSummarySerializer,
    ReturnInputSerializer,
    WriteQuerySerializer,
    flat_errors,
    plain,
)
from kette.api.serializers.search import facet_values, offer_summaries
from kette.offers.filters import OfferQuery, SearchPage
from kette.offers.models import Offer
from kette.offers.selectors import public as selectors
from kette.offers.services import workflow

from .base import ApiView, path_parameters

TAGS = ["offers"]
OFFER_ID = OpenApiParameter(
    "offer_id",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description=_("Id (UUID) of the offer."),
)
WORKFLOW_NOTE = _(
    "Writes follow the review rules of the web: provider editors write the "
    "offers of their own organisations, coordinators review them. Every write "
    "is recorded in the audit trail."
)


def _content_input(request: Request, *, partial: bool) -> dict[str, Any]:
    """The request body, checked for types; errors keyed by field path."""
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError(
            {"non_field_errors": [_("Send the offer as a JSON object.")]}
        )
    serializer = OfferContentSerializer(data=request.data, partial=partial)
    if not serializer.is_valid():
        raise exceptions.ValidationError(flat_errors(serializer.errors))
    return plain(serializer.validated_data)


class OfferBaseView(ApiView):
    def load(self, pk: Any) -> Offer:
        offer = selectors.offer_get(
            municipality=self.municipality(), pk=pk, public=False
        )
        offer.municipality = self.municipality()
        return offer


class OfferListView(OfferBaseView):
    serializer_class = OfferSummarySerializer

    def search_query(self, request: Request) -> OfferQuery:
        serializer = OfferQuerySerializer(
            data=request.query_params, context={"municipality": self.municipality()}
        )
        serializer.is_valid(raise_exception=True)
        params = serializer.validated_data
        return OfferQuery(
            text=params.get("q", ""),
            age_months=params.get("age_months"),
            age_band=params.get("age_band", ""),
            life_phase=params.get("life_phase", ""),
            field=params.get("field", ""),
            district=params.get("district", ""),
            language=params.get("language", ""),
            target_group=params.get("target_group", ""),
            free=params.get("free"),
            sort=params["sort"],
            page=params["page"],
            page_size=params["page_size"],
            public=True,
        )

    def link(self, request: Request, page: SearchPage, number: int) -> str | None:
        if number < 1 or number > page.pages:
            return None
        url = request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, "page")
        return replace_query_param(url, "page", number)

    @extend_schema(
        tags=TAGS,
        operation_id="offers_list",
        summary=_("Search the offers of a municipality"),
        description=_(
            "Published offers matching the words in `q` (German: inflections, "
            "compounds, umlauts written as ae/oe/ue, typos and synonyms are "
            "understood) and the filters, ranked by relevance or sorted by name, "
            "one page at a time, with counts per filter value (`facets`): each "
            "facet counts with the other filters applied. Public."
        ),
        parameters=[*path_parameters("municipality"), OfferQuerySerializer],
        responses={200: OfferSearchSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, municipality: str) -> Response:
        query = self.search_query(request)
        page = selectors.search_offers(municipality=self.municipality(), query=query)
        if query.page > page.pages:
            raise exceptions.NotFound(_("There is no such page."))
        results = offer_summaries(
            selectors.page_offers(municipality=self.municipality(), ids=page.offer_ids),
            municipality=self.municipality(),
            request=request,
        )
        return Response(
            {
                "count": page.count,
                "page": page.page,
                "page_size": page.page_size,
                "pages": page.pages,
                "next": self.link(request, page, page.page + 1),
                "previous": self.link(request, page, page.page - 1),
                "results": results,
                "facets": facet_values(page),
            }
        )

    @extend_schema(
        tags=TAGS,
        operation_id="offers_create",
        summary=_("Add an offer (as a draft)"),
        description=format_lazy(
            "{}{}",
            _(
                "Creates a draft for the organisation named in `organisation`; submit "
                "it for review with the `submit` action. For provider editors of that "
                "organisation, coordinators and the state admin. "
            ),
            WORKFLOW_NOTE,
        ),
        parameters=path_parameters("municipality"),
        request=OfferContentSerializer,
        responses={
            201: OfferDetailSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, municipality: str) -> Response:
        municipality_obj = self.municipality()
        # Only people with offers in this municipality get as far as validation.
        require(request, "offers.view_own_offers", municipality_obj)
        content = _content_input(request, partial=False)
        saved = workflow.offer_save(
            actor=request.user, municipality=municipality_obj, content=content
        )
        response = detail_response(request, self.load(saved.offer.pk), status=201)
        response["Location"] = response.data["api_url"]
        return response


def detail_response(request: Request, offer: Offer, **kwargs: Any) -> Response:
    editor = request.user.has_perm("offers.change_offer", offer)
    revision = workflow.pending_revision(offer) if editor else None
    serializer = OfferDetailSerializer(
        offer,
        context={"request": request, "editor": editor, "revision": revision},
    )
    return Response(serializer.data, **kwargs)


class OfferObjectView(OfferBaseView):
    """Views of one offer: it is looked up (404 if not visible) before anything else."""

    serializer_class = OfferDetailSerializer

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.offer = self.visible_offer(request)

    def visible_offer(self, request: Request) -> Offer:
        try:
            offer = self.load(self.kwargs["offer_id"])
        except Offer.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        if not request.user.has_perm("offers.view_offer", offer):
            # Drafts do not exist for those who may not see them.
            raise exceptions.NotFound()
        return offer

    def respond(self, request: Request, **kwargs: Any) -> Response:
        return detail_response(request, self.load(self.offer.pk), **kwargs)


def change_schema(operation_id: str, summary, description):
    """The OpenAPI description of PUT and PATCH on an offer."""
    return extend_schema(
        tags=TAGS,
        operation_id=operation_id,
        summary=summary,
        description=format_lazy("{}{}", description, WORKFLOW_NOTE),
        parameters=[*path_parameters("municipality"), OFFER_ID, WriteQuerySerializer],
        request=OfferContentSerializer,
        responses={
            200: OfferDetailSerializer,
            202: OpenApiResponse(
                OfferDetailSerializer,
                description=_("Kept as pending changes for review."),
            ),
            **error_responses(400, 401, 403, 404),
        },
    )


class OfferDetailView(OfferObjectView):
    @extend_schema(
        tags=TAGS,
        operation_id="offers_retrieve",
        summary=_("Show one offer"),
        description=_(
            "All of an offer: places with districts, times, contacts, cost, "
            "registration. Published offers are public; drafts and offers in "
            "review only exist for their editors and coordinators, who also see "
            "`status`, `review_comment` and `pending_changes`."
        ),
        parameters=[*path_parameters("municipality"), OFFER_ID],
        responses={200: OfferDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, municipality: str, offer_id) -> Response:
        return self.respond(request)

    def change(self, request: Request, *, partial: bool) -> Response:
        offer = self.offer
        require(request, "offers.change_offer", offer)
        writes = WriteQuerySerializer(data=request.query_params)
        writes.is_valid(raise_exception=True)
        direct = writes.validated_data["direct"]
        if direct:
            require(request, "offers.edit_offer_directly", offer)
        content = _content_input(request, partial=partial)
        if partial:
            content = workflow.editable_content(offer) | content
        saved = workflow.offer_save(
            actor=request.user,
            municipality=self.municipality(),
            offer=offer,
            content=content,
            publish=direct,
        )
        if saved.outcome == workflow.SaveOutcome.PENDING:
            return self.respond(request, status=status.HTTP_202_ACCEPTED)
        return self.respond(request)

    @change_schema(
        "offers_update",
        _("Replace an offer's content"),
        _(
            "The whole content; lists left out are emptied. A draft is changed at "
            "once (200). Changes to a published offer are kept as pending changes "
            "for review (202, see `pending_changes`) while the published version "
            "stays visible, unless a coordinator sends `?direct=true`, which "
            "publishes the content at once (a draft or an offer in review "
            "too). "
        ),
    )
    def put(self, request: Request, municipality: str, offer_id) -> Response:
        return self.change(request, partial=False)

    @change_schema(
        "offers_partial_update",
        _("Change part of an offer's content"),
        _(
            "Only the fields sent change (a list sent replaces the old list). "
            "Same review rules as PUT. "
        ),
    )
    def patch(self, request: Request, municipality: str, offer_id) -> Response:
        return self.change(request, partial=True)

    @extend_schema(
        tags=TAGS,
        operation_id="offers_destroy",
        summary=_("Delete an offer"),
        description=_(
            "An offer that was never published can be deleted by its editors "
            "and coordinators. A published offer is archived first; once "
            "archived, coordinators can delete it. The audit trail keeps what "
            "was deleted."
        ),
        parameters=[*path_parameters("municipality"), OFFER_ID],
        responses={
            204: OpenApiResponse(description=_("Deleted.")),
            **error_responses(400, 401, 403, 404),
        },
    )
    def delete(self, request: Request, municipality: str, offer_id) -> Response:
        require(request, "offers.change_offer", self.offer)
        workflow.offer_delete(actor=request.user, offer=self.offer)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OfferActionView(OfferObjectView):
    """A step of the review workflow, answered with the offer afterwards.

    A subclass names the rule that allows the step, the workflow service that
    takes it (called with the actor, the offer and the checked input) and its
    OpenAPI text; it gets a documented POST handler.
    """

    permission: str
    service: Callable[..., None]
    operation: str
    summary: Promise
    description: Promise
    input_serializer: type[serializers.Serializer] | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

        def post(self, request: Request, municipality: str, offer_id) -> Response:
            return self.run(request)

        cls.post = extend_schema(
            tags=TAGS,
            operation_id=cls.operation,
            summary=cls.summary,
            description=cls.description,
            parameters=[*path_parameters("municipality"), OFFER_ID],
            request=cls.input_serializer,
            responses={
                200: OfferDetailSerializer,
                **error_responses(400, 401, 403, 404),
            },
        )(post)

    def run(self, request: Request) -> Response:
        require(request, self.permission, self.offer)
        data: dict = {}
        if self.input_serializer is not None:
            serializer = self.input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        type(self).service(actor=request.user, offer=self.offer, **data)
        return self.respond(request)


class OfferSubmitView(OfferActionView):
    permission = "offers.submit_offer"
    service = workflow.offer_submit
    operation = "offers_submit"
    summary = _("Submit an offer or its pending changes for review")
    description = _(
        "A draft goes into review; for a published offer its pending changes "
        "do. For its editors and coordinators."
    )


class OfferApproveView(OfferActionView):
    permission = "offers.review_offer"
    service = workflow.offer_approve
    operation = "offers_approve"
    summary = _("Approve an offer or its pending changes")
    description = _(
        "Publishes a submitted offer, or applies submitted changes to a "
        "published one; it is findable at once. For coordinators."
    )


class OfferReturnView(OfferActionView):
    permission = "offers.review_offer"
    service = workflow.offer_return
    operation = "offers_return"
    summary = _("Return a submission to its editors with a comment")
    description = _(
        "A submitted offer goes back to draft, submitted changes back to their "
        "editors; `comment` says what should change. For coordinators."
    )
    input_serializer = ReturnInputSerializer


class OfferArchiveView(OfferActionView):
    permission = "offers.archive_offer"
    service = workflow.offer_archive
    operation = "offers_archive"
    summary = _("Archive an offer")
    description = _(
        "The offer leaves the directory but is kept. For its editors and coordinators."
    )
