"""Creating a municipality (a new tenant), from the command line or the staff UI."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from .. import audit
from ..models import Municipality

# German letters slugify would drop or flatten ("Mülheim" → "mulheim").
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def municipality_slug_for(name: str) -> str:
    """The short name in addresses a municipality called ``name`` gets by default."""
    return slugify(name.translate(_GERMAN))[:60].strip("-")


@transaction.atomic
def municipality_create(
    *,
    actor: Any,
    name: str,
    slug: str = "",
    ags: str = "",
    kind: str,
    state: str = "",
    actor_name: str = "",
) -> Municipality:
    """Create a municipality and record it in the audit trail.

    ``slug`` defaults to one made from the name; ``state`` to the one the AGS
    names. Raises ``ValidationError`` (by field) when anything is invalid.
    """
    ags = (ags or "").strip()
    municipality = Municipality(
        name=name.strip(),
        slug=(slug or "").strip() or municipality_slug_for(name),
        ags=ags or None,
        kind=kind,
        state=state or ags[:2],
    )
    municipality.full_clean()
    municipality.save()
    audit.record_created(actor=actor, instance=municipality, actor_name=actor_name)
    return municipality
