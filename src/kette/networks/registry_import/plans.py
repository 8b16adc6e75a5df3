"""What the import plans to write: people, bodies, members; and the value helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from kette.core.models import AgeBand, FieldOfAction, LifePhase
from kette.goals.grid_files import fold

from ..models import Body, Person

TEXT_KEYS = ("short_name", "description", "contact_email", "contact_phone")
TERM_KEYS = {
    "fields_of_action": FieldOfAction,
    "age_bands": AgeBand,
    "life_phases": LifePhase,
}
YES = {"ja", "yes", "true", "1", "x", "wahr", "öffentlich", "public"}
NO = {"nein", "no", "false", "0", "falsch", "", "intern", "internal"}
MEMBER_DETECT = {"first_name", "last_name", "organisation", "role", "joined_on"}


def index_by_name(items, names) -> dict[str, list]:
    """{folded name: the items of that name}; ``names(item)`` lists them."""
    found: dict[str, list] = {}
    for item in items:
        for name in {fold(str(text)) for text in names(item) if text}:
            found.setdefault(name, []).append(item)
    return found


def choice_names(choices) -> dict[str, list]:
    """TextChoices by their code and German and English label."""
    found: dict[str, list] = {}
    for language in ("de", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                if value:
                    for name in (value, str(label)):
                        found.setdefault(fold(name), [value])
    return found


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


@dataclass
class PersonPlan:
    row: int
    at: tuple
    first_name: str
    last_name: str
    email: str = ""
    person: Person | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class BodyPlan:
    row: int
    at: tuple
    name: str
    body: Body | None
    values: dict[str, Any]
    topics: list[str] | None = None
    parent: str = ""
    lead: PersonPlan | None = None
    parent_plan: BodyPlan | Body | None = None
    members: int = 0


@dataclass
class MemberPlan:
    row: int
    at: tuple
    body: BodyPlan | Body
    person: PersonPlan | None
    values: dict[str, Any]


@dataclass
class BodySummary:
    name: str
    new: bool
    members: int


@dataclass
class RegistryImportResult:
    files: list[str]
    bodies_created: int = 0
    bodies_updated: int = 0
    people_created: int = 0
    members_created: int = 0
    members_updated: int = 0
    bodies: list[BodySummary] = field(default_factory=list)
