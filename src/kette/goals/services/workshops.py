"""Goal workshops: planning, ideas and perspectives, the dot vote, the backlog.

Every write by a person is recorded in the audit trail in the same
transaction. A participant votes through a personal link: the link carries
the participant's random ``ballot_key`` signed with the installation's secret
key (``selectors.workshops.ballot_token``), so a mistyped or made-up link is refused before the
database is asked, and one link is one ballot. A participant with an account
may also vote signed in; it is the same ballot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core import audit
from kette.core.models import Municipality
from kette.core.models.audit import AuditAction

from ..models.workshops import (
    Idea,
    Perspective,
    PerspectiveDecision,
    Vote,
    VotingState,
    Workshop,
    WorkshopParticipant,
    new_ballot_key,
)
from ..selectors.workshops import workshop_result
from .goals import goal_create

WORKSHOP_FIELDS = (
    "title",
    "date",
    "place",
    "facilitator",
    "notes",
    "dots_per_participant",
    "allow_stacking",
)
PARTICIPANT_FIELDS = ("name", "user", "organisation")
IDEA_FIELDS = ("text", "target_group", "perspective")
PERSPECTIVE_FIELDS = ("title", "description", "position")


def _set(instance: Any, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            setattr(instance, name, value.strip() if isinstance(value, str) else value)


def _save_new(actor: Any, instance: Any, exclude: list[str] | None = None) -> None:
    instance.full_clean(exclude=exclude)
    instance.save()
    audit.record_created(actor=actor, instance=instance)


def _save_changed(actor: Any, instance: Any, before: audit.Snapshot) -> None:
    instance.full_clean()
    instance.save()
    audit.record_updated(actor=actor, instance=instance, before=before)


def _delete(actor: Any, instance: Any) -> None:
    audit.record_deleted(
        actor=actor, instance=instance, before=audit.snapshot(instance)
    )
    instance.delete()


# The workshop ------------------------------------------------------------


@transaction.atomic
def workshop_create(
    *, actor: Any, municipality: Municipality, data: Mapping[str, Any]
) -> Workshop:
    """A new workshop of ``municipality``; voting is not open yet."""
    workshop = Workshop(municipality=municipality)
    _set(workshop, data, WORKSHOP_FIELDS)
    _save_new(actor, workshop)
    return workshop


@transaction.atomic
def workshop_update(
    *, actor: Any, workshop: Workshop, data: Mapping[str, Any]
) -> Workshop:
    before = audit.snapshot(workshop)
    _set(workshop, data, WORKSHOP_FIELDS)
    if workshop.voting != VotingState.PREPARING and (
        workshop.dots_per_participant != before["dots_per_participant"]
        or workshop.allow_stacking != before["allow_stacking"]
    ):
        raise ValidationError(
            _("The rules of the vote cannot change once voting has opened.")
        )
    _save_changed(actor, workshop, before)
    return workshop


@transaction.atomic
def workshop_delete(*, actor: Any, workshop: Workshop) -> None:
    _delete(actor, workshop)


@transaction.atomic
def workshop_set_voting(*, actor: Any, workshop: Workshop, state: str) -> Workshop:
    """Open or close the vote (closing can be undone by opening again)."""
    if state not in VotingState.values:
        raise ValidationError(_("Unknown state of the vote."))
    if state == VotingState.OPEN and not workshop.perspectives.exists():
        raise ValidationError(_("Add goal perspectives before opening the vote."))
    if (
        state == VotingState.PREPARING
        and workshop.participants.filter(voted_at__isnull=False).exists()
    ):
        raise ValidationError(
            _("The vote cannot go back to preparation once ballots have been cast.")
        )
    before = audit.snapshot(workshop)
    workshop.voting = state
    _save_changed(actor, workshop, before)
    return workshop


# Participants and their links ---------------------------------------------


def _check_participant(participant: WorkshopParticipant) -> None:
    municipality = participant.workshop.municipality_id
    if participant.organisation and (
        participant.organisation.municipality_id != municipality
    ):
        raise ValidationError(
            {"organisation": _("The organisation belongs to another municipality.")}
        )
    if participant.user_id:
        if not participant.user.memberships.filter(
            municipality_id=municipality
        ).exists():
            raise ValidationError(
                {"user": _("This person has no account in this municipality.")}
            )
        clash = WorkshopParticipant.objects.filter(
            workshop=participant.workshop, user=participant.user
        ).exclude(pk=participant.pk)
        if clash.exists():
            raise ValidationError({"user": _("This person is already on the list.")})


@transaction.atomic
def participant_add(
    *, actor: Any, workshop: Workshop, data: Mapping[str, Any]
) -> WorkshopParticipant:
    """A participant with a fresh personal voting link."""
    participant = WorkshopParticipant(workshop=workshop)
    _set(participant, data, PARTICIPANT_FIELDS)
    _check_participant(participant)
    _save_new(actor, participant)
    return participant


@transaction.atomic
def participant_remove(*, actor: Any, participant: WorkshopParticipant) -> None:
    """Remove a participant; their dots leave the result with them."""
    _delete(actor, participant)


@transaction.atomic
def participant_renew_link(
    *, actor: Any, participant: WorkshopParticipant
) -> WorkshopParticipant:
    """A new personal link; the old one stops working (e.g. it was passed on)."""
    participant.ballot_key = new_ballot_key()
    participant.save(update_fields=["ballot_key"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=participant,
        changes={"link": [_("previous link"), _("new link")]},
    )
    return participant


# Ideas and perspectives ---------------------------------------------------


def _check_perspective_of(workshop: Workshop, perspective: Perspective | None) -> None:
    if perspective is not None and perspective.workshop_id != workshop.pk:
        raise ValidationError(
            {"perspective": _("The perspective belongs to another workshop.")}
        )


@transaction.atomic
def idea_create(*, actor: Any, workshop: Workshop, data: Mapping[str, Any]) -> Idea:
    idea = Idea(workshop=workshop)
    _set(idea, data, IDEA_FIELDS)
    _check_perspective_of(workshop, idea.perspective)
    last = workshop.ideas.aggregate(last=Max("position"))["last"]
    idea.position = (last or 0) + 1
    _save_new(actor, idea)
    return idea


@transaction.atomic
def idea_update(*, actor: Any, idea: Idea, data: Mapping[str, Any]) -> Idea:
    before = audit.snapshot(idea)
    _set(idea, data, IDEA_FIELDS)
    _check_perspective_of(idea.workshop, idea.perspective)
    _save_changed(actor, idea, before)
    return idea


@transaction.atomic
def idea_delete(*, actor: Any, idea: Idea) -> None:
    _delete(actor, idea)


def _last_position(workshop: Workshop, exclude: Perspective | None = None) -> int:
    """The place after the workshop's last perspective (position 0 or none)."""
    others = workshop.perspectives.exclude(pk=exclude.pk if exclude else None)
    return (others.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def perspective_create(
    *, actor: Any, workshop: Workshop, data: Mapping[str, Any]
) -> Perspective:
    perspective = Perspective(workshop=workshop)
    _set(perspective, data, PERSPECTIVE_FIELDS)
    if not data.get("position"):
        perspective.position = _last_position(workshop)
    _save_new(actor, perspective)
    return perspective


@transaction.atomic
def perspective_update(
    *, actor: Any, perspective: Perspective, data: Mapping[str, Any]
) -> Perspective:
    before = audit.snapshot(perspective)
    _set(perspective, data, PERSPECTIVE_FIELDS)
    if "position" in data and not data["position"]:
        # As when adding: 0 (or nothing) puts it last, as the form says.
        perspective.position = _last_position(perspective.workshop, perspective)
    _save_changed(actor, perspective, before)
    return perspective


@transaction.atomic
def perspective_delete(*, actor: Any, perspective: Perspective) -> None:
    if perspective.workshop.voting != VotingState.PREPARING:
        raise ValidationError(
            _("A perspective cannot be deleted once voting has opened.")
        )
    _delete(actor, perspective)


# The dot vote -------------------------------------------------------------


def _ballot_lines(participant: WorkshopParticipant) -> list[str]:
    return [
        f"{vote.perspective.title}: {vote.dots}"
        for vote in participant.votes.select_related("perspective").order_by(
            "perspective__position", "perspective_id"
        )
    ]


def _check_ballot(workshop: Workshop, dots: Mapping[int, int]) -> dict[int, int]:
    if workshop.voting != VotingState.OPEN:
        raise ValidationError(_("The vote is not open."))
    perspectives = set(workshop.perspectives.values_list("pk", flat=True))
    errors: dict[str, list[str]] = {}
    given = {}
    for pk, count in dots.items():
        if pk not in perspectives:
            raise ValidationError(_("This perspective is not part of the vote."))
        if count is None or count == 0:
            continue
        if count < 0:
            errors.setdefault(f"perspective_{pk}", []).append(
                _("Dots cannot be negative.")
            )
        elif count > workshop.max_dots_per_perspective:
            most = workshop.max_dots_per_perspective
            errors.setdefault(f"perspective_{pk}", []).append(
                ngettext(
                    "At most %(count)d dot on one perspective.",
                    "At most %(count)d dots on one perspective.",
                    most,
                )
                % {"count": most}
            )
        given[pk] = count
    if errors:
        raise ValidationError(errors)
    total = sum(given.values())
    if total > workshop.dots_per_participant:
        raise ValidationError(
            _("You gave %(total)d dots; you have %(dots)d.")
            % {"total": total, "dots": workshop.dots_per_participant}
        )
    if total == 0:
        raise ValidationError(_("Give at least one dot."))
    return given


@transaction.atomic
def ballot_cast(
    *,
    participant: WorkshopParticipant,
    dots: Mapping[int, int],
    actor: Any = None,
) -> WorkshopParticipant:
    """Record the participant's ballot ({perspective id: dots}), replacing an
    earlier one while the vote is open: one ballot per participant.

    ``actor`` is the signed-in person, or None for a vote through the link
    (the audit trail then names the participant).
    """
    workshop = Workshop.objects.select_for_update().get(pk=participant.workshop_id)
    # Locked too, and read again: a participant removed since their link was
    # opened has no ballot any more.
    participant = (
        WorkshopParticipant.objects.select_for_update()
        .filter(pk=participant.pk, workshop=workshop)
        .first()
    )
    if participant is None:
        raise ValidationError(_("This voting link is not valid (any more)."))
    given = _check_ballot(workshop, dots)
    before = _ballot_lines(participant)
    participant.votes.all().delete()
    Vote.objects.bulk_create(
        Vote(participant=participant, perspective_id=pk, dots=count)
        for pk, count in given.items()
    )
    participant.voted_at = timezone.now()
    participant.save(update_fields=["voted_at"])
    audit.record(
        actor=actor,
        actor_name=participant.display_name,
        action=AuditAction.UPDATE,
        instance=participant,
        changes={"dots": [before or None, _ballot_lines(participant)]},
    )
    return participant


# Decisions and the backlog -------------------------------------------------


def _decide(
    actor: Any, perspective: Perspective, decision: str, reason: str, today: dt.date
) -> None:
    before = audit.snapshot(perspective)
    perspective.decision = decision
    perspective.backlog_reason = (
        reason if decision == PerspectiveDecision.BACKLOG else ""
    )
    perspective.decided_on = None if decision == PerspectiveDecision.OPEN else today
    if audit.diff(before, audit.snapshot(perspective)):
        _save_changed(actor, perspective, before)


def _reason_required(decision: str, reason: str) -> str:
    reason = (reason or "").strip()
    if decision == PerspectiveDecision.BACKLOG and not reason:
        raise ValidationError(
            {"reason": _("Say why the perspective goes to the backlog.")}
        )
    return reason


@transaction.atomic
def perspective_decide(
    *, actor: Any, perspective: Perspective, decision: str, reason: str = ""
) -> Perspective:
    """Choose a perspective, send it to the backlog (with a reason) or reopen it."""
    if decision not in PerspectiveDecision.values:
        raise ValidationError(_("Unknown decision."))
    if perspective.taken_up_on:
        raise ValidationError(_("This perspective has already been taken up."))
    reason = _reason_required(decision, reason)
    _decide(actor, perspective, decision, reason, timezone.localdate())
    return perspective


@transaction.atomic
def workshop_apply_cut(
    *, actor: Any, workshop: Workshop, keep: int, reason: str
) -> list[Perspective]:
    """Choose the perspectives ranked ``keep`` or better; the rest go to the
    backlog with ``reason``. Perspectives tied at the cut share its rank and
    are all chosen. Perspectives already taken up stay as they are."""
    if keep < 1:
        raise ValidationError({"keep": _("Keep at least one perspective.")})
    reason = _reason_required(PerspectiveDecision.BACKLOG, reason)
    today = timezone.localdate()
    backlog = []
    for row in workshop_result(workshop=workshop).rows:
        if row.perspective.taken_up_on:
            continue
        if row.rank <= keep:
            _decide(actor, row.perspective, PerspectiveDecision.CHOSEN, "", today)
        else:
            _decide(actor, row.perspective, PerspectiveDecision.BACKLOG, reason, today)
            backlog.append(row.perspective)
    return backlog


@transaction.atomic
def backlog_take_up(*, actor: Any, perspective: Perspective) -> Perspective:
    """Take a backlog item up again: it becomes a goal on the first level of
    the hierarchy (to be moved into place on the goals page), with the
    perspective's title and description, and is marked with today's date."""
    # Locked and read again: of two requests at once (a double click) the
    # second sees the item taken up instead of making a second goal.
    perspective = (
        Perspective.objects.select_for_update(of=("self",))
        .select_related("workshop__municipality")
        .get(pk=perspective.pk)
    )
    if not perspective.in_backlog:
        raise ValidationError(_("Only a perspective in the backlog can be taken up."))
    if perspective.taken_up_on:
        raise ValidationError(_("This perspective has already been taken up."))
    before = audit.snapshot(perspective)
    perspective.goal = goal_create(
        actor=actor,
        municipality=perspective.workshop.municipality,
        title=perspective.title,
        description=perspective.description,
    )
    perspective.taken_up_on = timezone.localdate()
    _save_changed(actor, perspective, before)
    return perspective
