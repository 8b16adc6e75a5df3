"""The public directory's search page, through HTTP: search box, age input,
facets with counts, filters, pagination, sorting, the map, bad input."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.offers.factories import offer_content
from tests.offers.public_city import add_plain_offers, build_directory, publish

pytestmark = pytest.mark.django_db

URL = "/musterstadt/angebote/"


@pytest.fixture
def directory(client, municipality, coordinator, settings):
    """The small directory, and the client reading the pages in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return build_directory(municipality, coordinator)


def card(html: str, title: str) -> str:
    """The result card with ``title``."""
    for item in re.findall(r'<li class="result".*?</li>', html, flags=re.S):
        if f">{title}</a>" in item:
            return item
    raise AssertionError(f"no card for {title}")


def titles(response) -> list[str]:
    """Result titles in page order."""
    return titles_of(response.content.decode())


def titles_of(html: str) -> list[str]:
    return re.findall(
        r'class="result__title"[^>]*>.*?<a href="[^"]+">([^<]+)</a>', html, flags=re.S
    )


def facet(response, name: str) -> dict[str, int]:
    """The values of one facet group and their counts, e.g. {'Health': 1}."""
    html = response.content.decode()
    match = re.search(
        rf'<summary class="facet__title">{name}</summary>(.*?)</details>\s*(?=<details class="facet"|</aside>)',
        html,
        flags=re.S,
    )
    assert match, f"no facet {name}"
    return {
        label: int(count)
        for label, count in re.findall(
            r'class="facet__label">([^<]+)</span> <span class="facet__count">(\d+)',
            match.group(1),
        )
    }


def test_the_search_page_shows_the_form_and_every_published_offer(client, directory):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert 'name="child"' in html and 'value="expecting"' in html
    assert 'name="years"' in html and 'name="months"' in html
    assert sorted(titles(response)) == [
        "Hausaufgabenhilfe",
        "Hebammensprechstunde",
        "Jugendtreff Süd",
        "Krabbelgruppe am Hafen",
    ]
    assert "Geheimer Entwurf" not in html
    assert "4 offers" in html


def test_cards_show_organisation_age_districts_languages_and_cost(client, directory):
    html = client.get(URL + "?sort=name").content.decode()

    toddlers = card(html, "Krabbelgruppe am Hafen")
    assert "Familienzentrum Regenbogen e.V." in toddlers
    assert "6 months to 3 years" in toddlers
    assert "Gartenstadt" in toddlers
    assert "German" in toddlers
    assert "with a fee: 3 € pro Treffen" in toddlers
    midwife = card(html, "Hebammensprechstunde")
    assert "from pregnancy to 1 year" in midwife and "free of charge" in midwife
    assert "German, Turkish" in midwife


def test_facets_show_counts_for_every_kind_of_filter(client, directory):
    response = client.get(URL)

    assert facet(response, "Field of action") == {
        "Health": 1,
        "Early education": 1,
        "School education": 1,
        "Child and youth welfare": 1,
    }
    ages = facet(response, "Age group")
    assert ages["Pregnancy to 3 years"] == 2
    assert ages["6 to 10 years"] == 1
    assert ages["10 to 14 years"] == 2
    assert facet(response, "Language")["German"] == 4
    assert facet(response, "Language")["Arabic"] == 1
    assert facet(response, "District") == {
        "Nord": 2,
        "Hafen": 1,
        "Gartenstadt": 1,
        "Süd": 2,
    }
    assert facet(response, "Target group")["Expectant parents"] == 1
    assert facet(response, "Life phase")["Around youth (including school to work)"] == 1
    assert facet(response, "Cost") == {"Free of charge only": 3}


