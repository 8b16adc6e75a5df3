"""Everyday words parents type → the words offers use.

A built-in German list applies to every municipality; each municipality's
``SearchSynonym`` entries add words, replace a built-in entry with the same
word, or (``is_active`` off) switch it off. Synonyms work at query time only,
so an edit takes effect with the next search; no re-indexing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import SearchSynonym
from .text import STOPWORDS, fold, stem, words

# fmt: off
#: word people search for → what the offers say (comma separated).
BUILTIN_SYNONYMS: dict[str, str] = {
    # Day care and school
    "Kindergarten": "Kita, Kindertagesstätte, Kindertageseinrichtung",
    "Kita": "Kindergarten, Kindertagesstätte, Kindertageseinrichtung",
    "Kindertagesstätte": "Kita, Kindergarten",
    "Krippe": "Kita, U3, Tagespflege",
    "Kitaplatz": "Kita-Platz, Kita-Navigator, Kindertagespflege",
    "Tagesmutter": "Kindertagespflege, Tagespflege, Tagespflegeperson",
    "Tagesvater": "Kindertagespflege, Tagespflege",
    "Kinderbetreuung": "Kita, Kindertagespflege, Offener Ganztag, Betreuung",
    "Babysitter": "Kinderbetreuung, Babysitterkurs, Tagespflege",
    "Hort": "Offener Ganztag, Ganztag, Nachmittagsbetreuung",
    "OGS": "Offener Ganztag",
    "Ganztag": "Offener Ganztag, Nachmittagsbetreuung",
    "Nachhilfe": "Hausaufgabenhilfe, Lernförderung, Lerntreff, Lernpaten, Lernpatenschaft",
    "Hausaufgaben": "Hausaufgabenhilfe, Lerntreff, Lernförderung",
    "Lernen": "Lernförderung, Hausaufgabenhilfe, Lerntreff",
    "Einschulung": "Schulanfang, Vorschule, Brückenjahr, Übergang Grundschule",
    "Vorschule": "Vorschulgruppe, Brückenjahr",
    "Schulwechsel": "Übergang, weiterführende Schule",
    "Gymnasium": "weiterführende Schule",
    "Schulangst": "Schulsozialarbeit, Schulberatung, Erziehungsberatung",
    "Schulschwänzen": "Schulsozialarbeit, Schulverweigerung",
    "Schulsozialarbeiter": "Schulsozialarbeit",
    # Babies, pregnancy, birth
    "Babykurs": "PEKiP, Krabbelgruppe, Babytreff, Babymassage, Eltern-Kind-Gruppe",
    "Babygruppe": "PEKiP, Krabbelgruppe, Babytreff, Eltern-Kind-Gruppe",
    "Krabbelgruppe": "Eltern-Kind-Gruppe, Babytreff, PEKiP, Spielgruppe",
    "Mutter-Kind-Gruppe": "Eltern-Kind-Gruppe, Krabbelgruppe, Babytreff",
    "Spielgruppe": "Eltern-Kind-Gruppe, Krabbelgruppe",
    "Schwanger": "Schwangerschaft, Schwangere, Geburtsvorbereitung, Hebamme",
    "Geburt": "Geburtsvorbereitung, Hebamme, Wochenbett",
    "Säugling": "Baby, Neugeborene",
    "Neugeborenes": "Baby, Säugling, Willkommensbesuch",
    "Stillen": "Stillcafé, Stillberatung, Hebamme",
    "Brei": "Beikost, Beikostkurs",
    "Schreibaby": "Schreiambulanz, Schreibaby-Sprechstunde",
    "Frauenarzt": "Gynäkologie, Schwangerschaft",
    "Verhütung": "Sexualpädagogik, Schwangerschaftsberatung, Familienplanung",
    "Aufklärung": "Sexualpädagogik, sexualpädagogisch",
    # Health
    "Kinderarzt": "Kinderärztin, U-Untersuchung, Vorsorgeuntersuchung, Entwicklungssprechstunde",
    "Vorsorge": "U-Untersuchung, Vorsorgeuntersuchung, Früherkennung",
    "Zahnarzt": "Zahnprophylaxe, zahnärztliche, Zahngesundheit",
    "Zähneputzen": "Zahnprophylaxe, Zahngesundheit",
    "Impfen": "Impfung, Impfsprechstunde",
    "Übergewicht": "Ernährung, Bewegung, Fit Kids",
    "Essen": "Ernährung, Kochen",
    "Logopäde": "Logopädie, Sprachförderung, Sprachtherapie",
    "Sprachentwicklung": "Sprachförderung, Logopädie",
    "Behinderung": "Inklusion, inklusiv, Frühförderung, Teilhabe, Förderschule",
    "Behindert": "Inklusion, inklusiv, Frühförderung, Förderschule",
    "Entwicklungsverzögerung": "Frühförderung, Entwicklungssprechstunde, Sozialpädiatrisches Zentrum",
    "Autismus": "Inklusion, Frühförderung, Sozialpädiatrisches Zentrum",
    "ADHS": "Erziehungsberatung, Sozialpädiatrisches Zentrum, Psychotherapie",
    "Depression": "psychisch, Psychotherapie, psychische Gesundheit",
    "Psychologe": "Psychotherapie, psychologische Beratung, Erziehungsberatung",
    "Kummer": "Nummer gegen Kummer, Kinder- und Jugendtelefon, Beratung",
    "Sorgentelefon": "Nummer gegen Kummer, Kinder- und Jugendtelefon",
    "Sucht": "Suchtberatung, Suchtprävention, Drogen",
    "Drogen": "Sucht, Suchtberatung, Suchtprävention",
    "Alkohol": "Sucht, Suchtberatung, Suchtprävention",
    # Family life, advice, protection
    "Erziehung": "Erziehungsberatung, Elternkurs, Elternbildung",
    "Erziehungshilfe": "Hilfe zur Erziehung, Erziehungsberatung",
    "Elternschule": "Familienbildung, Elternkurs",
    "Streit": "Konflikt, Erziehungsberatung, Mediation",
    "Trennung": "Scheidung, Trennungsberatung, Erziehungsberatung",
    "Scheidung": "Trennung, Trennungsberatung, Erziehungsberatung",
    "Alleinerziehend": "Alleinerziehende, Alleinerziehenden",
    "Gewalt": "Gewaltprävention, Kinderschutz, Gewaltschutz",
    "Missbrauch": "Kinderschutz, Kindeswohl",
    "Mobbing": "Gewaltprävention, Schulsozialarbeit, Coolness-Training",
    "Jugendamt": "Allgemeiner Sozialer Dienst, ASD",
    "ASD": "Allgemeiner Sozialer Dienst",
    "Pflegefamilie": "Pflegeeltern, Pflegekinder, Pflegeelternschule",
    "Adoption": "Pflegeeltern, Adoptionsvermittlung",
    "Papa": "Väter, Vater",
    "Mama": "Mütter, Mutter",
    "Oma": "Großeltern, Familienpaten",
    "Teenager": "Jugendliche, Pubertät",
    "Pubertät": "Jugendliche, Jugend",
    # Money and paperwork
    "Schulden": "Schuldnerberatung",
    "Geld": "Schuldnerberatung, Bildung und Teilhabe, Familienpass",
    "Bildungspaket": "Bildung und Teilhabe",
    "Bürgergeld": "Jobcenter, Grundsicherung",
    "Elterngeld": "Elterngeldstelle, Familienservice",
    "Kindergeld": "Familienkasse, Familienservice",
    "Gratis": "kostenlos, kostenfrei",
    "Umsonst": "kostenlos, kostenfrei",
    # Migration and language
    "Flüchtling": "geflüchtete, Flüchtlingsunterkunft, Asyl, Welcome",
    "Migranten": "Migration, Migrationsberatung, Integration, zugewandert",
    "Ausländer": "Migration, Migrationsberatung, Integration",
    "Deutschkurs": "Integrationskurs, Sprachkurs, Sprachcafé, Deutsch lernen",
    "Dolmetscher": "Sprachmittler, Sprachmittlung, mehrsprachig",
    "Übersetzer": "Sprachmittler, Sprachmittlung, mehrsprachig",
    # Work and training
    "Ausbildung": "Berufsorientierung, Ausbildungsbörse, Berufseinstieg, Bewerbungstraining",
    "Lehrstelle": "Ausbildung, Ausbildungsplatz, Berufsorientierung, Ausbildungsbörse",
    "Job": "Ausbildung, Berufsorientierung, Bewerbung, Arbeit",
    "Beruf": "Berufsorientierung, Berufseinstieg, Ausbildung",
    "Praktikum": "Praktikumsbörse, Berufsorientierung, Girls' Day",
    "Bewerbung": "Bewerbungstraining, Bewerbungsmappe",
    "Studium": "Studienorientierung, Talentscouting",
    # Free time
    "Schwimmen": "Schwimmkurs, Babyschwimmen, Seepferdchen",
    "Seepferdchen": "Schwimmkurs",
    "Sport": "Turnen, Bewegung, Fußball, Sportverein",
    "Turnen": "Kinderturnen, Eltern-Kind-Turnen, Bewegung",
    "Bewegung": "Bewegungsförderung, Turnen, Sport",
    "Musik": "Musikschule, musikalische Früherziehung, Instrument, Chor",
    "Singen": "Chor, Musik",
    "Instrument": "Instrumentalunterricht, JeKits",
    "Basteln": "kreativ, Malwerkstatt, Werkstatt",
    "Malen": "Malwerkstatt, Kunst",
    "Computer": "Medien, Coding, Medienkompetenz",
    "Programmieren": "Coding, Medien",
    "Handy": "Medien, Social Media, Medienkompetenz",
    "Internet": "Medien, Social Media, Medienkompetenz",
    "Ferien": "Ferienspiele, Ferienbetreuung, Ferienfreizeit",
    "Urlaub": "Ferien, Ferienfreizeit",
    "Jugendzentrum": "Jugendtreff, Jugendhaus, Offene Tür",
    "Jugendhaus": "Jugendtreff, Jugendzentrum",
    "Jugendclub": "Jugendtreff, Jugendzentrum",
    "Spielplatz": "Spielmobil, Spielgruppe",
    "Fahrrad": "Fahrradkurs, Radfahren",
}
# fmt: on


@dataclass(frozen=True)
class Synonym:
    """A parsed entry: the word's stems and each alternative's stems."""

    term: str
    key: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]


def term_key(term: str) -> tuple[str, ...]:
    """How a synonym's word is matched: the stems of its words."""
    return tuple(stem(word) for word in words(term.replace("-", " ")) if stem(word))


