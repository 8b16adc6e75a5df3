"""Adding a municipality: a page of the state coordination office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..forms import add_service_errors
from ..forms_setup import MunicipalityForm
from ..services.municipalities import municipality_create


@never_cache
@require_http_methods(["GET", "POST"])
def municipality_create_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("core.manage_municipalities"):
        raise PermissionDenied
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            municipality = municipality_create(
                actor=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s has been created. Next: import its districts and "
                    "invite its coordinators."
                )
                % {"name": municipality.name},
            )
            return redirect("core:staff_dashboard", municipality.slug)
    return render(
        request,
        "kette_core/municipality_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
