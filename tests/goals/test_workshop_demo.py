"""`kette demo` adds Musterstadt's goal workshop: ideas, a closed dot vote
with the seed's points, four chosen perspectives and four in the backlog."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import AuditEntry
from kette.goals.models import Workshop
from kette.goals.selectors import workshops as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_workshop_has_the_seeds_vote_and_a_backlog_and_runs_twice(
    settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    call_command("demo", stdout=StringIO())
    workshop = Workshop.objects.get(municipality__slug="musterstadt")
    result = selectors.workshop_result(workshop=workshop)
    assert [row.points for row in result.rows] == [16, 14, 12, 9, 4, 3, 1, 1]
    assert (result.ballots, result.participants) == (12, 12)
    backlog = selectors.backlog_list(municipality=workshop.municipality)
    assert [item.points for item in backlog] == [4, 3, 1, 1]
    assert all(item.backlog_reason for item in backlog)
    groups = selectors.ideas_by_target_group(workshop=workshop)
    assert len(groups) >= 4 and groups[-1].target_group is None
    assert workshop.participants.filter(user__username="koordination").exists()
    entries = AuditEntry.objects.filter(object_type__startswith="kette_goals.")
    assert entries.filter(object_type="kette_goals.Vote").exists()
    assert not entries.filter(municipality=None).exists()
    total = entries.count()
    call_command("demo", stdout=StringIO())
    assert entries.count() == total
