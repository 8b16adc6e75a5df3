"""The audit trail records who changed what, with old and new values."""

from __future__ import annotations

import pytest

from kette.core.models import AuditEntry, Organisation, Role, Sector
from kette.core.services.accounts import api_token_create, membership_grant
from kette.core.services.organisations import (
    organisation_create,
    organisation_delete,
    organisation_update,
)
from tests.core.factories import UserFactory


def test_creating_an_organisation_records_who_and_all_fields(municipality, coordinator):
    organisation = organisation_create(
        actor=coordinator,
        municipality=municipality,
        sector=Sector.objects.get(code="health"),
        name="Hebammenpraxis Sonnenschein",
        city="Musterstadt",
    )
    entry = AuditEntry.objects.get()
    assert entry.actor == coordinator
    assert entry.actor_name == "koordination"
    assert entry.municipality == municipality
    assert entry.action == "create"
    assert entry.object_type == "kette_core.Organisation"
    assert entry.object_id == str(organisation.pk)
    assert entry.changes["name"] == [None, "Hebammenpraxis Sonnenschein"]


def test_updating_records_only_changed_fields_old_to_new(
    municipality, coordinator, organisation
):
    old_name = organisation.name
    organisation_update(
        actor=coordinator,
        organisation=organisation,
        name="Neuer Name",
        city=organisation.city,
    )
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes == {"name": [old_name, "Neuer Name"]}


def test_an_update_without_changes_records_nothing(coordinator, organisation):
    organisation_update(
        actor=coordinator, organisation=organisation, name=organisation.name
    )
    assert not AuditEntry.objects.exists()


def test_deleting_keeps_the_last_values(coordinator, organisation):
    name = organisation.name
    organisation_delete(actor=coordinator, organisation=organisation)
    assert not Organisation.objects.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.changes["name"] == [name, None]
    assert entry.object_repr == name


def test_a_failed_write_leaves_no_audit_entry(municipality, coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        organisation_create(
            actor=coordinator,
            municipality=municipality,
            sector=Sector.objects.get(code="health"),
            name="",
        )
    assert not AuditEntry.objects.exists()
    assert not Organisation.objects.exists()


def test_membership_grants_are_audited_and_idempotent(municipality, organisation):
    user = UserFactory()
    actor = UserFactory(is_state_admin=True)
    membership_grant(
        actor=actor,
        user=user,
        municipality=municipality,
        role=Role.PROVIDER_EDITOR,
        organisations=[organisation],
    )
    membership_grant(
        actor=actor,
        user=user,
        municipality=municipality,
        role=Role.PROVIDER_EDITOR,
        organisations=[organisation],
    )
    assert user.memberships.count() == 1
    entries = AuditEntry.objects.filter(object_type="kette_core.Membership")
    assert entries.count() == 1
    assert entries.get().changes["role"] == [None, Role.PROVIDER_EDITOR]


def test_membership_grant_refuses_organisations_of_another_municipality(
    municipality, other_municipality
):
    from django.core.exceptions import ValidationError

    from tests.core.factories import OrganisationFactory

    foreign = OrganisationFactory(municipality=other_municipality)
    user = UserFactory()
    with pytest.raises(ValidationError):
        membership_grant(
            actor=None,
            user=user,
            municipality=municipality,
            role=Role.PROVIDER_EDITOR,
            organisations=[foreign],
        )
    assert not user.memberships.exists()
    assert not AuditEntry.objects.exists()


def test_membership_revoke_deletes_and_records(municipality):
    from kette.core.services.accounts import membership_revoke

    user = UserFactory()
    membership = membership_grant(
        actor=None, user=user, municipality=municipality, role=Role.PLANNER
    )
    membership_revoke(actor=None, membership=membership)
    assert not user.memberships.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.changes["role"] == [Role.PLANNER, None]


def test_api_token_audit_never_contains_the_secret(municipality):
    user = UserFactory()
    token, raw = api_token_create(actor=user, user=user, name="Skript")
    entry = AuditEntry.objects.get(object_type="kette_core.ApiToken")
    assert raw not in str(entry.changes)
    assert token.key_hash not in str(entry.changes)


def test_geometry_is_recorded_as_a_short_fingerprint_not_the_outline(municipality):
    from kette.core import audit
    from tests.core.factories import DistrictFactory, square

    district = DistrictFactory(municipality=municipality)
    before = audit.snapshot(district)
    district.geometry = square(7.0, 51.0, size=0.5)
    district.save()
    audit.record_updated(actor=None, instance=district, before=before, actor_name="x")
    old, new = AuditEntry.objects.get().changes["geometry"]
    assert old.startswith("Polygon #") and new.startswith("Polygon #")
    assert old != new
    assert "coordinates" not in new


def test_population_changes_belong_to_the_district_municipality(municipality):
    from kette.core import audit
    from kette.core.models import AgeBand, DistrictPopulation
    from tests.core.factories import DistrictFactory

    figure = DistrictPopulation.objects.create(
        district=DistrictFactory(municipality=municipality),
        year=2024,
        age_band=AgeBand.objects.get(code="3-6"),
        count=420,
    )
    audit.record_created(actor=None, instance=figure, actor_name="import")
    assert AuditEntry.objects.get().municipality == municipality
