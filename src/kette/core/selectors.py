"""Reads of core data. Every read of municipal data takes its municipality."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet

from . import roles
from .districts import district_tree
from .models import (
    AgeBand,
    ApiToken,
    AuditEntry,
    District,
    DistrictPopulation,
    Membership,
    Municipality,
    Organisation,
    Role,
    Sector,
    User,
)


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name")


def municipality_get(*, slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def district_list(*, municipality: Municipality) -> QuerySet[District]:
    return (
        District.objects.for_municipality(municipality)
        .select_related("parent")
        .order_by("level", "code")
    )


def organisation_list(
    *, municipality: Municipality, query: str = "", sector: str = ""
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.for_municipality(municipality).select_related(
        "sector"
    )
    if query:
        organisations = organisations.filter(name__icontains=query)
    if sector:
        organisations = organisations.filter(sector__code=sector)
    return organisations.order_by("name")


def organisation_get(*, municipality: Municipality, pk: int) -> Organisation:
    return organisation_list(municipality=municipality).get(pk=pk)


def membership_list(*, municipality: Municipality) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user")
        .prefetch_related("organisations")
        .order_by("role", "user__username")
    )


def membership_get(*, municipality: Municipality, pk: int) -> Membership:
    return Membership.objects.select_related("user").get(
        municipality=municipality, pk=pk
    )


def audit_entry_list(*, municipality: Municipality) -> QuerySet[AuditEntry]:
    """The municipality's change log, newest first (the page filters it)."""
    return AuditEntry.objects.filter(municipality=municipality).order_by("-at", "-id")


def municipality_summary(*, municipality: Municipality) -> dict[str, int]:
    return {
        "districts": District.objects.for_municipality(municipality).count(),
        "organisations": Organisation.objects.for_municipality(municipality).count(),
        "members": Membership.objects.filter(municipality=municipality).aggregate(
            n=Count("user", distinct=True)
        )["n"],
    }


# --- Web shell (public start page, staff area, account page) ---


@dataclass
class PopulationTable:
    year: int | None
    age_bands: list[AgeBand]
    rows: list[dict[str, Any]]


def district_population_table(*, municipality: Municipality) -> PopulationTable:
    """Districts in hierarchy order with residents per age band in the latest year."""
    populations = DistrictPopulation.objects.filter(district__municipality=municipality)
    year = populations.aggregate(latest=Max("year"))["latest"]
    counts: dict[tuple[int, int], int] = {}
    if year is not None:
        for district_id, band_id, count in populations.filter(year=year).values_list(
            "district_id", "age_band_id", "count"
        ):
            counts[(district_id, band_id)] = count
    bands = list(AgeBand.objects.filter(is_active=True).order_by("position", "code"))
    rows = []
    for node in district_tree(municipality=municipality).ordered():
        cells = [counts.get((node.district.pk, band.pk)) for band in bands]
        known = [c for c in cells if c is not None]
        rows.append(
            {
                "district": node.district,
                "depth": node.depth,
                "counts": cells,
                "total": sum(known) if known else None,
            }
        )
    return PopulationTable(year=year, age_bands=bands, rows=rows)


def organisation_counts_by_sector(*, municipality: Municipality) -> list[dict]:
    """[{"sector": Sector, "count": n}, ...] largest first: a public aggregate."""
    counts = dict(
        Organisation.objects.for_municipality(municipality)
        .values_list("sector")
        .annotate(n=Count("id"))
    )
    sectors = Sector.objects.filter(pk__in=counts)
    return sorted(
        ({"sector": s, "count": counts[s.pk]} for s in sectors),
        key=lambda row: (-row["count"], row["sector"].position),
    )


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.filter(is_active=True).order_by("position", "code")


def organisation_list_for_user(
    *, municipality: Municipality, user: Any
) -> QuerySet[Organisation]:
    """Organisations the user sees in the staff area.

    Provider editors without another role see only the organisations they are
    bound to; every other member and the state admin sees all.
    """
    organisations = organisation_list(municipality=municipality)
    if roles.is_state_admin(user):
        return organisations
    held = roles.roles_by_municipality(user).get(municipality.pk, set())
    if held - {Role.PROVIDER_EDITOR}:
        return organisations
    if Role.PROVIDER_EDITOR not in held:
        return organisations.none()
    return organisations.filter(
        editor_memberships__user=user,
        editor_memberships__municipality=municipality,
        editor_memberships__role=Role.PROVIDER_EDITOR,
    ).distinct()


def audit_entry_get(*, municipality: Municipality, pk: int) -> AuditEntry:
    return AuditEntry.objects.filter(municipality=municipality).get(pk=pk)


def audit_filter_choices(*, municipality: Municipality) -> dict[str, list[str]]:
    """The object types and people that occur in the municipality's audit trail."""
    entries = AuditEntry.objects.filter(municipality=municipality)
    return {
        "object_types": sorted(
            set(entries.values_list("object_type", flat=True).distinct())
        ),
        "actors": sorted(set(entries.values_list("actor_name", flat=True).distinct())),
    }


@dataclass
class MemberRow:
    user: User
    roles: list[str]
    organisations: list[Organisation]
    memberships: list[Membership] = field(default_factory=list)


def member_overview(
    *, municipality: Municipality, memberships: QuerySet[Membership] | None = None
) -> list[MemberRow]:
    """One row per person with their roles and bound organisations; of
    ``memberships`` (the members list filters them), the municipality's own."""
    if memberships is None:
        memberships = membership_list(municipality=municipality)
    rows: dict[int, MemberRow] = {}
    for membership in memberships.filter(municipality=municipality):
        row = rows.setdefault(membership.user_id, MemberRow(membership.user, [], []))
        row.roles.append(membership.get_role_display())
        row.memberships.append(membership)
        row.organisations.extend(membership.organisations.all())
    return sorted(rows.values(), key=lambda r: r.user.username)


def membership_list_for_user(*, user: Any) -> QuerySet[Membership]:
    """The user's own memberships (for the account page)."""
    return (
        Membership.objects.filter(user=user)
        .select_related("municipality")
        .order_by("municipality__name", "role")
    )


def api_token_list_for_user(*, user: Any) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first (for the account page)."""
    return ApiToken.objects.filter(user=user).select_related("user")


def api_token_get_for_user(*, user: Any, pk: int) -> ApiToken:
    """One of the user's own tokens (``ApiToken.DoesNotExist`` for anyone else's)."""
    return ApiToken.objects.select_related("user").get(user=user, pk=pk)
