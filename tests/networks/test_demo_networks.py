"""What ``kette demo`` gives Musterstadt's networks: at least 25 bodies of
every type with members from the demo organisations (the West's district
conferences overlapping on purpose), at least 40 meetings with minutes and
action items (some overdue, open ones back on the next agenda), and a
checklist assessment; the demo network lead leads bodies."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kette.core.models import BodyType, Municipality, User
from kette.networks.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Body,
    BodyMember,
    ChecklistAssessment,
    Meeting,
    MinutesState,
)
from kette.networks.selectors.people import bodies_led_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt(shared_demo):
    return Municipality.objects.get(slug="musterstadt")


def test_the_demo_has_bodies_of_every_type_with_members(musterstadt):
    bodies = Body.objects.for_municipality(musterstadt)
    assert bodies.count() >= 25
    assert set(bodies.values_list("body_type__code", flat=True)) == set(
        BodyType.objects.values_list("code", flat=True)
    )
    members = BodyMember.objects.filter(body__municipality=musterstadt)
    assert members.filter(organisation__isnull=False).count() >= 200
    # Every member organisation is one of the town's, and some members left.
    assert not members.exclude(organisation__municipality=musterstadt).exists()
    assert members.filter(left_on__isnull=False).exists()
    # Nesting: a network of networks.
    assert bodies.get(name="Lenkungsgruppe Präventionskette").children.count() >= 5


def test_the_wests_district_conferences_share_most_members(musterstadt):
    def organisations(name):
        return set(
            BodyMember.objects.filter(
                body__name=name, left_on__isnull=True
            ).values_list("organisation_id", flat=True)
        )

    west = organisations("Stadtteilkonferenz West")
    harbour = organisations("Runder Tisch Hafenviertel")
    shared = west & harbour
    assert len(shared) / min(len(west), len(harbour)) >= 0.5


def test_the_demo_has_meetings_with_minutes_and_action_items(musterstadt):
    meetings = Meeting.objects.for_municipality(musterstadt)
    assert meetings.count() >= 40
    assert meetings.filter(minutes__state=MinutesState.APPROVED).count() >= 20
    assert meetings.filter(minutes__state=MinutesState.DRAFT).exists()
    today = timezone.localdate()
    items = ActionItem.objects.for_municipality(musterstadt)
    assert items.filter(status=ActionStatus.DONE).exists()
    assert items.filter(status=ActionStatus.OPEN, due__lt=today).exists()  # overdue
    assert items.filter(measure__isnull=False).exists()
    # Open items of earlier meetings are back on a later agenda.
    follow_up = AgendaItem.objects.filter(
        meeting__municipality=musterstadt, follow_up_of__isnull=False
    ).select_related("meeting", "follow_up_of__meeting")
    assert follow_up.exists()
    assert all(
        i.meeting.starts_at > i.follow_up_of.meeting.starts_at for i in follow_up
    )


def test_the_demo_network_lead_leads_bodies_and_there_is_a_checklist(musterstadt):
    lead = User.objects.get(username="netzwerk")
    led = Body.objects.filter(pk__in=bodies_led_by(lead, musterstadt.pk))
    assert "Netzwerk Frühe Hilfen Musterstadt" in set(
        led.values_list("name", flat=True)
    )
    assessments = ChecklistAssessment.objects.for_municipality(musterstadt)
    assert assessments.filter(body__isnull=True).count() >= 2
    assert assessments.first().answers.exclude(next_step="").exists()
