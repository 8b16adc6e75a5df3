"""The search test set: what parents type, and which demo offers should come up.

Each query names parts of the titles of the published demo offers of
Musterstadt (``kette demo``) that are right answers; an offer is relevant
when its title contains one of them (ignoring case). Recall@5 of a query:
the relevant offers among the first five results, divided by the number
of relevant offers that fit in five.
"""

from __future__ import annotations

# fmt: off
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    # inflections and plurals
    ("Hebamme", ("Hebammensprechstunde", "Familienhebammen")),
    ("Hebammen", ("Hebammensprechstunde", "Familienhebammen")),
    ("Müttern", ("Mütter",)),
    ("Väter", ("Väter-Kind",)),
    ("Kinderchöre", ("Kinderchor",)),
    ("Leseclubs", ("Leseclub",)),
    # parts of compounds
    ("Schulden Beratung", ("Schuldnerberatung",)),
    ("Erziehungsberatung", ("Erziehungsberatung",)),
    ("Sprechstunde Hebamme", ("Hebammensprechstunde",)),
    ("Tragetuch", ("Trageberatung",)),
    ("Frühförderung", ("Frühförderung",)),
    ("Rückbildung", ("Rückbildungsgymnastik",)),
    ("Geburtsvorbereitung", ("Geburtsvorbereitungskurs",)),
    ("Sucht", ("Suchtprävention", "Jugendsuchtberatung", "suchtbelasteten")),
    # ASCII for umlauts and ß
    ("Muetter", ("Mütter",)),
    ("Vaeter", ("Väter-Kind",)),
    ("Sprachfoerderung", ("Sprachförderung",)),
    ("Rueckbildung", ("Rückbildungsgymnastik",)),
    ("Fussball", ("Fußball",)),
    ("Maedchentreff", ("Mädchentreff",)),
    ("Familiencafe", ("Familiencafé",)),
    ("Pubertaet", ("Pubertät",)),
    # typos
    ("Hausaufgabenhife", ("Hausaufgabenhilfe",)),
    ("Krabelgruppe", ("Krabbelgruppe",)),
    ("Schwangerschaftsbertung", ("Schwangerschaftsberatung",)),
    ("Geburtsvorbereitungskurss", ("Geburtsvorbereitungskurs",)),
    ("Babymasage", ("Babymassage",)),
    # everyday words for official ones
    ("Kindergarten", ("Kita",)),
    ("Nachhilfe", ("Hausaufgabenhilfe", "Lerntreff", "Lernförderung", "Lernpatenschaft")),
    ("Babykurs", ("PEKiP", "Krabbelgruppe", "Babytreff", "Babymassage", "Eltern-Kind-Gruppe")),
    ("Ausbildung", ("Ausbildung", "Berufsorientierung", "Berufseinstieg", "Bewerbungstraining")),
    ("Tagesmutter", ("Kindertagespflege",)),
    ("Jugendzentrum", ("Jugendtreff",)),
    ("Deutschkurs", ("Integrationskurs", "Sprachcafé")),
    ("Flüchtlinge", ("geflüchtete", "Flüchtlingsunterkunft")),
    ("Drogen", ("Suchtprävention", "Jugendsuchtberatung", "suchtbelasteten")),
    ("Praktikum", ("Praktikumsbörse", "Girls' Day")),
    ("Handy", ("Handy, Games", "Medienscouts")),
    ("Impfen", ("Impfsprechstunde",)),
    ("Zahnarzt", ("Zahnprophylaxe", "Zahnärztliche")),
    ("Studium", ("Talentscouting",)),
    ("Schwimmen lernen", ("Schwimmkurs",)),
    ("Vorlesen", ("Vorlesepaten", "Lesestart")),
    # several words
    ("Erste Hilfe Kind", ("Erste Hilfe am Kind",)),
    ("Treff Alleinerziehende", ("Treff für Alleinerziehende",)),
    ("Trauer Kinder", ("Trauergruppe",)),
    ("Kurs für werdende Eltern", ("Geburtsvorbereitungskurs", "Säuglingspflegekurs")),
    ("Beratung bei Schulden", ("Schuldnerberatung",)),
    ("Hilfe bei den Hausaufgaben", ("Hausaufgabenhilfe",)),
    ("Pflegefamilie werden", ("Pflegeelternschule",)),
    ("Fahrrad fahren lernen", ("Fahrradkurs",)),
    ("Musik für Kinder", ("Musikalische Früherziehung", "Kinderchor", "JeKits", "Instrumentalunterricht")),
]
# fmt: on


def relevant(title: str, expected: tuple[str, ...]) -> bool:
    folded = title.casefold()
    return any(part.casefold() in folded for part in expected)


def recall_at(found_titles: list[str], all_titles: list[str], expected, k: int = 5):
    """Relevant offers among the first ``k`` results over those that fit."""
    wanted = sum(relevant(title, expected) for title in all_titles)
    if not wanted:
        return None
    hits = sum(relevant(title, expected) for title in found_titles[:k])
    return hits / min(k, wanted)
