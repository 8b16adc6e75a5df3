"""Writing the indicator catalogue and the monitoring settings (people's
writes are audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality

from ..models import Indicator, IndicatorKind, MonitoringSettings

#: What a person sets on an indicator, in the form and in the catalogue import.
EDITABLE_FIELDS = (
    "key",
    "name_de",
    "name_en",
    "definition_de",
    "definition_en",
    "kind",
    "unit",
    "scale",
    "numerator_definition",
    "denominator_definition",
    "polarity",
    "periodicity",
    "source",
    "owner",
    "licence",
    "minimum_count",
    "record_source",
    "age_band",
    "life_phase",
    "field_of_action",
)


def _check(indicator: Indicator) -> None:
    """``full_clean``, with a taken key and a rate without a scale said in words."""
    errors: dict[str, list[str]] = {}
    try:
        indicator.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    taken = (
        Indicator.objects.for_municipality(indicator.municipality)
        .filter(key=indicator.key)
        .exclude(pk=indicator.pk)
    )
    if "key" not in errors and taken.exists():
        errors["key"] = [
            _("There is already an indicator with the key “%(key)s”.")
            % {"key": indicator.key}
        ]
    if indicator.kind == IndicatorKind.RATE and "scale" not in errors:
        if indicator.scale is None or indicator.scale <= 0:
            errors["scale"] = [
                _("A rate needs a scale above 0, e.g. 100 for per cent.")
            ]
    if errors:
        raise ValidationError(errors)


def _only_editable(values: dict[str, Any]) -> None:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")


@transaction.atomic
def indicator_create(
    *, municipality: Municipality, actor: Any, actor_name: str = "", **values: Any
) -> Indicator:
    """Add an indicator to the catalogue (unpublished, at the end of the list).

    ``values`` are fields of ``EDITABLE_FIELDS``; raises ValidationError by field.
    """
    _only_editable(values)
    last = Indicator.objects.for_municipality(municipality).aggregate(
        last=Max("position")
    )["last"]
    indicator = Indicator(
        municipality=municipality,
        position=0 if last is None else last + 1,
        **values,
    )
    _check(indicator)
    indicator.save()
    audit.record_created(actor=actor, instance=indicator, actor_name=actor_name)
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, actor: Any, actor_name: str = "", **values: Any
) -> bool:
    """Change an indicator's description; True when anything changed.

    The key stays: index definitions and data files name the indicator by it.
    ``values`` are fields of ``EDITABLE_FIELDS``; raises ValidationError by field.
    """
    _only_editable(values)
    if "key" in values and values.pop("key") != indicator.key:
        raise ValidationError(
            {
                "key": _(
                    "The key of an indicator cannot be changed: index definitions "
                    "and data files name the indicator by it."
                )
            }
        )
    before = audit.snapshot(indicator)
    for name, value in values.items():
        setattr(indicator, name, value)
    _check(indicator)
    if audit.snapshot(indicator) == before:
        return False
    indicator.save()
    audit.record_updated(
        actor=actor, instance=indicator, before=before, actor_name=actor_name
    )
    return True


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
