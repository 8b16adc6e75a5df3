"""Personal links without an account: a random key kept on the row (a ballot,
a review request) and signed with the installation's secret key in the URL.

A mistyped or made-up link fails the signature before any database lookup; a
renewed key makes the old link useless. The keys are never in the audit trail
(their fields are not editable) nor in the logs (core/logfilters.py).
"""

from __future__ import annotations

import secrets

from django.core import signing


def new_link_key() -> str:
    return secrets.token_urlsafe(24)


def link_token(key: str, *, salt: str) -> str:
    """The token of a personal link to the row holding ``key``."""
    return signing.Signer(salt=salt, sep=".").sign(key)


def link_key(token: str, *, salt: str) -> str | None:
    """The key inside ``token``; None when the signature does not match."""
    try:
        return signing.Signer(salt=salt, sep=".").unsign(token)
    except signing.BadSignature:
        return None
