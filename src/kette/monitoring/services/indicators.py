"""Writing the indicator catalogue (people's writes are audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kette.core import audit

from ..models import Indicator


@transaction.atomic
def indicator_publish(*, indicator: Indicator, actor: Any, published: bool) -> None:
    """Show the indicator on the public pages (with disclosure control), or not."""
    before = audit.snapshot(indicator)
    indicator.is_published = published
    indicator.save(update_fields=["is_published", "updated_at"])
    audit.record_updated(actor=actor, instance=indicator, before=before)
