"""Coordinators keep the search synonyms; every change is audited."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape

from kette.core.models import AuditEntry, Role
from kette.offers.models import SearchSynonym
from kette.offers.search.synonyms import builtin_entries
from tests.core.factories import user_with_role

pytestmark = pytest.mark.django_db


def url(name: str, municipality, **kwargs) -> str:
    return reverse(
        f"offers_staff:{name}", kwargs={"municipality": municipality.slug, **kwargs}
    )


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def synonym(municipality):
    return SearchSynonym.objects.create(
        municipality=municipality, term="Kindergarten", alternatives="Kita"
    )


def test_a_coordinator_adds_a_synonym_with_an_audit_entry(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        url("synonym_create", municipality),
        {
            "term": "  Nachhilfe ",
            "alternatives": "Hausaufgabenhilfe,, Lernförderung ,",
            "is_active": "on",
        },
    )
    assert response["Location"] == url("synonym_list", municipality)
    synonym = SearchSynonym.objects.get()
    assert (synonym.municipality, synonym.term) == (municipality, "Nachhilfe")
    assert synonym.alternatives == "Hausaufgabenhilfe, Lernförderung"
    assert synonym.is_active
    entry = AuditEntry.objects.get(object_type="kette_offers.SearchSynonym")
    assert (entry.action, entry.actor, entry.municipality) == (
        "create",
        coordinator,
        municipality,
    )
    assert entry.changes["term"] == [None, "Nachhilfe"]
    assert "Nachhilfe" in html(client.get(url("synonym_list", municipality)))


def test_editing_records_old_and_new(client, municipality, coordinator, synonym):
    client.force_login(coordinator)
    edit = url("synonym_update", municipality, synonym_id=synonym.pk)
    assert 'value="Kindergarten"' in html(client.get(edit))
    client.post(
        edit, {"term": "Kindergarten", "alternatives": "Kita, Kindertagesstätte"}
    )  # "in use" left unticked: switched off
    synonym.refresh_from_db()
    assert synonym.alternatives == "Kita, Kindertagesstätte"
    assert not synonym.is_active
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes["alternatives"] == ["Kita", "Kita, Kindertagesstätte"]
    assert entry.changes["is_active"] == [True, False]


def test_deleting_asks_first_and_is_audited(client, municipality, coordinator, synonym):
    client.force_login(coordinator)
    delete = url("synonym_delete", municipality, synonym_id=synonym.pk)
    assert client.get(delete).status_code == 200
    assert SearchSynonym.objects.exists()
    client.post(delete)
    assert not SearchSynonym.objects.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.changes["term"] == ["Kindergarten", None]


def test_a_word_gets_one_entry_only(client, municipality, coordinator, synonym):
    client.force_login(coordinator)
    response = client.post(
        url("synonym_create", municipality),
        {"term": "kindergarten", "alternatives": "Kindertagesstätte"},
    )
    assert response.status_code == 200
    assert 'id="id_term_error"' in html(response)
    assert 'value="Kindertagesstätte"' not in html(response)  # a textarea keeps it
    assert "Kindertagesstätte" in html(response)
    assert SearchSynonym.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_empty_alternatives_are_refused(client, municipality, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url("synonym_create", municipality), {"term": "Babykurs", "alternatives": " , "}
    )
    assert response.status_code == 200
    assert 'id="id_alternatives_error"' in html(response)
    assert not SearchSynonym.objects.exists()


def test_the_list_filters_by_word(client, municipality, coordinator, synonym):
    SearchSynonym.objects.create(
        municipality=municipality, term="Babykurs", alternatives="PEKiP"
    )
    client.force_login(coordinator)
    page = html(client.get(url("synonym_list", municipality), {"q": "pekip"}))
    own = page[: page.index('id="builtin-title"')]
    assert "Babykurs" in own and "Kindergarten" not in own


@pytest.mark.parametrize("role", [Role.PROVIDER_EDITOR, Role.PLANNER])
def test_only_coordinators_keep_synonyms(client, municipality, synonym, role):
    client.force_login(user_with_role(municipality, role))
    assert client.get(url("synonym_list", municipality)).status_code == 403
    response = client.post(
        url("synonym_update", municipality, synonym_id=synonym.pk),
        {"term": "X", "alternatives": "Y"},
    )
    assert response.status_code == 403
    assert SearchSynonym.objects.get().term == "Kindergarten"


def test_another_municipalitys_synonym_is_not_found(
    client, municipality, other_municipality, coordinator
):
    foreign = SearchSynonym.objects.create(
        municipality=other_municipality, term="Geheim", alternatives="B"
    )
    client.force_login(coordinator)
    edit = url("synonym_update", municipality, synonym_id=foreign.pk)
    assert client.get(edit).status_code == 404


def test_built_in_words_are_listed_and_can_be_taken_over(
    client, municipality, coordinator, synonym
):
    term, alternatives = builtin_entries()[0]
    client.force_login(coordinator)
    page = html(client.get(url("synonym_list", municipality)))
    assert term in page and alternatives in page
    start = (
        url("synonym_create", municipality)
        + "?"
        + urlencode({"term": term, "alternatives": alternatives})
    )
    assert escape(start) in page
    form = html(client.get(start))
    assert f'value="{escape(term)}"' in form and escape(alternatives) in form
