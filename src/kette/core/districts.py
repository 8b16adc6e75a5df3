"""A municipality's districts as a tree: the one walk over parents and parts.

Every page and service that needs what lies below or above a district, the
lowest-level districts or the whole tree in order reads it here, from one
query (``district_tree``) or from districts it already holds
(``DistrictTree(districts)``, e.g. a map drawn from a list).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .models import District, Municipality


@dataclass
class DistrictNode:
    """A district with its depth (0 at the top) and its parts, for nested lists."""

    district: Any
    depth: int = 0
    children: list[DistrictNode] = field(default_factory=list)


class DistrictTree:
    """Districts (objects with ``pk``, ``code`` and ``parent_id``) as a tree.

    Siblings keep the order the districts come in (``district_tree`` reads
    them by level and code). A district whose parent is not among them counts
    as a top-level one. Methods take a district or its primary key. Every walk
    ends even on a broken hierarchy (a cycle of parents): a district is never
    visited twice.
    """

    def __init__(self, districts: Iterable[Any]) -> None:
        self.districts: dict[int, Any] = {d.pk: d for d in districts}
        self._by_code = {d.code: d for d in self.districts.values()}
        self._children: dict[int | None, list[Any]] = {None: []}
        for district in self.districts.values():
            self._children.setdefault(district.pk, [])
        for district in self.districts.values():
            parent = (
                district.parent_id if district.parent_id in self.districts else None
            )
            self._children[parent].append(district)

    def __len__(self) -> int:
        return len(self.districts)

    def __iter__(self) -> Iterator[Any]:
        """The districts, each directly followed by those within it."""
        return (node.district for node in self.ordered())

    def __bool__(self) -> bool:
        return bool(self.districts)

    def get(self, code: str) -> Any | None:
        """The district with ``code``, or None."""
        return self._by_code.get(code)

    def _pk(self, district: Any) -> int:
        return district if isinstance(district, int) else district.pk

    def parent(self, district: Any) -> Any | None:
        """The district ``district`` lies within; None for a top-level one."""
        found = self.districts.get(self._pk(district))
        return self.districts.get(found.parent_id) if found is not None else None

    def children(self, district: Any = None) -> list[Any]:
        """The parts of ``district`` (the top-level districts for None)."""
        key = None if district is None else self._pk(district)
        return list(self._children.get(key, []))

    def ancestors(self, district: Any) -> list[Any]:
        """The districts ``district`` lies within, the nearest first."""
        found, seen = [], {self._pk(district)}
        current = self.parent(district)
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            found.append(current)
            current = self.parent(current)
        return found

    def root(self, district: Any) -> Any:
        """The top-level district ``district`` lies within (itself at the top)."""
        above = self.ancestors(district)
        return above[-1] if above else self.districts[self._pk(district)]

    def descendants(self, district: Any) -> list[Any]:
        """Every district below ``district``, each directly followed by its parts."""
        return [node.district for node in self._walk(self._pk(district), 0)]

    def is_leaf(self, district: Any) -> bool:
        return not self._children.get(self._pk(district))

    def leaves(self) -> list[Any]:
        """The districts without parts (the lowest level of each branch), in
        tree order."""
        return [d for d in self if self.is_leaf(d)]

    def ordered(self) -> list[DistrictNode]:
        """Every district with its depth, each directly followed by its parts."""
        return list(self._walk(None, 0))

    def nested(self) -> list[DistrictNode]:
        """The top-level districts, each with its parts (``children``) and so on."""
        nodes: dict[int, DistrictNode] = {}
        roots: list[DistrictNode] = []
        for node in self.ordered():
            parent = nodes.get(node.district.parent_id)
            (parent.children if parent and node.depth else roots).append(node)
            nodes[node.district.pk] = node
        return roots

    def _walk(self, key: int | None, depth: int) -> Iterator[DistrictNode]:
        seen: set[int] = set() if key is None else {key}
        todo = [(child, depth) for child in reversed(self._children.get(key, []))]
        while todo:
            district, at = todo.pop()
            if district.pk in seen:
                continue
            seen.add(district.pk)
            yield DistrictNode(district, at)
            todo.extend((c, at + 1) for c in reversed(self._children[district.pk]))


def district_tree(
    *,
    municipality: Municipality,
    geometry: bool = False,
    fields: tuple[str, ...] | None = None,
) -> DistrictTree:
    """``municipality``'s districts as a tree, siblings by code, in one query.

    The districts are model instances without their geometries (with them if
    ``geometry``); given ``fields`` (even none), plain rows of ``pk``,
    ``code``, ``parent_id`` and those fields instead, several times cheaper:
    for paths that run on every request, like the search.
    """
    districts = District.objects.for_municipality(municipality).order_by(
        "level", "code"
    )
    if fields is not None:
        return DistrictTree(
            districts.values_list("pk", "code", "parent_id", *fields, named=True)
        )
    return DistrictTree(districts if geometry else districts.defer("geometry"))
