"""The search index of offers: entries written in the caller's transaction.

Every writer indexes what it wrote, in its own transaction: the workflow
services call :func:`index_offers` for every change, so an offer is findable
the moment its approval commits; bulk writers (the HSDS import, the demo)
pass all their ids at once, read and written in batches of :data:`BATCH`
with a handful of queries each. Searches only read. An index that got out of
step with its offers (offers written by hand in the database) is found by
:func:`stale_offers` and repaired by :func:`rebuild_index`
(``kette rebuild_search_index [--check]``).

Each write gives the municipality's index a new token and logs which offers
it changed and which entries it dropped (:class:`ChangeLog`), so a table in
memory is brought up to date by reading those offers' entries alone.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import F

from kette.core import fastsql
from kette.core.districts import DistrictTree
from kette.core.models import (
    District,
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    TargetGroup,
)

from ..models import (
    CostKind,
    Offer,
    OfferContact,
    OfferLocation,
    OfferSearchEntry,
    OfferSearchTerm,
    SearchIndexState,
)
from .text import fold, index_text, vocabulary_terms

BATCH = 1000
TOKEN_HISTORY = 64
#: A write of more offers than this is not logged offer by offer: a table in
#: memory behind it compares every entry id instead (``loading.refresh``).
LOG_OFFERS = 200
#: At most this many offer ids in a municipality's whole log (the state is
#: read by the first search after every write); older steps lose theirs.
LOG_TOTAL = 2000
#: facet name → (many-to-many field of Offer, vocabulary model)
FACET_RELATIONS = {
    "life_phase": ("life_phases", LifePhase),
    "field": ("fields_of_action", FieldOfAction),
    "language": ("languages", Language),
    "target_group": ("target_groups", TargetGroup),
}
OFFER_FIELDS = (
    "id",
    "municipality_id",
    "title",
    "summary",
    "description",
    "organisation__name",
    "cost",
    "cost_text",
    "registration_text",
    "status",
    "min_age_months",
    "max_age_months",
    "last_verified",
    "updated_at",
)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Vocabularies:
    """Labels of the shared vocabularies and districts, loaded once per call."""

    def __init__(self) -> None:
        self.terms = {
            facet: {
                pk: (code, f"{de} {en}")
                for pk, code, de, en in model.objects.values_list(
                    "pk", "code", "label_de", "label_en"
                )
            }
            for facet, (_relation, model) in FACET_RELATIONS.items()
        }
        self._districts: dict[int, DistrictTree] = {}
        #: words this call has already added to each municipality's vocabulary
        self.stored: dict[int, set[str]] = defaultdict(set)

    def districts(self, municipality_id: int) -> DistrictTree:
        if municipality_id not in self._districts:
            self._districts[municipality_id] = DistrictTree(
                District.objects.filter(municipality_id=municipality_id).values_list(
                    "pk", "code", "name", "parent_id", named=True
                )
            )
        return self._districts[municipality_id]

    def district_names(self, municipality_id: int, district_id: int) -> list[str]:
        """The district's name and the names of the districts above it."""
        tree = self.districts(municipality_id)
        district = tree.districts[district_id]
        return [district.name, *(above.name for above in tree.ancestors(district))]


def _related(batch: list) -> tuple[dict, dict, dict]:
    """Vocabulary ids per offer and facet, locations and contact roles."""
    terms: dict = defaultdict(lambda: defaultdict(list))
    for facet, (relation, _model) in FACET_RELATIONS.items():
        field = Offer._meta.get_field(relation)
        through = field.remote_field.through
        target = f"{field.m2m_reverse_field_name()}_id"
        for offer_id, term_id in through.objects.filter(offer_id__in=batch).values_list(
            "offer_id", target
        ):
            terms[offer_id][facet].append(term_id)
    locations = defaultdict(list)
    for row in OfferLocation.objects.filter(offer_id__in=batch).values_list(
        "offer_id", "name", "street", "postal_code", "district_id"
    ):
        locations[row[0]].append(row[1:])
    roles = defaultdict(list)
    for offer_id, role in OfferContact.objects.filter(offer_id__in=batch).values_list(
        "offer_id", "role"
    ):
        roles[offer_id].append(role)
    return terms, locations, roles


Entry = dict[str, Any]  # OfferSearchEntry's values by field name
ENTRY_FIELDS = [
    "municipality",
    "offer",
    "status",
    "min_age_months",
    "max_age_months",
    "last_verified",
    "sort_title",
    "facet_keys",
    "title_terms",
    "summary_terms",
    "body_terms",
    "source_updated_at",
]


