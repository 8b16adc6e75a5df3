"""The bulk rules (``prepare_contents``, column by column) against the per-object
path (``prepare_content``, ``full_clean``): the same problems, field and message."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kette.offers.models import OfferContact, OfferSchedule
from kette.offers.services.bulk_clean import clean_many, new_instance
from kette.offers.services.content import (
    ContentLookups,
    prepare_content,
    prepare_contents,
)
from tests.offers.factories import offer_content

pytestmark = pytest.mark.django_db

# Each kind of bad value: where it goes in the content, and the value.
BAD_VALUES = {
    "title too long": ("title", "x" * 201),
    "title missing": ("title", ""),
    "summary too long": ("summary", "y" * 401),
    "cost not a choice": ("cost", "cheap"),
    "fee without its text": ("cost", "fee"),
    "capacity negative": ("capacity", -3),
    "capacity not a number": ("capacity", "viele"),
    "age before pregnancy": ("min_age_months", -12),
    "ages the wrong way round": ("max_age_months", -10),
    "website not a URL": ("website", "kein link"),
    "e-mail not an address": ("email", "info(at)example"),
    "flag not a boolean": ("registration_required", "vielleicht"),
    "place name too long": ("locations.0.name", "n" * 201),
    "postal code too long": ("locations.0.postal_code", "12345678901"),
    "latitude out of range": ("locations.0.latitude", 95.0),
    "latitude without longitude": ("locations.0.longitude", None),
    "schedule kind not a choice": ("schedules.0.kind", "monthly"),
    "weekday too high": ("schedules.0.weekday", 9),
    "weekly without weekday": ("schedules.0.weekday", None),
    "end before start": ("schedules.0.closes_at", "08:00"),
    "date not a date": ("schedules.0.date", "31.02.2025"),
    "contact without name": ("contacts.0.name", ""),
    "contact e-mail not an address": ("contacts.0.email", "anna@"),
    "contact phone too long": ("contacts.0.phone", "0" * 51),
}


def _with(content: dict, path: str, value) -> dict:
    content = copy.deepcopy(content)
    *parents, last = path.split(".")
    target = content
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return content


def _single(municipality, content) -> dict[str, list[str]]:
    try:
        prepare_content(
            municipality=municipality,
            content=content,
            lookups=ContentLookups.load(municipality),
        )
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize("kind", list(BAD_VALUES))
def test_bulk_and_single_path_report_the_same_problem(municipality, organisation, kind):
    path, value = BAD_VALUES[kind]
    content = _with(offer_content(organisation), path, value)
    single = _single(municipality, content)
    [bulk] = prepare_contents(
        municipality=municipality,
        items=[(content, None)],
        lookups=ContentLookups.load(municipality),
    )
    assert single, kind  # the bad value is found at all
    assert bulk.errors == single


def test_many_offers_checked_together_keep_their_own_problems(
    municipality, organisation
):
    good = offer_content(organisation)
    contents = [good]
    for path, value in BAD_VALUES.values():
        contents += [_with(good, path, value), good]
    results = prepare_contents(
        municipality=municipality,
        items=[(content, None) for content in contents],
        lookups=ContentLookups.load(municipality),
    )
    assert [r.errors for r in results] == [
        _single(municipality, content) for content in contents
    ]
    assert sum(bool(r.errors) for r in results) == len(BAD_VALUES)


def test_bulk_path_converts_values_as_full_clean_does(municipality, organisation):
    content = offer_content(organisation, capacity="12", max_age_months=-9)
    single = prepare_content(municipality=municipality, content=content)
    [bulk] = prepare_contents(
        municipality=municipality,
        items=[(content, None)],
        lookups=ContentLookups.load(municipality),
    )
    assert bulk.candidate.capacity == single.candidate.capacity == 12
    # One age given twice is that month: the model's clean() widened it.
    assert bulk.candidate.max_age_months == single.candidate.max_age_months == -8
    [schedule] = bulk.schedules
    assert schedule.opens_at == single.schedules[0].opens_at == dt.time(9, 0)


def test_clean_many_equals_full_clean_on_each_instance():
    values = [
        {"kind": "weekly", "weekday": 2},
        {"kind": "weekly"},
        {"kind": "often", "weekday": 3, "date": "morgen"},
        {"kind": "dated", "opens_at": "10:00", "closes_at": "09:00"},
        {"kind": "weekly", "weekday": 1, "note": "n" * 301},
    ]
    exclude = ["offer", "location"]
    bulk = clean_many([new_instance(OfferSchedule, v) for v in values], exclude)
    for found, data in zip(bulk, values, strict=True):
        try:
            OfferSchedule(**data).full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            expected = error.message_dict
        else:
            expected = {}
        assert (ValidationError(found).message_dict if found else {}) == expected


def test_a_validator_the_fast_test_does_not_know_still_runs():
    [found] = clean_many(
        [new_instance(OfferContact, {"name": "Anna", "email": "anna@"})],
        ["offer"],
    )
    assert list(found) == ["email"]
