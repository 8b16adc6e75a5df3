"""``kette demo`` adds the 18 model municipalities of seed 004 for the state's
balance: 74 goals, 275 measures, 63/20/17 % by status, 37/19/16/16/5/4/4 % by
type, with a status history from 2013 to 2016."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.demo import DemoContext
from kette.core.models import AuditEntry, Municipality, User
from kette.goals.demo import model_municipalities
from kette.goals.demo.model_municipalities import MODEL_MUNICIPALITIES
from kette.goals.selectors.balance import goal_balance
from kette.goals.selectors.balance_counts import count_by_municipality, kept_counts

pytestmark = pytest.mark.django_db

STATE = "/kommunen/ziele/bilanz/"


def test_the_demo_state_balance_reproduces_seed_004(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo", stdout=StringIO())
    places = Municipality.objects.filter(
        slug__in=[slug for slug, _name, _kind in MODEL_MUNICIPALITIES]
    )

    balance = goal_balance(scope=places, per_municipality=True)

    # The demo writes in bulk, around the services: its builders keep the
    # counts of every municipality they wrote (Musterstadt's grids and
    # review answers, the model municipalities).
    assert kept_counts() == count_by_municipality()
    assert len(kept_counts()) >= 19

    assert len(balance.municipalities) == 18
    assert (balance.goals, balance.measures) == (74, 275)
    assert {share.code: share.percent for share in balance.by_status.shares} == {
        "not-implemented": 17,
        "partly-implemented": 20,
        "fully-implemented": 63,
    }
    assert [round(share.exact) for share in balance.by_type.shares] == [
        *(37, 19, 16, 16, 5, 4, 4)
    ]
    # Every goal has a field of action and an age band.
    assert "" not in {share.code for share in balance.by_field.shares}
    assert "" not in {share.code for share in balance.by_age_band.shares}
    quarters = {row.label: row for row in balance.over_time}
    assert list(quarters)[0] == "2013 Q1"
    adopted = {share.code: share.count for share in quarters["2013 Q3"].shares}
    assert adopted == {
        "not-implemented": 275,
        "partly-implemented": 0,
        "fully-implemented": 0,
    }
    assert {share.code: share.count for share in quarters["2016 Q4"].shares} == {
        share.code: share.count for share in balance.by_status.shares
    }

    client.force_login(User.objects.get(username="land"))
    html = client.get(STATE).content.decode()
    for _slug, name, _kind in MODEL_MUNICIPALITIES:
        assert f">{name}</a>" in html

    entries = AuditEntry.objects.count()
    context = DemoContext(say=lambda _line: None)
    model_municipalities.build(context)
    context.flush_audit()
    assert AuditEntry.objects.count() == entries  # a second run writes nothing
