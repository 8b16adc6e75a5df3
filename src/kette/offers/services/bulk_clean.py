"""``full_clean`` for many instances at once: the model's rules, column by column.

``full_clean`` per object cost most of a big HSDS import: every field of
every object runs ``to_python``, the choice, null and blank checks and its
validators. ``clean_many`` comes to the same result for a list of instances
of one model. Each field's rule is derived from the field itself
(``field_rules``): a cheap test that a value certainly passes ``field.clean``
unchanged (a ``str`` within ``max_length`` and among the choices, an ``int``
within the range validators, a ``date`` ...), run down the column. Only the
values it does not vouch for (wrong type, too long, not a choice, empty
where required, or a field with a validator it does not know, e.g. e-mail)
go through ``field.clean``, which gives Django's own message. The model's
``clean()`` (its cross-field rules) then runs per object, as ``full_clean``
runs it. So the bulk path and the one-object path (``full_clean``) read the
same field definitions and the same ``clean()``: their rules cannot drift.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable, Iterable
from functools import cache
from itertools import compress
from operator import attrgetter, not_
from typing import Any

from django.core import validators as v
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.base import ModelState
from django.db.models.expressions import DatabaseDefault

Errors = dict[str, list[ValidationError]]
CONTAINERS = (dict, list)

# Field classes whose to_python returns a value of this type unchanged.
PYTHON_TYPES: dict[type[models.Field], type] = {
    models.CharField: str,
    models.TextField: str,
    models.IntegerField: int,
    models.FloatField: float,
    models.BooleanField: bool,
    models.DateTimeField: dt.datetime,
    models.DateField: dt.date,
    models.TimeField: dt.time,
    models.UUIDField: uuid.UUID,
}


def _bounds(field: models.Field) -> tuple[float, float, float, float, bool] | None:
    """(lowest, highest value, shortest, longest length, no NUL) the field's
    validators allow, or None if one of them is not a bound we know."""
    low, high, short, long, no_nul = -math.inf, math.inf, 0, math.inf, False
    for validator in field.validators:
        limit = getattr(validator, "limit_value", None)
        kind = type(validator)
        if callable(limit):
            return None
        if kind is v.MaxLengthValidator:
            long = min(long, limit)
        elif kind is v.MinLengthValidator:
            short = max(short, limit)
        elif kind is v.MaxValueValidator:
            high = min(high, limit)
        elif kind is v.MinValueValidator:
            low = max(low, limit)
        elif kind is v.ProhibitNullCharactersValidator:
            no_nul = True
        else:
            return None  # one only Django can run (e-mail, URL, regex)
    return low, high, short, long, no_nul


def _python_type(field: models.Field) -> type | None:
    """The type ``field.to_python`` keeps as it is, if the field class is known."""
    for cls in type(field).__mro__:
        if cls in PYTHON_TYPES:
            overridden = type(field).to_python is not cls.to_python
            if overridden or type(field).validate is not models.Field.validate:
                return None
            return PYTHON_TYPES[cls]
    return None


def _never(value: Any) -> bool:
    return False


def _accept(field: models.Field) -> Callable[[Any], bool]:
    """A test that ``field.clean(value)`` certainly returns ``value`` unchanged.

    False means "not sure": ``field.clean`` decides (and words the message).
    No value of these types is among ``field.empty_values`` but ``""``.
    """
    kind = _python_type(field)
    bounds = _bounds(field)
    if kind is None or bounds is None:
        return _never
    low, high, short, long, no_nul = bounds
    choices = None
    if field.editable and field.choices is not None:
        choices = frozenset(key for key, _label in field.flatchoices)
    if kind is str:

        def accept(value: Any) -> bool:
            return (
                type(value) is str
                and value != ""
                and short <= len(value) <= long
                and not (no_nul and "\x00" in value)
                and (choices is None or value in choices)
            )

    elif kind in (int, float):

        def accept(value: Any) -> bool:
            return (
                type(value) is kind
                and low <= value <= high
                and not (no_nul and "\x00" in str(value))
                and (choices is None or value in choices)
            )

    else:

        def accept(value: Any) -> bool:
            return type(value) is kind and (choices is None or value in choices)

    return accept


class FieldRule:
    """One field's rule: the fast column test and Django's own ``clean``."""

    def __init__(self, field: models.Field) -> None:
        self.field = field
        self.name = field.name
        self.attname = field.attname
        self.accept = _accept(field)

    def clean_column(self, instances: list[models.Model], errors: list[Errors]):
        field, attname, accept = self.field, self.attname, self.accept
        blank, empty = field.blank, field.empty_values
        values = list(map(attrgetter(attname), instances))
        # Only the values the test does not vouch for are visited one by one.
        doubtful = compress(range(len(values)), map(not_, map(accept, values)))
        for index in doubtful:
            instance, value = instances[index], values[index]
            if blank and value in empty:
                continue
            if isinstance(value, DatabaseDefault):
                continue
            try:
                setattr(instance, attname, field.clean(value, instance))
            except ValidationError as error:
                errors[index][self.name] = error.error_list


@cache
def field_rules(model: type[models.Model], exclude: frozenset[str]) -> list[FieldRule]:
    """The rules ``clean_fields`` applies to ``model``, in field order."""
    return [
        FieldRule(f)
        for f in model._meta.fields
        if f.name not in exclude and not f.generated
    ]


def clean_many(
    instances: list[models.Model], exclude: Iterable[str] = ()
) -> list[Errors]:
    """``full_clean(exclude=exclude, validate_unique=False)`` of each instance.

    Returns each instance's errors (empty when valid), keyed by field as
    ``full_clean`` raises them: ``ValidationError(errors).message_dict``
    gives the same messages. Values are converted as ``full_clean`` does.
    """
    if not instances:
        return []
    excluded = frozenset(exclude)
    errors: list[Errors] = [{} for _instance in instances]
    for rule in field_rules(type(instances[0]), excluded):
        rule.clean_column(instances, errors)
    constrained = any(c for _model, c in instances[0].get_constraints())
    for index, instance in enumerate(instances):
        try:
            instance.clean()
        except ValidationError as error:
            errors[index] = error.update_error_dict(errors[index])
        if constrained:
            skip = excluded | {n for n in errors[index] if n != NON_FIELD_ERRORS}
            try:
                instance.validate_constraints(exclude=skip)
            except ValidationError as error:
                errors[index] = error.update_error_dict(errors[index])
    return errors


def like(template: models.Model, **values: Any) -> Any:
    """A new, unsaved instance like ``template`` with ``values`` set.

    Copies the template's attributes (mutable ones such as a JSON field's
    ``{}`` copied, not shared) instead of running ``Model.__init__``, which
    resolves every field's default and took a tenth of the import when run
    per offer.
    """
    model = type(template)
    clone = model.__new__(model)
    data = template.__dict__.copy()
    for key in _containers(model):
        value = data.get(key)
        if isinstance(value, CONTAINERS):
            data[key] = value.copy()
    state = data["_state"] = ModelState()
    state.fields_cache = dict(template._state.fields_cache)
    clone.__dict__ = data
    for key, value in values.items():
        setattr(clone, key, value)
    return clone


@cache
def _containers(model: type[models.Model]) -> tuple[str, ...]:
    """Attributes that may hold a dict or list (fields of no known plain type)."""
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if not f.is_relation and _python_type(f) is None
    )


@cache
def _fresh_defaults(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(
        f
        for f in model._meta.concrete_fields
        if f.has_default() and callable(f.default)
    )


def new_instance(model: type[models.Model], values: dict[str, Any]) -> Any:
    """``model(**values)`` (concrete field names only), without ``__init__``'s
    cost: a copy of a blank instance, callable defaults (a new UUID) called
    again."""
    clone = like(_blank(model))
    for f in _fresh_defaults(model):
        if f.attname not in values and not (f.primary_key and "pk" in values):
            setattr(clone, f.attname, f.get_default())
    for name, value in values.items():
        setattr(clone, name, value)
    return clone


@cache
def _blank(model: type[models.Model]) -> models.Model:
    return model()
