"""One search of the directory: text, filters, order, page and facet counts,
and the offers of a page as plain values.

Filters and facets work on the in-memory table (``table.py``): each filter is
a boolean mask, and each facet counts with every filter but its own.
``page_offers`` reads what a result shows in two queries (offers with their
places, and their languages and fields) as plain values, not model instances.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

import numpy as np
from django.db import connection
from django.db.models import Model
from django.utils.translation import get_language

from kette.core.models import District, Municipality, Organisation

from ..filters import FacetValue, OfferQuery, SearchPage
from ..models import Offer, OfferLocation, OfferStatus
from .engine import match_text, plan_query
from .loading import offer_table
from .table import OfferTable, count_bits, unpack_bits
from .terms import Term, active_terms, search_districts, search_terms

VOCABULARY_FACETS = ("life_phase", "field", "language", "target_group")


class _Districts:
    """The municipality's districts and, per district, the codes below it."""

    def __init__(self, municipality: Municipality) -> None:
        held = search_districts(municipality)
        self.rows = held.rows
        self.below: dict[str, list[str]] = held.below

    def counts(self, table: OfferTable, rows: np.ndarray) -> np.ndarray:
        """Per district: how many of ``rows`` have a place in or below it."""

        def build() -> np.ndarray:
            packed = np.zeros(
                (len(self.rows), table.packed_keys.shape[1]), dtype=np.uint64
            )
            for at, (code, _name, _parent) in enumerate(self.rows):
                packed[at] = self._packed(table, code)
            return packed

        signature = tuple((code, parent) for code, _name, parent in self.rows)
        return count_bits(table.derived(("districts", signature), build), rows)

    def _packed(self, table: OfferTable, code: str) -> np.ndarray:
        """The rows with a place in or below the district (see pack_bits)."""
        packed = np.zeros(table.packed_keys.shape[1], dtype=np.uint64)
        for below in self.below.get(code, [code]):
            packed = packed | table.packed_column(f"district:{below}")
        return packed

    def mask(self, table: OfferTable, code: str) -> np.ndarray:
        return unpack_bits(self._packed(table, code), table.size)[0]


def _band(table: OfferTable, band: Term) -> np.ndarray:
    """The rows whose ages overlap the age band's (kept with the table)."""
    low, high = band.min_months, band.max_months
    return table.derived(("age_band", low, high), lambda: table.age_overlap(low, high))


def _filters(
    table: OfferTable, query: OfferQuery, bands: dict, districts: _Districts
) -> dict[str, np.ndarray]:
    masks: dict[str, np.ndarray] = {}
    if query.age_months is not None:
        masks["age_months"] = table.age_overlap(query.age_months, query.age_months + 1)
    if query.age_band:
        band = bands.get(query.age_band)
        masks["age_band"] = (
            _band(table, band) if band else np.zeros(table.size, dtype=bool)
        )
    for facet in VOCABULARY_FACETS:
        code = getattr(query, facet)
        if code:
            masks[facet] = table.column(f"{facet}:{code}").copy()
    if query.district:
        masks["district"] = districts.mask(table, query.district)
    if query.free is not None:
        free = table.column("free")
        masks["free"] = free.copy() if query.free else ~free
    return masks


def _combine(base: np.ndarray, masks: dict[str, np.ndarray], skip: str = ""):
    result = base.copy()
    for name, mask in masks.items():
        if name != skip:
            result &= mask
    return result


def _facets(
    table: OfferTable,
    query: OfferQuery,
    base: np.ndarray,
    masks: dict[str, np.ndarray],
    bands: dict,
    districts: _Districts,
) -> dict[str, list[FacetValue]]:
    """Each facet's values counted with every filter but its own.

    The vocabulary facets and "free" are counted by key: once over the rows
    of every filter for the facets not filtered by, and once per filtered
    facet over its own rows, each time for the keys of those facets alone.
    """
    rows_of: dict[str, np.ndarray] = {}

    def within(facet: str) -> np.ndarray:
        """Rows the facet counts over: every filter applied but its own."""
        skip = facet if facet in masks else ""
        if skip not in rows_of:
            rows_of[skip] = _combine(base, masks, skip)
        return rows_of[skip]

    english = (get_language() or "de").startswith("en")
    shown = {facet: active_terms(facet) for facet in VOCABULARY_FACETS}
    wanted: dict[str, list[str]] = {}
    for facet, terms in shown.items():
        keys = [f"{facet}:{term.code}" for term in terms]
        wanted.setdefault(facet if facet in masks else "", []).extend(keys)
    wanted.setdefault("free" if "free" in masks else "", []).append("free")
    counts: dict[str, int] = {}
    for skip, keys in wanted.items():
        held = [key for key in keys if key in table.key_index]
        if held:
            packed = table.packed_keys[[table.key_index[key] for key in held]]
            rows = within(skip)
            counts.update(zip(held, count_bits(packed, rows).tolist(), strict=True))

    facets: dict[str, list[FacetValue]] = {}
    for facet, terms in shown.items():
        selected = getattr(query, facet)
        values = []
        for term in terms:
            count = counts.get(f"{facet}:{term.code}", 0)
            if count or term.code == selected:
                label = term.label_en if english else term.label_de
                values.append(
                    FacetValue(term.code, label, count, term.code == selected)
                )
        facets[facet] = values
    rows = within("age_band")
    facets["age_band"] = [
        FacetValue(
            band.code,
            band.label,
            int(np.count_nonzero(rows & _band(table, band))),
            band.code == query.age_band,
        )
        for band in bands.values()
        if band.is_active
    ]
    rows = within("district")
    found = districts.counts(table, rows)
    facets["district"] = [
        FacetValue(code, name, int(count), code == query.district)
        for (code, name, _parent), count in zip(districts.rows, found, strict=True)
        if count or code == query.district
    ]
    facets["free"] = [
        FacetValue("true", "free", counts.get("free", 0), query.free is True)
    ]
    return facets


