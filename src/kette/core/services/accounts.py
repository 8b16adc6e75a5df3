"""Writes of users, memberships and API tokens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import ApiToken, Membership, Municipality, Organisation, Role, User
from ..models.audit import AuditAction
from ..models.people import hash_token, password_fingerprint

# What the audit trail shows for a password: that it changed, nothing more.
CHANGED = "(changed)"


def _membership_organisations(
    *, municipality: Municipality, role: str, organisations: Iterable[Organisation]
) -> list[Organisation]:
    """The organisations of a membership, checked against its municipality and role."""
    organisations = list(organisations)
    if any(o.municipality_id != municipality.pk for o in organisations):
        raise ValidationError(
            {"organisations": _("Organisations must belong to the same municipality.")}
        )
    if organisations and role != Role.PROVIDER_EDITOR:
        raise ValidationError(
            {"organisations": _("Only provider editors are bound to organisations.")}
        )
    return organisations


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: User,
    municipality: Municipality,
    role: str,
    organisations: Iterable[Organisation] = (),
    actor_name: str = "",
) -> Membership:
    """Give ``user`` the ``role`` in ``municipality`` (idempotent)."""
    organisations = _membership_organisations(
        municipality=municipality, role=role, organisations=organisations
    )
    membership, created = Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role
    )
    before = audit.snapshot(membership)
    if organisations:
        membership.organisations.add(*organisations)
    if created:
        audit.record_created(actor=actor, instance=membership, actor_name=actor_name)
    else:
        audit.record_updated(
            actor=actor, instance=membership, before=before, actor_name=actor_name
        )
    return membership


@transaction.atomic
def membership_update(
    *,
    actor: Any,
    membership: Membership,
    role: str,
    organisations: Iterable[Organisation] = (),
    actor_name: str = "",
) -> Membership:
    """Change the role of a membership and set its organisations (all of them).

    User and municipality stay: for another person or place, revoke and grant.
    """
    organisations = _membership_organisations(
        municipality=membership.municipality, role=role, organisations=organisations
    )
    before = audit.snapshot(membership)
    membership.role = role
    membership.full_clean()
    membership.save()
    membership.organisations.set(organisations)
    audit.record_updated(
        actor=actor, instance=membership, before=before, actor_name=actor_name
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    before = audit.snapshot(membership)
    audit.record_deleted(actor=actor, instance=membership, before=before)
    membership.delete()


@transaction.atomic
def api_token_create(
    *,
    actor: Any,
    user: User,
    name: str,
    scope: str = ApiToken.Scope.READ,
    valid_days: int | None = None,
    actor_name: str = "",
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the raw key, which is shown once.

    It works until it expires, is revoked or the user's password changes.
    """
    raw, prefix, key_hash = ApiToken.generate()
    token = ApiToken(
        user=user,
        name=name,
        scope=scope,
        prefix=prefix,
        key_hash=key_hash,
        password_fingerprint=password_fingerprint(user),
        expires_at=timezone.now() + dt.timedelta(days=valid_days)
        if valid_days
        else None,
    )
    token.full_clean()
    token.save()
    audit.record_created(actor=actor, instance=token, actor_name=actor_name)
    return token, raw


@transaction.atomic
def password_set(
    *, actor: Any, user: User, raw_password: str | None, actor_name: str = ""
) -> None:
    """Set ``user``'s password (None: no password login at all) and audit it.

    The entry says only that the password changed: neither the password nor
    its hash is recorded.
    """
    user.set_password(raw_password)
    user.save(update_fields=["password"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=user,
        changes={"password": [CHANGED, CHANGED]},
        actor_name=actor_name,
    )


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    """Delete ``token``: it stops working at once."""
    before = audit.snapshot(token)
    audit.record_deleted(actor=actor, instance=token, before=before)
    token.delete()


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The live token for a raw key (marking it used), or None."""
    token = (
        ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    )
    if (
        token is None
        or token.is_expired
        or not token.user.is_active
        or token.password_changed
    ):
        return None
    now = timezone.now()
    # Touch at most once a minute so that busy clients do not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