def _entry(row: dict, terms, locations, roles, vocab: _Vocabularies) -> Entry:
    municipality_id = row["municipality_id"]
    keys, labels = [], []
    for facet, ids in terms.get(row["id"], {}).items():
        for term_id in ids:
            if term_id in vocab.terms[facet]:
                code, label = vocab.terms[facet][term_id]
                keys.append(f"{facet}:{code}")
                labels.append(label)
    places = []
    districts = vocab.districts(municipality_id).districts
    for name, street, postal_code, district_id in locations.get(row["id"], ()):
        places.extend((name, street, postal_code))
        if district_id in districts:
            keys.append(f"district:{districts[district_id].code}")
            places.extend(vocab.district_names(municipality_id, district_id))
    if row["cost"] == CostKind.FREE:
        keys.append("free")
    body = " ".join(
        [
            row["description"],
            row["organisation__name"] or "",
            row["cost_text"],
            row["registration_text"],
            *places,
            *labels,
            *roles.get(row["id"], ()),
        ]
    )
    # The column values of an OfferSearchEntry (ENTRY_FIELDS), not an
    # instance: building 100,000 model instances cost a tenth of indexing.
    return {
        "municipality": municipality_id,
        "offer": row["id"],
        "status": row["status"],
        "min_age_months": row["min_age_months"],
        "max_age_months": row["max_age_months"],
        "last_verified": row["last_verified"],
        "sort_title": fold(row["title"])[:200],
        "facet_keys": " ".join(dict.fromkeys(keys)),
        "title_terms": index_text(row["title"]),
        "summary_terms": index_text(row["summary"]),
        "body_terms": index_text(body),
        "source_updated_at": row["updated_at"],
    }


def _index_batch(batch: list, vocab: _Vocabularies, log: ChangeLog | None) -> set[int]:
    rows = list(Offer.objects.filter(pk__in=batch).values(*OFFER_FIELDS))
    terms, locations, roles = _related(batch)
    entries = [_entry(row, terms, locations, roles, vocab) for row in rows]
    _store(batch, entries, log, vocab)
    return {row["municipality_id"] for row in rows}


@dataclass
class ChangeLog:
    """What one index write changed, per municipality: the offers whose
    entries it rewrote or dropped, and the ids of the dropped entries.
    ``None`` (not logged) past :data:`LOG_OFFERS` offers."""

    offers: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    dropped: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def for_write(cls, count: int) -> ChangeLog | None:
        return cls() if count <= LOG_OFFERS else None

    def drop(self, offer_ids: list) -> None:
        """Note the entries of these offers before they are deleted."""
        for municipality_id, entry_id, offer_id in OfferSearchEntry.objects.filter(
            offer_id__in=offer_ids
        ).values_list("municipality_id", "id", "offer_id"):
            self.dropped[municipality_id].append(entry_id)
            self.offers[municipality_id].add(str(uuid.UUID(str(offer_id))))

    def write(self, entries: list[Entry]) -> None:
        for entry in entries:
            self.offers[entry["municipality"]].add(str(uuid.UUID(str(entry["offer"]))))

    def step(self, municipality_id: int, token: str) -> dict[str, Any]:
        """The history item of the token this write replaces."""
        return {
            "token": token,
            "offers": sorted(self.offers.get(municipality_id, ())),
            "dropped": sorted(self.dropped.get(municipality_id, ())),
        }


