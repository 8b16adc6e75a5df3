"""System checks for a safe production set-up (``kette check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .services.otp import KNOWN_ROLES

MAIL_BACKENDS_THAT_KEEP_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security, deploy=True)
def mail_is_delivered(app_configs, **kwargs):
    """Password-reset links printed to a log would let log readers take accounts."""
    if settings.EMAIL_BACKEND in MAIL_BACKENDS_THAT_KEEP_MAIL:
        return [
            Warning(
                "E-mail is not delivered but kept or printed, password-reset "
                "links included.",
                hint="Set KETTE_EMAIL_URL, e.g. submission://user:password@host:587 (STARTTLS).",
                id="kette.W001",
            )
        ]
    return []


@register(Tags.security)
def two_factor_roles_are_known(app_configs, **kwargs):
    """A misspelt role in KETTE_REQUIRE_2FA_ROLES would silently require nothing."""
    unknown = sorted(set(settings.TWO_FACTOR_REQUIRED_ROLES) - KNOWN_ROLES)
    if unknown:
        return [
            Error(
                f"KETTE_REQUIRE_2FA_ROLES names unknown roles: {', '.join(unknown)}.",
                hint="Known roles: " + ", ".join(sorted(KNOWN_ROLES)) + ".",
                id="kette.E021",
            )
        ]
    return []
