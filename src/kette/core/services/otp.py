"""The second factor: time-based one-time codes (TOTP, RFC 6238).

Optional for most people, required for the roles named in the setting
``TWO_FACTOR_REQUIRED_ROLES`` (from ``KETTE_REQUIRE_2FA_ROLES``; by default
state admins and coordinators): they set up an app before they are logged in
(see ``services/login.py``) and cannot turn it off. A user sets up one
authenticator app. Until the user has typed a code the app
generated, the new secret lives only in the session (see
``totp_setup_key``); the device is stored, confirmed, once the code is right.
Only confirmed devices make the login two-step. Turning the second factor on
and off (also by a state admin, for someone who lost the phone) is recorded in
the audit trail, never the secret itself.
"""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ..models import AuditEntry, Role
from ..models.audit import AuditAction
from ..roles import is_state_admin, roles_by_municipality

DEVICE_NAME = "Authenticator"
# The secret of a device being set up, until the user confirms it with a code.
SETUP_KEY = "kette_totp_setup_key"


# The name of the state admin role in TWO_FACTOR_REQUIRED_ROLES (it is a flag
# on the user, not a membership role).
STATE_ADMIN = "state_admin"
KNOWN_ROLES = frozenset({STATE_ADMIN, *Role.values})


def totp_required(*, user: Any) -> bool:
    """Whether one of the user's roles requires the second factor."""
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not required or not getattr(user, "is_authenticated", False):
        return False
    if STATE_ADMIN in required and is_state_admin(user):
        return True
    return any(held & required for held in roles_by_municipality(user).values())


def totp_device_confirmed(*, user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if the second factor is on."""
    if getattr(user, "pk", None) is None:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_setup_key(session: SessionBase) -> str:
    """The secret (hex) of the device being set up: made once, kept in the session."""
    key = session.get(SETUP_KEY)
    if not key:
        key = session[SETUP_KEY] = default_key()
    return key


def totp_setup_device(*, user: Any, key: str) -> TOTPDevice:
    """An unsaved device with ``key``: for showing the secret and the QR code."""
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=False)


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth URI as a QR code: inline SVG markup, rendered on the server."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=10,
        border=4,
    )
    markup = image.to_string(encoding="unicode")
    # The caller wraps it in an element with role="img" and a text alternative.
    return markup.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _clean_token(token: str) -> str:
    return "".join(str(token).split())


def _record(
    *, actor: Any, device: TOTPDevice, action: str, actor_name: str = ""
) -> None:
    # Written by hand rather than with audit.record_*: the snapshot would
    # contain the device's secret key.
    person = actor if getattr(actor, "is_authenticated", False) else None
    owner = device.user
    created = action == AuditAction.CREATE
    AuditEntry.objects.create(
        actor=person,
        actor_name=(person.get_username() if person else actor_name or "system")[:150],
        municipality=None,
        action=action,
        object_type=device._meta.label,
        object_id=str(device.pk),
        object_repr=f"{device.name} ({owner.get_username()})"[:250],
        changes={
            "user": [None, owner.pk] if created else [owner.pk, None],
            "confirmed": [None, True] if created else [True, None],
        },
    )


@transaction.atomic
def totp_enable(*, user: Any, key: str, token: str) -> TOTPDevice | None:
    """Store a confirmed device with ``key`` if ``token`` is a current code of it.

    None if the code is wrong (nothing is written). Any other TOTP device of the
    user is removed: one app per user.
    """
    device = totp_setup_device(user=user, key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    try:
        code = int(_clean_token(token))
    except ValueError:
        return None
    if not totp.verify(code, device.tolerance):
        return None
    # As django-otp does after a match: the code cannot be used a second time.
    device.last_t = totp.t()
    if getattr(settings, "OTP_TOTP_SYNC", True):
        device.drift = totp.drift
    device.confirmed = True
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    _record(actor=user, device=device, action=AuditAction.CREATE)
    return device


@transaction.atomic
def totp_install(
    *, user: Any, key: str, actor: Any = None, actor_name: str = ""
) -> TOTPDevice:
    """Give ``user`` a confirmed device with ``key`` (hex) without a code.

    For the demo's logins, whose keys it prints. Nothing is written when the
    user's device already has this key.
    """
    device = totp_device_confirmed(user=user)
    if device is not None and device.key == key:
        return device
    if device is not None:
        _record(
            actor=actor, device=device, action=AuditAction.DELETE, actor_name=actor_name
        )
    TOTPDevice.objects.filter(user=user).delete()
    device = totp_setup_device(user=user, key=key)
    device.confirmed = True
    device.save()
    _record(
        actor=actor, device=device, action=AuditAction.CREATE, actor_name=actor_name
    )
    return device


def totp_verify(*, user: Any, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts ``token`` (used once), or None."""
    device = totp_device_confirmed(user=user)
    if device is None:
        return None
    with transaction.atomic():
        return device if device.verify_token(_clean_token(token)) else None


@transaction.atomic
def totp_disable(*, user: Any, token: str) -> bool:
    """Turn the second factor off; needs a current code. False if it is wrong,
    or if the user's role requires the second factor."""
    if totp_required(user=user):
        return False
    device = totp_verify(user=user, token=token)
    if device is None:
        return False
    _record(actor=user, device=device, action=AuditAction.DELETE)
    TOTPDevice.objects.filter(user=user).delete()
    return True


@transaction.atomic
def totp_reset(*, actor: Any, user: Any, actor_name: str = "") -> bool:
    """Turn someone's second factor off without a code, e.g. after a lost phone.

    For state admins; True if the second factor was on. The user can log in
    with the password alone and set up a new app.
    """
    device = totp_device_confirmed(user=user)
    if device is not None:
        _record(
            actor=actor, device=device, action=AuditAction.DELETE, actor_name=actor_name
        )
    TOTPDevice.objects.filter(user=user).delete()
    return device is not None
