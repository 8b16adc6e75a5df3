"""kette's vocabularies as HSDS taxonomies, and matching HSDS terms to them.

The export writes one taxonomy per vocabulary (fields of action, target
groups, life phases, prevention standards; sectors for organisations) with
term codes ``<vocabulary>:<code>`` (HSDS wants codes unique across
taxonomies), so an export reads back exactly. On import a term matches a
kette term by that code, by the plain kette code, or by its German or
English label, case-insensitively; a term's taxonomy, when it is one of
kette's (by id or name), restricts the search to that vocabulary.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from kette.core.models import AgeBand, Sector

# Namespace of the ids kette makes up for what it exports (stable across runs).
NAMESPACE = uuid.UUID("6f1c1a52-4b51-4c8f-9a7e-3f0b6de4a9b1")


def made_id(*parts: Any) -> str:
    """A stable UUID for something kette exports without an HSDS id of its own."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


@dataclass(frozen=True)
class Vocabulary:
    field: str  # content key (or "sector", "age_band")
    slug: str
    name_de: str
    name_en: str


OFFER_VOCABULARIES = (
    Vocabulary(
        "fields_of_action", "fields-of-action", "Handlungsfelder", "Fields of action"
    ),
    Vocabulary("target_groups", "target-groups", "Zielgruppen", "Target groups"),
    Vocabulary("life_phases", "life-phases", "Lebensphasen", "Life phases"),
    Vocabulary(
        "prevention_standards",
        "prevention-standards",
        "Präventionsstandards",
        "Prevention standards",
    ),
)
AGE_BANDS = Vocabulary("age_band", "age-bands", "Altersgruppen", "Age bands")
SECTORS = Vocabulary("sector", "sectors", "Sektoren", "Sectors")
ALL = (*OFFER_VOCABULARIES, AGE_BANDS, SECTORS)


def taxonomy_id(vocabulary: Vocabulary) -> str:
    return made_id("taxonomy", vocabulary.slug)


def term_id(vocabulary: Vocabulary, code: str) -> str:
    return made_id("term", vocabulary.slug, code)


def term_code(vocabulary: Vocabulary, code: str) -> str:
    return f"{vocabulary.slug}:{code}"


def _fold(text: Any) -> str:
    """Compare case-insensitively; dashes, underscores and spaces alike."""
    text = str(text).replace("–", "-").replace("_", "-").casefold()
    return "-".join(text.split())


class TermMatcher:
    """Finds the kette term an HSDS taxonomy term stands for."""

    def __init__(self, terms: dict[str, dict[str, Any]]) -> None:
        """``terms``: kette's active terms by content key, then by code."""
        self.vocabularies: dict[str, Vocabulary] = {}
        self.keys: dict[str, dict[str, str]] = {}
        sources = dict(terms)
        sources["age_band"] = {
            t.code: t for t in AgeBand.objects.filter(is_active=True)
        }
        sources["sector"] = {t.code: t for t in Sector.objects.filter(is_active=True)}
        self.age_bands = sources["age_band"]
        self.sectors = sources["sector"]
        self.by_taxonomy: dict[str, str] = {}
        for vocabulary in ALL:
            found = sources.get(vocabulary.field, {})
            keys: dict[str, str] = {}
            for code, term in found.items():
                keys.setdefault(_fold(code), code)
                for label in (term.label_de, term.label_en):
                    keys.setdefault(_fold(label), code)
            self.keys[vocabulary.field] = keys
            self.vocabularies[vocabulary.field] = vocabulary
            for name in (
                vocabulary.slug,
                f"kette-{vocabulary.slug}",
                vocabulary.name_de,
                vocabulary.name_en,
                taxonomy_id(vocabulary),
            ):
                self.by_taxonomy[_fold(name)] = vocabulary.field

    def match(
        self,
        term: dict[str, Any],
        taxonomy: dict[str, Any] | None,
        *,
        fields: tuple[str, ...],
    ) -> tuple[str, str] | None:
        """(content key, kette code) of ``term`` among ``fields``, or None."""
        code = _fold(term.get("code") or "")
        if ":" in code:
            slug, _sep, plain = code.partition(":")
            for field in fields:
                if self.vocabularies[field].slug == slug and plain in self.keys[field]:
                    return field, self.keys[field][plain]
        restricted = self._taxonomy_field(term, taxonomy)
        if restricted is not None:
            if restricted not in fields:
                return None
            fields = (restricted,)
        name = _fold(term.get("name") or "")
        for key in (code, name):
            if not key:
                continue
            for field in fields:
                found = self.keys[field].get(key)
                if found:
                    return field, found
        return None

    def _taxonomy_field(self, term, taxonomy) -> str | None:
        candidates = [term.get("taxonomy_id"), term.get("taxonomy")]
        if taxonomy:
            candidates += [taxonomy.get("id"), taxonomy.get("name")]
        for candidate in candidates:
            if candidate:
                found = self.by_taxonomy.get(_fold(candidate))
                if found:
                    return found
        return None
