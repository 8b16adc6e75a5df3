"""The demo's places: two fictional towns, their districts and streets.

Positions are kilometres east (x) and north (y) of the town centre; each
district's position is the seed point its area grows around.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.municipality import MunicipalityKind, State


@dataclass(frozen=True)
class Area:
    """A district at the lowest level, with what its figures are made from."""

    code: str
    name: str
    x: float
    y: float
    residents: int  # in the last demo year
    profile: float  # -1 affluent and older … +1 poorer and younger
    growth: float  # yearly change of the number of children and young people
    postal_code: str
    streets: tuple[str, ...]


@dataclass(frozen=True)
class Town:
    slug: str
    name: str
    ags: str
    kind: str
    state: str
    lon: float  # centre
    lat: float
    radius_x: float  # km
    radius_y: float  # km
    wobble: float  # how irregular the outline is (0 = an ellipse)
    phone_prefix: str
    leaf_level_name: str
    areas: tuple[Area, ...]
    # (code, name) of the upper level; an area belongs to the parent whose
    # code starts its own. Empty: one level only.
    parents: tuple[tuple[str, str], ...] = ()
    parent_level_name: str = ""


# fmt: off
MUSTERSTADT_AREAS = (
    Area("0101", "Altstadt", 0.2, 0.3, 9_800, 0.3, 0.0, "46045",
         ("Marktstraße", "Kirchplatz", "Rathausplatz", "Mühlengasse")),
    Area("0102", "Bahnhofsviertel", 1.4, -0.7, 11_200, 0.9, 0.01, "46047",
         ("Bahnhofstraße", "Friedrich-Ebert-Straße", "Poststraße",
          "Am Gleisdreieck")),
    Area("0103", "Lindenhof", -1.1, -0.6, 13_400, -0.2, 0.0, "46049",
         ("Lindenallee", "Goethestraße", "Schillerstraße", "Am Lindenhof")),
    Area("0104", "Schlossberg", -0.4, 1.3, 7_600, -0.8, -0.01, "46045",
         ("Schlossallee", "Parkstraße", "Am Schlossberg")),
    Area("0201", "Eichenau", 2.4, 1.9, 15_800, -0.1, 0.03, "46117",
         ("Eichenweg", "Ahornstraße", "Buchenring", "Eichenauer Markt")),
    Area("0202", "Kirchheide", 0.9, 2.6, 12_100, -0.4, 0.0, "46119",
         ("Kirchheider Straße", "Pastoratsweg", "Heideweg")),
    Area("0203", "Birkenhain", -0.8, 2.5, 8_300, -0.9, -0.015, "46119",
         ("Birkenallee", "Am Waldrand", "Haselnussweg")),
    Area("0204", "Mühlenfeld", -2.4, 1.8, 14_700, 0.5, 0.005, "46145",
         ("Mühlenfeldstraße", "Müllerstraße", "Kornweg", "Windmühlenweg")),
    Area("0301", "Hafenviertel", -3.1, 0.6, 16_900, 1.0, 0.015, "46149",
         ("Hafenstraße", "Kanalstraße", "Kaiserstraße", "Werftstraße")),
    Area("0302", "Weidenbruch", -3.3, -0.8, 10_500, 0.6, 0.005, "46147",
         ("Weidenstraße", "Bruchstraße", "Am Deich")),
    Area("0303", "Erlenbruch", -2.2, -1.9, 9_100, 0.2, 0.0, "46147",
         ("Erlenweg", "Zechenstraße", "Am Förderturm")),
    Area("0304", "Grünthal", -0.9, -2.6, 6_400, -0.6, -0.01, "46049",
         ("Grünthaler Straße", "Wiesengrund", "Talweg")),
    Area("0401", "Südpark", 0.9, -2.4, 12_800, 0.1, 0.01, "46042",
         ("Südring", "Parkweg", "Rosenstraße")),
    Area("0402", "Sonnenberg", 2.4, -1.8, 11_600, -0.5, 0.0, "46042",
         ("Sonnenbergstraße", "Am Hang", "Lerchenweg")),
    Area("0403", "Am Stadtwald", 3.3, -0.6, 6_900, -1.0, -0.005, "46117",
         ("Waldstraße", "Forsthausweg", "Am Stadtwald")),
    Area("0404", "Hohenwiese", 3.1, 0.7, 13_300, 0.4, 0.01, "46117",
         ("Hohe Wiese", "Wiesenstraße", "Gartenstraße")),
)

KLEINHAUSEN_AREAS = (
    Area("01", "Kernstadt", 0.0, 0.1, 5_900, 0.2, 0.0, "46599",
         ("Hauptstraße", "Kirchstraße", "Schulstraße")),
    Area("02", "Oberdorf", 0.9, 1.0, 2_800, -0.5, -0.01, "46599",
         ("Am Dorfbrunnen", "Höhenweg")),
    Area("03", "Niederhausen", -1.2, -0.3, 3_400, 0.4, 0.005, "46598",
         ("Bachstraße", "Mühlenweg")),
    Area("04", "Waldsiedlung", 0.9, -0.9, 2_100, -0.7, 0.0, "46598",
         ("Tannenweg", "Am Forst")),
)
# fmt: on

MUSTERSTADT = Town(
    slug="musterstadt",
    name="Musterstadt",
    ags="05999000",
    kind=MunicipalityKind.INDEPENDENT_CITY,
    state=State.NORDRHEIN_WESTFALEN,
    lon=6.85,
    lat=51.48,
    radius_x=5.0,
    radius_y=4.0,
    wobble=0.08,
    phone_prefix="0208",
    parent_level_name="Stadtbezirk",
    leaf_level_name="Stadtteil",
    parents=(("01", "Mitte"), ("02", "Nord"), ("03", "West"), ("04", "Süd-Ost")),
    areas=MUSTERSTADT_AREAS,
)

KLEINHAUSEN = Town(
    slug="kleinhausen",
    name="Kleinhausen",
    ags="05998012",
    kind=MunicipalityKind.DISTRICT_TOWN,
    state=State.NORDRHEIN_WESTFALEN,
    lon=7.03,
    lat=51.57,
    radius_x=2.2,
    radius_y=1.7,
    wobble=0.1,
    phone_prefix="02099",
    leaf_level_name="Ortsteil",
    areas=KLEINHAUSEN_AREAS,
)

TOWNS = (MUSTERSTADT, KLEINHAUSEN)
