"""The municipality's search synonyms under ``/<municipality>/intern/suchbegriffe/``.

Coordinators keep the everyday words parents type ("Kindergarten") and what
they should also find ("Kita, Kindertagesstätte"). Writes go through
services/synonyms.py, which audits them.
"""

from __future__ import annotations

import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.forms import add_service_errors
from kette.core.pagination import paginate
from kette.core.tenancy import municipality_view

from ..forms.staff import SynonymFilter, SynonymForm
from ..models import SearchSynonym
from ..search.synonyms import builtin_entries
from ..selectors import staff as selectors
from ..services import synonyms as services

PAGE_SIZE = 50


def _synonym(request: HttpRequest, synonym_id: int) -> SearchSynonym:
    try:
        return selectors.synonym_get(municipality=request.municipality, pk=synonym_id)
    except SearchSynonym.DoesNotExist as exc:
        raise Http404(_("No such search term here.")) from exc


def _to_list(request: HttpRequest) -> HttpResponse:
    return redirect("offers_staff:synonym_list", request.municipality.slug)


@municipality_view("offers.manage_synonyms")
@require_safe
def synonym_list(request: HttpRequest) -> HttpResponse:
    synonyms = SynonymFilter(
        request.GET or None,
        queryset=selectors.synonym_list(municipality=request.municipality),
    )
    context = {
        "filter_form": synonyms.form,
        "page": paginate(request, synonyms.qs, PAGE_SIZE),
        "builtin": _builtin_rows(request),
    }
    return render(request, "kette_offers/staff/synonym_list.html", context)


def _builtin_rows(request: HttpRequest) -> list[tuple]:
    """The built-in German list: word, alternatives, own entry, query to change it."""
    own = {
        synonym.term.casefold(): synonym
        for synonym in selectors.synonym_list(municipality=request.municipality)
    }
    return [
        (
            term,
            alternatives,
            own.get(term.casefold()),
            urlencode({"term": term, "alternatives": alternatives}),
        )
        for term, alternatives in builtin_entries()
    ]


@municipality_view("offers.manage_synonyms")
@require_http_methods(["GET", "POST"])
def synonym_create(request: HttpRequest) -> HttpResponse:
    # "Change" on a built-in word starts from that word (?term=…&alternatives=…).
    initial = {k: request.GET[k] for k in ("term", "alternatives") if k in request.GET}
    form = SynonymForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            synonym = services.synonym_create(
                actor=request.user,
                municipality=request.municipality,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(term)s” has been added.") % {"term": synonym.term}
            )
            return _to_list(request)
    return render(
        request, "kette_offers/staff/synonym_form.html", {"form": form, "synonym": None}
    )


@municipality_view("offers.manage_synonyms")
@require_http_methods(["GET", "POST"])
def synonym_update(request: HttpRequest, synonym_id: int) -> HttpResponse:
    synonym = _synonym(request, synonym_id)
    # The form validates its own copy; the service needs the unchanged one.
    form = SynonymForm(request.POST or None, instance=copy.copy(synonym))
    if request.method == "POST" and form.is_valid():
        try:
            services.synonym_update(
                actor=request.user, synonym=synonym, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(term)s” has been saved.") % {"term": synonym.term}
            )
            return _to_list(request)
    return render(
        request,
        "kette_offers/staff/synonym_form.html",
        {"form": form, "synonym": synonym},
    )


@municipality_view("offers.manage_synonyms")
@require_http_methods(["GET", "POST"])
def synonym_delete(request: HttpRequest, synonym_id: int) -> HttpResponse:
    synonym = _synonym(request, synonym_id)
    if request.method == "POST":
        term = synonym.term
        services.synonym_delete(actor=request.user, synonym=synonym)
        messages.success(request, _("“%(term)s” has been deleted.") % {"term": term})
        return _to_list(request)
    return render(
        request, "kette_offers/staff/synonym_confirm_delete.html", {"synonym": synonym}
    )
