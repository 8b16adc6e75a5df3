"""What the public directory pages show, prepared for the templates.

The search itself is ``selectors.search_offers``; this module turns its page
of ids and facet counts into result cards, facet links, the list of active
filters and page links, all as plain GET links so everything works without
JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kette.core.districts import district_tree
from kette.core.models import Municipality
from kette.core.pagination import page_notice

from .ages import age_in_words, child_age_in_words
from .display import TimeRow, time_row
from .filters import FacetValue, SearchPage
from .forms.public import AGE_PARAMETERS, FILTER_LABELS, DirectorySearch
from .map import Place, municipality_map, place_map
from .models import Offer, OfferLocation, OfferSchedule, ScheduleKind
from .selectors.public import offers_by_ids, search_offers

FACET_ORDER = (
    "age_band",
    "field",
    "life_phase",
    "target_group",
    "district",
    "language",
    "free",
)
ALWAYS_OPEN = {"age_band", "field", "free"}
CARD_FIELDS = (
    "id",
    "municipality_id",
    "organisation__name",
    "title",
    "summary",
    "min_age_months",
    "max_age_months",
    "cost",
    "cost_text",
)


@dataclass
class FacetLink:
    label: str
    count: int
    selected: bool
    url: str
    depth: int = 0


@dataclass
class FacetGroup:
    name: str
    label: str
    links: list[FacetLink]
    open: bool


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_url: str


@dataclass
class PageLink:
    number: int
    url: str
    current: bool = False


@dataclass
class Card:
    number: int
    offer: Offer
    age: str
    districts: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    url: str = ""


def link(path: str, params: dict[str, str], **changes: str | None) -> str:
    """``path`` with the search ``params`` changed; a change to None removes it."""
    merged = dict(params)
    for name, value in changes.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return f"{path}?{urlencode(merged)}" if merged else path


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def result_cards(offers: Iterable[Offer], *, start: int) -> list[Card]:
    """Cards of offers loaded with ``selectors.offers_in_order`` (print list)."""
    return [
        Card(
            number=start + index,
            offer=offer,
            age=age_in_words(offer.min_age_months, offer.max_age_months),
            districts=_unique(
                loc.district.name for loc in offer.locations.all() if loc.district
            ),
            languages=[term.label for term in offer.languages.all()],
        )
        for index, offer in enumerate(offers)
    ]


def search_cards(
    *, municipality: Municipality, ids: Sequence, start: int, url_prefix: str
) -> list[Card]:
    """Cards of the offers of ``ids``, in that order, numbered from ``start``.

    Three queries whatever the number of offers; languages and places are
    read as plain values, which keeps the busiest page of the site light.
    """
    offers = offers_by_ids(
        municipality=municipality,
        ids=ids,
        offers=Offer.objects.select_related("organisation").only(
            *CARD_FIELDS, "status"
        ),
    )
    english = (get_language() or "de").startswith("en")
    languages = defaultdict(list)
    for offer_id, german, english_label in (
        Offer.languages.through.objects.filter(offer_id__in=list(offers))
        .order_by("language__position", "language__code")
        .values_list("offer_id", "language__label_de", "language__label_en")
    ):
        languages[offer_id].append(english_label if english else german)
    places = defaultdict(list)
    districts = defaultdict(list)
    for offer_id, name, latitude, longitude, district in (
        OfferLocation.objects.filter(offer_id__in=list(offers))
        .order_by("position", "name")
        .values_list("offer_id", "name", "latitude", "longitude", "district__name")
    ):
        offer = offers[offer_id]
        if district:
            districts[offer_id].append(district)
        if latitude is not None and longitude is not None:
            title = f"{offer.title} – {name}" if name else offer.title
            places[offer_id].append(Place("", title, latitude, longitude))
    cards = []
    for pk in ids:
        if pk not in offers:
            continue
        offer = offers[pk]
        number = start + len(cards)
        cards.append(
            Card(
                number=number,
                offer=offer,
                age=age_in_words(offer.min_age_months, offer.max_age_months),
                districts=_unique(districts[pk]),
                languages=languages[pk],
                places=[replace(p, label=str(number)) for p in places[pk]],
                url=f"{url_prefix}{pk}/",
            )
        )
    return cards


def _facet_label(name: str, value: FacetValue) -> str:
    if name == "free":
        return _("Free of charge only")
    return str(value.label)


def _district_order(
    municipality: Municipality, values: list[FacetValue]
) -> list[tuple[FacetValue, int]]:
    """District values in tree order (each district followed by those within
    it), indented below the listed districts they lie within."""
    by_code = {value.value: value for value in values}
    tree = district_tree(municipality=municipality, fields=())
    ordered = [
        (by_code[d.code], sum(a.code in by_code for a in tree.ancestors(d)))
        for d in tree
        if d.code in by_code
    ]
    listed = {value.value for value, _depth in ordered}
    return ordered + [(value, 0) for value in values if value.value not in listed]


def facet_groups(
    *,
    municipality: Municipality,
    result: SearchPage,
    search: DirectorySearch,
    path: str,
) -> list[FacetGroup]:
    """Each facet's values as links that set (or, when selected, remove) it."""
    params = search.params()
    groups = []
    for name in FACET_ORDER:
        values = result.facets.get(name) or []
        if name == "district":
            pairs = _district_order(municipality, values)
        else:
            pairs = [(value, 0) for value in values]
        links = [
            FacetLink(
                label=_facet_label(name, value),
                count=value.count,
                selected=value.selected,
                url=link(
                    path,
                    params,
                    page=None,
                    **{name: None if value.selected else value.value},
                ),
                depth=depth,
            )
            for value, depth in pairs
        ]
        if not links:
            continue
        selected = any(item.selected for item in links)
        groups.append(
            FacetGroup(
                name=name,
                label=str(FILTER_LABELS[name]),
                links=links,
                open=selected or name in ALWAYS_OPEN,
            )
        )
    return groups