def test_a_facet_link_narrows_the_results_and_can_be_removed(client, directory):
    page = client.get(URL)
    link = re.search(
        r'<a class="facet__link" href="([^"]+)"><span class="facet__mark" aria-hidden="true"></span><span class="facet__label">Arabic',
        page.content.decode(),
    ).group(1)

    narrowed = client.get(link.replace("&amp;", "&"))

    assert titles(narrowed) == ["Hausaufgabenhilfe"]
    html = narrowed.content.decode()
    assert (
        'facet__link--selected" href="/musterstadt/angebote/" aria-current="true"'
        in html
    )
    assert 'class="chip" href="/musterstadt/angebote/"' in html  # remove the filter


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("field=health", ["Hebammensprechstunde"]),
        ("district=01", ["Hebammensprechstunde", "Krabbelgruppe am Hafen"]),
        ("district=02", ["Hausaufgabenhilfe", "Jugendtreff Süd"]),
        ("language=uk", ["Jugendtreff Süd"]),
        ("target_group=children", ["Hausaufgabenhilfe"]),
        (
            "life_phase=pregnancy-birth",
            ["Hebammensprechstunde", "Krabbelgruppe am Hafen"],
        ),
        ("age_band=3-6", []),
        ("free=false", ["Krabbelgruppe am Hafen"]),
        ("free=true&district=01", ["Hebammensprechstunde"]),
    ],
)
def test_filters_narrow_the_results(client, directory, query, expected):
    response = client.get(f"{URL}?sort=name&{query}")

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("child=expecting", ["Hebammensprechstunde"]),
        ("child=0", ["Hebammensprechstunde"]),
        ("child=18", ["Krabbelgruppe am Hafen"]),
        ("years=0&months=8", ["Hebammensprechstunde", "Krabbelgruppe am Hafen"]),
        ("years=8", ["Hausaufgabenhilfe"]),
        ("years=13&months=", ["Jugendtreff Süd"]),
        ("age_months=-4", ["Hebammensprechstunde"]),
        # exact years and months win over the select
        ("child=expecting&years=15", ["Jugendtreff Süd"]),
    ],
)
def test_the_childs_age_filters_by_age_range(client, directory, query, expected):
    response = client.get(f"{URL}?sort=name&{query}")

    assert titles(response) == expected


def test_the_age_shows_as_a_removable_filter_and_stays_in_the_form(client, directory):
    html = client.get(URL + "?years=2&months=6&field=early-education").content.decode()

    assert '<span class="chip__label">Age of the child:</span> 30 months' in html
    assert 'href="/musterstadt/angebote/?field=early-education"' in html
    assert (
        'name="years" id="id_years" min="0" max="27" inputmode="numeric" value="2"'
        in html
    )
    assert (
        'name="months" id="id_months" min="0" max="11" inputmode="numeric" value="6"'
        in html
    )
    # the other filters travel with the form
    assert '<input type="hidden" name="field" value="early-education">' in html


def test_pregnancy_is_kept_as_the_selected_option(client, directory):
    html = client.get(URL + "?child=expecting").content.decode()

    assert '<option value="expecting" selected>' in html
    assert "expecting a baby" in html


def test_text_search_finds_offers(client, directory):
    response = client.get(URL + "?q=Hausaufgaben")

    assert "Hausaufgabenhilfe" in titles(response)
    assert "Jugendtreff Süd" not in titles(response)
    assert 'value="Hausaufgaben"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "years=abc",
        "years=99",
        "months=-3",
        "child=banana",
        "age_months=9999",
        "field=no-such-field",
        "district=XX",
        "language=klingon",
        "age_band=0-99",
        "free=maybe",
        "sort=random",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "q=" + "x" * 500,
    ],
)
def test_bad_parameters_are_left_out_with_a_note(client, directory, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    html = response.content.decode()
    if not query.startswith("page="):
        assert "directory__notes" in html
    if not query.startswith("q="):
        assert len(titles(response)) == 4


def test_unknown_filter_is_named_in_the_note_and_ignored(client, directory):
    html = client.get(URL + "?field=no-such-field").content.decode()

    assert "The filter “Field of action: no-such-field” is unknown here" in html
    assert "4 offers" in html


def test_results_are_paginated(client, municipality, coordinator, directory):
    add_plain_offers(municipality, coordinator, 21)  # 25 offers in all

    first = client.get(URL + "?sort=name")
    second = client.get(URL + "?sort=name&page=2")

    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))
    html = first.content.decode()
    assert (
        'rel="next"' in html
        and 'href="/musterstadt/angebote/?sort=name&amp;page=2"' in html
    )
    assert '<ol class="results" start="21">' in second.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_a_page_beyond_the_last_shows_the_last_page(client, directory):
    html = client.get(URL + "?page=7").content.decode()

    assert "There is no page 7" in html
    assert len(titles(client.get(URL + "?page=7"))) == 4


def test_results_sort_by_name(client, directory):
    response = client.get(URL + "?sort=name")

    assert titles(response) == sorted(titles(response))
    html = response.content.decode()
    assert '<strong aria-current="true">name</strong>' in html
    assert '<a href="/musterstadt/angebote/">relevance</a>' in html


def test_the_map_marks_each_result_with_its_number(client, directory):
    html = client.get(URL + "?sort=name").content.decode()

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    markers = re.findall(
        r'<g class="offer-map__point[^"]*"[^>]*>\s*<title>([^<]*)</title>.*?'
        r'dominant-baseline="central">(\w+)</text>',
        svg,
        flags=re.S,
    )
    # Sorted by name: 1 Hausaufgabenhilfe and 3 Jugendtreff share one place.
    assert sorted(text for _title, text in markers) == ["2", "2", "4"]
    shared = next(title for title, text in markers if "Jugendtreff" in title)
    assert "1. Hausaufgabenhilfe" in shared and "3. Jugendtreff Süd" in shared
    assert "offer-map__point--group" in svg


