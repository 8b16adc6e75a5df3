"""An attacker of the public monitoring: collects everything the public can
see and tries every subtraction to recover a withheld count.

What the attacker knows: the district hierarchy, the published figures (value,
numerator, denominator, whether withheld) of every indicator, period and level,
which indicators are counted from the same records, and the threshold k. Its
method: per record source (or indicator) and period, every published total is
the sum of its parts, for numerators, denominators and counts. It solves that
linear system exactly (fractions) and asks for

- every withheld numerator, denominator or count on its own (``exact``), and
- every cell over any set of siblings, a single area, or the withheld parts
  of a total taken down the levels (a withheld area replaced by its withheld
  parts, as its shown parts can be subtracted): the sum of numerators,
  of denominators, of complements (denominator − numerator), of counts, and the
  differences between totals of indicators of one source (``small``, when the
  result is a count of 1 … k−1: a small group of people disclosed).

Gaussian elimination finds every combination of subtractions across levels,
siblings, complements and linked indicators at once. ``naive_protect``
is the rule before the fix (a lone withheld part gets the smallest other part
as its partner), to show that the attacker does find what was leaked.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product

RATE, COUNT = "rate", "count"
CITY = ""  # the code of the whole municipality


@dataclass(frozen=True)
class Shown:
    """One published figure: None where withheld or missing."""

    value: float | None
    numerator: float | None
    denominator: float | None
    withheld: bool


Key = tuple[str, str, str]  # indicator key, period, district code ("" = city)


@dataclass
class World:
    parents: dict[str, str]  # district code → parent code (CITY for the top)
    kinds: dict[str, str]  # indicator key → kind
    sources: list[set[str]]  # indicator keys counted from the same records
    threshold: int

    @property
    def children(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for code, parent in sorted(self.parents.items()):
            found[parent].append(code)
        return found

    def groups(self) -> list[list[str]]:
        linked = [sorted(s & set(self.kinds)) for s in self.sources]
        alone = [[k] for k in self.kinds if not any(k in s for s in self.sources)]
        return [g for g in linked if g] + alone


@dataclass
class Finding:
    what: str
    value: Fraction


@dataclass
class Report:
    exact: list[Finding] = field(default_factory=list)
    small: list[Finding] = field(default_factory=list)

    @property
    def recovered(self) -> list[Finding]:
        return self.exact + self.small


# -- what the public sees --------------------------------------------------


def from_api(api, base: str) -> dict[Key, Shown]:
    """Every figure of the public API (all indicators, periods and levels)."""
    seen: dict[Key, Shown] = {}
    url, query = base + "observations/", {"page_size": 500, "page": 1}
    while True:
        response = api.get(url, query)
        assert response.status_code == 200, response.content
        body = response.json()
        for row in body["results"]:
            key = (row["indicator"], row["period"], row["district"] or CITY)
            seen[key] = Shown(
                row["value"],
                row["numerator"],
                row["denominator"],
                bool(row["suppressed"]),
            )
        if not body.get("next"):
            return seen
        query["page"] += 1


def number(text: str) -> float | None:
    """A number of a page's CSV (German decimal comma), None if empty."""
    return float(text.replace(",", ".")) if text else None


def rows_of_csv(content: str) -> list[list[str]]:
    """The rows of a page's CSV download, without the header."""
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))[1:]


def from_page_csv(content: str, indicator: str, period: str) -> dict[Key, Shown]:
    """The figures of an indicator page's map table."""
    seen = {}
    for row in rows_of_csv(content):
        _name, code, value, numerator, denominator = row[:5]
        shown = Shown(number(value), number(numerator), number(denominator), False)
        seen[(indicator, period, code)] = shown
    return seen


# -- the attack --------------------------------------------------------------

Var = tuple[str, str, str]  # indicator key, district code, component