def _selected_label(result: SearchPage, name: str, code: str) -> str:
    for value in result.facets.get(name) or []:
        if value.value == code:
            return str(value.label)
    return code


def active_filters(
    *, result: SearchPage, search: DirectorySearch, path: str
) -> list[ActiveFilter]:
    """The filters in use, each with a link that removes it."""
    query, params = search.query, search.params()
    found = []
    if query.text:
        found.append(
            ActiveFilter(_("Search"), f"„{query.text}“", link(path, params, q=None))
        )
    if query.age_months is not None:
        removal = dict.fromkeys(AGE_PARAMETERS)
        found.append(
            ActiveFilter(
                _("Age of the child"),
                child_age_in_words(query.age_months),
                link(path, params, **removal),
            )
        )
    for name in FACET_ORDER:
        if name == "free":
            continue
        code = getattr(query, name)
        if code:
            found.append(
                ActiveFilter(
                    str(FILTER_LABELS[name]),
                    _selected_label(result, name, code),
                    link(path, params, **{name: None}),
                )
            )
    if query.free is not None:
        found.append(
            ActiveFilter(
                str(FILTER_LABELS["free"]),
                _("free of charge") if query.free else _("with a fee"),
                link(path, params, free=None),
            )
        )
    return found


def page_links(
    *, path: str, params: dict[str, str], page: int, pages: int
) -> list[PageLink | None]:
    """Links to the first, last and nearby pages; None marks a gap."""
    numbers = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    links: list[PageLink | None] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append(
            PageLink(
                number,
                link(path, params, page=str(number) if number > 1 else None),
                number == page,
            )
        )
        previous = number
    return links


def count_text(count: int) -> str:
    return ngettext("%(n)d offer", "%(n)d offers", count) % {"n": count}


def directory_context(
    *,
    municipality: Municipality,
    search: DirectorySearch,
    path: str,
    print_path: str,
) -> dict[str, Any]:
    """What the directory shows for one search, the same for every visitor:
    the page of results (the last one, with a notice, when the page asked for
    lies past it), cards, map, facets, active filters, sort and page links.
    ``path`` is the search page's, ``print_path`` the print list's;
    ``canonical_path`` is this search's own link."""
    result = search_offers(municipality=municipality, query=search.query)
    if result.page > result.pages:
        asked = search.asked_page or str(result.page)
        if notice := page_notice(asked, result.pages, result.pages):
            search.notes.append(notice)
        search.query = search.with_page(result.pages)
        result = search_offers(municipality=municipality, query=search.query)
    params = search.params()
    start = (result.page - 1) * result.page_size + 1
    cards = search_cards(
        municipality=municipality, ids=result.offer_ids, start=start, url_prefix=path
    )
    return {
        "search": search,
        "form": search.form(),
        "result": result,
        "count_text": count_text(result.count),
        "cards": cards,
        "first_number": start,
        "facets": facet_groups(
            municipality=municipality, result=result, search=search, path=path
        ),
        "active_filters": active_filters(result=result, search=search, path=path),
        "reset_url": path,
        "sort_links": [
            (
                value,
                label,
                link(path, params, sort=None if value == "relevance" else value),
            )
            for value, label in (("relevance", _("relevance")), ("name", _("name")))
        ],
        "pages": page_links(
            path=path, params=params, page=result.page, pages=result.pages
        ),
        "previous_url": (
            link(path, params, page=str(result.page - 1) if result.page > 2 else None)
            if result.page > 1
            else ""
        ),
        "next_url": (
            link(path, params, page=str(result.page + 1))
            if result.page < result.pages
            else ""
        ),
        "print_url": link(print_path, params),
        "hidden_params": {
            name: value
            for name, value in params.items()
            if name not in ("q", "age_months")
        },
        "results_map": place_map(
            municipality_map(municipality),
            [place for card in cards for place in card.places],
        ),
        "canonical_path": link(path, params),
    }


# --- Times on the offer page -------------------------------------------------


def _place_name(schedule: OfferSchedule, locations: list[OfferLocation]) -> str:
    for location in locations:
        if location.pk == schedule.location_id:
            return location.name or location.address
    return ""


def offer_times(
    offer: Offer, *, today: dt.date
) -> tuple[list[TimeRow], list[TimeRow], int]:
    """Weekly times, upcoming dated sessions, and how many sessions are past."""
    locations = list(offer.locations.all())
    weekly, dated, past = [], [], 0
    for schedule in offer.schedules.all():
        if schedule.kind == ScheduleKind.DATED:
            if schedule.date is None:
                continue
            if schedule.date < today:
                past += 1
                continue
            target, key = dated, (schedule.date, schedule.opens_at or dt.time())
        else:
            if schedule.valid_until and schedule.valid_until < today:
                continue
            target = weekly
            key = (dt.date.min, schedule.weekday or 0, schedule.opens_at or dt.time())
        place = _place_name(schedule, locations)
        target.append((key, time_row(schedule, place=place)))
    weekly.sort(key=lambda pair: pair[0][1:])
    dated.sort(key=lambda pair: pair[0])
    return [row for _k, row in weekly], [row for _k, row in dated], past
