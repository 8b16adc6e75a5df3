"""`kette demo`: Musterstadt, its neighbour, idempotence and the builder registry."""

from __future__ import annotations

import itertools
import sys
import types
from io import StringIO

import pytest
import shapely
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from kette.core import demo
from kette.core.demo import registry
from kette.core.demo.people import demo_password
from kette.core.geo import to_shape
from kette.core.models import (
    AgeBand,
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
from kette.core.models.municipality import MunicipalityKind

# Messages are asserted in their English source wording.

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def dump() -> list[dict]:
    """Every row of every core table, all fields (timestamps and ids included)."""
    rows = []
    for model in apps.get_app_config("kette_core").get_models():
        rows += serializers.serialize("python", model.objects.order_by("pk"))
    return rows


def leaves_and_parents(slug: str) -> tuple[list[District], list[District]]:
    districts = list(District.objects.filter(municipality__slug=slug))
    leaves = [d for d in districts if not any(c.parent_id == d.pk for c in districts)]
    return leaves, [d for d in districts if d not in leaves]


def test_demo_builds_musterstadt_and_a_second_municipality(shared_demo):
    musterstadt = Municipality.objects.get(slug="musterstadt")
    assert (musterstadt.name, musterstadt.ags) == ("Musterstadt", "05999000")
    assert musterstadt.kind == MunicipalityKind.INDEPENDENT_CITY
    other = Municipality.objects.get(slug="kleinhausen")
    assert other.kind == MunicipalityKind.DISTRICT_TOWN
    assert other.ags != musterstadt.ags and other.ags.startswith("05")
    for municipality in (musterstadt, other):
        municipality.full_clean()
    assert District.objects.filter(municipality=other).count() >= 3
    assert Organisation.objects.filter(municipality=other).count() >= 5


def test_musterstadt_has_two_levels_of_districts(shared_demo):
    districts = District.objects.filter(municipality__slug="musterstadt")
    assert districts.count() >= 12
    top = districts.filter(level=0)
    below = districts.filter(level=1)
    assert top.count() >= 3 and below.count() >= 12
    assert not top.exclude(parent=None).exists()
    for district in below:
        assert district.parent.level == 0
        assert district.code.startswith(district.parent.code)
    assert {d.level_name for d in top} == {"Stadtbezirk"}
    assert {d.level_name for d in below} == {"Stadtteil"}


@pytest.mark.parametrize("slug", ["musterstadt", "kleinhausen"])
def test_district_polygons_tile_the_town_without_gaps_or_overlaps(shared_demo, slug):
    leaves, parents = leaves_and_parents(slug)
    shapes = {d.pk: to_shape(d.geometry) for d in leaves + parents}
    assert all(shape.is_valid and not shape.is_empty for shape in shapes.values())
    leaf_shapes = [shapes[d.pk] for d in leaves]
    # Neighbours share their borders exactly: no overlaps, no slivers.
    assert shapely.coverage_is_valid(
        shapely.GeometryCollection(leaf_shapes), gap_width=1e-5
    )
    for a, b in itertools.combinations(leaf_shapes, 2):
        assert a.intersection(b).area < 1e-12
    town = shapely.union_all(leaf_shapes)
    assert town.geom_type == "Polygon" and not town.interiors  # one piece, no holes
    for parent in parents:
        children = [shapes[d.pk] for d in leaves if d.parent_id == parent.pk]
        assert (
            shapely.union_all(children).symmetric_difference(shapes[parent.pk]).area
            < 1e-12
        )
        for child in children:
            assert shapes[parent.pk].buffer(1e-9).contains(child)
    if parents:
        assert shapely.union_all([shapes[d.pk] for d in parents]).equals(town)


def test_district_coordinates_are_rounded_and_the_bounding_box_kept(shared_demo):
    for district in District.objects.all():
        shape = to_shape(district.geometry)
        coordinates = shapely.get_coordinates(shape)
        assert (coordinates.round(6) == coordinates).all()
        assert (
            district.min_lon,
            district.min_lat,
            district.max_lon,
            district.max_lat,
        ) == (pytest.approx(shape.bounds))
        # Musterstadt lies around 6.85 °E, 51.48 °N; Kleinhausen close by.
        assert 6.6 < district.min_lon < district.max_lon < 7.2
        assert 51.3 < district.min_lat < district.max_lat < 51.7
    city = shapely.union_all(
        [
            to_shape(d.geometry)
            for d in District.objects.filter(municipality__slug="musterstadt", level=0)
        ]
    )
    min_lon, min_lat, max_lon, max_lat = city.bounds
    width_km = (max_lon - min_lon) * 69.3
    height_km = (max_lat - min_lat) * 111.2
    assert 8 < width_km < 13 and 6 < height_km < 11


def test_population_by_age_band_for_five_years_with_parents_as_sums(shared_demo):
    bands = set(AgeBand.objects.values_list("code", flat=True))
    leaves, parents = leaves_and_parents("musterstadt")
    figures = {
        (p.district_id, p.year, p.age_band.code): p.count
        for p in DistrictPopulation.objects.select_related("age_band")
    }
    years = {year for _, year, _ in figures}
    assert len(years) == 5
    under_18_share = []
    for leaf in leaves:
        for year, band in itertools.product(years, bands):
            assert figures[leaf.pk, year, band] > 0
        last = max(years)
        young = sum(figures[leaf.pk, last, b] for b in bands)
        assert 1_000 < young < 6_000  # a district of 6,000 to 18,000 residents
        under_18 = young - figures[leaf.pk, last, "18-27"]
        under_18_share.append(under_18 / young)
        # slow trends: no band changes by more than a tenth from year to year
        for band, year in itertools.product(bands, sorted(years)[1:]):
            now, before = figures[leaf.pk, year, band], figures[leaf.pk, year - 1, band]
            assert abs(now - before) / before < 0.1
    assert max(under_18_share) - min(under_18_share) > 0.03
    for parent, year, band in itertools.product(parents, years, bands):
        children = [leaf for leaf in leaves if leaf.parent_id == parent.pk]
        assert figures[parent.pk, year, band] == sum(
            figures[c.pk, year, band] for c in children
        )


def test_at_least_sixty_organisations_across_all_sectors(shared_demo):
    organisations = Organisation.objects.filter(municipality__slug="musterstadt")
    assert organisations.count() >= 60
    used = set(organisations.values_list("sector__code", flat=True))
    assert used == set(Sector.objects.values_list("code", flat=True))
    for organisation in organisations:
        organisation.full_clean()
        assert organisation.city == "Musterstadt"
        assert (
            organisation.postal_code.startswith("46")
            and len(organisation.postal_code) == 5
        )
        assert organisation.email.endswith(".example")
        assert ".example/" in organisation.website
        assert organisation.phone.startswith("0208 ")
        assert organisation.street[-1].isdigit()
    assert len({o.legal_form for o in organisations}) >= 5


def test_a_statewide_organisation_exists_in_both_municipalities(shared_demo):
    aok = Organisation.objects.filter(statewide_key="aok-rheinland-hamburg")
    assert set(aok.values_list("municipality__slug", flat=True)) == {
        "musterstadt",
        "kleinhausen",
    }


def test_one_login_per_role_with_passwords_from_the_secret_key(shared_demo):
    output = shared_demo
    musterstadt = Municipality.objects.get(slug="musterstadt")
    roles = dict(
        Membership.objects.filter(municipality=musterstadt).values_list(
            "role", "user__username"
        )
    )
    assert roles == {
        Role.COORDINATOR: "koordination",
        Role.PLANNER: "planung",
        Role.NETWORK_LEAD: "netzwerk",
        Role.PROVIDER_EDITOR: "traeger",
    }
    editor = Membership.objects.get(user__username="traeger")
    bound = list(editor.organisations.all())
    assert 2 <= len(bound) <= 3
    assert all(o.municipality == musterstadt for o in bound)
    land = User.objects.get(username="land")
    assert land.is_state_admin and not land.memberships.exists()
    assert list(
        Membership.objects.filter(user__username="kleinhausen").values_list(
            "municipality__slug", "role"
        )
    ) == [("kleinhausen", Role.COORDINATOR)]
    for username in ("koordination", "planung", "netzwerk", "traeger", "land"):
        password = demo_password(username)
        assert len(password) >= 12
        assert User.objects.get(username=username).check_password(password)
        assert username in output and password in output
    assert "/musterstadt/" in output and "/kleinhausen/" in output


def test_passwords_differ_between_installations(shared_demo, settings):
    assert demo_password("land", secret="one") == demo_password("land", secret="one")
    assert demo_password("land", secret="one") != demo_password("land", secret="two")
    assert demo_password("land", secret="one") != demo_password("planung", secret="one")
    settings.SECRET_KEY = "another installation"
    run_demo()
    land = User.objects.get(username="land")
    assert land.check_password(demo_password("land", secret="another installation"))


def test_running_the_demo_twice_gives_the_same_state(shared_demo):
    first = dump()
    assert AuditEntry.objects.exists()
    run_demo()
    assert dump() == first


def test_running_the_demo_again_restores_changed_demo_data(shared_demo):
    organisation = Organisation.objects.get(name="Jobcenter Musterstadt")
    phone = organisation.phone
    Organisation.objects.filter(pk=organisation.pk).update(phone="0")
    District.objects.filter(code="0301").update(name="Irgendwo", geometry=None)
    DistrictPopulation.objects.filter(district__code="0101", year=2025).delete()
    counts = (
        District.objects.count(),
        DistrictPopulation.objects.count(),
        Organisation.objects.count(),
    )
    run_demo()
    assert Organisation.objects.get(pk=organisation.pk).phone == phone
    restored = District.objects.get(municipality__slug="musterstadt", code="0301")
    assert restored.name == "Hafenviertel" and restored.geometry is not None
    assert DistrictPopulation.objects.count() == counts[1] + 6
    assert counts[0] == District.objects.count()
    assert counts[2] == Organisation.objects.count()


def test_demo_writes_are_audited_as_demo_once(shared_demo):
    entries = AuditEntry.objects.filter(object_type="kette_core.Organisation")
    assert entries.count() == Organisation.objects.count()
    assert set(entries.values_list("actor", "actor_name")) == {(None, "demo")}
    total = AuditEntry.objects.count()
    run_demo()
    assert AuditEntry.objects.count() == total


def test_quiet_run_prints_only_the_login_table():
    output = run_demo("-v0")
    assert "Musterstadt:" not in output and "Kleinhausen:" not in output
    assert "koordination" in output and demo_password("koordination") in output
    assert "http://127.0.0.1:8000/musterstadt/" in output


def test_later_modules_add_demo_data_through_the_registry(monkeypatch):
    # Every app's demo module imported into the real registry first: a module
    # imported for the first time under the patch below would register its
    # builders only in the copy, and later demo runs of this process would
    # miss them.
    registry.discover()
    monkeypatch.setattr(registry, "_builders", dict(registry._builders))
    seen = []

    @demo.register(order=50)
    def registered(context):
        seen.append(
            (
                "registered",
                sorted(context.municipalities),
                sorted(context.users),
                context.random_for("offers").random(),
            )
        )

    # An app's `kette.<app>.demo` module with a plain `build(context)`.
    module = types.ModuleType("kette.fakeapp.demo")
    module.__spec__ = types.SimpleNamespace(name="kette.fakeapp.demo")
    module.build = lambda context: seen.append(("build", context.users["land"]))
    monkeypatch.setitem(sys.modules, "kette.fakeapp.demo", module)
    configs = list(apps.get_app_configs())
    monkeypatch.setattr(
        registry.apps,
        "get_app_configs",
        lambda: [
            *configs,
            types.SimpleNamespace(name="kette.fakeapp", path="/nonexistent"),
        ],
    )
    run_demo()
    run_demo()
    assert seen[0] == seen[2]  # deterministic randomness
    name, municipalities, users, _ = seen[0]
    assert name == "registered"
    assert municipalities == ["kleinhausen", "musterstadt"]
    assert {"koordination", "land", "kleinhausen"} <= set(users)
    assert seen[1] == ("build", User.objects.get(username="land"))


def test_a_conflicting_municipality_stops_the_demo_with_nothing_written():
    Municipality.objects.create(
        slug="anderswo",
        name="Anderswo",
        ags="05999000",
        kind="kreisfreie_stadt",
        state="05",
    )
    with pytest.raises(CommandError, match="nothing was written"):
        run_demo()
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["anderswo"]
    assert not District.objects.exists() and not Organisation.objects.exists()
    assert not User.objects.exists() and not AuditEntry.objects.exists()


def test_demo_refuses_to_run_on_a_production_installation(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("KETTE_TESTING", raising=False)
    with pytest.raises(CommandError, match="kette demo --force"):
        run_demo()
    assert not User.objects.exists() and not Municipality.objects.exists()
    out = run_demo("--force", "-v0")
    assert User.objects.filter(is_state_admin=True).exists()
    assert demo_password("land") in out


@pytest.mark.parametrize("debug, testing", [(True, None), (False, "1")])
def test_demo_runs_without_force_when_debugging_or_testing(
    settings, monkeypatch, debug, testing
):
    settings.DEBUG = debug
    if testing is None:
        monkeypatch.delenv("KETTE_TESTING", raising=False)
    else:
        monkeypatch.setenv("KETTE_TESTING", testing)
    run_demo("-v0")
    assert Municipality.objects.filter(slug="musterstadt").exists()
