"""How the demo describes an offer, and the word lists offers are made from.

A :class:`Template` describes one kind of offer as a town has it; it becomes
one offer per organisation (at the organisation's address), or one offer per
Stadtteil in ``areas`` (organisations taken in turn), or, with ``multi``, one
offer with a place in each of ``areas``.
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR = 12  # months


@dataclass(frozen=True)
class Template:
    key: str  # stable: part of the offers' UUIDs
    title: str  # may hold {place} (the Stadtteil) and {org} (the organisation)
    ages: tuple[int | None, int | None]  # months, pregnancy negative, upper exclusive
    fields: tuple[str, ...]
    targets: tuple[str, ...]
    providers: tuple[str, ...]  # organisation aliases (see ORGANISATIONS)
    summary: str
    description: str
    areas: tuple[str, ...] = ()
    multi: bool = False
    # "Di 09:00-11:00; Do 15:00-17:00" weekly, "kurs Mi 10:00-11:30 x8" a course
    # of dated sessions, "termin Sa 10:00-16:00" one dated session ("x2": two).
    times: str = ""
    standards: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # besides German
    fee: str = ""  # empty: free of charge
    registration: str = ""  # empty: no registration needed
    capacity: int | None = None
    contact: str = "Ansprechpartnerin"
    venue: str = ""  # name of the place; empty: the organisation's name
    # Fixed statuses of the offers made from this template (in order); the
    # others draw theirs. The first offer of a template is published unless
    # a status is fixed here, so every kind of offer can be found.
    statuses: tuple[str, ...] = ()


WEEKDAYS = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}

# fmt: off
FIRST_NAMES = (
    "Anna", "Sabine", "Julia", "Katrin", "Melanie", "Stefanie", "Claudia", "Nicole",
    "Sandra", "Christina", "Laura", "Lena", "Miriam", "Aylin", "Elif", "Fatma",
    "Zeynep", "Leyla", "Nour", "Rania", "Olga", "Natalia", "Swetlana", "Oksana",
    "Agnieszka", "Katarzyna", "Maria", "Sophie", "Hannah", "Jana", "Birgit",
    "Petra", "Michael", "Thomas", "Andreas", "Stefan", "Markus", "Jan", "Tobias",
    "Daniel", "Murat", "Emre", "Ahmad", "Karim", "Dmitri", "Piotr", "Lukas",
    "Jonas", "Felix", "Frank",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
    "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange",
    "Werner", "Krause", "Lehmann", "Köhler", "Kaiser", "Fuchs", "Peters", "Jansen",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Haddad", "Khalil",
    "Nasser", "Iwanow", "Petrow", "Kowalski", "Nowak", "Wiśniewska", "Kovalenko",
    "Schäfer", "Bäcker", "Große", "Brüggemann", "Nießen",
)
ACCESSIBILITY = (
    "Barrierefreier Zugang, Aufzug vorhanden.",
    "Ebenerdiger Eingang; Kinderwagen können im Flur abgestellt werden.",
    "Eingang mit zwei Stufen, mobile Rampe auf Nachfrage.",
    "Räume im ersten Stock ohne Aufzug.",
    "Barrierefreies WC und Wickelraum vorhanden.",
    "Rollstuhlgerecht; induktive Höranlage im Gruppenraum.",
    "",
    "",
)
# How often a further language is offered besides German (per offer); offers
# for families with a migration history offer them more often.
LANGUAGE_ODDS = {
    "tr": 0.22, "ar": 0.18, "uk": 0.14, "ru": 0.12, "en": 0.14, "pl": 0.08,
    "ro": 0.04, "bg": 0.04, "fa": 0.04, "ku": 0.03, "sq": 0.02, "sr": 0.015,
    "hr": 0.015, "bs": 0.015, "el": 0.015, "it": 0.015, "es": 0.015, "fr": 0.02,
    "pt": 0.01, "ti": 0.015, "so": 0.015, "vi": 0.01, "ur": 0.01,
}
FEE_NOTE = "Mit dem Bildungs- und Teilhabe-Paket oder dem Familienpass kostenfrei."
REGISTRATION_DEFAULT = "Anmeldung telefonisch oder per E-Mail."
RETURN_COMMENTS = (
    "Bitte ergänzen Sie die Uhrzeiten und ob eine Anmeldung nötig ist.",
    "Bitte beschreiben Sie kurz, für welches Alter das Angebot gedacht ist.",
    "Die Adresse des Veranstaltungsorts fehlt noch – bitte nachtragen.",
)
PENDING_NOTES = (
    "Neu: Ab dem nächsten Monat beginnen wir eine Stunde später.",
    "Neu: Wir haben eine zweite Gruppe eröffnet – fragen Sie nach freien Plätzen.",
    "Neu: Die Termine finden jetzt auch auf Englisch statt.",
)
# fmt: on
