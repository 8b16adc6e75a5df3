"""Strict index definitions: the published JSON Schema refuses unknown keys
and wrong types with the JSON path; the shipped definitions follow it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from jsonschema import Draft202012Validator

import kette.monitoring
from kette.monitoring.engine import DefinitionError, parse
from kette.monitoring.models import IndexDefinition
from kette.monitoring.services.indices import index_save
from tests.monitoring.factories import IndicatorFactory, two_level_city
from tests.monitoring.factories import index_spec as spec

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(kette.monitoring.__file__).parent / "data"
PUBLISHED = ROOT / "docs" / "kette-index-1.schema.json"
SHIPPED = DATA / "kette-index-1.schema.json"


def misspelt_weight() -> dict:
    definition = spec("a", "b", "c", "d")
    definition["subindices"][0]["indicators"][3]["weigth"] = 2
    return definition


def test_the_published_schema_is_the_one_the_code_uses():
    assert PUBLISHED.read_bytes() == SHIPPED.read_bytes()
    Draft202012Validator.check_schema(json.loads(PUBLISHED.read_text("utf-8")))


@pytest.mark.parametrize(
    "definition",
    [
        json.loads((DATA / "berlin-mss.json").read_text("utf-8")),
        json.loads((DATA / "undp-hdi.json").read_text("utf-8")),
        json.loads((DATA / "gelsenkirchen.json").read_text("utf-8"))["index"],
    ],
    ids=["berlin-mss", "undp-hdi", "gelsenkirchen"],
)
def test_the_shipped_definitions_follow_the_schema(definition):
    schema = json.loads(PUBLISHED.read_text("utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(definition))
    assert parse(definition).key == definition["key"]


def test_a_misspelt_key_is_refused_with_its_path():
    with pytest.raises(DefinitionError) as error:
        parse(misspelt_weight())
    assert error.value.path == "subindices[0].indicators[3].weigth"
    assert error.value.message == "unknown key"


def with_extra(where: str) -> dict:
    definition = spec("a", rank={"method": "min"})
    definition["subindices"][0]["indicators"][0]["normalisation"] = {}
    definition["subindices"][0]["indicators"][0]["transform"] = {}
    target = {
        "": definition,
        "subindices[0]": definition["subindices"][0],
        "subindices[0].indicators[0].normalisation": definition["subindices"][0][
            "indicators"
        ][0]["normalisation"],
        "subindices[0].indicators[0].transform": definition["subindices"][0][
            "indicators"
        ][0]["transform"],
        "classifications[0]": definition["classifications"][0],
        "rank": definition["rank"],
    }[where]
    target["colour"] = "red"
    return definition


@pytest.mark.parametrize(
    "where",
    [
        "",
        "subindices[0]",
        "subindices[0].indicators[0].normalisation",
        "subindices[0].indicators[0].transform",
        "classifications[0]",
        "rank",
    ],
)
def test_unknown_keys_are_refused_at_every_level(where):
    with pytest.raises(DefinitionError) as error:
        parse(with_extra(where))
    assert error.value.path == f"{where}.colour" if where else "colour"
    assert error.value.message == "unknown key"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"decimals": "3"}, "decimals", "must be a whole number"),
        ({"decimals": -1}, "decimals", "must be at least 0"),
        ({"rank": {"method": "best"}}, "rank.method", "must be one of"),
        ({"polarity": "up"}, "polarity", "must be one of"),
        ({"coverage": 0}, "coverage", "must be greater than 0 and at most 1"),
        ({"name": 3}, "name", "must be a text or an object of texts"),
        ({"key": None}, "key", "must be a text"),
    ],
)
def test_wrong_values_name_their_path(change, path, message):
    with pytest.raises(DefinitionError) as error:
        parse(spec("a") | change)
    assert error.value.path == path
    assert error.value.message.startswith(message)


def test_a_missing_key_is_named_with_its_path():
    definition = spec("a")
    del definition["subindices"][0]["indicators"][0]["key"]
    with pytest.raises(DefinitionError) as error:
        parse(definition)
    assert error.value.path == "subindices[0].indicators[0].key"


@pytest.mark.django_db
def test_saving_a_misspelt_definition_says_where_in_german_and_saves_nothing():
    municipality, _tops, _leaves = two_level_city()
    for key in "abcd":
        IndicatorFactory(municipality=municipality, key=key)
    with translation.override("de"), pytest.raises(ValidationError) as raised:
        index_save(municipality=municipality, spec=misspelt_weight(), actor=None)
    assert raised.value.messages[0] == (
        "Die Definition ist an der Stelle subindices[0].indicators[3].weigth "
        "ungültig: unbekannter Schlüssel"
    )
    assert not IndexDefinition.objects.exists()
