"""The checklist's themes and items: state-wide, edited by the state admin."""

from __future__ import annotations

from django.contrib import admin

from kette.core.admin.vocabularies import VocabularyAdmin

from .models import ChecklistItem, ChecklistTheme

admin.site.register(ChecklistTheme, VocabularyAdmin)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(VocabularyAdmin):
    list_display = ["theme", *VocabularyAdmin.list_display]
    list_filter = ["theme", "is_active"]
    ordering = ["theme__position", "position"]
