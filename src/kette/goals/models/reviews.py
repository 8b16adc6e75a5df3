"""Review rounds (e.g. quarterly): every responsible person is asked, through a
personal link, to update the status of their measures and to comment.

A round covers all pursued goals or the goals chosen for it. Opening it makes
one request per responsible person (a user responsible for measures in scope,
or the contact named for an organisation responsible for measures without a
person); each request carries the key of its personal link (see
``kette.goals.links``), which expires when the round closes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation, TenantModel

from ..links import new_link_key
from .goals import Goal


class ReviewRound(TenantModel):
    """A status review of the measures, open from ``opened_on`` until closed."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. Quarterly review Q1/2027")
    )
    opened_on = models.DateField(_("opened on"))
    due_by = models.DateField(_("answers due by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    goals = models.ManyToManyField(
        Goal,
        verbose_name=_("goals"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for all pursued goals."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["municipality", "-opened_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def clean(self) -> None:
        super().clean()
        if self.due_by and self.opened_on and self.due_by < self.opened_on:
            raise ValidationError(
                {"due_by": _("The answers cannot be due before the round opens.")}
            )
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError(
                {"closed_on": _("A round cannot close before it opens.")}
            )


class ReviewRequest(TenantModel):
    """One responsible person asked in a round: a user, or the contact of an
    organisation (name and e-mail); ``key`` is the secret of their link."""

    review_round = models.ForeignKey(
        ReviewRound,
        verbose_name=_("review round"),
        on_delete=models.CASCADE,
        related_name="requests",
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
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    key = models.CharField(
        max_length=64, unique=True, default=new_link_key, editable=False
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["review_round", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review_round", "user"],
                condition=models.Q(user__isnull=False),
                name="review_request_unique_user",
            ),
            models.UniqueConstraint(
                fields=["review_round", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="review_request_unique_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewMail(models.Model):
    """An e-mail sent for a request: to whom, when, by whom (never the link)."""

    request = models.ForeignKey(
        ReviewRequest, on_delete=models.CASCADE, related_name="mails"
    )
    sent_at = models.DateTimeField(_("sent at"))
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("review e-mail")
        verbose_name_plural = _("review e-mails")
        ordering = ["request", "-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.sent_at:%Y-%m-%d %H:%M}"

    @property
    def municipality(self):
        # Read by the audit trail (kette.core.models.municipality_of).
        return self.request.municipality
