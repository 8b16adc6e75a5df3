"""Login (with a second step), logout, password reset and the account page.

The two-step login lives in ``services/login.py``. Whose role requires the
second factor (``services/otp.py``) and who has no app yet sets one up after
the password, before being logged in (``login_enrol``). Wrong passwords and wrong
codes both count as failed logins for django-axes, which locks the account out.
Pages showing secrets or login state are never cached.
"""

from __future__ import annotations

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .. import selectors
from ..forms import AuditedPasswordChangeForm, AuditedSetPasswordForm, TokenForm
from ..services import login as login_service
from ..services import otp


class LoginView(auth_views.LoginView):
    template_name = "kette_core/accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if otp.totp_device_confirmed(user=user) is not None:
            step = "core:login_code"
        elif otp.totp_required(user=user):
            step = "core:login_enrol"
        else:
            return super().form_valid(form)
        login_service.login_pending_start(
            self.request, user, next_url=self.get_success_url()
        )
        return redirect(step)


@sensitive_post_parameters("otp_token")
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second login step: the code from the user's authenticator app."""
    user = login_service.login_pending_user(request)
    if user is None:
        messages.info(request, _("Please log in again."))
        return redirect("core:login")
    if otp.totp_device_confirmed(user=user) is None:
        return redirect("core:login_enrol")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = otp.totp_verify(user=user, token=form.cleaned_data["otp_token"])
        if device is not None:
            return redirect(login_service.login_pending_finish(request, user, device))
        form.add_error(
            "otp_token",
            _("This code is not valid. Check that the time on your phone is right."),
        )
        # Counted like a wrong password: axes locks the account after too many.
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
    return render(request, "kette_core/accounts/login_code.html", {"form": form})


@sensitive_post_parameters("otp_token")
@never_cache
@require_http_methods(["GET", "POST"])
def login_enrol(request: HttpRequest) -> HttpResponse:
    """The second login step for whose role requires an app and who has none:
    set one up (secret and QR code, confirmed with a code), then be logged in."""
    user = login_service.login_pending_user(request)
    if user is None:
        messages.info(request, _("Please log in again."))
        return redirect("core:login")
    if otp.totp_device_confirmed(user=user) is not None:
        return redirect("core:login_code")
    form = TokenForm(request.POST or None)
    device = _enable_from_form(request, user, form)
    if device is not None:
        return redirect(login_service.login_pending_finish(request, user, device))
    return _render_setup(request, user, form, enrolment=True)


def _enable_from_form(request: HttpRequest, user, form: TokenForm):
    """The confirmed device if the form holds a current code of the new app."""
    if request.method != "POST" or not form.is_valid():
        return None
    key = otp.totp_setup_key(request.session)
    device = otp.totp_enable(user=user, key=key, token=form.cleaned_data["otp_token"])
    if device is None:
        form.add_error(
            "otp_token",
            _("This code does not match. Check that the time on your phone is right."),
        )
        return None
    request.session.pop(otp.SETUP_KEY, None)
    messages.success(
        request,
        _("Two-factor login is on. From now on you need your app to log in."),
    )
    return device


def _render_setup(
    request: HttpRequest, user, form: TokenForm, *, enrolment: bool
) -> HttpResponse:
    device = otp.totp_setup_device(user=user, key=otp.totp_setup_key(request.session))
    context = {
        "form": form,
        "otpauth_uri": device.config_url,
        "secret": otp.totp_secret_base32(device),
        # Generated by the qrcode package from our own URI, not from user input.
        "qr_svg": mark_safe(otp.totp_qr_svg(device)),  # noqa: S308
        # During login (not yet logged in) or required by the role: no way around.
        "enrolment": enrolment,
        "required": enrolment or otp.totp_required(user=user),
    }
    return render(request, "kette_core/accounts/totp_setup.html", context)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have been logged out."))
        return response


password_reset = auth_views.PasswordResetView.as_view(
    template_name="kette_core/accounts/password_reset_form.html",
    email_template_name="kette_core/accounts/password_reset_email.txt",
    subject_template_name="kette_core/accounts/password_reset_subject.txt",
    success_url=reverse_lazy("core:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="kette_core/accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="kette_core/accounts/password_reset_confirm.html",
    form_class=AuditedSetPasswordForm,
    success_url=reverse_lazy("core:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="kette_core/accounts/password_reset_complete.html"
)
password_change = never_cache(
    auth_views.PasswordChangeView.as_view(
        form_class=AuditedPasswordChangeForm,
        template_name="kette_core/accounts/password_change_form.html",
        success_url=reverse_lazy("core:password_change_done"),
    )
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="kette_core/accounts/password_change_done.html"
)


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": selectors.membership_list_for_user(user=request.user),
        "totp_device": otp.totp_device_confirmed(user=request.user),
        "totp_required": otp.totp_required(user=request.user),
        "api_tokens": selectors.api_token_list_for_user(user=request.user),
    }
    return render(request, "kette_core/accounts/account.html", context)


@sensitive_post_parameters("otp_token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Show the secret and QR code of a new app; a code from it switches it on.

    Until then the secret is kept in the session only: nothing is stored. Whose
    role requires the app is sent here by ``TwoFactorEnrolmentMiddleware`` and
    goes on to ``next`` afterwards.
    """
    if otp.totp_device_confirmed(user=request.user) is not None:
        messages.info(request, _("Two-factor login is already on."))
        return redirect("core:account")
    form = TokenForm(request.POST or None)
    device = _enable_from_form(request, request.user, form)
    if device is not None:
        django_otp.login(request, device)
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            target = reverse("core:account")
        return redirect(target)
    return _render_setup(request, request.user, form, enrolment=False)


@sensitive_post_parameters("otp_token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def totp_disable(request: HttpRequest) -> HttpResponse:
    if otp.totp_device_confirmed(user=request.user) is None:
        messages.info(request, _("Two-factor login is not on."))
        return redirect("core:account")
    if otp.totp_required(user=request.user):
        messages.info(
            request,
            _(
                "Your role requires two-factor login: it cannot be turned off. If "
                "you lose your phone, the state coordination office resets it."
            ),
        )
        return redirect("core:account")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.totp_disable(user=request.user, token=form.cleaned_data["otp_token"]):
            messages.success(request, _("Two-factor login is off."))
            return redirect("core:account")
        form.add_error(
            "otp_token",
            _("This code is not valid. Check that the time on your phone is right."),
        )
    return render(request, "kette_core/accounts/totp_disable.html", {"form": form})
