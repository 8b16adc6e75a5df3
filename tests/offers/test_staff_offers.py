"""Provider self-service over HTTP: drafts with parts, errors, review, direct edits."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer, OfferRevision, OfferStatus, RevisionState
from kette.offers.services.content import offer_content
from kette.offers.services.workflow import offer_approve, offer_create, offer_submit
from tests.core.factories import (
    DistrictFactory,
    OrganisationFactory,
    UserFactory,
    square,
    user_with_role,
)
from tests.offers.factories import offer_content as content_for

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would send, per POST form of the page."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("method") == "post"
            if self._in_form:
                self.forms.append([])
            return
        if not self._in_form:
            return
        values = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            values.append((a["name"], a.get("value", default)))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            values.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = self._text[1:] if self._text.startswith("\n") else self._text
            self.forms[-1].append((self._textarea, text))
            self._textarea = None


def fields_of(response) -> dict:
    """The page's biggest POST form (the offer form) as POST data."""
    parser = FormFields()
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in max(parser.forms, key=len):
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    return data


def html(response) -> str:
    return response.content.decode()


def url(name: str, municipality, **kwargs) -> str:
    return reverse(
        f"offers_staff:{name}", kwargs={"municipality": municipality.slug, **kwargs}
    )


@pytest.fixture
def editor(municipality, organisation):
    return user_with_role(
        municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
    )


@pytest.fixture
def district(municipality):
    return DistrictFactory(
        municipality=municipality, code="01", geometry=square(6.80, 51.40)
    )


def post_data(organisation, **overrides) -> dict:
    data = {
        "organisation": str(organisation.pk),
        "title": "Hebammensprechstunde",
        "summary": "Beratung rund um Schwangerschaft und Geburt.",
        "description": "Offene Sprechstunde der Familienhebammen.",
        "from_pregnancy": "on",
        "max_years": "1",
        "fields_of_action": ["health"],
        "languages": ["de", "tr"],
        "cost": "free",
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-0-name": "Familienzentrum Mitte",
        "locations-0-street": "Marktstraße 1",
        "locations-0-postal_code": "46045",
        "locations-0-city": "Musterstadt",
        "locations-0-latitude": "51,405",
        "locations-0-longitude": "6.805",
        "weekly-TOTAL_FORMS": "1",
        "weekly-INITIAL_FORMS": "0",
        "weekly-0-weekday": "1",
        "weekly-0-opens_at": "09:00",
        "weekly-0-closes_at": "12:00",
        "weekly-0-location": "0",
        "dated-TOTAL_FORMS": "1",
        "dated-INITIAL_FORMS": "0",
        "dated-0-date": "2026-03-05",
        "dated-0-opens_at": "18:00",
        "dated-0-note": "Infoabend",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Anna Beispiel",
        "contacts-0-role": "Familienhebamme",
        "contacts-0-email": "anna@example.org",
        "save": "1",
    }
    data.update(overrides)
    return data


def test_an_editor_creates_a_draft_with_places_times_and_contacts(
    client, municipality, organisation, editor, district
):
    client.force_login(editor)
    assert client.get(url("offer_create", municipality)).status_code == 200

    response = client.post(url("offer_create", municipality), post_data(organisation))

    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("offer_detail", municipality, offer_id=offer.pk)
    assert offer.status == OfferStatus.DRAFT
    assert (offer.min_age_months, offer.max_age_months) == (-9, 12)
    assert sorted(offer.languages.values_list("code", flat=True)) == ["de", "tr"]
    place = offer.locations.get()
    assert (place.latitude, place.district) == (51.405, district)
    weekly = offer.schedules.get(kind="weekly")
    assert (weekly.weekday, weekly.location, str(weekly.opens_at)) == (
        1,
        place,
        "09:00:00",
    )
    dated = offer.schedules.get(kind="dated")
    assert (str(dated.date), dated.location, dated.note) == (
        "2026-03-05",
        None,
        "Infoabend",
    )
    assert offer.contacts.get().email == "anna@example.org"
    assert AuditEntry.objects.get(action="create").actor == editor