class _System:
    """Linear equations over the withheld components, kept in reduced form."""

    def __init__(self) -> None:
        self.rows: dict[Var, tuple[dict[Var, Fraction], Fraction]] = {}

    def _reduce(self, coefs: dict[Var, Fraction], rhs: Fraction):
        coefs = dict(coefs)
        for pivot, (row, value) in self.rows.items():
            factor = coefs.get(pivot)
            if factor:
                for var, c in row.items():
                    coefs[var] = coefs.get(var, 0) - factor * c
                rhs -= factor * value
        return {v: c for v, c in coefs.items() if c}, rhs

    def add(self, coefs: dict[Var, Fraction], rhs: Fraction) -> None:
        coefs, rhs = self._reduce(coefs, rhs)
        if not coefs:
            return
        pivot = min(coefs)
        scale = coefs[pivot]
        coefs = {v: c / scale for v, c in coefs.items()}
        rhs /= scale
        for other, (row, value) in list(self.rows.items()):
            factor = row.get(pivot)
            if factor:
                merged = {v: row.get(v, 0) - factor * coefs.get(v, 0) for v in row}
                merged.update(
                    {v: -factor * c for v, c in coefs.items() if v not in row}
                )
                self.rows[other] = (
                    {v: c for v, c in merged.items() if c},
                    value - factor * rhs,
                )
        self.rows[pivot] = (coefs, rhs)

    def solve(self, coefs: dict[Var, Fraction], constant: Fraction):
        """The value of ``constant + Σ coefs·vars`` if the equations fix it."""
        left, rhs = self._reduce(coefs, Fraction(0))
        return None if left else constant - rhs


MISSING = object()


def _component(shown: Shown | None, kind: str, component: str):
    if shown is None:
        return MISSING
    number = {"n": shown.numerator, "d": shown.denominator, "v": shown.value}
    if shown.withheld:
        return "var"
    found = number[component]
    return MISSING if found is None else Fraction(found).limit_denominator(10**6)


def _components(kind: str) -> tuple[str, ...]:
    return ("n", "d") if kind == RATE else ("v",)


def _total(kind: str) -> str:
    return "d" if kind == RATE else "v"


def attack(
    world: World,
    period: str,
    shown: dict[Key, Shown],
    truth: dict[Key, Shown],
) -> Report:
    """Everything the attacker recovers of one period (see the module doc)."""
    report = Report()
    for group in world.groups():
        _attack_group(world, period, group, shown, truth, report)
    return report


def _attack_group(
    world: World,
    period: str,
    group: list[str],
    shown: dict[Key, Shown],
    truth: dict[Key, Shown],
    report: Report,
) -> None:
    children = world.children
    codes = [CITY, *world.parents]

    def term(indicator: str, code: str, component: str):
        found = _component(
            shown.get((indicator, period, code)), world.kinds[indicator], component
        )
        return (indicator, code, component) if found == "var" else found

    system = _System()
    for total, parts in children.items():
        for indicator in group:
            for component in _components(world.kinds[indicator]):
                terms = [(1, term(indicator, total, component))] + [
                    (-1, term(indicator, part, component)) for part in parts
                ]
                if any(t is MISSING for _s, t in terms):
                    continue
                coefs: dict[Var, Fraction] = defaultdict(Fraction)
                rhs = Fraction(0)
                for sign, t in terms:
                    if isinstance(t, tuple):
                        coefs[t] += sign
                    else:
                        rhs -= sign * t
                system.add(dict(coefs), rhs)

    def cell(combination: list[tuple[int, str, str, str]], what: str):
        """Σ sign·component over (sign, indicator, code, component)."""
        coefs: dict[Var, Fraction] = defaultdict(Fraction)
        constant = Fraction(0)
        for sign, indicator, code, component in combination:
            t = term(indicator, code, component)
            if t is MISSING:
                return
            if isinstance(t, tuple):
                coefs[t] += sign
            else:
                constant += sign * t
        found = system.solve(dict(coefs), constant)
        if found is not None and 0 < abs(found) < world.threshold:
            report.small.append(Finding(what, abs(found)))

    sets = [[code] for code in codes]
    for parts in children.values():
        sets += [
            list(chosen)
            for size in range(2, len(parts) + 1)
            for chosen in combinations(parts, size)
        ]
    hidden = {
        code
        for code in codes
        for indicator in group
        if (found := shown.get((indicator, period, code))) and found.withheld
    }
    for parts in children.values():
        sets += _cuts([p for p in parts if p in hidden], children, hidden)
    for chosen in sets:
        where = "+".join(c or "city" for c in chosen)
        for indicator in group:
            kind = world.kinds[indicator]
            for component in _components(kind):
                cell(
                    [(1, indicator, c, component) for c in chosen],
                    f"{period} {indicator} {component} of {where}",
                )
            if kind == RATE:
                cell(
                    [(1, indicator, c, "d") for c in chosen]
                    + [(-1, indicator, c, "n") for c in chosen],
                    f"{period} {indicator} complement of {where}",
                )
        for a, b in combinations(group, 2):
            ta, tb = _total(world.kinds[a]), _total(world.kinds[b])
            signs = {
                _sign(truth, (a, period, c), ta, (b, period, c), tb) for c in chosen
            }
            if len(signs - {0}) > 1:
                continue  # not one group of people: no count to disclose
            cell(
                [(1, a, c, ta) for c in chosen] + [(-1, b, c, tb) for c in chosen],
                f"{period} {a} − {b} of {where}",
            )
    for var in sorted({v for row, _r in system.rows.values() for v in row}):
        found = system.solve({var: Fraction(1)}, Fraction(0))
        if found is not None:
            indicator, code, component = var
            what = f"{period} {indicator} {component} {code or 'city'}"
            report.exact.append(Finding(what, found))


