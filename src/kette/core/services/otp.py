"""The optional second factor: time-based one-time codes (TOTP, RFC 6238).

A user sets up one authenticator app. The device stays unconfirmed until the
user has typed a code it generated; only confirmed devices make the login
two-step. Enabling and disabling are recorded in the audit trail, never the
secret itself.
"""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import AuditEntry
from ..models.audit import AuditAction

DEVICE_NAME = "Authenticator"


def totp_device_confirmed(*, user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if the second factor is on."""
    if getattr(user, "pk", None) is None:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def totp_device_for_setup(*, user: Any) -> TOTPDevice:
    """The unconfirmed device to set up (created once, then reused)."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


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


def _record(*, actor: Any, device: TOTPDevice, action: str, confirmed: Any) -> None:
    # Written by hand rather than with audit.record_*: the snapshot would
    # contain the device's secret key.
    AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username()[:150],
        municipality=None,
        action=action,
        object_type=device._meta.label,
        object_id=str(device.pk),
        object_repr=f"{device.name} ({actor.get_username()})"[:250],
        changes={
            "user": [None, actor.pk]
            if action == AuditAction.CREATE
            else [actor.pk, None],
            "confirmed": confirmed,
        },
    )


@transaction.atomic
def totp_confirm(*, user: Any, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with a code from the app; False if the code is wrong.

    On success every other TOTP device of the user is removed: one app per user.
    """
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(_clean_token(token)):
        return False
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _record(
        actor=user, device=device, action=AuditAction.CREATE, confirmed=[None, True]
    )
    return True


def totp_verify(*, user: Any, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts ``token`` (used once), or None."""
    device = totp_device_confirmed(user=user)
    if device is None:
        return None
    with transaction.atomic():
        return device if device.verify_token(_clean_token(token)) else None


@transaction.atomic
def totp_disable(*, user: Any, token: str) -> bool:
    """Turn the second factor off; needs a current code. False if it is wrong."""
    device = totp_verify(user=user, token=token)
    if device is None:
        return False
    _record(
        actor=user, device=device, action=AuditAction.DELETE, confirmed=[True, None]
    )
    TOTPDevice.objects.filter(user=user).delete()
    return True
