from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from kette.api import selectors as api_selectors
from kette.api.serializers.errors import error_responses
from kette.api.serializers.vocabularies import (
    VocabularyDetailSerializer,
    VocabularySerializer,
    VocabularyTermSerializer,
)
from kette.core.models.vocabulary import VOCABULARIES

from .base import ApiView

LANGUAGE_NOTE = _(
    "Labels and descriptions come in German unless `?lang=en` (or the "
    "language cookie) asks for English; `label_de` and `label_en` are always "
    "both there."
)


class VocabularyView(ApiView):
    pagination_class = None

    def item(self, request: Request, kind: str, count: int) -> dict:
        return {
            "kind": kind,
            "name": VOCABULARIES[kind]._meta.verbose_name_plural,
            "count": count,
            "url": request.build_absolute_uri(
                reverse("api:vocabulary-detail", kwargs={"vocabulary": kind})
            ),
        }


class VocabularyListView(VocabularyView):
    @extend_schema(
        tags=["vocabularies"],
        operation_id="vocabularies_list",
        summary=_("List the shared vocabularies"),
        description=_(
            "Every kind of vocabulary (age bands, life phases, fields of action, "
            "prevention standards, ...) with the number of its active terms."
        ),
        responses={200: VocabularySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        counts = api_selectors.vocabulary_counts()
        items = [self.item(request, kind, count) for kind, count in counts.items()]
        return Response(VocabularySerializer(items, many=True).data)


class VocabularyDetailView(VocabularyView):
    @extend_schema(
        tags=["vocabularies"],
        operation_id="vocabularies_retrieve",
        summary=_("The active terms of one vocabulary"),
        description=format_lazy(
            "{} {}",
            _(
                "Terms in their order. Age bands and life phases add `min_months` and "
                "`max_months` (ages in months, pregnancy negative, upper bound "
                "exclusive); languages add `native_name` and `right_to_left`; "
                "quality-cycle stations add `number`; station standards add `station`."
            ),
            LANGUAGE_NOTE,
        ),
        parameters=[
            OpenApiParameter(
                "vocabulary",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(VOCABULARIES),
                description=_("The kind of vocabulary."),
            )
        ],
        responses={200: VocabularyDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, vocabulary: str) -> Response:
        try:
            terms = list(api_selectors.vocabulary_terms(kind=vocabulary))
        except api_selectors.UnknownVocabulary as exc:
            raise exceptions.NotFound(_("There is no such vocabulary.")) from exc
        data = VocabularySerializer(self.item(request, vocabulary, len(terms))).data
        data["terms"] = VocabularyTermSerializer(terms, many=True).data
        return Response(data)
