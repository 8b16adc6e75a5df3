"""Reading goal workshops: lists, the ranked vote result, ideas, the backlog.

Every read is scoped to a municipality, except the lookup of a personal
voting link, whose signed token names its workshop by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, F, QuerySet, Sum

from kette.core.models import Municipality, TargetGroup, User

from ..links import link_key, link_token
from ..models.workshops import (
    Idea,
    Perspective,
    PerspectiveDecision,
    Workshop,
    WorkshopParticipant,
)

_BALLOT_SALT = "kette.goals.workshop-ballot"


def workshop_list(*, municipality: Municipality) -> QuerySet[Workshop]:
    return Workshop.objects.for_municipality(municipality).annotate(
        participant_count=Count("participants", distinct=True),
        perspective_count=Count("perspectives", distinct=True),
    )


def workshop_get(*, municipality: Municipality, pk: int) -> Workshop:
    """Raises Workshop.DoesNotExist for a workshop of another municipality."""
    return Workshop.objects.for_municipality(municipality).get(pk=pk)


def people_list(*, municipality: Municipality) -> QuerySet[User]:
    """People with an account in the municipality, who can be participants."""
    return (
        User.objects.filter(memberships__municipality=municipality, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def target_group_list() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.filter(is_active=True)


def participant_list(*, workshop: Workshop) -> QuerySet[WorkshopParticipant]:
    return workshop.participants.select_related("user", "organisation")


def participant_get(*, workshop: Workshop, pk: int) -> WorkshopParticipant:
    return workshop.participants.select_related("workshop").get(pk=pk)


def participant_of_user(*, workshop: Workshop, user) -> WorkshopParticipant:
    """The signed-in person's place on the list; DoesNotExist if not on it."""
    if not getattr(user, "is_authenticated", False):
        raise WorkshopParticipant.DoesNotExist
    return workshop.participants.select_related("workshop").get(user=user)


def ballot_token(participant: WorkshopParticipant) -> str:
    """The token of the participant's personal voting link."""
    return link_token(participant.ballot_key, salt=_BALLOT_SALT)


def participant_for_token(token: str) -> WorkshopParticipant | None:
    """The participant whose link carries ``token``; None for any other token."""
    key = link_key(token, salt=_BALLOT_SALT)
    if key is None:
        return None
    return (
        WorkshopParticipant.objects.select_related("workshop__municipality")
        .filter(ballot_key=key)
        .first()
    )


def ballot_of(participant: WorkshopParticipant) -> dict[int, int]:
    """{perspective id: dots} of the participant's ballot (empty: not voted)."""
    return dict(participant.votes.values_list("perspective_id", "dots"))


def perspective_list(*, workshop: Workshop) -> QuerySet[Perspective]:
    return workshop.perspectives.prefetch_related("ideas__target_group")


def perspective_get(*, workshop: Workshop, pk: int) -> Perspective:
    return workshop.perspectives.select_related("workshop").get(pk=pk)


def idea_get(*, workshop: Workshop, pk: int) -> Idea:
    return workshop.ideas.select_related("workshop").get(pk=pk)


@dataclass
class IdeaGroup:
    """The ideas of one target group (None: about the whole chain)."""

    target_group: TargetGroup | None
    ideas: list[Idea]


def ideas_by_target_group(*, workshop: Workshop) -> list[IdeaGroup]:
    """Ideas grouped by target group in the vocabulary's order, general ones last."""
    ideas = sorted(
        workshop.ideas.select_related("target_group", "perspective"),
        key=lambda idea: (
            idea.target_group is None,
            idea.target_group.position if idea.target_group else 0,
            idea.target_group_id or 0,
            idea.position,
            idea.pk,
        ),
    )
    return [
        IdeaGroup(target_group=group, ideas=list(items))
        for group, items in groupby(ideas, key=lambda idea: idea.target_group)
    ]


@dataclass
class RankedPerspective:
    perspective: Perspective
    points: int
    voters: int
    rank: int
    #: The other perspectives with the same points (sharing the rank).
    tied_with: list[Perspective] = field(default_factory=list)


@dataclass
class WorkshopResult:
    rows: list[RankedPerspective]
    ballots: int
    participants: int
    dots_given: int

    @property
    def has_ties(self) -> bool:
        return any(row.tied_with for row in self.rows)


def rank(points: list[tuple[Perspective, int, int]]) -> list[RankedPerspective]:
    """Competition ranking (1, 2, 2, 4) by points; equal points share a rank
    and are listed in the workshop's order of perspectives."""
    ordered = sorted(points, key=lambda item: (-item[1], item[0].position, item[0].pk))
    rows: list[RankedPerspective] = []
    for index, (perspective, total, voters) in enumerate(ordered):
        shared = rows and rows[-1].points == total
        rows.append(
            RankedPerspective(
                perspective=perspective,
                points=total,
                voters=voters,
                rank=rows[-1].rank if shared else index + 1,
            )
        )
    for _points, group in groupby(rows, key=lambda row: row.points):
        members = list(group)
        if len(members) > 1:
            for row in members:
                row.tied_with = [m.perspective for m in members if m is not row]
    return rows


def workshop_result(*, workshop: Workshop) -> WorkshopResult:
    """The perspectives ranked by the dots they received."""
    perspectives = workshop.perspectives.select_related("goal").annotate(
        points=Sum("votes__dots", default=0), voters=Count("votes")
    )
    rows = rank([(p, p.points, p.voters) for p in perspectives])
    participants = workshop.participants.aggregate(
        total=Count("pk"), voted=Count("voted_at")
    )
    return WorkshopResult(
        rows=rows,
        ballots=participants["voted"],
        participants=participants["total"],
        dots_given=sum(row.points for row in rows),
    )


def backlog_list(*, municipality: Municipality) -> QuerySet[Perspective]:
    """The backlog (Themenspeicher): perspectives set aside, open ones first."""
    return (
        Perspective.objects.filter(
            workshop__municipality=municipality,
            decision=PerspectiveDecision.BACKLOG,
        )
        .select_related("workshop", "goal")
        .annotate(points=Sum("votes__dots", default=0))
        .order_by(
            F("taken_up_on").asc(nulls_first=True),
            "-workshop__date",
            "-points",
            "position",
            "pk",
        )
    )


def backlog_item_get(*, municipality: Municipality, pk: int) -> Perspective:
    return (
        Perspective.objects.filter(
            workshop__municipality=municipality,
            decision=PerspectiveDecision.BACKLOG,
        )
        .select_related("workshop")
        .get(pk=pk)
    )
