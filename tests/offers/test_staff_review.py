"""The coordinators' review queue: what waits, the diff, approve and return."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer, OfferRevision, OfferStatus, RevisionState
from kette.offers.services.workflow import (
    offer_approve,
    offer_create,
    offer_edit,
    offer_submit,
)
from tests.core.factories import OrganisationFactory, user_with_role
from tests.offers.factories import offer_content

pytestmark = pytest.mark.django_db


def url(name: str, municipality, **kwargs) -> str:
    return reverse(
        f"offers_staff:{name}", kwargs={"municipality": municipality.slug, **kwargs}
    )


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def editor(municipality, organisation):
    return user_with_role(
        municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
    )


def make(municipality, organisation, editor, title, *, submit=False, publish=False):
    offer = offer_create(
        actor=editor,
        municipality=municipality,
        content=offer_content(organisation, title=title),
    )
    if submit or publish:
        offer_submit(actor=editor, offer=offer)
    if publish:
        offer_approve(actor=None, offer=offer)
    return Offer.objects.get(pk=offer.pk)


@pytest.fixture
def changed(municipality, organisation, editor):
    """A published offer whose editor submitted a new title and a second language."""
    offer = make(municipality, organisation, editor, "Babytreff", publish=True)
    offer_edit(
        actor=editor,
        offer=offer,
        content=offer_content(
            organisation, title="Babytreff am Mittwoch", languages=["de", "ar"]
        ),
    )
    offer_submit(actor=editor, offer=offer)
    return offer


def test_the_queue_lists_submissions_only(
    client, municipality, other_municipality, organisation, editor, coordinator, changed
):
    make(municipality, organisation, editor, "Neu eingereicht", submit=True)
    make(municipality, organisation, editor, "Noch ein Entwurf")
    make(municipality, organisation, editor, "Schon veröffentlicht", publish=True)
    foreign = OrganisationFactory(municipality=other_municipality)
    make(other_municipality, foreign, None, "Fremde Einreichung", submit=True)
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)

    page = html(client.get(url("review_queue", municipality)))

    assert "Neu eingereicht" in page and "Babytreff" in page
    assert "Changes to a published offer" in page and "New offer" in page
    for absent in ("Noch ein Entwurf", "Schon veröffentlicht", "Fremde Einreichung"):
        assert absent not in page


def test_the_diff_shows_old_and_new_per_changed_field(
    client, municipality, coordinator, changed
):
    client.force_login(coordinator)
    page = html(client.get(url("review_detail", municipality, offer_id=changed.pk)))
    assert "<del>Babytreff</del>" in page
    assert "<ins>Babytreff am Mittwoch</ins>" in page
    assert "Arabisch" in page and "Türkisch" in page  # languages by their labels
    assert page.count("<del>") == 2  # title and languages; the rest is unchanged


def test_a_new_offer_is_shown_whole(
    client, municipality, organisation, editor, coordinator
):
    offer = make(municipality, organisation, editor, "Elterncafé", submit=True)
    client.force_login(coordinator)
    page = html(client.get(url("review_detail", municipality, offer_id=offer.pk)))
    assert "Elterncafé" in page and "Familienzentrum Mitte" in page
    assert "Anna Beispiel (Familienhebamme)" in page
    assert "<del>" not in page


def test_approving_changes_publishes_them_with_an_audit_entry(
    client, municipality, coordinator, changed
):
    client.force_login(coordinator)
    approve = url("review_approve", municipality, offer_id=changed.pk)
    assert client.get(approve).status_code == 405

    response = client.post(approve)

    assert response["Location"] == url("review_queue", municipality)
    offer = Offer.objects.get(pk=changed.pk)
    assert offer.title == "Babytreff am Mittwoch"
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de"]
    entry = AuditEntry.objects.filter(object_id=str(offer.pk)).order_by("-id")[0]
    assert entry.actor == coordinator
    assert entry.changes["title"] == ["Babytreff", "Babytreff am Mittwoch"]


def test_returned_changes_carry_the_comment_to_the_editor(
    client, municipality, editor, coordinator, changed
):
    client.force_login(coordinator)
    client.post(
        url("review_return", municipality, offer_id=changed.pk),
        {"comment": "Bitte den Wochentag im Text nennen."},
    )
    revision = OfferRevision.objects.get()
    assert revision.state == RevisionState.RETURNED
    assert Offer.objects.get(pk=changed.pk).title == "Babytreff"

    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=changed.pk)
    assert "Bitte den Wochentag im Text nennen." in html(client.get(edit))
    client.post(url("offer_submit", municipality, offer_id=changed.pk))
    assert OfferRevision.objects.get().state == RevisionState.IN_REVIEW


def test_a_return_needs_a_comment(client, municipality, coordinator, changed):
    client.force_login(coordinator)
    response = client.post(
        url("review_return", municipality, offer_id=changed.pk), {"comment": ""}
    )
    assert response.status_code == 200
    assert 'id="id_comment_error"' in html(response)
    assert OfferRevision.objects.get().state == RevisionState.IN_REVIEW


def test_editors_cannot_review(client, municipality, editor, changed):
    client.force_login(editor)
    assert client.get(url("review_queue", municipality)).status_code == 403
    detail = url("review_detail", municipality, offer_id=changed.pk)
    assert client.get(detail).status_code == 403
    approve = url("review_approve", municipality, offer_id=changed.pk)
    assert client.post(approve).status_code == 403
    assert Offer.objects.get(pk=changed.pk).title == "Babytreff"


def test_an_offer_with_nothing_to_review_says_so(
    client, municipality, organisation, editor, coordinator
):
    offer = make(municipality, organisation, editor, "Ruhig", publish=True)
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)
    page = html(client.get(url("review_detail", municipality, offer_id=offer.pk)))
    assert "Nothing of this offer is waiting for review." in page
    response = client.post(url("review_approve", municipality, offer_id=offer.pk))
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED


def test_terms_in_another_order_are_no_change(
    client, municipality, organisation, editor, coordinator
):
    terms = {
        "life_phases": ["pregnancy-birth", "kita"],
        "target_groups": ["parents", "children"],
        "prevention_standards": ["participation", "outreach"],
        "fields_of_action": ["sport", "health"],
        "languages": ["tr", "de"],
    }
    offer = offer_create(
        actor=editor,
        municipality=municipality,
        content=offer_content(organisation, title="Babytreff", **terms),
    )
    offer_submit(actor=editor, offer=offer)
    offer_approve(actor=None, offer=offer)
    # The published version lists terms by code; the proposal in the order given.
    offer_edit(
        actor=editor,
        offer=offer,
        content=offer_content(organisation, title="Babytreff neu", **terms),
    )
    offer_submit(actor=editor, offer=offer)
    client.force_login(coordinator)

    response = client.get(url("review_detail", municipality, offer_id=offer.pk))

    changed = [row.key for row in response.context["changed"]]
    assert changed == ["title"]
    unchanged = {row.key: row for row in response.context["unchanged"]}
    assert set(terms) <= set(unchanged)
