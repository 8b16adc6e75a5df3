"""The two-step login and unlocking a locked-out login.

Login is two-step when the user has a confirmed authenticator app: the right
password only remembers in the session who is trying to log in, for
``PENDING_SECONDS``; the user is logged in once the code is right.
"""

from __future__ import annotations

import time
from typing import Any

import django_otp
from axes.utils import reset as axes_reset
from django.contrib.auth import load_backend
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.models import Device

from .. import audit
from ..models import User
from ..models.audit import AuditAction

PENDING_KEY = "kette_login_pending"
PENDING_SECONDS = 300


def login_pending_start(request: HttpRequest, user: User, *, next_url: str) -> None:
    """Remember that ``user`` gave the right password; the code comes next.

    ``user`` comes from an authentication backend (``user.backend`` is set).
    """
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": int(time.time()),
    }


def login_pending_user(request: HttpRequest) -> User | None:
    """Who is between password and code, or None (also once the time is up)."""
    pending = request.session.get(PENDING_KEY)
    if pending and time.time() - pending.get("since", 0) <= PENDING_SECONDS:
        user = load_backend(pending["backend"]).get_user(pending["user"])
        if user is not None:
            return user
    request.session.pop(PENDING_KEY, None)
    return None


def login_pending_finish(request: HttpRequest, user: User, device: Device) -> str:
    """Log ``user`` in with the verified ``device``; the (safe) address to go to."""
    pending = request.session.pop(PENDING_KEY)
    auth_login(request, user, backend=pending["backend"])
    django_otp.login(request, device)
    target = pending.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return target


@transaction.atomic
def login_unlock(*, actor: Any, user: User, actor_name: str = "") -> int:
    """Forget ``user``'s failed logins, lifting a lockout; how many were forgotten.

    Recorded in the audit trail when there was something to forget.
    """
    count = axes_reset(username=user.get_username())
    if count:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=user,
            changes={"failed_login_records": [count, 0]},
            actor_name=actor_name,
        )
    return count
