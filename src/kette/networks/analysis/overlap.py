"""Overlap between bodies: shared people and organisations, topics, scope.

For every pair of bodies with a member in common: the shared count, the
Jaccard index |A∩B| / |A∪B| and the overlap coefficient |A∩B| / min(|A|, |B|),
for people and for organisations. All pairs come from one sparse matrix
product (bodies × members times its transpose), never a loop over pairs of
bodies. A pair is flagged as a possible parallel structure when, for people
or for organisations, the overlap coefficient reaches the threshold and at
least ``min_shared`` are shared. The evidence (who and what is shared) is
read only for the pairs a page lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from kette.core.models import Municipality

from ..models import Body
from .data import Snapshot, organisation_names, person_names, snapshot

DEFAULT_THRESHOLD = 0.5
DEFAULT_MIN_SHARED = 3
DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class Measures:
    """Shared members of a pair, for people or for organisations."""

    shared: int
    jaccard: float
    overlap: float


@dataclass
class Pair:
    first: str
    second: str
    first_id: int
    second_id: int
    people: Measures
    organisations: Measures
    flagged: bool
    shared_people: list[str] = field(default_factory=list)
    shared_organisations: list[str] = field(default_factory=list)
    shared_topics: list[str] = field(default_factory=list)
    both_city_wide: bool = False
    shared_districts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PairArrays:
    """Every pair (i < j, as body indexes) with a person or organisation in
    common, and its measures; ``flagged`` marks possible parallel structures."""

    first: np.ndarray
    second: np.ndarray
    people_shared: np.ndarray
    people_jaccard: np.ndarray
    people_overlap: np.ndarray
    organisations_shared: np.ndarray
    organisations_jaccard: np.ndarray
    organisations_overlap: np.ndarray
    flagged: np.ndarray

    def __len__(self) -> int:
        return len(self.first)


@dataclass
class Overlap:
    on: dt.date
    threshold: float
    min_shared: int
    bodies: int
    pairs_with_overlap: int
    flagged_count: int
    pairs: list[Pair]  # flagged first, then by the larger overlap coefficient


def _shared(product: sparse.csr_array, keys: np.ndarray) -> np.ndarray:
    """The product's entries above the diagonal at the pair keys
    (``row * n + column``), 0 where it has none."""
    upper = sparse.triu(product, k=1, format="coo")
    own = upper.row.astype(np.int64) * product.shape[0] + upper.col
    if len(own) == 0:
        return np.zeros(len(keys), dtype=np.int64)
    order = np.argsort(own)
    own, values = own[order], upper.data[order].astype(np.int64)
    at = np.minimum(np.searchsorted(own, keys), len(own) - 1)
    return np.where(own[at] == keys, values[at], 0)


def _measures(
    product: sparse.csr_array, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shared counts, Jaccard and overlap coefficient of the pairs, from the
    co-membership product (its diagonal: each body's size)."""
    sizes = product.diagonal().astype(np.float64)
    shared = _shared(product, first * product.shape[0] + second)
    size_a, size_b = sizes[first], sizes[second]
    union = size_a + size_b - shared
    smaller = np.minimum(size_a, size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, shared / union, 0.0)
        overlap = np.where(smaller > 0, shared / smaller, 0.0)
    return shared, jaccard, overlap


def overlap_pairs(
    data: Snapshot,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_shared: int = DEFAULT_MIN_SHARED,
) -> PairArrays:
    """All pairs of bodies sharing a person or an organisation, measured."""
    people = data.people_matrix()
    organisations = data.organisation_matrix()
    people_product = (people @ people.T).tocsr()
    organisations_product = (organisations @ organisations.T).tocsr()
    together = sparse.triu(people_product + organisations_product, k=1, format="coo")
    first = together.row.astype(np.int64)
    second = together.col.astype(np.int64)
    p_shared, p_jaccard, p_overlap = _measures(people_product, first, second)
    o_shared, o_jaccard, o_overlap = _measures(organisations_product, first, second)
    flagged = ((p_shared >= min_shared) & (p_overlap >= threshold)) | (
        (o_shared >= min_shared) & (o_overlap >= threshold)
    )
    return PairArrays(
        first=first,
        second=second,
        people_shared=p_shared,
        people_jaccard=p_jaccard,
        people_overlap=p_overlap,
        organisations_shared=o_shared,
        organisations_jaccard=o_jaccard,
        organisations_overlap=o_overlap,
        flagged=flagged,
    )


