"""What a person's authenticator app does, for tests of the second factor."""

from __future__ import annotations

import base64
import re
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code(device: TOTPDevice | bytes, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or ``steps_ahead`` periods later).

    ``device`` may also be the key an app was given on the setup page.
    """
    if isinstance(device, bytes):
        device = TOTPDevice(key=device.hex())
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def key_on_page(page: str) -> bytes:
    """The key the setup page tells the user to type into the app."""
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    secret = secret.replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def wrong_code(device: TOTPDevice | bytes) -> str:
    """A code the device rejects: none of those valid around now."""
    valid = {code(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("111111", "222222", "333333", "444444") if c not in valid)
