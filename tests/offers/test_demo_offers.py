"""`kette demo` fills the Wegweiser: hundreds of offers, every filter value used."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from shapely.geometry import Point

from kette.core.geo import to_shape
from kette.core.models import (
    AgeBand,
    AuditEntry,
    District,
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    PreventionStandard,
    TargetGroup,
    User,
)
from kette.offers.filters import OfferQuery
from kette.offers.models import (
    Offer,
    OfferContact,
    OfferLocation,
    OfferRevision,
    OfferSchedule,
    OfferStatus,
    RevisionState,
)
from kette.offers.selectors.public import search_offers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def musterstadt(shared_demo):
    return Municipality.objects.get(slug="musterstadt")


def published(municipality):
    return Offer.objects.filter(municipality=municipality, status=OfferStatus.PUBLISHED)


def dump() -> list[dict]:
    rows = []
    for model in (
        Offer,
        OfferLocation,
        OfferSchedule,
        OfferContact,
        OfferRevision,
        AuditEntry,
    ):
        rows += serializers.serialize("python", model.objects.order_by("pk"))
    for relation in ("languages", "fields_of_action", "target_groups"):
        through = getattr(Offer, relation).through
        rows += list(through.objects.order_by("pk").values())
    return rows


def test_musterstadt_gets_hundreds_of_offers_and_kleinhausen_about_twenty(
    musterstadt,
):
    assert Offer.objects.filter(municipality=musterstadt).count() >= 300
    small = Offer.objects.filter(municipality__slug="kleinhausen").count()
    assert 15 <= small <= 30
    for offer in Offer.objects.select_related("organisation"):
        assert offer.organisation.municipality_id == offer.municipality_id


def test_most_offers_are_published_and_every_review_state_occurs(musterstadt):
    offers = Offer.objects.filter(municipality=musterstadt)
    total = offers.count()
    counts = {s: offers.filter(status=s).count() for s in OfferStatus.values}
    assert counts[OfferStatus.PUBLISHED] >= 0.8 * total
    assert counts[OfferStatus.IN_REVIEW] >= 5
    assert counts[OfferStatus.DRAFT] >= 3
    assert counts[OfferStatus.ARCHIVED] >= 3
    pending = OfferRevision.objects.filter(
        offer__municipality=musterstadt, state=RevisionState.IN_REVIEW
    )
    assert pending.count() >= 3
    for revision in pending:
        # The published version stays what the public sees.
        assert revision.offer.status == OfferStatus.PUBLISHED
        assert revision.data["description"] != revision.offer.description
    returned = offers.filter(status=OfferStatus.DRAFT).exclude(review_comment="")
    assert returned.exists()
    assert not offers.filter(status=OfferStatus.DRAFT, published_at__isnull=False)


def test_the_demo_provider_editor_sees_offers_in_every_state_of_the_review(
    musterstadt,
):
    editor = User.objects.get(username="traeger")
    own = Offer.objects.filter(organisation__editor_memberships__user=editor)
    assert own.filter(status=OfferStatus.DRAFT).exclude(review_comment="").exists()
    assert own.filter(status=OfferStatus.IN_REVIEW).exists()
    assert own.filter(revisions__state=RevisionState.IN_REVIEW).exists()
    assert own.filter(status=OfferStatus.PUBLISHED).count() >= 10


def test_published_offers_cover_every_filter_value(musterstadt):
    offers = published(musterstadt)
    facets = search_offers(
        municipality=musterstadt, query=OfferQuery(page_size=1)
    ).facets
    for band in AgeBand.objects.all():
        assert offers.filter(
            min_age_months__lt=band.max_months, max_age_months__gt=band.min_months
        ).exists(), band.code
    assert offers.filter(min_age_months__lt=0).count() >= 10  # pregnancy
    for relation, model in (
        ("fields_of_action", FieldOfAction),
        ("life_phases", LifePhase),
        ("target_groups", TargetGroup),
        ("prevention_standards", PreventionStandard),
        ("languages", Language),
    ):
        used = set(offers.values_list(f"{relation}__code", flat=True))
        assert set(model.objects.values_list("code", flat=True)) <= used, relation
    languages = {f.value: f.count for f in facets["language"]}
    assert languages["de"] == offers.count()
    for code in ("tr", "ar", "ru", "uk", "pl", "en"):
        assert languages[code] >= 20, code
    assert {f.value for f in facets["age_band"] if f.count} == set(
        AgeBand.objects.values_list("code", flat=True)
    )
    free = {f.value: f.count for f in facets["free"]}["true"]
    assert 0 < free < offers.count()  # some have a fee


def test_every_stadtteil_has_offers_placed_inside_its_polygon(musterstadt):
    leaves = District.objects.filter(municipality=musterstadt, level=1)
    locations = OfferLocation.objects.filter(offer__municipality=musterstadt)
    assert not locations.filter(district=None).exists()
    for district in leaves:
        here = locations.filter(district=district)
        assert here.exists(), district.name
        shape = to_shape(district.geometry)
        for location in here:
            assert shape.covers(Point(location.longitude, location.latitude))


def test_offers_have_schedules_contacts_fees_and_verification_dates(musterstadt):
    offers = published(musterstadt)
    assert OfferSchedule.objects.filter(kind="weekly").count() >= 200
    assert OfferSchedule.objects.filter(kind="dated").count() >= 50
    assert offers.filter(cost="fee").exclude(cost_text="").count() >= 20
    assert offers.filter(registration_required=True, capacity__gt=0).count() >= 20
    contacts = OfferContact.objects.filter(offer__municipality=musterstadt)
    assert contacts.count() >= offers.count()
    assert all(c.phone.startswith("0208 ") for c in contacts)
    assert all(c.email.endswith(".example") for c in contacts)
    dates = sorted(offers.values_list("last_verified", flat=True))
    assert None not in dates
    assert dates[-1] - dates[0] > dt.timedelta(days=365)
    assert dates[-1] - dates[0] <= dt.timedelta(days=731)


def test_running_the_demo_twice_gives_the_same_offers(musterstadt):
    first = dump()
    output = run_demo()
    assert "0 written" in output
    assert dump() == first


def test_running_the_demo_again_puts_back_changed_offers(musterstadt):
    offer = published(musterstadt).filter(title__startswith="Hausaufgabenhilfe")[0]
    title, pk = offer.title, offer.pk
    Offer.objects.filter(pk=pk).update(title="Etwas anderes", status="archived")
    offer.locations.all().delete()
    gone = published(musterstadt).exclude(pk=pk).last()
    gone_pk = gone.pk
    gone.delete()
    run_demo()
    offer = Offer.objects.get(pk=pk)
    assert (offer.title, offer.status) == (title, OfferStatus.PUBLISHED)
    assert offer.locations.count() == 1
    assert Offer.objects.filter(pk=gone_pk).exists()
    entry = AuditEntry.objects.get(
        object_id=str(pk), action="update", actor_name="demo"
    )
    assert entry.changes["title"] == ["Etwas anderes", title]


def test_search_finds_demo_offers_by_everyday_words(musterstadt):
    for text, expected in (
        ("Hebamme", "Hebammensprechstunde"),
        ("Hausaufgabenhilfe", "Hausaufgabenhilfe"),
        ("Krabbelgruppe", "Krabbelgruppe"),
        ("Schuldnerberatung", "Schuldnerberatung"),
    ):
        page = search_offers(
            municipality=musterstadt, query=OfferQuery(text=text, page_size=50)
        )
        titles = Offer.objects.filter(pk__in=page.offer_ids).values_list(
            "title", flat=True
        )
        assert page.count >= 1
        assert any(expected in title for title in titles), text


def test_demo_offers_are_audited_as_demo(musterstadt):
    entries = AuditEntry.objects.filter(
        object_type="kette_offers.Offer", action="create"
    )
    assert entries.count() == Offer.objects.count()
    assert set(entries.values_list("actor", "actor_name")) == {(None, "demo")}
