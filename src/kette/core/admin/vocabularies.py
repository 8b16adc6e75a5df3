"""The shared vocabularies, edited by the state admin."""

from __future__ import annotations

from django.contrib import admin

from ..models import (
    AgeBand,
    BodyType,
    FieldOfAction,
    Language,
    LifePhase,
    MeasureStatus,
    MeasureType,
    PreventionStandard,
    QualityStation,
    Sector,
    StationStandard,
    TargetGroup,
)
from .base import AuditedModelAdmin


class VocabularyAdmin(AuditedModelAdmin):
    """Shared vocabularies: the state admin's to edit."""

    edit_rule = "core.change_vocabulary"
    list_display = ["code", "label_de", "label_en", "position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "label_de", "label_en"]
    ordering = ["position", "code"]


class MonthRangeVocabularyAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "min_months", "max_months"]


for model in (
    FieldOfAction,
    PreventionStandard,
    TargetGroup,
    BodyType,
    MeasureType,
    MeasureStatus,
    Sector,
):
    admin.site.register(model, VocabularyAdmin)
admin.site.register(AgeBand, MonthRangeVocabularyAdmin)
admin.site.register(LifePhase, MonthRangeVocabularyAdmin)


@admin.register(Language)
class LanguageAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "native_name", "right_to_left"]


@admin.register(QualityStation)
class QualityStationAdmin(VocabularyAdmin):
    list_display = ["number", *VocabularyAdmin.list_display]
    ordering = ["number"]


@admin.register(StationStandard)
class StationStandardAdmin(VocabularyAdmin):
    list_display = ["station", *VocabularyAdmin.list_display]
    list_filter = ["station", "is_active"]
    ordering = ["station__number", "position"]
