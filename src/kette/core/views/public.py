"""Public pages: the list of municipalities and a municipality's start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from .. import selectors
from ..districts import district_tree
from ..svg import district_map
from ..tenancy import municipality_view


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    municipalities = list(selectors.municipality_list())
    if len(municipalities) == 1:
        return redirect("core:municipality", municipality=municipalities[0].slug)
    # Someone who just signed in lands here: their own staff areas come first.
    memberships = (
        selectors.membership_list_for_user(user=request.user)
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "kette_core/home.html",
        {"municipalities": municipalities, "memberships": memberships},
    )


@municipality_view()
@require_safe
def municipality_start(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    tree = district_tree(municipality=municipality, geometry=True)
    sectors = selectors.organisation_counts_by_sector(municipality=municipality)
    context = {
        "district_tree": tree.nested(),
        "district_count": len(tree),
        "district_map": district_map(list(tree.districts.values())),
        "sector_counts": sectors,
        "organisation_count": sum(row["count"] for row in sectors),
    }
    return render(request, "kette_core/municipality_start.html", context)
