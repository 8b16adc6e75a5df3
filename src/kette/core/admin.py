"""The Django admin for the state coordination office.

Every ModelAdmin asks the named rules (``is_staff`` plays no part; superusers,
the installation's operators, count as state admins in kette.core.roles) and
records every save and delete in the audit trail. Models with services
(districts, organisations, memberships, passwords, second factor, lockouts)
are written through those services; third-party models (groups, TOTP devices,
django-axes records) are not in the admin at all.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import rules
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .adminsite import may_use_admin
from .forms import AuditedAdminPasswordChangeForm, add_service_errors
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
    Sector,
    StationStandard,
    TargetGroup,
    User,
)
from .models.organisation import ORGANISATION_EDITABLE_FIELDS
from .services import accounts, districts, login, organisations, otp

ACCESS = "core.access_admin"

# Registered by their apps, but plain ModelAdmins would bypass the rules and the
# audit trail (and show TOTP secrets): their tasks are actions on users instead.
for _model in (Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


def cascade_counts(obj: models.Model) -> dict[str, int]:
    """How many rows of each model are deleted along with ``obj``."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])
    counts: Counter[str] = Counter()
    for model, instances in collector.data.items():
        counts[model._meta.label] += len(instances)
    for queryset in collector.fast_deletes:
        counts[queryset.model._meta.label] += queryset.count()
    counts[obj._meta.label] -= 1
    return {label: count for label, count in sorted(counts.items()) if count > 0}


class AuditedModelAdmin(admin.ModelAdmin):
    """Rules decide what the state admin may do; every write is audited.

    ``view_rule`` guards reading, ``edit_rule`` adding, changing and deleting.
    ``fixed_on_change`` are fields set when adding and read-only afterwards,
    such as the municipality: moving a record elsewhere would break its links.
    """

    view_rule = ACCESS
    edit_rule = ACCESS
    fixed_on_change: tuple[str, ...] = ()
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [f for f in self.fixed_on_change if f not in fields]
        return fields

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

    def delete_one(self, request, obj) -> None:
        """Delete ``obj``, recording how many rows went with it."""
        cascade = cascade_counts(obj)
        audit.record_deleted(
            actor=request.user,
            instance=obj,
            before=audit.snapshot(obj),
            extra={"cascade": cascade} if cascade else None,
        )
        obj.delete()

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            self.delete_one(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_one(request, obj)


class ServiceForm(forms.ModelForm):
    """An admin form that writes through a service once it is valid otherwise.

    ``write(original)`` calls the service (``original`` is the object as
    stored, None when adding) and returns the saved object. It runs at the end
    of validation so that the service's ValidationError is shown on the form's
    fields; the admin's change view is one transaction, so nothing stays
    written if anything fails later. ``actor`` is set by ServiceModelAdmin,
    the fields by the ModelAdmin's ``fields``.
    """

    actor: Any = None

    def write(self, original: Any) -> models.Model:
        raise NotImplementedError

    def _post_clean(self) -> None:
        super()._post_clean()
        if self._errors:
            return
        instance = self.instance
        original = (
            None
            if instance._state.adding
            else type(instance)._default_manager.get(pk=instance.pk)
        )
        try:
            self.instance = self.write(original)
        except ValidationError as error:
            add_service_errors(self, error)


class ServiceModelAdmin(AuditedModelAdmin):
    """Writes are the form's (``ServiceForm.write``); deletes ``delete_one``'s."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change) -> None:
        """Saved (and audited) by the service during validation."""

    def save_related(self, request, form, formsets, change) -> None:
        """Many-to-many fields are the service's too."""


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


class MembershipAdminForm(ServiceForm):
    def write(self, original: Membership | None) -> Membership:
        data = self.cleaned_data
        if original is None:
            return accounts.membership_grant(
                actor=self.actor,
                user=data["user"],
                municipality=data["municipality"],
                role=data["role"],
                organisations=data["organisations"],
            )
        return accounts.membership_update(
            actor=self.actor,
            membership=original,
            role=data["role"],
            organisations=data["organisations"],
        )


@admin.register(Membership)
class MembershipAdmin(ServiceModelAdmin):
    form = MembershipAdminForm
    fields = ["user", "municipality", "role", "organisations"]
    list_display = ["user", "municipality", "role"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    filter_horizontal = ["organisations"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "municipality"]
    # For another person or place: delete this membership and add a new one.
    fixed_on_change = ("user", "municipality")

    def delete_one(self, request, obj) -> None:
        accounts.membership_revoke(actor=request.user, membership=obj)


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_state_admin"]
    list_filter = ["is_state_admin", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("is_active", "is_state_admin", "second_factor")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined", "second_factor"]
    actions = ["reset_second_factor", "unlock_login"]

    @admin.display(description=_("two-factor login"), boolean=True)
    def second_factor(self, user: User) -> bool:
        return otp.totp_device_confirmed(user=user) is not None

    @admin.action(
        description=_("Turn off two-factor login (e.g. after a lost phone)"),
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset) -> None:
        count = sum(otp.totp_reset(actor=request.user, user=u) for u in queryset)
        self.message_user(
            request,
            ngettext(
                "Two-factor login turned off for %(count)d user.",
                "Two-factor login turned off for %(count)d users.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        description=_("Lift the lockout after failed logins"), permissions=["change"]
    )
    def unlock_login(self, request, queryset) -> None:
        count = sum(
            1 for u in queryset if login.login_unlock(actor=request.user, user=u)
        )
        self.message_user(
            request,
            ngettext(
                "Failed logins forgotten for %(count)d user.",
                "Failed logins forgotten for %(count)d users.",
                count,
            )
            % {"count": count},
        )

    def user_change_password(self, request, id, form_url=""):
        # Django builds the form as ``self.change_password_form(user, data)``;
        # a copy of this admin for this request hands it the acting admin.
        for_request = copy.copy(self)
        for_request.change_password_form = type(
            "PasswordForm",
            (AuditedAdminPasswordChangeForm,),
            {"password_actor": request.user},
        )
        return DjangoUserAdmin.user_change_password(for_request, request, id, form_url)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Tokens are made with ``kette create_api_token`` (shown once); here they
    can be renamed, given an expiry date or revoked."""

    list_display = [
        "name",
        "prefix",
        "user",
        "created_at",
        "last_used_at",
        "expires_at",
    ]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "expires_at", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "subtitle": _(
                "New tokens are made on the command line: "
                "kette create_api_token USERNAME --name PURPOSE"
            ),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


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
