"""The monitoring pages: overview, indicator, district profile, comparison, index.

Every page exists twice: public under ``/<municipality>/monitoring/`` (only
published indicators and indices, suppressed figures) and in the staff area
under ``/<municipality>/intern/monitoring/`` for those who may see the
data (everything, unsuppressed). ``?csv=<table>`` downloads a table.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kette.core.tenancy import municipality_view

from .. import selectors
from ..pages.blocks import Block, csv_response, with_csv_links
from ..pages.index import index_page
from ..pages.indicator import indicator_page
from ..pages.overview import (
    district_link,
    district_links,
    index_summaries,
    indicator_groups,
)
from ..pages.profile import comparison, district_profile
from ..pages.scope import Scope

STAFF_PERMISSION = "monitoring.view_data"
PageView = Callable[..., HttpResponse]


def both(view: PageView) -> tuple[PageView, PageView]:
    """The public and the staff version of a page."""

    @municipality_view()
    @require_safe
    def public(request: HttpRequest, **kwargs) -> HttpResponse:
        return view(request, Scope.of(request, staff=False), **kwargs)

    @municipality_view(STAFF_PERMISSION)
    @require_safe
    def staff(request: HttpRequest, **kwargs) -> HttpResponse:
        return view(request, Scope.of(request, staff=True), **kwargs)

    public.__name__ = view.__name__
    staff.__name__ = "staff_" + view.__name__
    return public, staff


def _show(
    request: HttpRequest,
    scope: Scope,
    template: str,
    blocks: list[Block],
    name: str,
    context: dict,
) -> HttpResponse:
    wanted = request.GET.get("csv")
    if wanted:
        block = next((b for b in blocks if b.key == wanted), None)
        if block is None:
            raise Http404("no such table")
        return csv_response(block, name)
    return render(
        request,
        template,
        {
            "scope": scope,
            "blocks": with_csv_links(request, blocks),
            "overview_url": scope.url("overview"),
            "compare_url": scope.url("compare"),
            "level_choices": scope.level_choices(),
            **context,
        },
    )


def overview(request: HttpRequest, scope: Scope) -> HttpResponse:
    return _show(
        request,
        scope,
        "kette_monitoring/overview.html",
        [],
        "monitoring",
        {
            "groups": indicator_groups(scope),
            "indices": index_summaries(scope),
            "districts": district_links(scope),
            "threshold": selectors.threshold_of(scope.municipality),
        },
    )


def indicator(request: HttpRequest, scope: Scope, indicator_key: str) -> HttpResponse:
    found = selectors.indicator_get(
        municipality=scope.municipality, key=indicator_key, public=scope.public
    )
    page = indicator_page(
        scope,
        found,
        period=request.GET.get("period"),
        level=request.GET.get("level"),
        chosen_codes=request.GET.getlist("district"),
    )
    return _show(
        request,
        scope,
        "kette_monitoring/indicator.html",
        page.blocks,
        found.key,
        {
            "page": page,
            "districts": district_links(scope),
            "chosen_codes": [d.code for d in page.chosen],
        },
    )


def district(request: HttpRequest, scope: Scope, district_code: str) -> HttpResponse:
    found = scope.district_by_code(district_code)
    if found is None:
        raise Http404("no such district")
    page = district_profile(scope, found, request.GET.get("year"))
    tree = scope.hierarchy.tree
    parent, children = tree.parent(found), tree.children(found)

    return _show(
        request,
        scope,
        "kette_monitoring/district.html",
        page.blocks,
        found.code,
        {
            "page": page,
            "district": found,
            "parent": district_link(scope, parent) if parent else None,
            "children": [district_link(scope, child) for child in children],
            "entries": [
                (
                    entry,
                    scope.url(
                        "indicator",
                        {"district": found.code, "level": found.level},
                        indicator_key=entry.indicator.key,
                    ),
                )
                for entry in page.entries
            ],
        },
    )


def compare(request: HttpRequest, scope: Scope) -> HttpResponse:
    codes = list(dict.fromkeys(request.GET.getlist("districts")))
    chosen = [d for code in codes if (d := scope.district_by_code(code))]
    page = comparison(scope, chosen, request.GET.get("year"))
    return _show(
        request,
        scope,
        "kette_monitoring/compare.html",
        page.blocks,
        "vergleich",
        {
            "page": page,
            "districts": district_links(scope),
            "chosen_codes": [d.code for d in page.districts],
            "unknown": [code for code in codes if scope.district_by_code(code) is None],
            "too_few": len(chosen) < 2,
        },
    )


def index(request: HttpRequest, scope: Scope, index_key: str) -> HttpResponse:
    definition = selectors.index_get(
        municipality=scope.municipality, key=index_key, public=scope.public
    )
    page = index_page(
        scope,
        definition,
        period=request.GET.get("period"),
        level=request.GET.get("level"),
    )
    return _show(
        request,
        scope,
        "kette_monitoring/index.html",
        page.blocks,
        definition.key,
        {"page": page},
    )


overview_public, overview_staff = both(overview)
indicator_public, indicator_staff = both(indicator)
district_public, district_staff = both(district)
compare_public, compare_staff = both(compare)
index_public, index_staff = both(index)