def _cuts(
    withheld: list[str], children: dict[str, list[str]], hidden: set[str]
) -> list[list[str]]:
    """The sets a total minus its shown parts adds up: its withheld parts,
    each of them as itself or (a total minus its shown parts) as its own
    withheld parts, and so on down (subtractions across levels)."""
    if not withheld:
        return []

    def ways(code: str) -> list[list[str]]:
        found = [[code]]
        below = [c for c in children.get(code, []) if c in hidden]
        for combo in product(*(ways(c) for c in below)) if below else []:
            found.append([c for part in combo for c in part])
        return found

    return [
        [c for part in combo for c in part]
        for combo in product(*(ways(code) for code in withheld))
    ]


def _sign(truth, key_a, ta, key_b, tb) -> int:
    a, b = truth.get(key_a), truth.get(key_b)
    if a is None or b is None:
        return 0
    pick = {"d": "denominator", "v": "value"}
    x, y = getattr(a, pick[ta]), getattr(b, pick[tb])
    if x is None or y is None or x == y:
        return 0
    return 1 if x > y else -1


def attack_all(
    world: World, shown: dict[Key, Shown], truth: dict[Key, Shown]
) -> Report:
    report = Report()
    for period in sorted({period for _i, period, _c in truth}):
        found = attack(world, period, shown, truth)
        report.exact += found.exact
        report.small += found.small
    return report


# -- publications to attack --------------------------------------------------


def unprotected(truth: dict[Key, Shown]) -> dict[Key, Shown]:
    return dict(truth)


def naive_protect(world: World, truth: dict[Key, Shown]) -> dict[Key, Shown]:
    """The rule before the fix: primary on numerator, denominator or count;
    a lone withheld part under a shown total takes the smallest other part
    (even a zero); a withheld total needs no partner; indicators alone."""
    k = world.threshold
    withheld = {
        key
        for key, s in truth.items()
        if any(c is not None and 0 < c < k for c in _counts(s, world.kinds[key[0]]))
    }
    changed = True
    while changed:
        changed = False
        for indicator, period in {(i, p) for i, p, _c in truth}:
            for total, parts in world.children.items():
                top = (indicator, period, total)
                if top in withheld or truth.get(top) is None:
                    continue
                keys = [
                    (indicator, period, p)
                    for p in parts
                    if (indicator, period, p) in truth
                ]
                lone = [key for key in keys if key in withheld]
                others = [
                    key
                    for key in keys
                    if key not in withheld
                    and _counts(truth[key], world.kinds[key[0]])[0] is not None
                ]
                if len(lone) != 1 or not others:
                    continue
                withheld.add(
                    min(
                        others,
                        key=lambda key: _counts(truth[key], world.kinds[key[0]])[0],
                    )
                )
                changed = True
    return {
        key: Shown(None, None, None, True) if key in withheld else s
        for key, s in truth.items()
    }


def _counts(shown: Shown, kind: str) -> list[float | None]:
    if kind == RATE:
        return [shown.numerator, shown.denominator]
    return [shown.value]