def _page(order: np.ndarray, query: OfferQuery) -> tuple[int, int]:
    page = max(query.page, 1)
    start = (page - 1) * query.page_size
    return start, start + query.page_size


def run_search(*, municipality: Municipality, query: OfferQuery) -> SearchPage:
    """Offers matching ``query``, ranked, one page of ids, with facet counts."""
    table = offer_table(municipality.pk)
    bands = search_terms()["age_band"]
    districts = _Districts(municipality)
    base = table.published & table.live if query.public else table.live.copy()
    masks = _filters(table, query, bands, districts)
    text = query.text.strip()
    plan = plan_query(text, municipality=municipality, table=table) if text else []
    scores = complete = in_title = None
    if plan:
        allowed = _combine(base, masks)
        found = match_text(plan, table, allowed)
        in_text = np.zeros(table.size, dtype=bool)
        in_text[found.rows] = True
        base &= in_text
        scores = np.zeros(table.size)
        complete = np.zeros(table.size, dtype=bool)
        in_title = np.zeros(table.size, dtype=bool)
        scores[found.rows] = found.scores
        complete[found.rows] = found.complete
        in_title[found.rows] = found.in_title
    matching = _combine(base, masks)
    count = int(np.count_nonzero(matching))
    start, stop = _page(matching, query)
    if scores is None or query.sort == "name":
        order = table.name_order if query.sort == "name" else table.default_order
        rows = order[matching[order]][start:stop]
    else:
        candidates = np.flatnonzero(matching)
        final = scores[candidates] * table.boost[candidates]
        ranked = candidates[
            np.lexsort(
                (
                    table.name_rank[candidates],
                    -final,
                    ~in_title[candidates],
                    ~complete[candidates],
                )
            )
        ]
        rows = ranked[start:stop]
    return SearchPage(
        offer_ids=list(table.offer_ids[rows]),
        count=count,
        facets=_facets(table, query, base, masks, bands, districts),
        page=max(query.page, 1),
        page_size=query.page_size,
    )


# --- The offers of a page --------------------------------------------------------
#
# The busiest read of the site: plain SQL, two queries, plain values. Through
# the ORM (model instances, prefetches, DRF's field by field serialisation)
# fetching and serialising the 20 offers of a page cost more than the search.

#: (alias, model field) read per offer, then per place; the order of
#: ``PageOffer`` and ``PagePlace`` (after the offer's id, tenant and status).
OFFER_COLUMNS = (
    ("o", "id"),
    ("o", "municipality"),
    ("o", "status"),
    ("o", "title"),
    ("o", "summary"),
    ("o", "organisation"),
    ("g", "name"),
    ("o", "min_age_months"),
    ("o", "max_age_months"),
    ("o", "cost"),
    ("o", "last_verified"),
)
PLACE_COLUMNS = (
    ("l", "id"),
    ("l", "name"),
    ("l", "street"),
    ("l", "postal_code"),
    ("l", "city"),
    ("l", "latitude"),
    ("l", "longitude"),
    ("d", "code"),
    ("d", "name"),
    ("l", "accessibility"),
)
#: The vocabularies a result shows: ``PageOffer`` attribute → offer relation.
PAGE_TERMS = {"languages": "languages", "fields": "fields_of_action"}


class PageTerm(NamedTuple):
    code: str
    label_de: str
    label_en: str


@dataclass(frozen=True, slots=True)
class PagePlace:
    id: uuid.UUID
    name: str
    street: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    district_code: str | None
    district_name: str | None
    accessibility: str