def alternative_stems(alternative: str) -> tuple[str, ...]:
    """Stems that must all occur for an alternative to match.

    Hyphenated words stay one joined stem ("Eltern-Kind-Gruppe" →
    ``elternkindgrupp``), as the index holds them joined too.
    """
    stems = []
    for word in words(alternative):
        pieces = [p for p in word.split("-") if p and p not in STOPWORDS]
        if not pieces:
            continue
        joined = stem("".join(pieces))
        if joined:
            stems.append(joined)
    return tuple(stems)


def parse(term: str, alternatives: str) -> Synonym | None:
    key = term_key(term)
    alts = []
    for part in alternatives.split(","):
        stems = alternative_stems(part)
        if stems and stems != key and stems not in alts:
            alts.append(stems)
    if not key or not alts:
        return None
    return Synonym(term=term, key=key, alternatives=tuple(alts))


def builtin_synonyms() -> list[Synonym]:
    """The built-in list, parsed."""
    return [
        synonym
        for term, alternatives in BUILTIN_SYNONYMS.items()
        if (synonym := parse(term, alternatives)) is not None
    ]


_cache: dict[tuple, dict[tuple[str, ...], Synonym]] = {}


def effective_synonyms(municipality_id: int) -> dict[tuple[str, ...], Synonym]:
    """The built-in list with the municipality's own entries applied.

    An own entry with the same word (compared by stems) replaces the built-in
    one; an own entry switched off removes the word altogether.
    """
    rows = tuple(
        SearchSynonym.objects.filter(municipality_id=municipality_id)
        .order_by("pk")
        .values_list("term", "alternatives", "is_active")
    )
    found = _cache.get(rows)
    if found is None:
        found = {synonym.key: synonym for synonym in builtin_synonyms()}
        for term, alternatives, active in rows:
            key = term_key(term)
            if not active:
                found.pop(key, None)
            elif synonym := parse(term, alternatives):
                found[key] = synonym
        if len(_cache) > 64:
            _cache.clear()
        _cache[rows] = found
    return found


def builtin_entries() -> list[tuple[str, str]]:
    """(word, alternatives) of the built-in list, for showing to coordinators."""
    return sorted(BUILTIN_SYNONYMS.items(), key=lambda item: fold(item[0]))
