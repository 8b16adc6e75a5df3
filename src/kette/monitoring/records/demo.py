"""A fictional school-entry screening (Schuleingangsuntersuchung) for the demo.

``kette demo`` writes it to ``DATA_DIR/demo/schuleingangsuntersuchung-<year>.csv``
and prints the command that imports it; it does not import it itself, so
that people try ``kette import_records`` on a file of the kind a health office
delivers: one row per child with name, birth date, address and findings.
Every person is invented; a few children are listed twice (another spelling
of the name, the birth date written the other way), as in real exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import shlex
import sys
from pathlib import Path
from random import Random

from django.conf import settings
from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.geography import random_point_in
from kette.core.demo.places import MUSTERSTADT, Area
from kette.core.models import District, Municipality

#: The school year the demo file describes: children starting school in August.
YEAR = 2025
CHILDREN = 1500
REPEATED = 8
SPEC = Path(__file__).resolve().parents[1] / "data" / "screening-spec.json"
COLUMNS = [
    "Schuljahr",
    "Untersuchungsdatum",
    "Vorname",
    "Nachname",
    "Geburtsdatum",
    "Geschlecht",
    "Straße",
    "Hausnummer",
    "Breitengrad",
    "Längengrad",
    "Sprachförderbedarf",
    "Gewicht",
    "Körperkoordination",
    "U8/U9 vollständig",
    "Masernimpfung",
]
# fmt: off
GIRLS = (
    "Emilia", "Mia", "Sophia", "Emma", "Hannah", "Lina", "Mila", "Ella", "Leni",
    "Clara", "Lea", "Marie", "Frieda", "Ida", "Mathilda", "Lotta", "Nele",
    "Zeynep", "Elif", "Defne", "Aylin", "Amira", "Lara", "Julia", "Zofia",
    "Maja", "Alina", "Sara", "Layla", "Anna",
)
BOYS = (
    "Noah", "Matteo", "Elias", "Leon", "Paul", "Luca", "Finn", "Henry", "Emil",
    "Theo", "Ben", "Jonas", "Felix", "Anton", "Liam", "Milan", "Moritz", "Jakob",
    "Yusuf", "Emir", "Mustafa", "Ali", "Omar", "Adam", "Mateusz", "Jan",
    "Luis", "David", "Karim", "Leo",
)
SURNAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
    "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Hofmann",
    "Hartmann", "Krüger", "Lange", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Kaiser", "Brinkmann", "Kowalski", "Nowak", "Yılmaz",
    "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Arslan", "Haddad", "Nasser",
    "Popescu", "Ivanova", "Wiśniewski", "Janssen", "Terhorst", "Kühn",
    "Hölscher", "Overbeck", "Büscher", "Kamps", "Terhaag", "van Dyck",
)
# fmt: on


def _coordinate(value: float) -> str:
    """With a decimal comma, as a German spreadsheet exports it."""
    return f"{value:.6f}".replace(".", ",")


def _share(base: float, strength: float, profile: float) -> float:
    """A probability that grows with the district's social profile (−1 … +1)."""
    return min(max(base + strength * profile, 0.01), 0.95)


def _findings(random: Random, profile: float) -> list[str]:
    speech = "ja" if random.random() < _share(0.24, 0.16, profile) else "nein"
    weight = random.random()
    heavy = _share(0.11, 0.05, profile)
    if weight < heavy * 0.35:
        bmi = "Adipositas"
    elif weight < heavy:
        bmi = "Übergewicht"
    elif weight < heavy + 0.06:
        bmi = "Untergewicht"
    else:
        bmi = "Normalgewicht"
    if random.random() < 0.02:
        bmi = ""  # not weighed
    motor = (
        "auffällig" if random.random() < _share(0.15, 0.06, profile) else "unauffällig"
    )
    if random.random() < _share(0.05, 0.03, profile):
        checkups = "U-Heft nicht vorgelegt"
    else:
        checkups = "nein" if random.random() < _share(0.09, 0.07, profile) else "ja"
    if random.random() < _share(0.07, 0.03, profile):
        measles = "Impfpass nicht vorgelegt"
    else:
        doses = random.random()
        missing = _share(0.06, 0.04, profile)
        measles = (
            "keine"
            if doses < missing * 0.3
            else "1 Dosis"
            if doses < missing
            else "2 Dosen"
        )
    return [speech, bmi, motor, checkups, measles]


