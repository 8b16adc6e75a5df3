"""Municipalities, districts and their populations, organisations."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import (
    District,
    DistrictPopulation,
    Municipality,
    Organisation,
)
from ..models.organisation import ORGANISATION_EDITABLE_FIELDS
from ..services import districts, organisations
from .base import AuditedModelAdmin, ServiceForm, ServiceModelAdmin


@admin.register(Municipality)
class MunicipalityAdmin(AuditedModelAdmin):
    edit_rule = "core.manage_municipalities"
    list_display = ["name", "slug", "ags", "kind", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "slug", "ags"]
    prepopulated_fields = {"slug": ["name"]}


class DistrictAdminForm(ServiceForm):
    def write(self, original: District | None) -> District:
        data = self.cleaned_data
        values = {
            "code": data["code"],
            "name": data["name"],
            "parent": data["parent"],
            "level_name": data["level_name"],
        }
        if original is None:
            return districts.district_create(
                actor=self.actor,
                municipality=data["municipality"],
                geometry=data["geometry"],
                **values,
            )
        return districts.district_update(
            actor=self.actor,
            district=original,
            geometry=data["geometry"]
            if "geometry" in self.changed_data
            else districts.KEEP,
            **values,
        )


@admin.register(District)
class DistrictAdmin(ServiceModelAdmin):
    form = DistrictAdminForm
    list_display = ["code", "name", "level_name", "level", "parent", "municipality"]
    list_filter = ["municipality", "level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent", "municipality"]
    fields = [
        "municipality",
        "parent",
        "code",
        "name",
        "level",
        "level_name",
        "geometry",
        "bounding_box",
    ]
    readonly_fields = ["level", "bounding_box"]
    fixed_on_change = ("municipality",)

    @admin.display(description=_("bounding box (WGS 84)"))
    def bounding_box(self, district: District) -> str:
        if district.min_lon is None:
            return "–"
        return (
            f"{district.min_lon:.5f}, {district.min_lat:.5f} – "
            f"{district.max_lon:.5f}, {district.max_lat:.5f}"
        )

    def get_fields(self, request, obj=None):
        # Level and bounding box follow from parent and geometry once saved.
        fields = super().get_fields(request, obj)
        return fields if obj else [f for f in fields if f not in self.readonly_fields]


@admin.register(DistrictPopulation)
class DistrictPopulationAdmin(AuditedModelAdmin):
    list_display = ["district", "year", "age_band", "count"]
    list_filter = ["year", "age_band", "district__municipality"]
    search_fields = ["district__name", "district__code"]
    autocomplete_fields = ["district"]
    list_select_related = ["district", "age_band"]
    fixed_on_change = ("district",)


class OrganisationAdminForm(ServiceForm):
    def write(self, original: Organisation | None) -> Organisation:
        values = {
            name: self.cleaned_data[name] for name in ORGANISATION_EDITABLE_FIELDS
        }
        if original is None:
            return organisations.organisation_create(
                actor=self.actor,
                municipality=self.cleaned_data["municipality"],
                **values,
            )
        return organisations.organisation_update(
            actor=self.actor, organisation=original, **values
        )


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    form = OrganisationAdminForm
    fields = ["municipality", *ORGANISATION_EDITABLE_FIELDS]
    list_display = ["name", "sector", "legal_form", "city", "municipality"]
    list_filter = ["municipality", "sector", "legal_form"]
    search_fields = ["name", "city", "statewide_key"]
    list_select_related = ["sector", "municipality"]
    fixed_on_change = ("municipality",)

    def delete_one(self, request, obj) -> None:
        organisations.organisation_delete(actor=request.user, organisation=obj)
