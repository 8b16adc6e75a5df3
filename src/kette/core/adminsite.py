"""The Django admin site of kette: for the state coordination office only.

Access is decided by the rule ``core.access_admin`` alone: state admins, and
superusers (the installation's operators), whom kette.core.roles counts as
state admins; ``is_staff`` plays no part. Whoever has set up an authenticator
app, or whose role requires one (state admins by default, see
``services/otp.py``), must have used it in this session: there is no way into
the admin with a password alone. There is no separate admin login:
people log in through kette's own login (with its second factor and lockout).
Kept apart from ``admin.py`` because the app config is imported before models.
"""

from __future__ import annotations

from functools import update_wrapper

import rules
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device


def may_use_admin(user) -> bool:
    """The rule, asked directly rather than through Django's permission backends
    (which grant superusers everything): superusers pass because the rule counts
    them as state admins."""
    return bool(user and rules.has_perm("core.access_admin", user))


class KetteAdminSite(admin.AdminSite):
    site_header = _("kette administration")
    site_title = _("kette administration")
    index_title = _("State coordination office")
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not may_use_admin(user):
            return False
        # Someone with an authenticator app, or whose role requires one, must
        # have used it in this session.
        # Imported here: this module is an app config, loaded before the models.
        from .services.otp import totp_required  # noqa: PLC0415

        is_verified = getattr(user, "is_verified", None)
        if callable(is_verified) and is_verified():
            return True
        return not (totp_required(user=user) or user_has_device(user))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not self.has_permission(request) and request.user.is_authenticated:
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        if request.user.is_authenticated:
            raise PermissionDenied
        # Imported here: this module is an app config, loaded before the models.
        from django.contrib.auth.views import redirect_to_login  # noqa: PLC0415

        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index", current_app=self.name)
        )


class KetteAdminConfig(AdminConfig):
    default_site = "kette.core.adminsite.KetteAdminSite"
