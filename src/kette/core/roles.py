"""Which roles a user holds where: the facts the permission rules are made of."""

from __future__ import annotations

from typing import Any

from .models import Membership, Municipality, Organisation, Role

_CACHE_ATTR = "_kette_roles"


def roles_by_municipality(user: Any) -> dict[int, set[str]]:
    """{municipality id: {role, ...}} for the user, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        for municipality_id, role in Membership.objects.filter(user=user).values_list(
            "municipality_id", "role"
        ):
            cached.setdefault(municipality_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def is_state_admin(user: Any) -> bool:
    """State admins, and superusers (the installation's operators, whom Django
    grants every permission anyway)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (getattr(user, "is_state_admin", False) or user.is_superuser)
    )


def has_role(user: Any, municipality: Municipality | None, *roles: str) -> bool:
    if municipality is None:
        return False
    held = roles_by_municipality(user).get(municipality.pk, set())
    return bool(held.intersection(roles)) if roles else bool(held)


def edits_organisation(user: Any, organisation: Organisation) -> bool:
    """True when the user is a provider editor bound to this organisation."""
    if not has_role(user, organisation.municipality, Role.PROVIDER_EDITOR):
        return False
    return Membership.objects.filter(
        user=user,
        role=Role.PROVIDER_EDITOR,
        municipality_id=organisation.municipality_id,
        organisations=organisation,
    ).exists()