def test_the_page_is_server_rendered_without_scripts(client, directory):
    html = client.get(URL).content.decode()

    assert "<script" not in html
    assert html.count('class="result"') == 4


def test_the_results_page_needs_no_query_per_offer(
    client, municipality, coordinator, directory, django_assert_max_num_queries
):
    client.get(URL)  # warm caches (district map, search table)
    with CaptureQueriesContext(connection) as few:
        client.get(URL + "?free=true")
    queries_for_three = len(few)  # read now: the next request resets the log
    add_plain_offers(municipality, coordinator, 20)
    client.get(URL)

    with django_assert_max_num_queries(queries_for_three):
        response = client.get(URL + "?free=true")
    assert len(titles(response)) == 20


def test_the_english_address_shows_the_same_search(client, directory):
    response = client.get("/musterstadt/offers/?field=health")

    assert response.status_code == 200
    assert titles(response) == ["Hebammensprechstunde"]
    assert (
        '<link rel="canonical" href="http://testserver/musterstadt/angebote/?field=health">'
        in response.content.decode()
    )


def test_the_start_page_has_a_search_box_for_the_directory(client, directory):
    html = client.get("/musterstadt/").content.decode()

    assert 'action="/musterstadt/angebote/"' in html
    assert 'name="q"' in html


def test_an_unknown_municipality_is_404(client, directory):
    assert client.get("/nirgendwo/angebote/").status_code == 404


def test_the_page_speaks_german_by_default(client, municipality, coordinator):
    build_directory(municipality, coordinator)

    html = client.get(URL).content.decode()

    assert "Angebote für Familien in Musterstadt" in html
    assert "Eingrenzen" in html
    assert "ab Schwangerschaft bis 1 Jahr" in html


def test_an_approved_offer_is_on_the_page_at_once_although_the_page_was_just_served(
    client, directory, municipality, coordinator
):
    assert "Zirkusschule" not in titles(client.get(URL, {"q": "Zirkus"}))
    assert client.get(URL, {"q": "Zirkus"}).status_code == 200  # served again
    publish(
        coordinator,
        municipality,
        offer_content(directory.midwife.organisation, title="Zirkusschule"),
    )
    assert titles(client.get(URL, {"q": "Zirkus"})) == ["Zirkusschule"]


def test_the_same_search_in_another_language_is_rendered_in_that_language(
    client, directory, settings
):
    english = client.get(URL, {"q": "Hebamme"}).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    german = client.get(URL, {"q": "Hebamme"}).content.decode()
    assert "Age group" in english and "Age group" not in german
    assert "Altersgruppe" in german


def test_a_page_served_to_a_visitor_shows_a_staff_member_their_own_header(
    client, directory, coordinator
):
    anonymous = client.get(URL, {"q": "Hebamme"}).content.decode()
    client.force_login(coordinator)
    staff = client.get(URL, {"q": "Hebamme"}).content.decode()
    assert "Log in" in anonymous and "Log out" not in anonymous
    assert "Log out" in staff
    assert titles_of(anonymous) == titles_of(staff)


def test_a_repeated_search_is_served_from_the_rendered_page(client, directory):
    with CaptureQueriesContext(connection) as first:
        first_html = client.get(URL, {"q": "Hebamme", "age_band": "0-3"}).content
    with CaptureQueriesContext(connection) as again:
        again_html = client.get(URL, {"age_band": "0-3", "q": "Hebamme"}).content
    # The header (language form with its CSRF token) is rendered each time.
    main = re.compile(rb"<main.*</main>", flags=re.S)
    assert main.search(again_html).group() == main.search(first_html).group()
    # Only the index version is read: no search, no offers, no facets.
    assert len(again) < len(first)
    assert not [
        q
        for q in again.captured_queries
        if 'kette_offers_offer"' in q["sql"] and "MAX(" not in q["sql"]
    ]


def test_the_district_facet_lists_each_district_before_the_parts_within_it(
    client, directory
):
    html = client.get(URL).content.decode()
    found = re.findall(
        r'facet__item--depth-(\d)">.*?class="facet__label">(Nord|Hafen|Gartenstadt|Süd)<',
        html,
    )
    assert found == [("0", "Nord"), ("1", "Hafen"), ("1", "Gartenstadt"), ("0", "Süd")]


def test_the_name_of_an_upper_district_finds_the_offers_in_its_parts(client, directory):
    found = titles(client.get(URL + "?q=Nord&sort=name"))
    assert found == ["Hebammensprechstunde", "Krabbelgruppe am Hafen"]
