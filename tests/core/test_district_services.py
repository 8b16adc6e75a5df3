"""Editing one district: district_create and district_update (used by the admin)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kette.core.models import AuditEntry, District
from kette.core.services.districts import KEEP, district_create, district_update
from tests.core.factories import DistrictFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def tree(municipality):
    """Mitte (0) > Altstadt (1) > Markt (2); Ost (0) beside it."""
    mitte = DistrictFactory(municipality=municipality, code="01", name="Mitte")
    altstadt = DistrictFactory(
        municipality=municipality, code="0101", name="Altstadt", parent=mitte, level=1
    )
    markt = DistrictFactory(
        municipality=municipality, code="010101", name="Markt", parent=altstadt, level=2
    )
    ost = DistrictFactory(municipality=municipality, code="02", name="Ost")
    return mitte, altstadt, markt, ost


def update(district: District, actor, **changes) -> District:
    values = {
        "name": district.name,
        "code": district.code,
        "parent": district.parent,
        "level_name": district.level_name,
    }
    return district_update(actor=actor, district=district, **(values | changes))


def parent_error(excinfo) -> str:
    return " ".join(excinfo.value.message_dict["parent"])


def test_moving_a_district_relevels_everything_below_it(tree, state_admin):
    mitte, altstadt, markt, ost = tree
    update(District.objects.get(pk=mitte.pk), state_admin, parent=ost)
    levels = dict(District.objects.values_list("code", "level"))
    assert levels == {"02": 0, "01": 1, "0101": 2, "010101": 3}
    moved = AuditEntry.objects.get(object_id=str(mitte.pk))
    assert moved.actor == state_admin and moved.action == "update"
    assert moved.changes == {"parent": [None, ost.pk], "level": [0, 1]}
    below = AuditEntry.objects.filter(object_id__in=[altstadt.pk, markt.pk])
    assert sorted(e.changes["level"] for e in below) == [[1, 2], [2, 3]]
    assert all(set(e.changes) == {"level"} for e in below)
    assert AuditEntry.objects.count() == 3


def test_moving_to_the_top_level(tree, state_admin):
    _mitte, altstadt, markt, _ost = tree
    update(District.objects.get(pk=altstadt.pk), state_admin, parent=None)
    markt.refresh_from_db()
    altstadt.refresh_from_db()
    assert (altstadt.level, markt.level) == (0, 1)


@pytest.mark.parametrize("new_parent", ["itself", "child", "grandchild"])
def test_a_district_cannot_lie_within_itself(tree, state_admin, new_parent):
    mitte, altstadt, markt, _ost = tree
    target = {"itself": mitte, "child": altstadt, "grandchild": markt}[new_parent]
    with pytest.raises(ValidationError) as excinfo:
        update(District.objects.get(pk=mitte.pk), state_admin, parent=target)
    assert "cannot lie within itself" in parent_error(excinfo)
    mitte.refresh_from_db()
    assert mitte.parent is None and mitte.level == 0
    assert not AuditEntry.objects.exists()


def test_the_parent_must_be_in_the_same_municipality(
    tree, state_admin, other_municipality
):
    foreign = DistrictFactory(municipality=other_municipality, code="99")
    mitte = tree[0]
    with pytest.raises(ValidationError) as excinfo:
        update(District.objects.get(pk=mitte.pk), state_admin, parent=foreign)
    assert "same municipality" in parent_error(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        district_create(
            actor=state_admin,
            municipality=mitte.municipality,
            code="03",
            name="Neu",
            parent=foreign,
        )
    assert "same municipality" in parent_error(excinfo)
    assert not AuditEntry.objects.exists()


def test_a_new_geometry_moves_the_bounding_box(tree, state_admin):
    ost = District.objects.get(pk=tree[3].pk)
    update(ost, state_admin, geometry=square(7.0, 52.0, size=0.5))
    ost.refresh_from_db()
    assert (ost.min_lon, ost.min_lat, ost.max_lon, ost.max_lat) == (
        7.0,
        52.0,
        7.5,
        52.5,
    )
    entry = AuditEntry.objects.get(object_id=str(ost.pk))
    assert set(entry.changes) == {"geometry"}
    update(ost, state_admin, geometry=None)
    ost.refresh_from_db()
    assert ost.geometry is None and ost.min_lon is None and ost.max_lat is None


def test_keep_leaves_the_geometry_and_rename_is_audited(tree, state_admin):
    ost = District.objects.get(pk=tree[3].pk)
    geometry = ost.geometry
    update(ost, state_admin, name="Osten", geometry=KEEP)
    ost.refresh_from_db()
    assert ost.geometry == geometry and ost.name == "Osten"
    entry = AuditEntry.objects.get(object_id=str(ost.pk))
    assert entry.changes == {"name": ["Ost", "Osten"]}


def test_a_geometry_that_is_not_an_area_is_rejected(tree, state_admin):
    ost = District.objects.get(pk=tree[3].pk)
    with pytest.raises(ValidationError) as excinfo:
        update(ost, state_admin, geometry={"type": "Point", "coordinates": [7, 52]})
    assert "only Polygon and MultiPolygon" in " ".join(
        excinfo.value.message_dict["geometry"]
    )


def test_create_sets_level_and_bounding_box(tree, state_admin):
    altstadt = tree[1]
    district = district_create(
        actor=state_admin,
        municipality=altstadt.municipality,
        code="010102",
        name="Hafen",
        parent=altstadt,
        level_name="Planungsraum",
        geometry=square(6.9, 51.5, size=0.25),
    )
    district.refresh_from_db()
    assert district.level == 2
    assert (district.min_lon, district.max_lat) == (6.9, 51.75)
    entry = AuditEntry.objects.get(object_id=str(district.pk))
    assert entry.action == "create" and entry.actor == state_admin
    assert entry.municipality == altstadt.municipality


def test_codes_stay_unique_within_the_municipality(tree, state_admin):
    ost = District.objects.get(pk=tree[3].pk)
    with pytest.raises(ValidationError):
        update(ost, state_admin, code="01")
    ost.refresh_from_db()
    assert ost.code == "02"
