"""Middleware for what every answer must respect: the required second factor,
caching of personal pages and the browser features kette never uses.

The Content-Security-Policy itself comes from django-csp (``CONTENT_SECURITY_
POLICY`` in settings); these two add what it does not cover.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .services import login as login_service
from .services import otp

# The staff area of a municipality, the account pages and the Django admin.
PERSONAL_PATHS = re.compile(
    r"^/(?:[^/]+/intern/|konto/|anmelden/|abmelden/|passwort-|admin/)"
)

# No page of kette uses these (the offer map is drawn on the server and needs
# no location: people type a place or pick a district).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class TwoFactorEnrolmentMiddleware:
    """Sends a signed-in user whose role requires two-factor login, but who has
    no authenticator app (the role was granted, or a state admin reset the app),
    to set one up before anything else; and one who has an app but whose
    session never gave a code (it began with the password alone, before the
    role or the app) back to the login's code step.

    Logging in already asks for the app before the session starts
    (``LoginView``); this catches sessions that began before. Place it after
    django-otp's ``OTPMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    @cached_property
    def setup_path(self) -> str:
        return reverse("core:totp_setup")

    @cached_property
    def open_paths(self) -> tuple[str, ...]:
        """Where such a user may still go: setting up, logging out, the language."""
        names = ("core:totp_setup", "core:logout", "core:login", "set_language")
        return (*(reverse(name) for name in names), settings.STATIC_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            # A session verified with an app has one: no query needed.
            and not (
                callable(getattr(user, "is_verified", None)) and user.is_verified()
            )
            and not request.path_info.startswith(self.open_paths)
            and otp.totp_required(user=user)
        ):
            if otp.totp_device_confirmed(user=user) is None:
                return self.enrol(request)
            # The session never gave a code (it began with the password alone,
            # before the role or the app): log in again with the code.
            return self.ask_for_code(request, user)
        return self.get_response(request)

    def ask_for_code(self, request: HttpRequest, user) -> HttpResponse:
        message = _(
            "Your role requires two-factor login. Please log in again with the "
            "code from your authenticator app."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"message": message, "errors": {}}, status=403)
        backend = request.session.get(BACKEND_SESSION_KEY, "")
        logout(request)
        user.backend = backend
        login_service.login_pending_start(
            request, user, next_url=request.get_full_path()
        )
        return redirect("core:login_code")

    def enrol(self, request: HttpRequest) -> HttpResponse:
        message = _(
            "Your role requires two-factor login. Please set up an authenticator "
            "app first."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"message": message, "errors": {}}, status=403)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{self.setup_path}?{query}")


class CacheAndPermissionsMiddleware:
    """``Cache-Control: private, no-store`` on everything personal, and a
    Permissions-Policy switching off the browser features kette never uses.

    Personal: the staff area, account and admin pages (also their redirects to
    the login), and every answer to a signed-in person or an API token. Public
    pages seen anonymously keep whatever caching they set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_personal(request):
            # private, no-store, no-cache, must-revalidate, max-age=0
            add_never_cache_headers(response)
        return response


def is_personal(request: HttpRequest) -> bool:
    """Whether the answer to ``request`` may hold a person's data or session."""
    if PERSONAL_PATHS.match(request.path_info):
        return True
    # DRF puts the user of a token on the request as well.
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return "HTTP_AUTHORIZATION" in request.META
