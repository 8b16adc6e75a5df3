"""Musterstadt's networks and working bodies as a coordinator would list them.

Members are drawn from the demo organisations (kette.core.demo.providers):
by sector, and for district-bound bodies by the district the organisation
sits in, so the district conferences of the West overlap on purpose (the
parallel structures seed 004 warns of).
"""

from __future__ import annotations

from typing import NamedTuple


class BodySpec(NamedTuple):
    name: str
    short_name: str
    body_type: str  # BodyType code
    parent: str  # name of the parent body, "" for none
    areas: tuple[str, ...]  # district code prefixes; () = city-wide
    topics: tuple[str, ...]
    rhythm: str
    sectors: tuple[str, ...]  # member organisations by sector ...
    founded: int
    lead: str  # name of the leading organisation
    status: str = "active"
    public: bool = True
    extra: tuple[str, ...] = ()  # ... and these organisations by name
    size: int = 12  # at most this many member organisations


KOORDINATION = "Stadt Musterstadt – Koordinierungsstelle Präventionskette"
JUGENDAMT = "Jugendamt der Stadt Musterstadt"
GESUNDHEITSAMT = "Gesundheitsamt der Stadt Musterstadt"
SCHULE = "Stadt Musterstadt – Fachbereich Schule und Bildung"
STEERING = "Lenkungsgruppe Präventionskette"
FRUEHE_HILFEN = "Netzwerk Frühe Hilfen Musterstadt"
ALL = (
    "youth-welfare",
    "health",
    "school",
    "day-care",
    "social-security",
    "welfare-association",
    "vocational",
    "administration",
)

