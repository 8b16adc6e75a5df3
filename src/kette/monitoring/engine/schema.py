"""The published JSON Schema of ``kette-index/1`` (docs/kette-index-1.schema.json,
shipped as data/kette-index-1.schema.json) and the check of a definition
against it, with the first problem as a ``DefinitionError`` that names its
JSON path, e.g. ``subindices[0].indicators[3].weigth: unknown key``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import DefinitionError, _

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "kette-index-1.schema.json"
TYPES = {
    "string": _("must be a text"),
    "boolean": _("must be true or false"),
    "array": _("must be a list"),
    "object": _("must be an object"),
    "number": _("must be a number"),
    "integer": _("must be a whole number"),
}

EMPTY = {
    "subindices": _("needs at least one sub-index"),
    "indicators": _("needs at least one indicator"),
}


@cache
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def path_of(parts: Any) -> str:
    """``["subindices", 0, "key"]`` → ``subindices[0].key``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text = f"{text}.{part}" if text else str(part)
    return text


def _problem(error: ValidationError) -> DefinitionError:
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(str(key) for key in error.instance if key not in known)
        return DefinitionError(path_of([*path, extra[0]]), _("unknown key"))
    if kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return DefinitionError(path_of([*path, missing[0]]), _("is missing"))
    if kind == "type":
        expected = error.validator_value
        return DefinitionError(path_of(path), TYPES.get(expected, TYPES["number"]))
    if kind == "const":
        return DefinitionError(
            path_of(path), _("must be “%(format)s”"), format=error.validator_value
        )
    if kind == "enum":
        return DefinitionError(
            path_of(path),
            _("must be one of %(options)s"),
            options=", ".join(sorted(str(v) for v in error.validator_value)),
        )
    if kind == "minItems":
        return DefinitionError(
            path_of(path), EMPTY.get(path[-1], _("must not be empty"))
        )
    if kind == "minLength":
        return DefinitionError(path_of(path), _("must not be empty"))
    if kind in {"exclusiveMinimum", "maximum"} and {
        "exclusiveMinimum",
        "maximum",
    } <= set(error.schema):
        return DefinitionError(
            path_of(path),
            _("must be greater than %(low)s and at most %(high)s"),
            low=error.schema["exclusiveMinimum"],
            high=error.schema["maximum"],
        )
    if kind == "exclusiveMinimum":
        return DefinitionError(
            path_of(path),
            _("must be greater than %(limit)s"),
            limit=error.validator_value,
        )
    if kind == "minimum":
        return DefinitionError(
            path_of(path), _("must be at least %(limit)s"), limit=error.validator_value
        )
    if kind == "maximum":
        return DefinitionError(
            path_of(path), _("must be at most %(limit)s"), limit=error.validator_value
        )
    if kind == "anyOf":  # a name: a text or an object of texts
        return DefinitionError(path_of(path), _("must be a text or an object of texts"))
    return DefinitionError(path_of(path), _("is not valid here"))


def check(spec: Any) -> None:
    """Raise ``DefinitionError`` for the first place where ``spec`` breaks the
    schema (in document order)."""
    errors = list(validator().iter_errors(spec))
    if errors:
        first = min(
            errors,
            key=lambda e: [
                (0, p, "") if isinstance(p, int) else (1, 0, p) for p in e.absolute_path
            ],
        )
        raise _problem(first)
