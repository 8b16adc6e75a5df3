"""Users, their memberships (user × municipality × role) and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .municipality import Municipality
from .organisation import Organisation


class User(AbstractUser):
    is_state_admin = models.BooleanField(
        _("state admin"),
        default=False,
        help_text=_("Staff of the state coordination office: sees all municipalities."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    PROVIDER_EDITOR = "provider_editor", _("provider editor")
    NETWORK_LEAD = "network_lead", _("network lead")
    PLANNER = "planner", _("planner")
    COORDINATOR = "coordinator", _("coordinator")


class Membership(models.Model):
    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        blank=True,
        related_name="editor_memberships",
        help_text=_("Only for provider editors: whose offers they keep."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality} · {self.get_role_display()}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def password_fingerprint(user: User) -> str:
    """A digest of the user's password hash: it changes with the password.

    (Also when Django rehashes the password with stronger settings at the next
    login; Django's sessions are bound to the password hash the same way.)
    """
    return hashlib.sha256(f"kette.api-token:{user.password}".encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored, the raw value shown once.

    A token works only while its user's password is the one it was issued
    under (``password_fingerprint``), and a read-only token only for reading.
    """

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        FULL = "full", _("read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(
        _("scope"), max_length=4, choices=Scope.choices, default=Scope.READ
    )
    password_fingerprint = models.CharField(max_length=64, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def generate() -> tuple[str, str, str]:
        """A new raw token with its prefix and hash."""
        raw = "kt_" + secrets.token_urlsafe(32)
        return raw, raw[:8], hash_token(raw)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_read_only(self) -> bool:
        return self.scope == self.Scope.READ

    @property
    def password_changed(self) -> bool:
        """Whether the user's password changed since the token was issued."""
        return not secrets.compare_digest(
            self.password_fingerprint, password_fingerprint(self.user)
        )
