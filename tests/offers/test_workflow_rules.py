"""One rule per step: submit, approve and delete by role × state, three ways.

The same table holds for the services (kette.offers.services.workflow), the
staff pages and the API: a step is done, refused because of the offer's state
(a message), or forbidden to the role (403; the API hides drafts: 404).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib.messages import constants, get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer, OfferRevision, RevisionState
from kette.offers.services import workflow
from kette.offers.services.content import offer_content as content_of
from tests.core.factories import user_with_role
from tests.offers.factories import offer_content
from tests.offers.hsds_fixtures import (
    S_HAUSAUFGABEN,
    S_HEBAMME,
    good_tables,
    write_package,
)
from tests.offers.staff_pages import url

pytestmark = pytest.mark.django_db

DONE, REFUSED, FORBIDDEN = "done", "refused", "forbidden"
ROLES = ("editor", "coordinator", "planner")
STATES = (
    "draft",
    "in_review",
    "published",
    "changes_draft",  # published, with pending changes not yet submitted
    "changes_in_review",  # published, with pending changes in review
    "archived_draft",  # archived without ever being published
    "archived",  # archived after publication
)
STEPS = ("submit", "approve", "delete")
ROLE_OF = {"coordinator": Role.COORDINATOR, "planner": Role.PLANNER}

# The rule, written once for all three ways in.
MAY = {
    "submit": {"editor", "coordinator"},
    "approve": {"coordinator"},
    "delete": {"editor", "coordinator"},
}
WHEN = {
    ("submit", "editor"): {"draft", "changes_draft"},
    ("submit", "coordinator"): {"draft", "changes_draft"},
    ("approve", "coordinator"): {"in_review", "changes_in_review"},
    ("delete", "editor"): {"draft", "in_review", "archived_draft"},
    ("delete", "coordinator"): {"draft", "in_review", "archived_draft", "archived"},
}
# What a step that is done leaves: (status, states of the offer's revisions).
AFTER = {
    ("submit", "draft"): ("in_review", ()),
    ("submit", "changes_draft"): ("published", ("in_review",)),
    ("approve", "in_review"): ("published", ()),
    ("approve", "changes_in_review"): ("published", ("approved",)),
}


def expected(step: str, role: str, state: str) -> str:
    if role not in MAY[step]:
        return FORBIDDEN
    return DONE if state in WHEN[step, role] else REFUSED


def make_offer(organisation, state: str) -> Offer:
    """An offer in ``state``, made through the services as the system."""
    offer = workflow.offer_create(
        actor=None,
        municipality=organisation.municipality,
        content=offer_content(organisation),
    )
    if state in ("draft", "archived_draft"):
        if state == "archived_draft":
            workflow.offer_archive(actor=None, offer=offer)
        return offer
    workflow.offer_submit(actor=None, offer=offer)
    if state == "in_review":
        return offer
    workflow.offer_approve(actor=None, offer=offer)
    if state.startswith("changes"):
        changed = offer_content(organisation, title="Hebammensprechstunde am Abend")
        workflow.offer_edit(actor=None, offer=offer, content=changed)
        if state == "changes_in_review":
            workflow.offer_submit(actor=None, offer=offer)
    if state == "archived":
        workflow.offer_archive(actor=None, offer=offer)
    return offer


def snapshot(pk) -> tuple | None:
    offer = Offer.objects.filter(pk=pk).first()
    if offer is None:
        return None
    revisions = tuple(offer.revisions.order_by("pk").values_list("state", flat=True))
    return (offer.status, revisions)


SERVICES = {
    "submit": workflow.offer_submit,
    "approve": workflow.offer_approve,
    "delete": workflow.offer_delete,
}


def by_service(step: str, user, offer: Offer) -> str:
    try:
        SERVICES[step](actor=user, offer=Offer.objects.get(pk=offer.pk))
    except PermissionDenied:
        return FORBIDDEN
    except ValidationError:
        return REFUSED
    return DONE


PAGES = {
    "submit": "offer_submit",
    "approve": "review_approve",
    "delete": "offer_delete",
}
# Where the offer's page offers the step: the form, the review or delete page.
OFFERED = {
    "submit": "offer_submit",
    "approve": "review_detail",
    "delete": "offer_delete",
}


def by_page(step: str, user, offer: Offer) -> str:
    """The step as a POST; the offer's page shows it exactly when it would be done."""
    client = Client()
    client.force_login(user)
    address = {
        name: url(name, offer.municipality, offer_id=offer.pk)
        for name in ("offer_detail", PAGES[step], OFFERED[step])
    }
    page = client.get(address["offer_detail"])
    response = client.post(address[PAGES[step]])
    if response.status_code == 403:
        outcome = FORBIDDEN
    else:
        assert response.status_code == 302
        levels = {m.level for m in get_messages(response.wsgi_request)}
        assert len(levels) == 1, levels
        outcome = REFUSED if levels == {constants.ERROR} else DONE
    if page.status_code == 200:
        shown = f'"{address[OFFERED[step]]}"' in page.content.decode()
        assert shown is (outcome == DONE)
    return outcome


