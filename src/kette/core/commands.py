"""Helpers shared by the `kette` management commands."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from kette.core import selectors
from kette.core.models import Municipality


def municipality_or_error(slug: str) -> Municipality:
    """The municipality with ``slug``, or a CommandError listing the known ones."""
    try:
        return selectors.municipality_get(slug=slug)
    except Municipality.DoesNotExist:
        known = ", ".join(m.slug for m in selectors.municipality_list()) or "-"
        raise CommandError(
            _('unknown municipality "%(slug)s" (known: %(known)s)')
            % {"slug": slug, "known": known}
        ) from None