# fmt: off
BODIES = (
    BodySpec(STEERING, "Lenkung", "steering-group", "", (), ("Präventionskette", "Steuerung", "Armutsprävention"), "quarterly", ("administration", "welfare-association", "social-security"), 2012, KOORDINATION, extra=(JUGENDAMT, GESUNDHEITSAMT, SCHULE, "Jobcenter Musterstadt"), size=10),
    BodySpec("Projektgruppe Wegweiser", "PG Wegweiser", "project-group", STEERING, (), ("Wegweiser", "Öffentlichkeitsarbeit", "Mehrsprachigkeit"), "monthly", ("administration", "civil-society"), 2023, KOORDINATION, public=False, size=6),
    BodySpec("Projektgruppe Präventionsmonitoring", "PG Monitoring", "project-group", STEERING, (), ("Monitoring", "Sozialberichterstattung"), "bimonthly", ("administration",), 2024, "Stadt Musterstadt – Statistik und Stadtforschung", public=False, extra=(JUGENDAMT, GESUNDHEITSAMT), size=6),
    BodySpec("Projektgruppe Elterncafés", "PG Elterncafés", "project-group", STEERING, (), ("Elternbildung", "Familienzentren"), "monthly", ("day-care",), 2019, "AWO-Familienzentrum Sonnenschein", status="dissolved", public=False, size=6),
    BodySpec("AG 78 Kindertagesbetreuung", "AG 78 Kita", "ag78", "", (), ("Kindertagesbetreuung", "Sprachbildung", "Inklusion"), "quarterly", ("day-care", "welfare-association"), 2008, JUGENDAMT, size=12),
    BodySpec("AG 78 Hilfen zur Erziehung", "AG 78 HzE", "ag78", "", (), ("Hilfen zur Erziehung", "Kinderschutz"), "quarterly", ("youth-welfare", "welfare-association"), 2005, JUGENDAMT, size=10),
    BodySpec("AG 78 Kinder- und Jugendförderung", "AG 78 KJF", "ag78", "", (), ("Jugendarbeit", "Beteiligung", "Freizeit"), "quarterly", ("youth-welfare", "sport", "culture", "church"), 2006, JUGENDAMT, size=12),
    BodySpec(FRUEHE_HILFEN, "Frühe Hilfen", "fruehe-hilfen", STEERING, (), ("Frühe Hilfen", "Schwangerschaft", "Kinderschutz", "Elternbildung"), "quarterly", ("health", "youth-welfare", "welfare-association"), 2011, JUGENDAMT, extra=(GESUNDHEITSAMT, "Hebammenpraxis Storchennest", "St.-Marien-Hospital Musterstadt gGmbH"), size=14),
    BodySpec("Qualitätszirkel Familienhebammen und Kinderärzte", "QZ Frühe Hilfen", "quality-circle", FRUEHE_HILFEN, (), ("Frühe Hilfen", "Kindergesundheit"), "quarterly", ("health",), 2014, GESUNDHEITSAMT, public=False, size=8),
    BodySpec("Qualitätszirkel Kita-Leitungen", "QZ Kita", "quality-circle", "", (), ("Kindertagesbetreuung", "Qualitätsentwicklung"), "bimonthly", ("day-care",), 2016, JUGENDAMT, public=False, size=10),
    BodySpec("Qualitätszirkel Schulsozialarbeit", "QZ Schulsozialarbeit", "quality-circle", "", (), ("Schulsozialarbeit", "Bildung und Teilhabe"), "bimonthly", ("school", "youth-welfare"), 2015, SCHULE, public=False, size=10),
    BodySpec("Arbeitskreis Sprachförderung", "AK Sprache", "working-group", STEERING, (), ("Sprachbildung", "Mehrsprachigkeit", "Übergang Kita–Schule"), "bimonthly", ("day-care", "school", "culture"), 2013, "Kommunales Integrationszentrum Musterstadt", extra=("Logopädische Praxis Sprechzeit", "Stadtbibliothek Musterstadt"), size=12),
    BodySpec("Arbeitskreis Übergang Kita–Grundschule", "AK Übergang Kita–GS", "working-group", STEERING, (), ("Übergang Kita–Schule", "Sprachbildung"), "quarterly", ("day-care", "school"), 2014, SCHULE, size=12),
    BodySpec("Arbeitskreis Übergang Schule–Beruf", "AK Übergang Schule–Beruf", "working-group", STEERING, (), ("Übergang Schule–Beruf", "Ausbildung"), "quarterly", ("vocational", "school", "social-security"), 2012, "Jugendberufsagentur Musterstadt", size=12),
    BodySpec("Arbeitskreis Kinderarmut und Teilhabe", "AK Kinderarmut", "working-group", STEERING, (), ("Armutsprävention", "Bildung und Teilhabe", "Ernährung"), "quarterly", ("social-security", "welfare-association", "civil-society"), 2017, "Sozialamt der Stadt Musterstadt", size=12),
    BodySpec("Arbeitskreis Kindergesundheit", "AK Gesundheit", "working-group", STEERING, (), ("Kindergesundheit", "Bewegung", "Ernährung"), "half_yearly", ("health", "sport"), 2016, GESUNDHEITSAMT, size=12),
    BodySpec("Arbeitskreis Jugendsozialarbeit", "AK Jugendsozialarbeit", "working-group", "", (), ("Jugendarbeit", "Übergang Schule–Beruf", "Streetwork"), "bimonthly", ("youth-welfare", "vocational"), 2010, "Mobile Jugendarbeit Musterstadt e.V.", size=10),
    BodySpec("Arbeitskreis Elternbildung", "AK Elternbildung", "working-group", FRUEHE_HILFEN, (), ("Elternbildung", "Familienzentren"), "quarterly", ("day-care", "church", "civil-society"), 2015, "Evangelische Familienbildungsstätte Musterstadt", size=10),
    BodySpec("Arbeitskreis Kinderschutz", "AK Kinderschutz", "working-group", "", (), ("Kinderschutz", "Hilfen zur Erziehung"), "half_yearly", ("youth-welfare", "health", "school"), 2009, JUGENDAMT, public=False, size=10),
    BodySpec("Arbeitskreis Familienzentren", "AK Familienzentren", "working-group", "", (), ("Familienzentren", "Elternbildung"), "as_needed", ("day-care",), 2010, "Katholisches Familienzentrum St. Josef", status="dormant", size=8),
    BodySpec("Stadtteilkonferenz Innenstadt", "STK Innenstadt", "district-conference", STEERING, ("01",), ("Quartiersarbeit", "Armutsprävention"), "quarterly", ALL + ("church", "civil-society", "culture"), 2010, "Caritasverband für die Stadt Musterstadt e.V.", size=14),
    BodySpec("Stadtteilkonferenz Nord", "STK Nord", "district-conference", STEERING, ("02",), ("Quartiersarbeit", "Neubaugebiet", "Jugendarbeit"), "quarterly", ALL + ("church", "civil-society", "sport"), 2011, "Förderverein Stadtteilzentrum Eichenau e.V.", size=14),
    BodySpec("Stadtteilkonferenz West", "STK West", "district-conference", STEERING, ("03",), ("Quartiersarbeit", "Armutsprävention", "Mehrsprachigkeit"), "quarterly", ALL + ("church", "civil-society", "sport", "culture"), 2009, "Stadtteilbüro Hafenviertel – Quartiersmanagement", size=16),
    BodySpec("Stadtteilkonferenz Süd-Ost", "STK Süd-Ost", "district-conference", STEERING, ("04",), ("Quartiersarbeit", "Kindergesundheit"), "quarterly", ALL + ("sport",), 2012, "Diakonisches Werk Musterstadt e.V.", size=12),
    # Three more round tables of the West, meeting the same people.
    BodySpec("Runder Tisch Hafenviertel", "RT Hafen", "district-conference", "", ("0301",), ("Quartiersarbeit", "Armutsprävention", "Mehrsprachigkeit"), "bimonthly", ALL + ("church", "civil-society", "sport", "culture"), 2018, "Stadtteilbüro Hafenviertel – Quartiersmanagement", size=14),
    BodySpec("Stadtteilforum Weidenbruch", "Forum Weidenbruch", "district-conference", "", ("0302", "0301"), ("Quartiersarbeit", "Armutsprävention"), "quarterly", ALL + ("civil-society",), 2019, "Stadtteilinitiative Weidenbruch", size=12),
    BodySpec("Bündnis für Familie West", "Bündnis West", "working-group", "", ("03",), ("Elternbildung", "Armutsprävention", "Mehrsprachigkeit"), "quarterly", ALL + ("church", "civil-society"), 2020, "AWO Kreisverband Musterstadt e.V.", size=14),
    BodySpec("Bündnis für Familie Eichenau", "Bündnis Eichenau", "district-conference", "", ("0201",), ("Elternbildung", "Neubaugebiet"), "half_yearly", ALL + ("church", "civil-society", "sport"), 2021, "Förderverein Stadtteilzentrum Eichenau e.V.", size=10),
)
# fmt: on

FIRST_NAMES = (
    "Anna", "Jonas", "Leyla", "Thomas", "Maria", "Mehmet", "Julia", "Stefan",
    "Elif", "Michael", "Sandra", "Andreas", "Fatma", "Christian", "Nicole",
    "Markus", "Olga", "Tobias", "Katrin", "Daniel", "Aylin", "Peter", "Sabine",
    "Hassan", "Claudia", "Frank", "Monika", "Dirk", "Natalia", "Uwe",
)  # fmt: skip
LAST_NAMES = (
    "Schulz", "Kaya", "Wagner", "Nowak", "Fischer", "Öztürk", "Weber", "Meyer",
    "Schneider", "Hoffmann", "Demir", "Koch", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann",
    "Lange", "Şahin", "Werner", "Krause", "Lehmann", "Köhler", "Kowalski", "Yıldız",
)  # fmt: skip
FUNCTIONS = {
    "youth-welfare": "Fachbereichsleitung",
    "health": "Ärztliche Leitung",
    "school": "Schulleitung",
    "day-care": "Kita-Leitung",
    "social-security": "Teamleitung",
    "welfare-association": "Fachdienstleitung",
    "vocational": "Bereichsleitung",
    "administration": "Sachgebietsleitung",
}
