"""``kette demo`` gives Musterstadt three closed quarterly review rounds and
an open one, whose reports show change, confirmations and gaps."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import AuditEntry
from kette.goals.models import Measure, MeasureStatusChange, ReviewRound
from kette.goals.selectors import reviews as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_has_review_rounds_whose_reports_show_change(musterstadt):
    rounds = list(selectors.round_list(municipality=musterstadt).order_by("opened_on"))
    assert len(rounds) >= 3
    closed = [r for r in rounds if r.closed_on]
    assert len(closed) >= 3
    assert any(r.closed_on is None for r in rounds)
    for review_round in closed:
        report = selectors.review_report(review_round=review_round)
        assert report.changed, review_round.title
        assert any(row.answered for row in report.measures), review_round.title
        assert any(change.comment for row in report.measures for change in row.changes)
    # someone did not answer in at least one round; the rates differ
    assert {(r.asked, r.answered) for r in closed} != {(closed[0].asked,) * 2}
    assert any(selectors.review_report(review_round=r).unanswered for r in closed)


def test_the_demo_history_stays_in_order_and_a_second_run_writes_nothing(
    musterstadt,
):
    for measure in Measure.objects.filter(municipality=musterstadt):
        latest = measure.status_changes.order_by("-on", "-id").first()
        assert latest.new_status_id == measure.status_id
        assert latest.on == measure.status_changed_on
    assert MeasureStatusChange.objects.filter(
        review_request__review_round__municipality=musterstadt
    ).exists()
    entries = AuditEntry.objects.count()
    call_command("demo", stdout=StringIO())
    assert [e.object_type for e in AuditEntry.objects.order_by("id")[entries:]] == []
    assert ReviewRound.objects.filter(municipality=musterstadt).count() == 4
