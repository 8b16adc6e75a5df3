"""What every search reads besides the index, once per process.

The vocabularies a search filters and counts by (age bands, life phases,
fields of action, languages, target groups) are held in memory and read
again when one of them changes: every save or delete of a term raises
``GENERATION`` (signals; imports that write in bulk call ``terms_changed``),
and other processes read them again after ``TERMS_SECONDS`` at the latest.
A municipality's districts are kept under a stamp (their number and latest
``updated_at``, one small query): a renamed, added or removed district shows
in the next search in every process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from kette.core.districts import district_tree
from kette.core.models import (
    AgeBand,
    District,
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    TargetGroup,
)

#: Search parameter → vocabulary.
TERM_MODELS = {
    "age_band": AgeBand,
    "life_phase": LifePhase,
    "field": FieldOfAction,
    "language": Language,
    "target_group": TargetGroup,
}
TERMS_SECONDS = 30
DISTRICTS_KEPT = 64


@dataclass(frozen=True)
class Term:
    code: str
    label_de: str
    label_en: str
    is_active: bool
    min_months: int | None = None
    max_months: int | None = None

    @property
    def label(self) -> str:
        english = (get_language() or "de").startswith("en")
        return self.label_en if english else self.label_de


@dataclass(frozen=True)
class DistrictRows:
    """The districts as (code, name, parent code) and, per code, the codes
    of the district and those below it."""

    rows: list[tuple[str, str, str | None]]
    below: dict[str, list[str]]


_lock = threading.Lock()
_generation = 0
_terms: tuple[int, float, dict[str, dict[str, Term]]] | None = None
_districts: dict[int, tuple[tuple, DistrictRows]] = {}


def terms_changed(**_kwargs) -> None:
    """A vocabulary changed: the next search reads them again."""
    global _generation
    with _lock:
        _generation += 1


for _model in TERM_MODELS.values():
    post_save.connect(terms_changed, sender=_model, dispatch_uid=f"terms-{_model}")
    post_delete.connect(terms_changed, sender=_model, dispatch_uid=f"terms-d-{_model}")


def _read_terms() -> dict[str, dict[str, Term]]:
    found: dict[str, dict[str, Term]] = {}
    for name, model in TERM_MODELS.items():
        ranged = hasattr(model, "min_months")
        fields = ["code", "label_de", "label_en", "is_active"]
        if ranged:
            fields += ["min_months", "max_months"]
        found[name] = {
            row["code"]: Term(**row) for row in model.objects.values(*fields)
        }
    return found


def search_terms() -> dict[str, dict[str, Term]]:
    """Per search parameter, its terms by code (all, in the vocabulary's order)."""
    global _terms
    now = time.monotonic()
    held = _terms
    if held is not None and held[0] == _generation and now - held[1] < TERMS_SECONDS:
        return held[2]
    generation = _generation
    found = _read_terms()
    _terms = (generation, now, found)
    return found


def active_terms(name: str) -> list[Term]:
    return [term for term in search_terms()[name].values() if term.is_active]


def search_districts(municipality: Municipality) -> DistrictRows:
    """The municipality's districts, read again only when one changed."""
    districts = District.objects.for_municipality(municipality)
    stamp = tuple(
        districts.aggregate(n=Count("pk"), changed=Max("updated_at")).values()
    )
    held = _districts.get(municipality.pk)
    if held is not None and held[0] == stamp:
        return held[1]
    tree = district_tree(municipality=municipality, fields=("name",))
    found = DistrictRows(
        rows=[
            (d.code, d.name, parent.code if (parent := tree.parent(d)) else None)
            for d in tree.districts.values()
        ],
        below={
            d.code: [d.code, *(below.code for below in tree.descendants(d))]
            for d in tree.districts.values()
        },
    )
    with _lock:
        if len(_districts) >= DISTRICTS_KEPT:
            _districts.clear()
        _districts[municipality.pk] = (stamp, found)
    return found