def test_adding_a_place_keeps_everything_entered_and_writes_nothing(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    data = post_data(organisation, title="Noch nicht fertig", add="locations")
    data.pop("save")

    response = client.post(url("offer_create", municipality), data)

    page = html(response)
    assert response.status_code == 200
    assert not Offer.objects.exists()
    assert 'name="locations-TOTAL_FORMS" value="2"' in page
    assert 'id="id_locations-1-name"' in page
    assert 'value="Noch nicht fertig"' in page
    assert 'value="Familienzentrum Mitte"' in page
    assert "error-summary" not in page
    fields = fields_of(response)
    assert fields["languages"] == ["de", "tr"]
    assert fields["weekly-0-location"] == "0"


def test_every_part_can_be_added_without_javascript(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    data = post_data(organisation)
    data.pop("save")
    for part in ("weekly", "dated", "contacts"):
        response = client.post(url("offer_create", municipality), data | {"add": part})
        assert f'name="{part}-TOTAL_FORMS" value="2"' in html(response)


def test_a_bad_value_from_the_service_is_shown_on_its_place_field(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    # The first place is left empty, so the service sees the second as "locations.0".
    data = post_data(
        organisation,
        **{
            "locations-TOTAL_FORMS": "2",
            "locations-0-name": "",
            "locations-0-street": "",
            "locations-0-postal_code": "",
            "locations-0-city": "",
            "locations-0-latitude": "",
            "locations-0-longitude": "",
            "locations-1-name": "Stadtteilbüro",
            "locations-1-latitude": "123",
            "locations-1-longitude": "6.8",
            "weekly-0-location": "1",
        },
    )

    response = client.post(url("offer_create", municipality), data)

    page = html(response)
    assert response.status_code == 200
    assert not Offer.objects.exists() and not AuditEntry.objects.exists()
    assert 'id="id_locations-1-latitude_error"' in page
    assert 'id="id_locations-0-latitude_error"' not in page
    assert 'href="#id_locations-1-latitude"' in page
    assert 'value="Stadtteilbüro"' in page and 'value="Hebammensprechstunde"' in page


@pytest.mark.parametrize(
    ("change", "field_id"),
    [
        ({"max_years": "0", "min_years": "2", "from_pregnancy": ""}, "id_max_years"),
        ({"min_years": "1"}, "id_min_years"),
        ({"cost": "fee", "cost_text": ""}, "id_cost_text"),
        ({"title": ""}, "id_title"),
        ({"contacts-0-name": ""}, "id_contacts-0-name"),
        ({"locations-0-latitude": "Mitte"}, "id_locations-0-latitude"),
        ({"weekly-0-weekday": ""}, "id_weekly-0-weekday"),
        ({"weekly-0-closes_at": "08:00"}, "id_weekly-0-closes_at"),
        ({"dated-0-date": ""}, "id_dated-0-date"),
        ({"contacts-0-email": "keine-adresse"}, "id_contacts-0-email"),
        ({"locations-0-DELETE": "on"}, "id_weekly-0-location"),
    ],
)
def test_errors_name_the_field_and_keep_the_input(
    client, municipality, organisation, editor, change, field_id
):
    client.force_login(editor)
    data = post_data(organisation, **change)
    if field_id == "id_contacts-0-name":
        data["contacts-0-role"] = "Hebamme ohne Namen"

    response = client.post(url("offer_create", municipality), data)

    page = html(response)
    assert response.status_code == 200
    assert f'id="{field_id}_error"' in page, page[page.find("error-summary") :][:800]
    assert not Offer.objects.exists()
    assert fields_of(response)["summary"] == data["summary"]


def test_an_editor_cannot_choose_another_organisation(
    client, municipality, organisation, editor
):
    other = OrganisationFactory(municipality=municipality, name="Fremder Träger")
    client.force_login(editor)
    response = client.post(url("offer_create", municipality), post_data(other))
    assert response.status_code == 200
    assert 'id="id_organisation_error"' in html(response)
    assert not Offer.objects.exists()


def test_the_edit_page_gives_back_exactly_what_was_stored(
    client, municipality, organisation, editor, district
):
    content = content_for(
        organisation,
        min_age_months=18,
        max_age_months=75,
        cost="fee",
        cost_text="5 € pro Termin",
        registration_required=True,
        registration_text="Telefonisch",
        capacity=12,
        website="https://example.org/kurs",
        life_phases=["pregnancy-birth"],
        target_groups=[],
    )
    content["locations"].append(
        {"name": "Zweiter Ort", "city": "Musterstadt", "accessibility": "Rampe"}
    )
    content["schedules"].append(
        {"kind": "dated", "date": "2026-05-01", "location": 1, "note": "Fest"}
    )
    offer = offer_create(actor=editor, municipality=municipality, content=content)
    before = offer_content(offer)
    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=offer.pk)

    data = fields_of(client.get(edit))
    assert data["min_years"] == "1" and data["min_months"] == "6"
    response = client.post(edit, data | {"save": "1"})

    page = html(response)
    assert response.status_code == 302, page[page.find("error-summary") :][:1500]
    offer.refresh_from_db()
    after = offer_content(offer)
    assert after["schedules"] == before["schedules"]
    assert after == before
    assert not AuditEntry.objects.filter(action="update").exists()


def test_submit_return_with_comment_and_resubmit(
    client, municipality, organisation, editor, coordinator
):
    client.force_login(editor)
    client.post(url("offer_create", municipality), post_data(organisation))
    offer = Offer.objects.get()
    detail = url("offer_detail", municipality, offer_id=offer.pk)
    assert (
        client.get(url("offer_submit", municipality, offer_id=offer.pk)).status_code
        == 405
    )

    response = client.post(url("offer_submit", municipality, offer_id=offer.pk))

    assert response["Location"] == detail
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW
    client.force_login(coordinator)
    assert "Hebammensprechstunde" in html(client.get(url("review_queue", municipality)))
    back = url("review_return", municipality, offer_id=offer.pk)
    refused = client.post(back, {"comment": "  "})
    assert refused.status_code == 200 and 'id="id_comment_error"' in html(refused)
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW
    client.post(back, {"comment": "Bitte die Kosten genauer angeben."})
    assert Offer.objects.get().status == OfferStatus.DRAFT

    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=offer.pk)
    form_page = client.get(edit)
    assert "Bitte die Kosten genauer angeben." in html(form_page)
    assert "Bitte die Kosten genauer angeben." in html(client.get(detail))
    data = fields_of(form_page) | {"cost": "fee", "cost_text": "2 €", "submit": "1"}
    assert client.post(edit, data).status_code == 302
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW

    client.force_login(coordinator)
    client.post(url("review_approve", municipality, offer_id=offer.pk))
    published = Offer.objects.get()
    assert published.status == OfferStatus.PUBLISHED
    assert (published.cost_text, published.review_comment) == ("2 €", "")


@pytest.fixture
def published(municipality, organisation, editor, coordinator, district):
    offer = offer_create(
        actor=editor, municipality=municipality, content=content_for(organisation)
    )
    offer_submit(actor=editor, offer=offer)
    offer_approve(actor=coordinator, offer=offer)
    return Offer.objects.get(pk=offer.pk)


def test_edits_to_a_published_offer_wait_while_the_public_sees_the_old_version(
    client, municipality, editor, coordinator, published
):
    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=published.pk)
    data = fields_of(client.get(edit)) | {
        "title": "Hebammensprechstunde am Abend",
        "publish": "on",  # not offered to editors: ignored
        "save": "1",
    }

    assert client.post(edit, data).status_code == 302

    public_page = reverse(
        "offers:detail",
        kwargs={"municipality": "musterstadt", "offer_id": published.pk},
    )
    seen = Client().get(public_page).content.decode()
    assert "Hebammensprechstunde" in seen and "am Abend" not in seen
    revision = OfferRevision.objects.get()
    assert revision.state == RevisionState.DRAFT
    page = html(client.get(edit))
    assert 'value="Hebammensprechstunde am Abend"' in page
    assert "am Abend" in html(
        client.get(url("offer_detail", municipality, offer_id=published.pk))
    )
    client.post(url("offer_submit", municipality, offer_id=published.pk))
    assert OfferRevision.objects.get().state == RevisionState.IN_REVIEW
    assert Offer.objects.get().status == OfferStatus.PUBLISHED

    client.force_login(coordinator)
    queue = html(client.get(url("review_queue", municipality)))
    assert "Hebammensprechstunde" in queue
    review = html(client.get(url("review_detail", municipality, offer_id=published.pk)))
    assert "<del>Hebammensprechstunde</del>" in review, review[review.find("<main") :]
    assert "<ins>Hebammensprechstunde am Abend</ins>" in review
    client.post(url("review_approve", municipality, offer_id=published.pk))
    assert "Hebammensprechstunde am Abend" in Client().get(public_page).content.decode()
    assert OfferRevision.objects.get().state == RevisionState.APPROVED


