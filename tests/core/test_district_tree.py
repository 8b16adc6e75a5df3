"""The district tree (kette.core.districts): the one walk over parents and parts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.districts import DistrictTree, district_tree

from .factories import DistrictFactory, MunicipalityFactory


@pytest.fixture
def city(db):
    """Two upper districts (Nord with two parts, one with a part of its own;
    Süd without parts), created out of order; and a district of another city."""
    municipality = MunicipalityFactory()

    def district(code, parent=None):
        return DistrictFactory(
            municipality=municipality,
            code=code,
            name=f"Bezirk {code}",
            parent=parent,
            level=parent.level + 1 if parent else 0,
        )

    sued = district("2")
    nord = district("1")
    nord_b = district("1.2", nord)
    nord_a = district("1.1", nord)
    nord_a_x = district("1.1.1", nord_a)
    DistrictFactory(code="9")
    return SimpleNamespace(
        municipality=municipality,
        nord=nord,
        sued=sued,
        nord_a=nord_a,
        nord_b=nord_b,
        nord_a_x=nord_a_x,
    )


def codes(districts):
    return [d.code for d in districts]


def test_the_tree_is_read_in_one_query_and_holds_only_the_municipalitys_districts(
    city,
):
    with CaptureQueriesContext(connection) as queries:
        tree = district_tree(municipality=city.municipality)
    assert len(queries) == 1
    assert len(tree) == 5
    assert tree.get("9") is None


def test_the_tree_in_order_puts_every_district_right_after_the_one_it_lies_in(city):
    tree = district_tree(municipality=city.municipality)
    assert [(n.district.code, n.depth) for n in tree.ordered()] == [
        ("1", 0),
        ("1.1", 1),
        ("1.1.1", 2),
        ("1.2", 1),
        ("2", 0),
    ]
    assert codes(tree) == ["1", "1.1", "1.1.1", "1.2", "2"]


def test_the_nested_tree_holds_each_districts_parts(city):
    roots = district_tree(municipality=city.municipality).nested()
    assert [n.district.code for n in roots] == ["1", "2"]
    nord, sued = roots
    assert [(n.district.code, n.depth) for n in nord.children] == [
        ("1.1", 1),
        ("1.2", 1),
    ]
    assert [n.district.code for n in nord.children[0].children] == ["1.1.1"]
    assert sued.children == []


def test_descendants_are_everything_below_in_tree_order(city):
    tree = district_tree(municipality=city.municipality)
    assert codes(tree.descendants(city.nord)) == ["1.1", "1.1.1", "1.2"]
    assert codes(tree.descendants(city.nord_a.pk)) == ["1.1.1"]
    assert tree.descendants(city.sued) == []


def test_ancestors_parent_and_root_go_up_nearest_first(city):
    tree = district_tree(municipality=city.municipality)
    assert codes(tree.ancestors(city.nord_a_x)) == ["1.1", "1"]
    assert tree.ancestors(city.nord) == []
    assert tree.parent(city.nord_a_x).code == "1.1"
    assert tree.parent(city.nord) is None
    assert tree.root(city.nord_a_x).code == "1"
    assert tree.root(city.sued).code == "2"


def test_children_of_none_are_the_top_level_districts(city):
    tree = district_tree(municipality=city.municipality)
    assert codes(tree.children()) == ["1", "2"]
    assert codes(tree.children(city.nord)) == ["1.1", "1.2"]
    assert tree.children(city.nord_a_x) == []


def test_leaves_are_the_districts_without_parts_at_any_depth(city):
    tree = district_tree(municipality=city.municipality)
    assert codes(tree.leaves()) == ["1.1.1", "1.2", "2"]
    assert tree.is_leaf(city.sued) and not tree.is_leaf(city.nord_a)


def test_the_tree_leaves_out_geometries_unless_asked(city):
    lean = district_tree(municipality=city.municipality).get("1")
    assert "geometry" in lean.get_deferred_fields()
    full = district_tree(municipality=city.municipality, geometry=True).get("1")
    assert full.geometry is not None and not full.get_deferred_fields()


def test_a_municipality_without_districts_has_an_empty_tree(db):
    tree = district_tree(municipality=MunicipalityFactory())
    assert not tree
    assert tree.ordered() == tree.leaves() == tree.nested() == []


def area(pk, parent=None, code=None):
    return SimpleNamespace(pk=pk, code=code or str(pk), parent_id=parent)


def test_a_tree_of_given_objects_treats_an_unknown_parent_as_the_top():
    tree = DistrictTree([area(1), area(2, parent=1), area(3, parent=99)])
    assert codes(tree.children()) == ["1", "3"]
    assert tree.parent(3) is None
    assert codes(tree.ancestors(2)) == ["1"]


def test_every_walk_ends_on_a_cycle_of_parents():
    tree = DistrictTree([area(1), area(2, parent=3), area(3, parent=2)])
    assert codes(tree.ancestors(2)) == ["3"]
    assert codes(tree.descendants(2)) == ["3"]
    assert codes(tree) == ["1"]
    assert tree.root(2).code == "3"


def test_a_tree_of_chosen_fields_holds_plain_rows_in_the_same_order(city):
    tree = district_tree(municipality=city.municipality, fields=("name",))
    assert codes(tree) == ["1", "1.1", "1.1.1", "1.2", "2"]
    row = tree.get("1.1")
    assert (row.pk, row.name, row.parent_id) == (
        city.nord_a.pk,
        "Bezirk 1.1",
        city.nord.pk,
    )
    assert codes(tree.descendants(row)) == ["1.1.1"]
