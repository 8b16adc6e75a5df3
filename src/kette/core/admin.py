"""The Django admin for the state coordination office.

Every ModelAdmin asks the named rules (never ``is_staff``/``is_superuser``)
and records every save and delete in the audit trail.
"""

from __future__ import annotations

import rules
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from . import audit, geo
from .adminsite import may_use_admin
from .models import (
    AgeBand,
    ApiToken,
    AuditEntry,
    BodyType,
    District,
    DistrictPopulation,
    FieldOfAction,
    Language,
    LifePhase,
    MeasureStatus,
    MeasureType,
    Membership,
    Municipality,
    Organisation,
    PreventionStandard,
    QualityStation,
    Role,
    Sector,
    StationStandard,
    TargetGroup,
    User,
)

ACCESS = "core.access_admin"


class AuditedModelAdmin(admin.ModelAdmin):
    """Rules decide what the state admin may do; every write is audited.

    ``view_rule`` guards reading, ``edit_rule`` adding, changing and deleting.
    """

    view_rule = ACCESS
    edit_rule = ACCESS
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _allowed(self, request, rule: str | None) -> bool:
        return bool(
            rule and may_use_admin(request.user) and rules.has_perm(rule, request.user)
        )

    def has_module_permission(self, request) -> bool:
        return self._allowed(request, self.view_rule)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request, self.view_rule)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request, self.edit_rule)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request, self.edit_rule)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request, self.edit_rule)

    def save_model(self, request, obj, form, change) -> None:
        # The form has already changed ``obj``: the old state comes from the
        # database. Recorded in save_related, once many-to-many fields are saved.
        obj._kette_audit_before = (
            audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
            if change
            else None
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(obj, "_kette_audit_before", None)
        if before is None:
            audit.record_created(actor=request.user, instance=obj)
        else:
            audit.record_updated(actor=request.user, instance=obj, before=before)

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            audit.record_deleted(
                actor=request.user, instance=obj, before=audit.snapshot(obj)
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit.record_deleted(
                    actor=request.user, instance=obj, before=audit.snapshot(obj)
                )
            super().delete_queryset(request, queryset)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedModelAdmin):
    edit_rule = "core.manage_municipalities"
    list_display = ["name", "slug", "ags", "kind", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "slug", "ags"]
    prepopulated_fields = {"slug": ["name"]}


class DistrictAdminForm(forms.ModelForm):
    class Meta:
        model = District
        fields = [
            "municipality",
            "parent",
            "code",
            "name",
            "level",
            "level_name",
            "geometry",
        ]

    def clean_geometry(self):
        geometry = self.cleaned_data.get("geometry")
        if geometry in (None, ""):
            return None
        check = geo.check_district_geometry(geometry)
        if check.errors:
            raise ValidationError("; ".join(str(e) for e in check.errors))
        return check.geometry

    def clean(self):
        cleaned = super().clean()
        parent, municipality = cleaned.get("parent"), cleaned.get("municipality")
        if parent and municipality and parent.municipality_id != municipality.pk:
            self.add_error(
                "parent", _("The district above must be in the same municipality.")
            )
        return cleaned


@admin.register(District)
class DistrictAdmin(AuditedModelAdmin):
    form = DistrictAdminForm
    list_display = ["code", "name", "level_name", "level", "parent", "municipality"]
    list_filter = ["municipality", "level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent", "municipality"]

    def save_model(self, request, obj, form, change) -> None:
        geo.set_district_geometry(obj, obj.geometry)
        super().save_model(request, obj, form, change)


@admin.register(DistrictPopulation)
class DistrictPopulationAdmin(AuditedModelAdmin):
    list_display = ["district", "year", "age_band", "count"]
    list_filter = ["year", "age_band", "district__municipality"]
    search_fields = ["district__name", "district__code"]
    autocomplete_fields = ["district"]
    list_select_related = ["district", "age_band"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "sector", "legal_form", "city", "municipality"]
    list_filter = ["municipality", "sector", "legal_form"]
    search_fields = ["name", "city", "statewide_key"]
    list_select_related = ["sector", "municipality"]


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "municipality", "role", "organisations"]

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        organisations = cleaned.get("organisations") or []
        if municipality and any(
            o.municipality_id != municipality.pk for o in organisations
        ):
            self.add_error(
                "organisations",
                _("Organisations must belong to the same municipality."),
            )
        if organisations and cleaned.get("role") != Role.PROVIDER_EDITOR:
            self.add_error(
                "organisations",
                _("Only provider editors are bound to organisations."),
            )
        return cleaned


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    form = MembershipAdminForm
    list_display = ["user", "municipality", "role"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    filter_horizontal = ["organisations"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "municipality"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_state_admin"]
    list_filter = ["is_state_admin", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("is_active", "is_state_admin")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Tokens are created through the API's own flow; here they can be revoked."""

    list_display = [
        "name",
        "prefix",
        "user",
        "created_at",
        "last_used_at",
        "expires_at",
    ]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "expires_at", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedModelAdmin):
    """The audit trail: read-only for everyone."""

    list_display = [
        "at",
        "actor_name",
        "municipality",
        "action",
        "object_type",
        "object_repr",
    ]
    list_filter = ["action", "municipality", "object_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]
    date_hierarchy = "at"
    list_select_related = ["municipality"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