@dataclass(slots=True)
class PageOffer:
    """What a search result shows of an offer (the API's offer summary)."""

    id: uuid.UUID
    title: str
    summary: str
    organisation_id: int
    organisation_name: str
    min_age_months: int | None
    max_age_months: int | None
    cost: str
    last_verified: dt.date | None
    places: list[PagePlace] = field(default_factory=list)
    languages: list[PageTerm] = field(default_factory=list)
    fields: list[PageTerm] = field(default_factory=list)


def _name(model: type[Model], name: str = "") -> str:
    """The quoted table of ``model``, or the column of its field ``name``."""
    meta = model._meta
    quote = connection.ops.quote_name
    return quote(meta.get_field(name).column if name else meta.db_table)


@cache
def _page_sql() -> tuple[str, str]:
    """The two queries of ``page_offers``; ``{ids}`` stands for the ids' markers."""
    models = {"o": Offer, "g": Organisation, "l": OfferLocation, "d": District}
    columns = ", ".join(
        f"{alias}.{_name(models[alias], name)}"
        for alias, name in OFFER_COLUMNS + PLACE_COLUMNS
    )
    offers = (
        f"SELECT {columns} FROM {_name(Offer)} o "  # noqa: S608 (names from _meta)
        f"INNER JOIN {_name(Organisation)} g "
        f"ON g.{_name(Organisation, 'id')} = o.{_name(Offer, 'organisation')} "
        f"LEFT OUTER JOIN {_name(OfferLocation)} l "
        f"ON l.{_name(OfferLocation, 'offer')} = o.{_name(Offer, 'id')} "
        f"LEFT OUTER JOIN {_name(District)} d "
        f"ON d.{_name(District, 'id')} = l.{_name(OfferLocation, 'district')} "
        f"WHERE o.{_name(Offer, 'id')} IN ({{ids}}) "
        f"ORDER BY l.{_name(OfferLocation, 'position')}, "
        f"l.{_name(OfferLocation, 'name')}"
    )
    parts = []
    for name, relation in PAGE_TERMS.items():
        link = Offer._meta.get_field(relation)
        through, term = link.remote_field.through, link.related_model
        offer, target = link.m2m_field_name(), link.m2m_reverse_field_name()
        parts.append(
            f"SELECT '{name}', t.{_name(through, offer)}, "  # noqa: S608 (as above)
            + ", ".join(
                f"v.{_name(term, column)}"
                for column in ("position", "code", "label_de", "label_en")
            )
            + f" FROM {_name(through)} t INNER JOIN {_name(term)} v "
            f"ON v.{_name(term, 'id')} = t.{_name(through, target)} "
            f"WHERE t.{_name(through, offer)} IN ({{ids}})"
        )
    # Each vocabulary in its order (its Meta.ordering: position, code).
    terms = " UNION ALL ".join(parts) + " ORDER BY 3, 4"
    return offers, terms


def _read(sql: str, ids: dict, times: int = 1) -> list[tuple]:
    """Rows of ``sql`` for ``ids`` (database value → id), given ``times`` over."""
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), [*ids] * times)
        return cursor.fetchall()


def _uuid(value: Any) -> uuid.UUID:
    """A UUID as the database gives it (SQLite: 32 hex digits)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _date(value: Any) -> dt.date | None:
    """A date as the database gives it (SQLite: ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def page_offers(
    *, municipality: Municipality, ids: Sequence, public: bool = True
) -> list[PageOffer]:
    """The offers of ``ids`` (a search page) in that order, with their
    organisation, places, languages and fields, in two queries whatever the
    page size. Ids of other municipalities or (with ``public``) of offers
    not published are left out.

    Read by primary key alone, the tenant and status checked here (as
    ``selectors.public.offers_by_ids``, for SQLite's sake).
    """
    if not ids:
        return []
    offers_sql, terms_sql = _page_sql()
    pk = Offer._meta.pk
    # Rows name an offer by its database value (SQLite: 32 hex digits).
    asked = {pk.get_db_prep_value(value, connection): value for value in ids}
    width = len(OFFER_COLUMNS)
    found: dict[Any, PageOffer] = {}
    for row in _read(offers_sql, asked):
        offer = found.get(row[0])
        if offer is None:
            owner, status, *shown = row[1:width]
            if owner != municipality.pk or (public and status != OfferStatus.PUBLISHED):
                continue
            shown[-1] = _date(shown[-1])
            offer = found[row[0]] = PageOffer(asked[row[0]], *shown)
        if row[width] is not None:
            offer.places.append(PagePlace(_uuid(row[width]), *row[width + 1 :]))
    if found:
        for name, offer_id, _position, *term in _read(
            terms_sql, found, times=len(PAGE_TERMS)
        ):
            getattr(found[offer_id], name).append(PageTerm(*term))
    by_id = {offer.id: offer for offer in found.values()}
    return [by_id[value] for value in ids if value in by_id]
