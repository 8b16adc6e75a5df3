"""The dot vote of a goal workshop: ballots, the ranked result, ties, the
cut into chosen perspectives and the backlog, and the personal links."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kette.core.models import AuditEntry
from kette.goals.models import (
    Goal,
    Perspective,
    PerspectiveDecision,
    Vote,
    WorkshopParticipant,
)
from kette.goals.selectors import workshops as selectors
from kette.goals.services import workshops as services

from .workshop_data import PERSPECTIVES, POINTS, seed_ballots, seed_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(municipality, coordinator):
    workshop, perspectives, participants = seed_workshop(municipality, coordinator)
    seed_ballots(perspectives, participants)
    return workshop, perspectives, participants


def test_the_seeds_distribution_comes_out_ranked_16_14_12_9_4_3_1_1(voted):
    workshop, _perspectives, _participants = voted
    result = selectors.workshop_result(workshop=workshop)
    assert [(row.perspective.title, row.points) for row in result.rows][:6] == list(
        POINTS.items()
    )[:6]
    assert [row.points for row in result.rows] == [16, 14, 12, 9, 4, 3, 1, 1]
    assert [row.rank for row in result.rows] == [1, 2, 3, 4, 5, 6, 7, 7]
    assert (result.ballots, result.participants, result.dots_given) == (12, 12, 60)


def test_perspectives_with_equal_points_share_a_rank_and_name_each_other(voted):
    workshop, _perspectives, _participants = voted
    last_two = selectors.workshop_result(workshop=workshop).rows[-2:]
    assert {row.perspective.title for row in last_two} == {
        PERSPECTIVES[5],
        PERSPECTIVES[6],
    }
    assert last_two[0].tied_with == [last_two[1].perspective]
    assert last_two[1].tied_with == [last_two[0].perspective]
    assert selectors.workshop_result(workshop=workshop).has_ties


def test_a_ballot_with_more_dots_than_allowed_is_refused_and_nothing_written(
    municipality,
):
    workshop, perspectives, participants = seed_workshop(municipality, dots=3)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(
            participant=participants[0],
            dots={perspectives[0].pk: 2, perspectives[1].pk: 2},
        )
    assert "4" in str(error.value) and "3" in str(error.value)
    assert not Vote.objects.filter(participant=participants[0]).exists()
    participants[0].refresh_from_db()
    assert participants[0].voted_at is None


def test_without_stacking_a_perspective_takes_one_dot_per_participant(municipality):
    workshop, perspectives, participants = seed_workshop(municipality)
    services.workshop_set_voting(actor=None, workshop=workshop, state="preparing")
    services.workshop_update(
        actor=None, workshop=workshop, data={"allow_stacking": False}
    )
    services.workshop_set_voting(actor=None, workshop=workshop, state="open")
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(participant=participants[0], dots={perspectives[0].pk: 2})
    assert f"perspective_{perspectives[0].pk}" in error.value.message_dict
    services.ballot_cast(
        participant=participants[0],
        dots={perspectives[0].pk: 1, perspectives[1].pk: 1},
    )
    assert selectors.ballot_of(participants[0]) == {
        perspectives[0].pk: 1,
        perspectives[1].pk: 1,
    }


def test_voting_again_replaces_the_ballot_one_ballot_per_participant(municipality):
    workshop, perspectives, participants = seed_workshop(municipality)
    services.ballot_cast(participant=participants[0], dots={perspectives[0].pk: 5})
    services.ballot_cast(participant=participants[0], dots={perspectives[1].pk: 2})
    result = selectors.workshop_result(workshop=workshop)
    points = {row.perspective.pk: row.points for row in result.rows}
    assert points[perspectives[0].pk] == 0
    assert points[perspectives[1].pk] == 2
    assert result.ballots == 1


def test_a_closed_vote_takes_no_ballots(municipality):
    workshop, perspectives, participants = seed_workshop(municipality)
    services.workshop_set_voting(actor=None, workshop=workshop, state="closed")
    with pytest.raises(ValidationError):
        services.ballot_cast(participant=participants[0], dots={perspectives[0].pk: 1})
    assert not Vote.objects.exists()


def test_the_rules_of_the_vote_are_fixed_once_it_opened(municipality):
    workshop, _perspectives, _participants = seed_workshop(municipality)
    with pytest.raises(ValidationError):
        services.workshop_update(
            actor=None, workshop=workshop, data={"dots_per_participant": 10}
        )
    workshop.refresh_from_db()
    assert workshop.dots_per_participant == 5


def test_the_vote_goes_back_to_preparation_only_before_any_ballot(voted):
    workshop, _perspectives, _participants = voted
    with pytest.raises(ValidationError):
        services.workshop_set_voting(actor=None, workshop=workshop, state="preparing")
    workshop.refresh_from_db()
    assert workshop.voting == "open"


def test_a_ballot_for_a_perspective_of_another_workshop_is_refused(municipality):
    _workshop, perspectives, participants = seed_workshop(municipality)
    _other, other_perspectives, _ = seed_workshop(municipality)
    with pytest.raises(ValidationError):
        services.ballot_cast(
            participant=participants[0], dots={other_perspectives[0].pk: 1}
        )


def test_the_cut_chooses_the_best_four_and_sends_the_rest_to_the_backlog(
    voted, coordinator
):
    workshop, _perspectives, _participants = voted
    backlog = services.workshop_apply_cut(
        actor=coordinator, workshop=workshop, keep=4, reason="Später bearbeiten"
    )
    assert {p.title for p in backlog} == {
        PERSPECTIVES[1],
        PERSPECTIVES[7],
        PERSPECTIVES[6],
        PERSPECTIVES[5],
    }
    rows = selectors.workshop_result(workshop=workshop).rows
    assert [row.perspective.decision for row in rows] == ["chosen"] * 4 + [
        "backlog"
    ] * 4
    assert {row.perspective.backlog_reason for row in rows[4:]} == {"Später bearbeiten"}
    listed = selectors.backlog_list(municipality=workshop.municipality)
    assert [(p.title, p.points) for p in listed] == [
        (PERSPECTIVES[1], 4),
        (PERSPECTIVES[7], 3),
        (PERSPECTIVES[5], 1),
        (PERSPECTIVES[6], 1),
    ]


def test_perspectives_tied_at_the_cut_are_all_chosen(voted):
    workshop, _perspectives, _participants = voted
    backlog = services.workshop_apply_cut(
        actor=None, workshop=workshop, keep=7, reason="Später"
    )
    assert backlog == []
    decisions = {p.decision for p in workshop.perspectives.all()}
    assert decisions == {PerspectiveDecision.CHOSEN}


def test_the_backlog_needs_a_reason(voted):
    workshop, perspectives, _participants = voted
    with pytest.raises(ValidationError) as error:
        services.perspective_decide(
            actor=None, perspective=perspectives[1], decision="backlog", reason=" "
        )
    assert "reason" in error.value.message_dict
    perspectives[1].refresh_from_db()
    assert perspectives[1].decision == PerspectiveDecision.OPEN
    with pytest.raises(ValidationError):
        services.workshop_apply_cut(actor=None, workshop=workshop, keep=4, reason="")


def test_a_backlog_item_taken_up_is_dated_and_stays_out_of_later_cuts(voted):
    workshop, perspectives, _participants = voted
    services.perspective_decide(
        actor=None, perspective=perspectives[7], decision="backlog", reason="Später"
    )
    item = services.backlog_take_up(actor=None, perspective=perspectives[7])
    assert item.taken_up_on is not None
    assert item.goal.title == PERSPECTIVES[7]
    assert item.goal.municipality == workshop.municipality
    assert item.goal.parent is None
    with pytest.raises(ValidationError):
        services.backlog_take_up(actor=None, perspective=item)
    services.workshop_apply_cut(actor=None, workshop=workshop, keep=1, reason="x")
    item.refresh_from_db()
    assert item.backlog_reason == "Später"


def test_a_chosen_perspective_cannot_be_taken_up_from_the_backlog(voted):
    _workshop, perspectives, _participants = voted
    with pytest.raises(ValidationError):
        services.backlog_take_up(actor=None, perspective=perspectives[0])


def test_the_personal_link_finds_its_participant_and_nothing_else(municipality):
    _workshop, _perspectives, participants = seed_workshop(municipality)
    token = selectors.ballot_token(participants[0])
    assert selectors.participant_for_token(token) == participants[0]
    key, signature = token.split(".")
    assert selectors.participant_for_token(f"{key}.{signature[:-2]}xx") is None
    assert selectors.participant_for_token(key) is None
    # The raw key of another participant with this signature is refused too.
    other = participants[1].ballot_key
    assert selectors.participant_for_token(f"{other}.{signature}") is None


def test_a_renewed_link_replaces_the_old_one(municipality, coordinator):
    _workshop, _perspectives, participants = seed_workshop(municipality)
    old = selectors.ballot_token(participants[0])
    services.participant_renew_link(actor=coordinator, participant=participants[0])
    assert selectors.participant_for_token(old) is None
    assert (
        selectors.participant_for_token(selectors.ballot_token(participants[0]))
        == participants[0]
    )


def test_ballots_and_decisions_are_in_the_audit_trail_without_the_link_key(
    voted, coordinator
):
    workshop, _perspectives, participants = voted
    services.workshop_apply_cut(
        actor=coordinator, workshop=workshop, keep=4, reason="Später"
    )
    ballot = AuditEntry.objects.filter(
        object_type="kette_goals.WorkshopParticipant",
        object_id=str(participants[0].pk),
        changes__has_key="dots",
    ).get()
    assert ballot.actor is None
    assert ballot.actor_name == "Teilnehmende 1"
    assert ballot.municipality == workshop.municipality
    assert ballot.changes["dots"][1] == [f"{PERSPECTIVES[0]}: 5"]
    decisions = AuditEntry.objects.filter(
        object_type="kette_goals.Perspective", actor=coordinator, action="update"
    )
    assert decisions.count() == 8
    every_change = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert participants[0].ballot_key not in every_change


def test_a_backlog_item_taken_up_twice_at_once_becomes_one_goal(voted):
    """A double click: both requests read the item before either took it up."""
    _workshop, perspectives, _participants = voted
    services.perspective_decide(
        actor=None, perspective=perspectives[7], decision="backlog", reason="Später"
    )
    first, second = (Perspective.objects.get(pk=perspectives[7].pk) for _ in "ab")
    services.backlog_take_up(actor=None, perspective=first)
    with pytest.raises(ValidationError):
        services.backlog_take_up(actor=None, perspective=second)
    assert Goal.objects.filter(title=PERSPECTIVES[7]).count() == 1


def test_a_ballot_through_the_link_of_a_participant_removed_meanwhile_is_refused(
    municipality, coordinator
):
    _workshop, perspectives, participants = seed_workshop(municipality)
    removed = participants[0]
    services.participant_remove(
        actor=coordinator,
        participant=WorkshopParticipant.objects.get(pk=removed.pk),
    )
    with pytest.raises(ValidationError):
        services.ballot_cast(participant=removed, dots={perspectives[0].pk: 1})
    assert not Vote.objects.exists()


def test_a_perspective_edited_to_position_0_goes_last_on_the_ballot(municipality):
    workshop, perspectives, _participants = seed_workshop(municipality)
    services.perspective_update(
        actor=None, perspective=perspectives[2], data={"position": 0}
    )
    ballot = list(selectors.perspective_list(workshop=workshop))
    assert ballot[-1] == perspectives[2]
    assert len({p.position for p in ballot}) == len(ballot)
