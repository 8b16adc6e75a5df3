"""Role × object matrix of the offer rules (offers/rules.py), in and out of town."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kette.core.models import Role
from kette.offers.models import OfferStatus
from tests.core.factories import OrganisationFactory, UserFactory, user_with_role
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no_role",
    "editor_bound",
    "editor_unbound",
    Role.NETWORK_LEAD,
    Role.PLANNER,
    Role.COORDINATOR,
    "state_admin",
]
STAFF = {Role.COORDINATOR, "state_admin"}
EDITORS = STAFF | {"editor_bound"}
EVERYONE = set(ROLES)

# rule → {object: roles allowed}; objects: offers of the bound organisation
# (published, draft, in review, archived after or before publication), the
# bound organisation, the municipality.
MATRIX = {
    "offers.view_offer": {"published": EVERYONE, "draft": EDITORS},
    "offers.add_offer": {"organisation": EDITORS},
    "offers.change_offer": {"published": EDITORS, "draft": EDITORS},
    "offers.submit_offer": {"published": EDITORS, "draft": EDITORS},
    "offers.archive_offer": {"published": EDITORS, "draft": EDITORS},
    # Never published: its editors; published: archive first; archived after
    # publication: coordinators only.
    "offers.delete_offer": {
        "published": set(),
        "draft": EDITORS,
        "in_review": EDITORS,
        "archived_draft": EDITORS,
        "archived": STAFF,
    },
    "offers.edit_offer_directly": {"published": STAFF, "draft": STAFF},
    "offers.review_offer": {"published": STAFF, "draft": STAFF},
    "offers.view_review_queue": {"municipality": STAFF},
    "offers.manage_synonyms": {"municipality": STAFF},
    "offers.exchange_hsds": {"municipality": STAFF},
    "offers.view_inventory": {"municipality": STAFF | {Role.PLANNER}},
    "offers.view_own_offers": {
        "municipality": STAFF | {"editor_bound", "editor_unbound"}
    },
}
CASES = [(rule, kind) for rule, objects in sorted(MATRIX.items()) for kind in objects]


@pytest.fixture
def objects(municipality):
    organisation = OrganisationFactory(municipality=municipality, name="Eigener Träger")
    return {
        "organisation": organisation,
        "municipality": municipality,
        "published": OfferFactory(
            municipality=municipality,
            organisation=organisation,
            status=OfferStatus.PUBLISHED,
        ),
        "draft": OfferFactory(
            municipality=municipality,
            organisation=organisation,
            status=OfferStatus.DRAFT,
        ),
        "in_review": OfferFactory(
            municipality=municipality,
            organisation=organisation,
            status=OfferStatus.IN_REVIEW,
        ),
        "archived_draft": OfferFactory(
            municipality=municipality,
            organisation=organisation,
            status=OfferStatus.ARCHIVED,
        ),
        "archived": OfferFactory(
            municipality=municipality,
            organisation=organisation,
            status=OfferStatus.ARCHIVED,
            published_at=timezone.now(),
        ),
    }


def make_user(role, municipality, organisation):
    if role == "anonymous":
        return AnonymousUser()
    if role == "no_role":
        return UserFactory()
    if role == "state_admin":
        return UserFactory(is_state_admin=True)
    if role == "editor_bound":
        return user_with_role(
            municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
        )
    if role == "editor_unbound":
        other = OrganisationFactory(municipality=municipality, name="Anderer Träger")
        return user_with_role(municipality, Role.PROVIDER_EDITOR, organisations=[other])
    return user_with_role(municipality, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("rule", "kind"), CASES)
def test_each_role_has_exactly_the_rules_of_the_design(
    role, rule, kind, municipality, objects
):
    user = make_user(role, municipality, objects["organisation"])
    assert user.has_perm(rule, objects[kind]) is (role in MATRIX[rule][kind])


@pytest.mark.parametrize(
    "role", [Role.PROVIDER_EDITOR, Role.NETWORK_LEAD, Role.PLANNER, Role.COORDINATOR]
)
@pytest.mark.parametrize(("rule", "kind"), CASES)
def test_roles_in_another_municipality_count_for_nothing(
    role, rule, kind, municipality, other_municipality, objects
):
    foreign_org = OrganisationFactory(municipality=other_municipality)
    user = user_with_role(
        other_municipality,
        role,
        organisations=[foreign_org] if role == Role.PROVIDER_EDITOR else None,
    )
    public = rule == "offers.view_offer" and kind == "published"
    assert user.has_perm(rule, objects[kind]) is public


def test_a_binding_to_an_organisation_elsewhere_grants_nothing_here(
    municipality, objects
):
    """Binding to an organisation of another municipality grants nothing here."""
    elsewhere = OrganisationFactory()
    user = user_with_role(municipality, Role.PROVIDER_EDITOR, organisations=[elsewhere])
    assert not user.has_perm("offers.change_offer", objects["draft"])
    assert user.has_perm("offers.view_own_offers", municipality)
