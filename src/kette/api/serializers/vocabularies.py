"""Shared vocabularies: age bands, life phases, fields of action and more."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kette.core.models import Language, QualityStation, StationStandard
from kette.core.models.vocabulary import MonthRange, VocabularyTerm


def extra_fields(model: type[VocabularyTerm]) -> tuple[str, ...]:
    """The fields a kind of term has beyond code, labels and position."""
    if issubclass(model, MonthRange):
        return ("min_months", "max_months")
    if issubclass(model, Language):
        return ("native_name", "right_to_left")
    if issubclass(model, QualityStation):
        return ("number",)
    if issubclass(model, StationStandard):
        return ("station",)
    return ()


class VocabularyTermSerializer(serializers.Serializer):
    """A term of a vocabulary; some kinds carry extra fields."""

    code = serializers.CharField(help_text=_("Stable code of the term."))
    label_de = serializers.CharField()
    label_en = serializers.CharField()
    label = serializers.CharField(help_text=_("The label in the request's language."))
    description = serializers.CharField(
        help_text=_("The description in the request's language, may be empty.")
    )
    position = serializers.IntegerField()
    # Extra fields, present only for the kinds named in their help text.
    min_months = serializers.IntegerField(
        required=False,
        help_text=_(
            "age-bands, life-phases: lowest age in months (pregnancy is negative)."
        ),
    )
    max_months = serializers.IntegerField(
        required=False,
        help_text=_("age-bands, life-phases: upper age bound in months, exclusive."),
    )
    native_name = serializers.CharField(
        required=False, help_text=_("languages: the name in the language itself.")
    )
    right_to_left = serializers.BooleanField(
        required=False, help_text=_("languages: written right to left.")
    )
    number = serializers.IntegerField(
        required=False, help_text=_("quality-stations: number of the station.")
    )
    station = serializers.CharField(
        required=False,
        help_text=_("station-standards: code of the station the standard belongs to."),
    )

    def to_representation(self, term: VocabularyTerm) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": term.code,
            "label_de": term.label_de,
            "label_en": term.label_en,
            "label": term.label,
            "description": term.description,
            "position": term.position,
        }
        for name in extra_fields(type(term)):
            data[name] = term.station.code if name == "station" else getattr(term, name)
        return data


class VocabularySerializer(serializers.Serializer):
    """One kind of vocabulary with the number of its active terms."""

    kind = serializers.CharField(help_text=_("Key of the vocabulary in URLs."))
    name = serializers.CharField(help_text=_("Name in the request's language."))
    count = serializers.IntegerField(help_text=_("Number of active terms."))
    url = serializers.URLField()


class VocabularyDetailSerializer(VocabularySerializer):
    """One vocabulary with its active terms in order."""

    terms = VocabularyTermSerializer(many=True)
