"""An offer's times in words: one wording (offers/display.time_row) for the
directory's table, the staff rows, the review and the change log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from kette.offers.display import content_rows, schedule_text, time_row
from kette.offers.models import OfferSchedule, ScheduleKind

from .factories import OrganisationFactory, offer_content

WEEKLY = {
    "kind": "weekly",
    "weekday": 1,
    "opens_at": "09:00",
    "closes_at": "12:00",
    "valid_from": "2026-05-01",
    "note": "ohne Anmeldung",
    "location": 0,
}
PLACES = [{"name": "Familienzentrum Mitte"}]


def test_a_weekly_time_reads_as_one_line_with_its_place_validity_and_note():
    with translation.override("en"):
        text = schedule_text(WEEKLY, PLACES)
    assert text == (
        "every Tuesday 09:00 to 12:00, Familienzentrum Mitte, from 05/01/2026, "
        "ohne Anmeldung"
    )


def test_a_weekly_time_reads_in_german():
    with translation.override("de"):
        text = schedule_text(WEEKLY, PLACES)
    assert text == (
        "jeden Dienstag 09:00 bis 12:00, Familienzentrum Mitte, ab 01.05.2026, "
        "ohne Anmeldung"
    )


def test_a_schedule_and_its_content_dict_read_the_same():
    schedule = OfferSchedule(
        kind=ScheduleKind.WEEKLY,
        weekday=1,
        opens_at=dt.time(9),
        closes_at=dt.time(12),
        valid_from=dt.date(2026, 5, 1),
        note="ohne Anmeldung",
    )
    with translation.override("en"):
        row = time_row(schedule, place="Familienzentrum Mitte")
        assert row.text == schedule_text(WEEKLY, PLACES)
    assert (row.when, row.hours, row.validity) == (
        "Tuesday",
        "09:00 to 12:00",
        "from 05/01/2026",
    )


@pytest.mark.parametrize(
    ("time", "text"),
    [
        ({"kind": "weekly"}, "every week"),
        ({"kind": "weekly", "weekday": "Tuesday"}, "every week"),
        (
            {"kind": "weekly", "weekday": 6, "opens_at": "18:00:00"},
            "every Sunday from 18:00",
        ),
        ({"kind": "dated"}, "date missing"),
        (
            {"kind": "dated", "date": "2026-03-05", "opens_at": "19:00"},
            "Thursday, March 5, 2026 from 19:00",
        ),
        ({"kind": "dated", "date": "soon"}, "soon"),
        (
            {"kind": "weekly", "weekday": 0, "valid_until": "2026-07-31"},
            "every Monday, until 07/31/2026",
        ),
        (
            {
                "kind": "weekly",
                "weekday": 0,
                "valid_from": "2026-01-01",
                "valid_until": "2026-07-31",
            },
            "every Monday, 01/01/2026 to 07/31/2026",
        ),
    ],
)
def test_partial_and_odd_times_still_read(time, text):
    with translation.override("en"):
        assert schedule_text(time, []) == text


def test_a_place_outside_the_offers_places_is_left_out():
    with translation.override("en"):
        assert schedule_text({**WEEKLY, "location": 3}, PLACES).startswith(
            "every Tuesday 09:00 to 12:00, from"
        )


@pytest.mark.django_db
def test_the_staff_rows_show_each_time_with_its_place():
    organisation = OrganisationFactory()
    with translation.override("en"):
        rows = {row.key: row for row in content_rows(offer_content(organisation))}
    assert rows["schedules"].values == [
        "every Tuesday 09:00 to 12:00, Familienzentrum Mitte"
    ]
