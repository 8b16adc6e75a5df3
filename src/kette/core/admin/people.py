"""Users, memberships, API tokens and the (read-only) audit trail."""

from __future__ import annotations

import copy

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..forms import AuditedAdminPasswordChangeForm
from ..models import (
    ApiToken,
    AuditEntry,
    Membership,
    User,
)
from ..services import accounts, login, otp
from .base import (
    AuditedModelAdmin,
    ServiceForm,
    ServiceModelAdmin,
)


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
    """Tokens are made by their person on the account page or with ``kette
    create_api_token`` (shown once); here they can be renamed, given an expiry
    date or revoked. The scope is fixed: for another, make a new token."""

    list_display = [
        "name",
        "prefix",
        "user",
        "scope",
        "created_at",
        "last_used_at",
        "expires_at",
    ]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["user", "prefix", "scope", "created_at", "last_used_at"]
    fields = [
        "user",
        "name",
        "prefix",
        "scope",
        "expires_at",
        "created_at",
        "last_used_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "subtitle": _(
                "New tokens are made by their person on the account page, or on "
                "the command line: kette create_api_token USERNAME --name PURPOSE "
                "[--scope read|full]"
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
