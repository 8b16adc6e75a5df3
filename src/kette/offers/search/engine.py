"""From the words a person types to ranked offer ids.

1. Analyse the query like the index (``text.py``): stems, stop words out.
2. Per word, collect what may stand for it: synonyms (built-in and the
   municipality's), the parts of a compound made of known words, and for a
   word the offers never use, the nearest words they do use (typos).
3. Ask the full-text engine for offers matching *all* words (each by its
   stem as a whole word, as the start of a word, or as the end of one). If
   that finds fewer than :data:`MIN_RESULTS`, ask again for offers matching
   *any* word and rank those after the complete matches.
4. Filter, order and count with the in-memory table (``table.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .backends import Plan, Term, backend
from .synonyms import Synonym, effective_synonyms
from .table import OfferTable
from .text import AFFIX_MIN, QueryWord, compound_split, fold, query_words, words

MIN_RESULTS = 5
#: How much a match in the title, the summary and the rest counts.
COLUMN_WEIGHTS = np.array([10.0, 4.0, 1.0])
#: What a match through a synonym, typo correction or split counts.
ALTERNATIVE_WEIGHT = 0.6
#: Typos: words this long may be corrected by one edit, longer ones by two.
TYPO_MIN = 5
TYPO_TWO_EDITS = 8


@dataclass
class TextMatch:
    rows: np.ndarray  # table rows that match
    scores: np.ndarray  # relevance per row (same order)
    complete: np.ndarray  # whether the row matched every word
    in_title: np.ndarray  # whether the title alone matched every word


def _max_edits(stem: str) -> int:
    if len(stem) >= TYPO_TWO_EDITS:
        return 2
    return 1 if len(stem) >= TYPO_MIN else 0


def corrections(stem: str, table: OfferTable, synonyms: dict) -> list[str]:
    """Indexed stems (or synonym words) nearest to an unknown stem."""
    edits = _max_edits(stem)
    if not edits:
        return []
    choices = table.vocabulary().terms + [key[0] for key in synonyms if len(key) == 1]
    found = process.extract(
        stem, choices, scorer=Levenshtein.distance, score_cutoff=edits, limit=8
    )
    if not found:
        return []
    best = min(distance for _term, distance, _index in found)
    return sorted({term for term, distance, _index in found if distance == best})


def _synonym_at(stems: list[str], start: int, synonyms: dict) -> Synonym | None:
    for length in (3, 2, 1):
        key = tuple(stems[start : start + length])
        if len(key) == length and key in synonyms:
            return synonyms[key]
    return None


def plan_query(text: str, *, municipality, table: OfferTable) -> Plan:
    """The groups of alternatives the full-text engine is asked for."""
    ignore = frozenset(fold(word) for word in words(municipality.name))
    found: list[QueryWord] = query_words(text, ignore=ignore)
    synonyms = effective_synonyms(municipality.pk)
    vocabulary = table.vocabulary()
    plan: Plan = []
    position = 0
    stems = [word.stem for word in found]
    while position < len(found):
        word = found[position]
        synonym = _synonym_at(stems, position, synonyms)
        length = len(synonym.key) if synonym else 1
        own = [
            Term(w.stem, suffix=len(w.stem) >= 3 and len(w.text) >= AFFIX_MIN or None)
            for w in found[position : position + length]
        ]
        group = [own]
        unknown = length == 1 and not vocabulary.knows(word.stem, affix_min=AFFIX_MIN)
        if unknown:
            # A compound the offers write apart ("Babyschwimmen": "Schwimmen
            # für Babys"), else a typo of a word they use.
            split = compound_split(word.text)
            if split:
                group.append([Term(stem) for stem in split])
            if synonym is None:
                for correction in corrections(word.stem, table, synonyms):
                    if (correction,) in synonyms:
                        synonym = synonyms[(correction,)]
                    group.append([Term(correction)])
        if synonym is not None:
            group.extend([Term(stem) for stem in alt] for alt in synonym.alternatives)
        plan.append(_unique(group))
        position += length
    return plan


def _unique(group: list[list[Term]]) -> list[list[Term]]:
    seen, result = set(), []
    for alternative in group:
        key = tuple(alternative)
        if key not in seen:
            seen.add(key)
            result.append(alternative)
    return result


def _hits(engine, table: OfferTable, alternatives) -> np.ndarray:
    """columns × rows: where the alternatives match."""
    rows, columns = table.text_hits(
        engine.render_group(alternatives),
        lambda: engine.columns(table.municipality_id, alternatives),
        lambda ids: engine.columns(table.municipality_id, alternatives, among=ids),
    )
    hit = np.zeros((len(COLUMN_WEIGHTS), table.size), dtype=bool)
    hit[columns, rows] = True
    return hit


def match_text(plan: Plan, table: OfferTable, allowed: np.ndarray) -> TextMatch:
    """Rows matching the plan, scored.

    Per group the engine says in which columns it matches; a group scores
    ``idf × (10 title + 4 summary + 1 rest)``, summed over groups. Rows that
    match every group are *complete*; only if fewer than MIN_RESULTS of them
    are ``allowed`` (by the filters) do partial matches join, ranked after.
    """
    engine = backend()
    size = table.size
    scores = np.zeros(size)
    complete = np.ones(size, dtype=bool)
    anywhere = np.zeros(size, dtype=bool)
    in_title = np.ones(size, dtype=bool)
    for group in plan:
        own = _hits(engine, table, group[:1])
        hit = own.copy()
        weighted = COLUMN_WEIGHTS @ own
        if len(group) > 1:
            other = _hits(engine, table, group[1:])
            hit |= other
            weighted = np.maximum(
                weighted, ALTERNATIVE_WEIGHT * (COLUMN_WEIGHTS @ other)
            )
        group_rows = hit.any(axis=0)
        # Over the rows of entries in the index (a table keeps gone ones).
        idf = np.log(1 + table.count / max(1, np.count_nonzero(group_rows)))
        scores += idf * weighted
        complete &= group_rows
        anywhere |= group_rows
        in_title &= hit[0]
    matched = complete
    if len(plan) > 1 and np.count_nonzero(complete & allowed) < MIN_RESULTS:
        matched = anywhere
    rows = np.flatnonzero(matched)
    return TextMatch(
        rows=rows,
        scores=scores[rows],
        complete=complete[rows],
        in_title=in_title[rows],
    )
