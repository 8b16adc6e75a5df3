"""Writing the indicator catalogue and the monitoring settings (people's
writes are audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality

from ..models import Indicator, MonitoringSettings


@transaction.atomic
def indicator_publish(*, indicator: Indicator, actor: Any, published: bool) -> None:
    """Show the indicator on the public pages (with disclosure control), or not."""
    before = audit.snapshot(indicator)
    indicator.is_published = published
    indicator.save(update_fields=["is_published", "updated_at"])
    audit.record_updated(actor=actor, instance=indicator, before=before)


#: The threshold may not go below this: a count of 1 or 2 is a person.
LOWEST_THRESHOLD = 3


@transaction.atomic
def disclosure_threshold_set(
    *, municipality: Municipality, threshold: int, actor: Any
) -> MonitoringSettings:
    """Set k: counts below it are withheld wherever figures leave the staff area."""
    if not LOWEST_THRESHOLD <= threshold <= 100:
        raise ValidationError(
            {
                "disclosure_threshold": _("Give a number from %(low)d to 100.")
                % {"low": LOWEST_THRESHOLD}
            }
        )
    current = MonitoringSettings.of(municipality)
    if current.pk is None:
        current.disclosure_threshold = threshold
        current.save()
        audit.record_created(actor=actor, instance=current)
        return current
    before = audit.snapshot(current)
    current.disclosure_threshold = threshold
    current.save()
    audit.record_updated(actor=actor, instance=current, before=before)
    return current
