"""One search request reads a fixed, small number of queries: the
vocabularies and districts come from memory (``kette.offers.search.terms``),
and an edit of a term or a district shows in the next answer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.models import District, FieldOfAction, Language
from tests.api.test_offers_read import LIST, directory, search  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory")]

PARAMS = {"q": "Krabbelgruppe", "age_band": "0-3", "field": "early-education"}
VOCABULARY_TABLES = (
    "kette_core_ageband",
    "kette_core_lifephase",
    "kette_core_targetgroup",
)


def test_a_repeated_search_reads_no_vocabulary_and_no_district_tree(api):
    search(api, **PARAMS, district="01", language="de")
    with CaptureQueriesContext(connection) as queries:
        data = search(api, **PARAMS, district="01", language="de")

    assert data["count"] == 1
    sqls = [q["sql"] for q in queries.captured_queries]
    # Municipality, index token, district stamp (twice), synonyms, the page's
    # offers with their places, their languages and fields.
    assert len(sqls) == 7, sqls
    assert not [s for s in sqls if any(t in s for t in VOCABULARY_TABLES)]
    # Languages and fields are read only as the page's offers' own terms.
    assert all(
        'FROM "kette_offers_offer_languages"' in s
        for s in sqls
        if "kette_core_language" in s
    )
    district_reads = [s for s in sqls if 'FROM "kette_core_district"' in s]
    assert district_reads and all("COUNT(" in s for s in district_reads)


def test_an_edited_term_or_district_shows_in_the_next_answer(api):
    before = search(api, **PARAMS)
    labels = {v["value"]: v["label"] for v in before["facets"]["field"]}
    assert labels["early-education"] != "Frühe Hilfen und Bildung"

    term = FieldOfAction.objects.get(code="early-education")
    term.label_de = "Frühe Hilfen und Bildung"
    term.save()
    district = District.objects.get(municipality__slug="musterstadt", code="01")
    district.name = "Altstadt-Nord"
    district.save()
    after = search(api, **PARAMS)

    labels = {v["value"]: v["label"] for v in after["facets"]["field"]}
    assert labels["early-education"] == "Frühe Hilfen und Bildung"
    names = {v["value"]: v["label"] for v in after["facets"]["district"]}
    assert names["01"] == "Altstadt-Nord"


def test_a_switched_off_term_and_a_new_district_are_known_at_once(api, municipality):
    assert search(api, language="tr")["count"] == 1
    turkish = Language.objects.get(code="tr")
    turkish.is_active = False
    turkish.save()
    response = api.get(LIST.format(slug="musterstadt"), {"language": "tr"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["language"]

    assert (
        api.get(LIST.format(slug="musterstadt"), {"district": "03"}).status_code == 400
    )
    District.objects.create(municipality=municipality, code="03", name="Neustadt")
    assert search(api, district="03")["count"] == 0


@pytest.mark.parametrize("size", [1, 3])
def test_a_page_of_offers_is_read_in_two_queries_whatever_its_size(api, size):
    search(api, page_size=size)
    with CaptureQueriesContext(connection) as queries:
        data = search(api, page_size=size)

    assert len(data["results"]) == size
    sqls = [q["sql"] for q in queries.captured_queries]
    # Municipality, district stamp, index token; the offers with their
    # organisation and places; their languages and fields (one UNION).
    assert len(sqls) == 5, sqls
    offers, terms = [s for s in sqls if 'FROM "kette_offers_offer' in s]
    assert "kette_offers_offerlocation" in offers
    assert "kette_core_organisation" in offers
    assert "UNION" in terms
    assert "kette_core_fieldofaction" in terms