def by_api(step: str, user, offer: Offer) -> str:
    client = APIClient()
    client.force_login(user)
    address = f"/api/v1/municipalities/{offer.municipality.slug}/offers/{offer.pk}/"
    if step == "delete":
        response = client.delete(address)
    else:
        response = client.post(f"{address}{step}/")
    if response.status_code in (403, 404):
        return FORBIDDEN
    assert response.status_code in (200, 204, 400), response.content
    if response.status_code == 400:
        assert response.json()["message"]
    return REFUSED if response.status_code == 400 else DONE


WAYS: dict[str, Callable[[str, object, Offer], str]] = {
    "service": by_service,
    "page": by_page,
    "api": by_api,
}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", STEPS)
def test_each_step_follows_one_rule_on_every_way_in(
    municipality, organisation, step, role, state, way
):
    if role == "editor":
        user = user_with_role(
            municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
        )
    else:
        user = user_with_role(municipality, ROLE_OF[role])
    offer = make_offer(organisation, state)
    before = snapshot(offer.pk)

    outcome = WAYS[way](step, user, offer)

    assert outcome == expected(step, role, state)
    after = snapshot(offer.pk)
    if outcome != DONE:
        assert after == before
    elif step == "delete":
        assert after is None
    else:
        assert after == AFTER[step, state]


def test_an_import_returns_pending_changes_made_against_the_content_it_replaces(
    tmp_path, municipality
):
    """Pending changes are not approved over an import later (the command's rule)."""
    tables = good_tables()
    call_command(
        "import_hsds",
        str(write_package(tmp_path / "a", tables)),
        municipality="musterstadt",
        stdout=io.StringIO(),
    )
    for pk in (S_HEBAMME, S_HAUSAUFGABEN):
        offer = Offer.objects.get(pk=pk)
        changed = content_of(offer) | {"summary": "Vom Träger geändert."}
        workflow.offer_edit(actor=None, offer=offer, content=changed)
    workflow.offer_submit(actor=None, offer=Offer.objects.get(pk=S_HEBAMME))

    tables["service"][0]["name"] = "Hebammensprechstunde am Markt"
    call_command(
        "import_hsds",
        str(write_package(tmp_path / "b", tables)),
        municipality="musterstadt",
        stdout=io.StringIO(),
    )

    replaced = OfferRevision.objects.get(offer_id=S_HEBAMME)
    assert replaced.state == RevisionState.RETURNED
    assert "import" in replaced.comment.lower()
    assert OfferRevision.objects.get(offer_id=S_HAUSAUFGABEN).state == (
        RevisionState.DRAFT
    )  # its content was not replaced
    with pytest.raises(ValidationError):
        workflow.offer_approve(actor=None, offer=Offer.objects.get(pk=S_HEBAMME))
    assert Offer.objects.get(pk=S_HEBAMME).title == "Hebammensprechstunde am Markt"
    entry = AuditEntry.objects.filter(object_id=S_HEBAMME).latest("pk")
    assert entry.changes["pending_changes"] == ["in_review", "returned"]
