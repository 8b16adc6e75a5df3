"""Staff pages of the people in networks: list, detail, edit, and their data
rights: the export (GDPR Art. 15) and erasure (Art. 17).

People are personal data: only coordinators and state admins
(``networks.manage_registry``) see these pages, export and erase.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import KetteError
from kette.core.forms import add_service_errors
from kette.core.pagination import paginate
from kette.core.tenancy import municipality_view

from ..forms.registry import PersonFilter, PersonForm
from ..models import Person
from ..selectors import registry as selectors
from ..services import registry as services

MANAGE = "networks.manage_registry"
PAGE_SIZE = 50


def _person(request: HttpRequest, person_id: int) -> Person:
    try:
        return selectors.person_get(municipality=request.municipality, pk=person_id)
    except Person.DoesNotExist as exc:
        raise Http404(_("No such person here.")) from exc


def _person_url(person: Person) -> str:
    return reverse("networks:person_detail", args=[person.municipality.slug, person.pk])


@municipality_view(MANAGE)
@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    people = PersonFilter(
        request.GET or None,
        queryset=selectors.person_list(municipality=request.municipality),
    )
    context = {
        "filter_form": people.form,
        "page": paginate(request, people.qs, PAGE_SIZE),
    }
    return render(request, "kette_networks/person_list.html", context)


@municipality_view(MANAGE)
@require_safe
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    context = {
        "person": person,
        "memberships": selectors.person_memberships(person=person),
    }
    return render(request, "kette_networks/person_detail.html", context)


def _person_form(request: HttpRequest, person: Person | None) -> HttpResponse:
    municipality = request.municipality
    form = PersonForm(
        request.POST or None,
        instance=(
            Person(municipality=municipality)
            if person is None
            else _person(request, person.pk)
        ),
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                person = services.person_create(
                    actor=request.user,
                    municipality=municipality,
                    **form.service_fields(),
                )
            else:
                services.person_update(
                    actor=request.user, person=person, **form.service_fields()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        except KetteError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": person})
            return redirect(_person_url(person))
    context = {"form": form, "person": person}
    return render(request, "kette_networks/person_form.html", context)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    return _person_form(request, None)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_form(request, _person(request, person_id))


@municipality_view(MANAGE)
@require_safe
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    """GDPR Art. 15: everything kette holds about the person, as JSON."""
    person = _person(request, person_id)
    data = selectors.person_data(person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    """GDPR Art. 17: a confirmation page, then the person's data is blanked."""
    person = _person(request, person_id)
    if request.method == "POST":
        services.person_erase(actor=request.user, person=person)
        # No name in the message: it is what was just erased.
        messages.success(
            request,
            _(
                "The personal data has been erased; memberships and minutes now "
                "name the person “former member”."
            ),
        )
        return redirect("networks:person_list", request.municipality.slug)
    context = {
        "person": person,
        "memberships": selectors.person_memberships(person=person),
    }
    return render(request, "kette_networks/person_confirm_erase.html", context)
