"""Goal workshops: ideas per target group, goal perspectives, dot votes, backlog.

As in Oberhausen's two workshops (seed 000): ideas are collected per target
group, grouped into goal perspectives (Zielperspektiven), prioritised by a
dot vote, and the perspectives not chosen go to the backlog (Themenspeicher)
with a reason, from where they can be taken up later as a goal.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation, TargetGroup, TenantModel

from ..links import new_link_key
from .goals import Goal


class VotingState(models.TextChoices):
    PREPARING = "preparing", _("not open yet")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Workshop(TenantModel):
    """A goal workshop with its participants, ideas, perspectives and dot vote."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitator = models.CharField(
        _("facilitator"),
        max_length=200,
        blank=True,
        help_text=_("Who moderates the workshop."),
    )
    notes = models.TextField(_("notes"), blank=True)
    dots_per_participant = models.PositiveSmallIntegerField(
        _("dots per participant"),
        default=5,
        help_text=_("How many dots each participant may give in the vote."),
    )
    allow_stacking = models.BooleanField(
        _("several dots on one perspective"),
        default=True,
        help_text=_("Participants may put more than one dot on a perspective."),
    )
    voting = models.CharField(
        _("vote"),
        max_length=10,
        choices=VotingState.choices,
        default=VotingState.PREPARING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal workshop")
        verbose_name_plural = _("goal workshops")
        ordering = ["municipality", "-date", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def max_dots_per_perspective(self) -> int:
        return self.dots_per_participant if self.allow_stacking else 1

    def clean(self) -> None:
        super().clean()
        if self.dots_per_participant is not None and self.dots_per_participant < 1:
            raise ValidationError(
                {"dots_per_participant": _("Each participant needs at least one dot.")}
            )


class _WorkshopPart(models.Model):
    """Something that belongs to a workshop, and through it to a municipality."""

    class Meta:
        abstract = True

    @property
    def municipality(self):
        # Read by the audit trail (kette.core.models.municipality_of).
        return self.workshop.municipality


def new_ballot_key() -> str:
    # Named in migration 0002; the key itself is the shared personal-link key.
    return new_link_key()


class WorkshopParticipant(_WorkshopPart):
    """A person taking part: a kette account, a free name, or both.

    The ``ballot_key`` is the secret of the participant's personal voting
    link (signed in the URL, see ``services.workshops.ballot_token``); it is
    never shown in the audit trail.
    """

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("As on the list of names.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person with an account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ballot_key = models.CharField(
        max_length=64, unique=True, default=new_ballot_key, editable=False
    )
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("workshop participant")
        verbose_name_plural = _("workshop participants")
        ordering = ["workshop", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "user"],
                condition=models.Q(user__isnull=False),
                name="workshop_participant_unique_user",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.user.display_name if self.user_id else ""

    def clean(self) -> None:
        super().clean()
        if not self.name.strip() and not self.user_id:
            raise ValidationError(
                {"name": _("Give a name or choose a person with an account.")}
            )


class PerspectiveDecision(models.TextChoices):
    OPEN = "open", _("not decided")
    CHOSEN = "chosen", _("chosen")
    BACKLOG = "backlog", _("backlog")


class Perspective(_WorkshopPart):
    """A goal perspective (Zielperspektive) that groups ideas; voted on.

    Not chosen, it goes to the backlog (Themenspeicher) with a reason; taken
    up later, it becomes a goal (``goal``) on ``taken_up_on``.
    """

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="perspectives"
    )
    title = models.CharField(_("goal perspective"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=PerspectiveDecision.choices,
        default=PerspectiveDecision.OPEN,
    )
    backlog_reason = models.TextField(_("reason for the backlog"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    taken_up_on = models.DateField(_("taken up on"), null=True, blank=True)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("goal perspective")
        verbose_name_plural = _("goal perspectives")
        ordering = ["workshop", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def in_backlog(self) -> bool:
        return self.decision == PerspectiveDecision.BACKLOG


class Idea(_WorkshopPart):
    """An idea collected in the workshop, for a target group, maybe grouped."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="ideas"
    )
    text = models.TextField(_("idea"))
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for an idea about all target groups."),
    )
    perspective = models.ForeignKey(
        Perspective,
        verbose_name=_("goal perspective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["workshop", "position", "id"]

    def __str__(self) -> str:
        return self.text[:100]

    def clean(self) -> None:
        super().clean()
        if (
            self.perspective_id
            and self.workshop_id
            and self.perspective.workshop_id != self.workshop_id
        ):
            raise ValidationError(
                {"perspective": _("The perspective belongs to another workshop.")}
            )


class Vote(models.Model):
    """The dots one participant gave one perspective (part of their ballot)."""

    participant = models.ForeignKey(
        WorkshopParticipant, on_delete=models.CASCADE, related_name="votes"
    )
    perspective = models.ForeignKey(
        Perspective, on_delete=models.CASCADE, related_name="votes"
    )
    dots = models.PositiveSmallIntegerField(_("dots"))

    class Meta:
        verbose_name = _("dots")
        verbose_name_plural = _("dots")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "perspective"], name="vote_unique_per_ballot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.perspective} · {self.dots}"

    @property
    def municipality(self):
        # Read by the audit trail (kette.core.models.municipality_of).
        return self.participant.workshop.municipality