def _store(
    offer_ids: list, entries: list[Entry], log: ChangeLog | None, vocab: _Vocabularies
) -> None:
    """Replace the entries of these offers, and add their words to the
    vocabulary (those not added by an earlier batch of the same call)."""
    if log is not None:
        log.drop(offer_ids)
        log.write(entries)
    OfferSearchEntry.objects.filter(offer_id__in=offer_ids).delete()
    # Rows straight to the driver: bulk_create's per-value preparation was a
    # quarter of indexing 100,000 offers.
    table = fastsql.Table(OfferSearchEntry, ENTRY_FIELDS)
    fastsql.insert(
        table, (table.row([entry[name] for name in ENTRY_FIELDS]) for entry in entries)
    )
    vocabulary: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        found = vocabulary[entry["municipality"]]
        for column in ("title_terms", "summary_terms", "body_terms"):
            found |= vocabulary_terms(entry[column])
    for municipality_id, found in vocabulary.items():
        found -= vocab.stored[municipality_id]
        vocab.stored[municipality_id] |= found
    OfferSearchTerm.objects.bulk_create(
        [
            OfferSearchTerm(municipality_id=municipality_id, term=term[:100])
            for municipality_id, found in vocabulary.items()
            for term in sorted(found)
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


@dataclass
class Written:
    """An offer a bulk writer has just written, as the index reads it: ``row``
    has the keys of OFFER_FIELDS; ``terms`` maps a relation name of Offer
    (e.g. "languages") to term ids; ``locations`` are (name, street, postal
    code, district id) in their order; ``roles`` the contacts' roles."""

    row: dict[str, Any]
    terms: dict[str, list[int]]
    locations: list[tuple]
    roles: list[str]


@transaction.atomic
def index_written(
    written: list[Written], *, progress: Callable[[int], None] | None = None
) -> None:
    """Index offers a bulk writer (the HSDS import) has just written, from
    what it still holds instead of reading it back: the same entries as
    ``index_offers`` (a test compares them)."""
    vocab = _Vocabularies()
    log = ChangeLog.for_write(len(written))
    municipalities: set[int] = set()
    done = 0
    for batch in _chunks(written, BATCH):
        terms = {
            w.row["id"]: {
                facet: w.terms.get(relation, [])
                for facet, (relation, _model) in FACET_RELATIONS.items()
            }
            for w in batch
        }
        locations = {w.row["id"]: w.locations for w in batch}
        roles = {w.row["id"]: w.roles for w in batch}
        entries = [_entry(w.row, terms, locations, roles, vocab) for w in batch]
        _store([w.row["id"] for w in batch], entries, log, vocab)
        municipalities |= {w.row["municipality_id"] for w in batch}
        done += len(batch)
        if progress:
            progress(done)
    _touch(municipalities, log)


def _touch(municipality_ids: Iterable[int], log: ChangeLog | None) -> None:
    """Give the municipalities' index a new token, so tables in memory
    reload, and keep the old token in the history with what changed."""
    for municipality_id in municipality_ids:
        state = (
            SearchIndexState.objects.select_for_update()
            .filter(municipality_id=municipality_id)
            .first()
        )
        if state is None:
            SearchIndexState.objects.create(
                municipality_id=municipality_id, token=uuid.uuid4().hex
            )
            continue
        step = (
            log.step(municipality_id, state.token)
            if log is not None
            else {"token": state.token}
        )
        state.history = _trimmed([*state.history, step][-TOKEN_HISTORY:])
        state.token = uuid.uuid4().hex
        state.save(update_fields=["token", "history"])


def _trimmed(history: list) -> list:
    """The history with the offers of its oldest steps forgotten past LOG_TOTAL
    (their tokens stay: a table loaded at one is compared by entry ids)."""
    total = 0
    kept = []
    for step in reversed(history):
        if isinstance(step, dict) and step.get("offers") is not None:
            total += len(step["offers"])
            if total > LOG_TOTAL:
                step = {"token": step["token"]}
        kept.append(step)
    return kept[::-1]


@transaction.atomic
def index_offers(
    offer_ids: Iterable, *, progress: Callable[[int], None] | None = None
) -> None:
    """Bring the index entries of these offers up to date (ids of deleted
    offers drop out). ``progress`` is called with the number done so far."""
    ids = list(dict.fromkeys(offer_ids))
    if not ids:
        return
    vocab = _Vocabularies()
    log = ChangeLog.for_write(len(ids))
    municipalities: set[int] = set()
    before = set(
        OfferSearchEntry.objects.filter(offer_id__in=ids[:BATCH]).values_list(
            "municipality_id", flat=True
        )
    )
    done = 0
    for batch in _chunks(ids, BATCH):
        municipalities |= _index_batch(batch, vocab, log)
        done += len(batch)
        if progress:
            progress(done)
    _touch(municipalities | before, log)


@transaction.atomic
def remove_offers(offer_ids: Iterable) -> None:
    """Drop these offers from the index."""
    ids = list(dict.fromkeys(offer_ids))
    log = ChangeLog.for_write(len(ids))
    municipalities: set[int] = set()
    for batch in _chunks(ids, BATCH):
        entries = OfferSearchEntry.objects.filter(offer_id__in=batch)
        if log is not None:
            log.drop(batch)
        municipalities |= set(entries.values_list("municipality_id", flat=True))
        entries.delete()
    _touch(municipalities, log)


def rebuild_index(
    municipality: Municipality | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Index every offer anew (of one municipality, or of all); returns the count.

    Also forgets the vocabulary of words no offer uses any more. Each
    municipality is rebuilt in one transaction. ``progress(done, total)``.
    """
    municipalities = (
        [municipality] if municipality else list(Municipality.objects.order_by("pk"))
    )
    total = Offer.objects.filter(municipality__in=municipalities).count()
    done = 0
    for current in municipalities:
        with transaction.atomic():
            ids = list(
                Offer.objects.filter(municipality=current)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            OfferSearchEntry.objects.filter(municipality=current).delete()
            OfferSearchTerm.objects.filter(municipality=current).delete()

            def report(count: int, base: int = done) -> None:
                if progress:
                    progress(base + count, total)

            index_offers(ids, progress=report)
            _touch([current.pk], None)
        done += len(ids)
    return done


def stale_offers(municipality: Municipality) -> int:
    """How many of the municipality's offers the index does not hold as they
    are (no entry, or one older than the offer): offers written past the
    services, say by hand in the database. Writers index in their own
    transaction, so this is 0 unless something went round them; then
    :func:`rebuild_index` repairs it."""
    return (
        Offer.objects.filter(municipality=municipality)
        .exclude(search_entry__source_updated_at=F("updated_at"))
        .count()
    )