def _day(random: Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=random.randint(0, (last - first).days))


def _children(
    leaves: list[District], areas: dict[str, Area], year: int, random: Random
) -> list[list[str]]:
    total = sum(areas[d.code].residents if d.code in areas else 1 for d in leaves)
    school_year = f"{year}/{(year + 1) % 100:02d}"
    rows: list[list[str]] = []
    used: set[tuple[str, str, dt.date]] = set()
    for district in leaves:
        area = areas.get(district.code)
        profile = area.profile if area else 0.0
        weight = (area.residents if area else 1) / total
        # poorer, younger districts have more children per resident
        count = round(CHILDREN * weight * (1 + 0.25 * profile))
        streets = area.streets if area else ("Hauptstraße",)
        for _n in range(count):
            girl = random.random() < 0.49
            lon, lat = random_point_in(district, random)
            while True:  # invented twins of name and birthday would be repeats
                first = random.choice(GIRLS if girl else BOYS)
                last = random.choice(SURNAMES)
                born = _day(random, dt.date(year - 7, 10, 1), dt.date(year - 6, 9, 30))
                if (first, last, born) not in used:
                    used.add((first, last, born))
                    break
            seen = _day(random, dt.date(year - 1, 11, 1), dt.date(year, 6, 30))
            rows.append(
                [
                    school_year,
                    seen.strftime("%d.%m.%Y"),
                    first,
                    last,
                    born.strftime("%d.%m.%Y"),
                    "w" if girl else "m",
                    random.choice(streets),
                    str(random.randint(1, 120)),
                    _coordinate(lat),
                    _coordinate(lon),
                    *_findings(random, profile),
                ]
            )
    return rows


def _repeat(row: list[str]) -> list[str]:
    """The same child once more, as a second export spells it."""
    again = list(row)
    again[2], again[3] = row[2].upper(), f" {row[3]}"
    born = dt.datetime.strptime(row[4], "%d.%m.%Y").date()
    again[4] = born.isoformat()
    return again


def write_demo_screening(
    path: Path, municipality: Municipality, year: int, seed: str
) -> int:
    """Write the fictional screening of ``year`` to ``path``; the number of rows.

    Children live at points inside the municipality's lowest-level districts,
    more of them and with more findings where the social profile is worse.
    """
    random = Random(seed)
    leaves = list(
        District.objects.for_municipality(municipality)
        .filter(children__isnull=True, geometry__isnull=False)
        .order_by("code")
    )
    areas = {area.code: area for area in MUSTERSTADT.areas}
    rows = _children(leaves, areas, year, random)
    rows += [_repeat(row) for row in random.sample(rows, min(REPEATED, len(rows)))]
    rows.sort(key=lambda row: (row[1][6:], row[1][3:5], row[1][:2]))  # by exam date
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return len(rows)


def demo_screening_path(year: int = YEAR) -> Path:
    return Path(settings.DATA_DIR) / "demo" / f"schuleingangsuntersuchung-{year}.csv"


@register(order=70)
def write_screening_file(context: DemoContext) -> None:
    """Write the screening file (after the monitoring, order 60); import: by hand."""
    municipality = context.municipalities.get(MUSTERSTADT.slug)
    if municipality is None:
        return
    path = demo_screening_path()
    rows = write_demo_screening(path, municipality, YEAR, f"{context.seed}:screening")
    context.say(
        _(
            "School-entry screening %(year)d (fictional, %(rows)d rows): %(path)s; "
            "import it with:"
        )
        % {"year": YEAR, "rows": rows, "path": path}
    )
    # the command of this installation (.venv/bin/kette), ready to paste
    installed = Path(sys.executable).with_name("kette")
    program = str(installed) if installed.exists() else "kette"
    command = [program, "import_records", str(path)]
    command += ["--municipality", MUSTERSTADT.slug, "--spec", str(SPEC)]
    context.say(f"  {shlex.join(command)}")