def test_a_coordinator_edits_a_published_offer_directly(
    client, municipality, coordinator, published
):
    client.force_login(coordinator)
    edit = url("offer_update", municipality, offer_id=published.pk)
    page = client.get(edit)
    assert 'name="publish"' in html(page)
    data = fields_of(page) | {"title": "Direkt geändert", "publish": "on", "save": "1"}

    assert client.post(edit, data).status_code == 302

    assert Offer.objects.get().title == "Direkt geändert"
    assert not OfferRevision.objects.exists()


def test_a_coordinator_publishes_pending_changes_of_an_editor_at_once(
    client, municipality, editor, coordinator, published
):
    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=published.pk)
    client.post(edit, fields_of(client.get(edit)) | {"title": "Vom Träger"})
    client.force_login(coordinator)
    data = fields_of(client.get(edit))
    assert data["title"] == "Vom Träger"

    client.post(edit, data | {"publish": "on", "save": "1"})

    assert Offer.objects.get().title == "Vom Träger"
    assert OfferRevision.objects.get().state == RevisionState.APPROVED


def test_a_coordinator_publishes_a_new_offer_at_once(
    client, municipality, organisation, coordinator
):
    client.force_login(coordinator)
    data = post_data(organisation, publish="on")
    assert client.post(url("offer_create", municipality), data).status_code == 302
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PUBLISHED and offer.published_at is not None


