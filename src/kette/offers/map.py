"""Offer places as points on the municipality's district map (server-rendered SVG).

The district geometry is drawn by ``kette.core.svg.district_map``; the places
are projected with the same projection, so the map needs neither JavaScript
nor tiles and works offline. The districts change rarely, so their map is
cached per municipality until a district changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kette.core.models import District, Municipality
from kette.core.svg import DistrictMap, district_map

CACHE_SECONDS = 24 * 60 * 60
MAP_VERSION = 1  # raise when BaseMap changes shape: cached maps are pickled
# Places closer than this (in viewBox units) share one marker.
MERGE_DISTANCE = 8


@dataclass(frozen=True)
class Place:
    """One place to mark: ``label`` is what the marker shows (e.g. the result number)."""

    label: str
    title: str
    latitude: float
    longitude: float


@dataclass
class MapPoint:
    x: float
    y: float
    labels: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The marker text: the one label, or how many places share the marker."""
        return self.labels[0] if len(self.labels) == 1 else f"{len(self.labels)}"

    @property
    def is_group(self) -> bool:
        return len(self.labels) > 1

    @property
    def tooltip(self) -> str:
        return "; ".join(
            f"{label}. {title}" if label else title
            for label, title in zip(self.labels, self.titles, strict=True)
        )


@dataclass
class BaseMap:
    """A district map and its SVG markup (areas, outlines, labels), drawn once."""

    districts: DistrictMap
    markup: SafeString

    @property
    def width(self) -> int:
        return self.districts.width

    @property
    def height(self) -> int:
        return self.districts.height


@dataclass
class OfferMap:
    base: BaseMap
    points: list[MapPoint]
    outside: int = 0  # places that lie beyond the districts' bounds

    @property
    def view_box(self) -> str:
        return self.base.districts.view_box

    @property
    def place_count(self) -> int:
        return sum(len(point.labels) for point in self.points)


def _number(value: float) -> str:
    return f"{value:g}"


def base_markup(districts: DistrictMap) -> SafeString:
    """The SVG groups of the district areas, outlines and labels."""
    areas = format_html_join(
        "", '<path d="{}" fill-rule="evenodd"/>', ((s.path,) for s in districts.shapes)
    )
    outlines = format_html_join(
        "",
        '<path d="{}" fill="none" fill-rule="evenodd"/>',
        ((path,) for path in districts.outlines),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle">{}</text>',
        ((_number(t.x), _number(t.y), t.text) for t in districts.labels),
    )
    return format_html(
        '<g class="offer-map__areas">{}</g><g class="offer-map__outlines">{}</g>'
        '<g class="offer-map__labels">{}</g>',
        areas,
        outlines,
        labels,
    )


def municipality_map(municipality: Municipality) -> BaseMap | None:
    """The district map of ``municipality``, from the cache while no district changed."""
    stamp = District.objects.for_municipality(municipality).aggregate(
        n=Count("pk"), changed=Max("updated_at")
    )
    changed = stamp["changed"].isoformat() if stamp["changed"] else "-"
    key = f"kette:offers:district-map:v{MAP_VERSION}:{municipality.pk}:{stamp['n']}:{changed}"
    found = cache.get(key)
    if found is None:
        districts = list(
            District.objects.for_municipality(municipality).only(
                "pk", "parent_id", "code", "name", "geometry"
            )
        )
        drawn = district_map(districts)
        # Cache "no map" too, as False, so a city without geometry costs nothing.
        found = BaseMap(drawn, base_markup(drawn)) if drawn else False
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def place_map(base: BaseMap | None, places: Iterable[Place]) -> OfferMap | None:
    """``places`` on ``base``; None without a base map or without a place on it."""
    if base is None or base.districts.projection is None:
        return None
    projection = base.districts.projection
    points: list[MapPoint] = []
    outside = 0
    for place in places:
        x, y = projection.point(place.longitude, place.latitude)
        if not (0 <= x <= base.width and 0 <= y <= base.height):
            outside += 1
            continue
        near = next(
            (
                p
                for p in points
                if abs(p.x - x) <= MERGE_DISTANCE and abs(p.y - y) <= MERGE_DISTANCE
            ),
            None,
        )
        if near is None:
            near = MapPoint(x=x, y=y)
            points.append(near)
        near.labels.append(place.label)
        near.titles.append(place.title)
    if not points:
        return None
    return OfferMap(base=base, points=points, outside=outside)


def location_places(offer: object, locations: list) -> list[Place]:
    """One offer's places, numbered like the list of places on its page."""
    numbered = len(locations) > 1
    return [
        Place(
            str(index) if numbered else "",
            location.name or location.address or offer.title,
            location.latitude,
            location.longitude,
        )
        for index, location in enumerate(locations, start=1)
        if location.latitude is not None and location.longitude is not None
    ]
