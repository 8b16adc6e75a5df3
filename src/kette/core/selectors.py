"""Reads of core data. Every read of municipal data takes its municipality."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import AuditEntry, District, Membership, Municipality, Organisation


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


def district_get(*, municipality: Municipality, code: str) -> District:
    return district_list(municipality=municipality).get(code=code)


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


def audit_entry_list(
    *, municipality: Municipality, object_type: str = "", actor: str = ""
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(municipality=municipality)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if actor:
        entries = entries.filter(actor_name=actor)
    return entries.order_by("-at", "-id")


def municipality_summary(*, municipality: Municipality) -> dict[str, int]:
    return {
        "districts": District.objects.for_municipality(municipality).count(),
        "organisations": Organisation.objects.for_municipality(municipality).count(),
        "members": Membership.objects.filter(municipality=municipality).aggregate(
            n=Count("user", distinct=True)
        )["n"],
    }