def test_editors_do_not_see_the_publish_option(
    client, municipality, editor, organisation
):
    client.force_login(editor)
    page = html(client.get(url("offer_create", municipality)))
    assert 'name="publish"' not in page
    client.post(
        url("offer_create", municipality), post_data(organisation, publish="on")
    )
    assert Offer.objects.get().status == OfferStatus.DRAFT


def test_an_editor_cannot_touch_another_organisations_offer(
    client, municipality, editor
):
    foreign = offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(OrganisationFactory(municipality=municipality)),
    )
    client.force_login(editor)
    listing = html(client.get(url("offer_list", municipality)))
    assert foreign.title not in listing
    for name in ("offer_detail", "offer_update", "offer_archive", "offer_delete"):
        response = client.get(url(name, municipality, offer_id=foreign.pk))
        assert response.status_code == 403, name
    for name in ("offer_update", "offer_submit", "offer_archive", "offer_delete"):
        response = client.post(
            url(name, municipality, offer_id=foreign.pk), {"title": "Übernommen"}
        )
        assert response.status_code == 403, name
    foreign.refresh_from_db()
    assert (foreign.title, foreign.status) == ("Hebammensprechstunde", "draft")


def test_the_list_shows_a_coordinator_every_offer_and_filters(
    client, municipality, organisation, editor, coordinator
):
    other = OrganisationFactory(municipality=municipality, name="Sportverein")
    offer_create(
        actor=editor,
        municipality=municipality,
        content=content_for(organisation, title="Entwurf Eltern-Café"),
    )
    offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(other, title="Kinderturnen"),
    )
    client.force_login(coordinator)
    listing = url("offer_list", municipality)
    page = html(client.get(listing))
    assert "Entwurf Eltern-Café" in page and "Kinderturnen" in page
    by_org = html(client.get(listing, {"organisation": other.pk}))
    assert "Kinderturnen" in by_org and "Eltern-Café" not in by_org
    by_text = html(client.get(listing, {"q": "café"}))
    assert "Eltern-Café" in by_text and "Kinderturnen" not in by_text
    assert "Kinderturnen" not in html(client.get(listing, {"status": "published"}))

    client.force_login(editor)
    page = html(client.get(listing))
    assert "Entwurf Eltern-Café" in page and "Kinderturnen" not in page


@pytest.mark.parametrize("role", [Role.PLANNER, Role.NETWORK_LEAD])
def test_other_roles_have_no_offer_pages(client, municipality, role):
    client.force_login(user_with_role(municipality, role))
    assert client.get(url("offer_list", municipality)).status_code == 403
    assert client.get(url("offer_create", municipality)).status_code == 403


def test_an_editor_without_an_organisation_is_told_so(client, municipality):
    client.force_login(user_with_role(municipality, Role.PROVIDER_EDITOR))
    response = client.get(url("offer_create", municipality))
    assert response.status_code == 200
    assert '<form method="post" class="form"' not in html(response)


def test_a_draft_is_deleted_and_a_published_offer_only_archived(
    client, municipality, organisation, editor, published
):
    draft = offer_create(
        actor=editor, municipality=municipality, content=content_for(organisation)
    )
    client.force_login(editor)
    response = client.post(url("offer_delete", municipality, offer_id=draft.pk))
    assert response["Location"] == url("offer_list", municipality)
    assert not Offer.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1

    client.post(url("offer_delete", municipality, offer_id=published.pk))
    assert Offer.objects.filter(pk=published.pk).exists()
    client.post(url("offer_archive", municipality, offer_id=published.pk))
    assert Offer.objects.get(pk=published.pk).status == OfferStatus.ARCHIVED


def test_confirming_an_offer_is_up_to_date(client, municipality, editor, published):
    Offer.objects.filter(pk=published.pk).update(last_verified=None)
    client.force_login(editor)
    client.post(url("offer_verify", municipality, offer_id=published.pk))
    assert Offer.objects.get().last_verified is not None


def test_anonymous_visitors_are_sent_to_the_login(client, municipality):
    response = client.get(url("offer_list", municipality))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


def test_someone_without_a_role_is_refused(client, municipality):
    client.force_login(UserFactory())
    assert client.get(url("offer_list", municipality)).status_code == 403