def body_overlap(
    municipality: Municipality,
    *,
    on: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    min_shared: int = DEFAULT_MIN_SHARED,
    limit: int = DEFAULT_LIMIT,
) -> Overlap:
    """The pairs of bodies with members in common on the day, the flagged
    ones (possible parallel structures) first, at most ``limit``, each with
    its evidence."""
    data = snapshot(municipality, on)
    pairs = overlap_pairs(data, threshold=threshold, min_shared=min_shared)
    strongest = np.maximum(pairs.people_overlap, pairs.organisations_overlap)
    # Flagged first, then the stronger overlap, then more shared people.
    order = np.lexsort((-pairs.people_shared, -strongest, ~pairs.flagged))[:limit]
    listed = [
        Pair(
            first=data.body_names[pairs.first[i]],
            second=data.body_names[pairs.second[i]],
            first_id=int(data.body_ids[pairs.first[i]]),
            second_id=int(data.body_ids[pairs.second[i]]),
            people=Measures(
                int(pairs.people_shared[i]),
                float(pairs.people_jaccard[i]),
                float(pairs.people_overlap[i]),
            ),
            organisations=Measures(
                int(pairs.organisations_shared[i]),
                float(pairs.organisations_jaccard[i]),
                float(pairs.organisations_overlap[i]),
            ),
            flagged=bool(pairs.flagged[i]),
        )
        for i in order.tolist()
    ]
    _add_evidence(data, listed)
    return Overlap(
        on=data.on,
        threshold=threshold,
        min_shared=min_shared,
        bodies=data.body_count,
        pairs_with_overlap=len(pairs),
        flagged_count=int(pairs.flagged.sum()),
        pairs=listed,
    )


def _members_of(data: Snapshot, body_ids: set[int]) -> tuple[dict, dict]:
    """Per listed body: the database ids of its people and organisations."""
    people: dict[int, set[int]] = {pk: set() for pk in body_ids}
    organisations: dict[int, set[int]] = {pk: set() for pk in body_ids}
    bodies = data.body_ids[data.member_body]
    wanted = np.isin(bodies, list(body_ids))
    for body, person, organisation in zip(
        bodies[wanted].tolist(),
        data.member_person[wanted].tolist(),
        data.member_organisation[wanted].tolist(),
        strict=True,
    ):
        if person >= 0:
            people[body].add(int(data.person_ids[person]))
        if organisation >= 0:
            organisations[body].add(int(data.organisation_ids[organisation]))
    return people, organisations


def _add_evidence(data: Snapshot, pairs: list[Pair]) -> None:
    """Who and what each listed pair shares: people, organisations, topics,
    scope (both city-wide, or the districts both work in)."""
    if not pairs:
        return
    body_ids = {pair.first_id for pair in pairs} | {pair.second_id for pair in pairs}
    people, organisations = _members_of(data, body_ids)
    scope = {
        body.pk: body
        for body in Body.objects.filter(pk__in=body_ids).prefetch_related(
            "topics", "districts"
        )
    }
    shared_people = set().union(
        *(people[p.first_id] & people[p.second_id] for p in pairs)
    )
    shared_organisations = set().union(
        *(organisations[p.first_id] & organisations[p.second_id] for p in pairs)
    )
    names = person_names(list(shared_people))
    organisation_label = organisation_names(list(shared_organisations))
    for pair in pairs:
        first, second = scope[pair.first_id], scope[pair.second_id]
        pair.shared_people = sorted(
            names[pk] for pk in people[pair.first_id] & people[pair.second_id]
        )
        pair.shared_organisations = sorted(
            organisation_label[pk]
            for pk in organisations[pair.first_id] & organisations[pair.second_id]
        )
        pair.shared_topics = sorted(
            {t.name for t in first.topics.all()} & {t.name for t in second.topics.all()}
        )
        pair.both_city_wide = first.city_wide and second.city_wide
        pair.shared_districts = sorted(
            {d.name for d in first.districts.all()}
            & {d.name for d in second.districts.all()}
        )
