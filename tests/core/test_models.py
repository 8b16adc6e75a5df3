"""Model-level rules of core: municipality keys, vocabularies, age ranges."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kette.core.models import (
    AgeBand,
    BodyType,
    District,
    FieldOfAction,
    Language,
    LifePhase,
    MeasureStatus,
    MeasureType,
    Municipality,
    PreventionStandard,
    QualityStation,
    StationStandard,
)
from kette.core.models.municipality import MunicipalityKind, State
from tests.core.factories import DistrictFactory, MunicipalityFactory


def build_municipality(**overrides) -> Municipality:
    fields = {
        "slug": "oberhausen",
        "name": "Oberhausen",
        "ags": "05119000",
        "kind": MunicipalityKind.INDEPENDENT_CITY,
        "state": State.NORDRHEIN_WESTFALEN,
    }
    fields.update(overrides)
    return Municipality(**fields)


@pytest.mark.django_db
def test_a_valid_municipality_passes_validation():
    build_municipality().full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("ags", ["0511900", "051190000", "05119a00", "05 119000"])
def test_ags_must_have_exactly_eight_digits(ags):
    with pytest.raises(ValidationError) as error:
        build_municipality(ags=ags).full_clean()
    assert "ags" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("blank", ["", "  ", None])
def test_two_municipalities_without_an_ags_coexist(blank):
    for slug in ("ohne-eins", "ohne-zwei"):
        municipality = build_municipality(slug=slug, ags=blank)
        municipality.full_clean()
        municipality.save()
    stored = Municipality.objects.filter(slug__startswith="ohne-")
    assert list(stored.values_list("ags", flat=True)) == [None, None]


@pytest.mark.django_db
def test_an_ags_that_is_given_stays_unique():
    build_municipality().save()
    with pytest.raises(ValidationError) as error:
        build_municipality(slug="zweite").full_clean()
    assert "ags" in error.value.message_dict


@pytest.mark.django_db
def test_the_database_refuses_a_blank_ags_written_past_validation():
    with pytest.raises(IntegrityError), transaction.atomic():
        build_municipality(ags="").save()


@pytest.mark.django_db
def test_ags_must_start_with_the_state_number():
    with pytest.raises(ValidationError) as error:
        build_municipality(ags="09162000").full_clean()  # München under NRW
    assert "05" in error.value.message_dict["ags"][0]


@pytest.mark.django_db
def test_age_bands_cover_pregnancy_to_27_without_gaps():
    bands = list(AgeBand.objects.order_by("min_months"))
    assert [b.code for b in bands] == ["0-3", "3-6", "6-10", "10-14", "14-18", "18-27"]
    assert bands[0].min_months == -9
    assert bands[-1].max_months == 27 * 12
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert lower.max_months == upper.min_months
    assert bands[0].contains_months(-3)  # mid-pregnancy
    assert not bands[0].contains_months(36)


@pytest.mark.django_db
def test_seed_vocabularies_are_loaded_with_german_and_english_labels():
    assert PreventionStandard.objects.count() == 7
    assert QualityStation.objects.count() == 6
    assert LifePhase.objects.count() == 4
    assert MeasureStatus.objects.count() == 3
    assert MeasureType.objects.count() == 7
    assert BodyType.objects.filter(code="ag78").exists()
    assert FieldOfAction.objects.count() == 8
    assert Language.objects.get(code="ar").right_to_left
    assert (
        list(
            QualityStation.objects.order_by("number").values_list("label_de", flat=True)
        )[0]
        == "Kommunales Präventionsleitbild"
    )
    assert StationStandard.objects.filter(station__number=6).count() == 4
    for model in (PreventionStandard, QualityStation, StationStandard, AgeBand):
        assert not model.objects.filter(label_en="").exists()


@pytest.mark.django_db
def test_vocabulary_label_follows_the_active_language():
    from django.utils import translation

    standard = PreventionStandard.objects.get(code="outreach")
    with translation.override("de"):
        assert standard.label == "Aufsuchender Ansatz"
    with translation.override("en"):
        assert standard.label.startswith("Outreach")


@pytest.mark.django_db
def test_age_range_needs_upper_bound_above_lower_and_not_before_pregnancy():
    with pytest.raises(ValidationError):
        AgeBand(
            code="x", label_de="x", label_en="x", min_months=10, max_months=5
        ).clean()
    with pytest.raises(ValidationError):
        AgeBand(
            code="y", label_de="y", label_en="y", min_months=-12, max_months=5
        ).clean()


@pytest.mark.django_db
def test_language_code_must_be_iso_639_1():
    with pytest.raises(ValidationError):
        Language(
            code="deu", label_de="Deutsch", label_en="German", native_name="D"
        ).clean()


def test_reserved_slugs_cover_every_fixed_first_path_segment():
    from django.urls import URLPattern, URLResolver, get_resolver

    from kette.core.models.municipality import RESERVED_SLUGS

    segments = set()
    for entry in get_resolver().url_patterns:
        patterns = entry.url_patterns if isinstance(entry, URLResolver) else [entry]
        prefix = str(entry.pattern) if isinstance(entry, URLResolver) else ""
        for inner in patterns:
            route = prefix + (
                str(inner.pattern) if isinstance(inner, URLPattern) else ""
            )
            first = route.lstrip("^").split("/")[0]
            if first and "<" not in first and "(" not in first:
                segments.add(first)
    assert segments, "the URL walk found nothing"
    assert segments <= RESERVED_SLUGS, segments - RESERVED_SLUGS


@pytest.mark.django_db
def test_a_municipality_cannot_take_a_reserved_slug():
    with pytest.raises(ValidationError) as error:
        build_municipality(slug="anmelden").full_clean()
    assert "slug" in error.value.message_dict


def test_a_municipality_is_deleted_with_its_nested_districts(db):
    municipality = MunicipalityFactory()
    other = MunicipalityFactory()
    top = DistrictFactory(municipality=municipality, code="1")
    middle = DistrictFactory(municipality=municipality, code="11", parent=top)
    DistrictFactory(municipality=municipality, code="111", parent=middle)
    kept = DistrictFactory(municipality=other, code="1")
    municipality.delete()
    assert not Municipality.objects.filter(pk=municipality.pk).exists()
    assert list(District.objects.all()) == [kept]
