"""Audit entries for people: every recorded value as readable text.

An entry's ``changes`` hold whatever the service recorded: plain values,
choice codes, ids of related objects (which may since have been deleted),
vocabulary codes, lists of them, and nested content such as an offer's
places as lists of dicts. None of it may break the change log, and none of
it should reach people as a raw code where a name exists.

An app says how one of its fields reads best with ``register`` (the offers
app does so for an offer's places, times and contacts); everything else is
shown by the generic rules below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

# (object type, field name) -> function from a recorded value to text.
Renderer = Callable[[Any], "str | list[str] | None"]
_RENDERERS: dict[tuple[str, str], Renderer] = {}
# (object type, name) -> label (lazily translated) of a recorded name that is
# no field of the model, e.g. how many observations an import wrote.
_LABELS: dict[tuple[str, str], Any] = {}


def register(
    object_type: str,
    name: str,
    renderer: Renderer | None = None,
    *,
    label: Any = None,
) -> None:
    """Show the field ``name`` of ``object_type`` (``app_label.Model``) this way:
    its values with ``renderer``, its name as ``label`` (a lazy translation)."""
    if renderer is not None:
        _RENDERERS[(object_type, name)] = renderer
    if label is not None:
        _LABELS[(object_type, name)] = label


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(field: Any, name: str) -> str:
    if field is not None and field.auto_created and not field.concrete:
        # The other side of a relation, e.g. an offer's places: no own name.
        text = str(field.related_model._meta.verbose_name_plural)
    else:
        text = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
    return text[:1].upper() + text[1:]


def _registered_label(object_type: str, name: str) -> str:
    text = str(_LABELS.get((object_type, name), ""))
    return text[:1].upper() + text[1:]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _moment(field: Any, value: Any) -> str | None:
    """A recorded date or time (ISO text) as people write it, else None."""
    if not isinstance(value, str) or not isinstance(
        field, models.DateField | models.TimeField
    ):
        return None
    try:
        if isinstance(field, models.DateTimeField):
            moment = timezone.localtime(dt.datetime.fromisoformat(value))
            return formats.date_format(moment, "DATETIME_FORMAT")
        if isinstance(field, models.DateField):
            return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        return formats.time_format(dt.time.fromisoformat(value), "TIME_FORMAT")
    except ValueError:
        return None


def _scalar(field: Any, value: Any) -> str:
    if (moment := _moment(field, value)) is not None:
        return moment
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    choices = getattr(field, "flatchoices", None)
    if choices:
        for code, label in choices:
            if code == value or str(code) == str(value):
                return str(label)
    return str(value)


def _has_code(model: type[models.Model]) -> bool:
    field = _field(model, "code")
    return field is not None and getattr(field, "unique", False)


def _as_pk(model: type[models.Model], value: Any) -> Any:
    """``value`` as a primary key of ``model``, or None if it cannot be one."""
    pk = model._meta.pk
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, int) and pk.get_internal_type() == "UUIDField":
        return None  # e.g. a position in a list, not an id
    try:
        return pk.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None


def _names(model: type[models.Model], values: Iterable[Any]) -> list[str]:
    """Related objects by id (or vocabulary code) as their names.

    A vocabulary term is recorded by its code in an offer's content and by
    its id in a snapshot; an object deleted since is marked as gone.
    """
    values = list(values)
    by_code = _has_code(model)
    codes = [v for v in values if by_code and isinstance(v, str)]
    keys = {i: _as_pk(model, v) for i, v in enumerate(values) if v not in codes}
    manager = model._base_manager
    named: dict[Any, str] = {}
    if codes:
        named |= {("code", o.code): str(o) for o in manager.filter(code__in=codes)}
    pks = [pk for pk in keys.values() if pk is not None]
    if pks:
        named |= {("pk", o.pk): str(o) for o in manager.filter(pk__in=pks)}
    shown = []
    for i, value in enumerate(values):
        if value in codes:
            shown.append(named.get(("code", value), str(value)))
        elif keys.get(i) is None:
            shown.append(str(value))
        else:
            shown.append(
                named.get(("pk", keys[i]))
                or _("#%(id)s (no longer exists)") % {"id": value}
            )
    return shown


def _dict_text(model: type[models.Model] | None, value: dict) -> str:
    parts = []
    for key, item in value.items():
        if key == "id":
            continue
        field = _field(model, str(key))
        shown = readable(field, item)
        if _empty(shown):
            continue
        if isinstance(shown, list):
            shown = ", ".join(shown)
        parts.append(f"{_label(field, str(key))}: {shown}")
    return "; ".join(parts)


def readable(field: Any, value: Any) -> str | list[str] | None:
    """One recorded value as text (a list of texts for a list), None if empty."""
    if _empty(value):
        return None
    related = getattr(field, "related_model", None) if field is not None else None
    if isinstance(value, dict):
        return _dict_text(related, value)
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            texts = [readable(field, item) for item in value]
            return [
                ", ".join(t) if isinstance(t, list) else t for t in texts if t
            ] or None
        value = [item for item in value if item is not None]
        if related is not None:
            return _names(related, value)
        return [_scalar(field, item) for item in value]
    if related is not None:
        return _names(related, [value])[0]
    return _scalar(field, value)


def _shown(renderer: Renderer | None, field: Any, value: Any) -> list[str]:
    """A recorded value as lines of text (none for an empty value)."""
    if _empty(value):
        return []
    shown: Any = None
    if renderer is not None:
        try:
            shown = renderer(value)
        except (AttributeError, KeyError, TypeError, ValueError):
            pass  # recorded in an older shape: the generic rules still read it
    if shown is None:
        shown = readable(field, value)
    lines = shown if isinstance(shown, list) else [shown]
    return [str(line) for line in lines if not _empty(line)]


def change_rows(entry: Any) -> list[dict[str, Any]]:
    """The recorded fields of an audit entry as rows: label, old and new lines."""
    model = _model(entry.object_type)
    changes = entry.changes or {}
    if not isinstance(changes, dict):  # services record dicts; be safe anyway
        changes = {"changes": [None, changes]}
    rows = []
    for name, pair in changes.items():
        if name == "id":
            continue
        if isinstance(pair, list | tuple) and len(pair) == 2:
            old, new = pair
        else:
            old, new = None, pair
        field = _field(model, name)
        renderer = _RENDERERS.get((entry.object_type, name))
        rows.append(
            {
                "name": name,
                "label": _registered_label(entry.object_type, name)
                or _label(field, name),
                "old": _shown(renderer, field, old),
                "new": _shown(renderer, field, new),
            }
        )
    rows.sort(key=lambda row: row["label"])
    return rows
