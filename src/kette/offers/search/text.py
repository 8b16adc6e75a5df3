"""German text analysis, the same for the index and for queries.

A word becomes a *stem*: lower case, Snowball German (which also reads "ae",
"oe", "ue" as umlauts), umlauts and accents folded (ä → a, ß → ss, ç → c),
so "Müttern", "Muettern" and "Mutter" all become ``mutt``. Besides the stems
the index holds, per column:

- *parts* of compounds: a stem of a known domain word inside a longer word
  ("Erziehungsberatungsstelle" also holds ``berat`` and ``erzieh``);
- the joined form of hyphenated words ("Eltern-Kind-Gruppe" → ``elternkindgrupp``);
- *reversed* stems of long words, marked with a leading ``0``
  (``hebammensprechstund`` → ``0dnutshcerpsnemmabeh``), so that a word's
  ending matches a prefix query on its reverse ("Sprechstunde" finds
  "Hebammensprechstunde").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

#: Stems of at least this length are also indexed reversed (suffix matching).
REVERSED_MIN = 7
#: Query stems of at least this length match as prefix and as suffix.
AFFIX_MIN = 4
REVERSED_MARK = "0"

_stemmer = Stemmer.Stemmer("german")
_WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
_SPLIT = re.compile(r"[\s_]+")

# fmt: off
STOPWORDS = frozenset("""
aber alle allem allen aller alles als also am an ander andere anderem anderen
anderer anderes anderm andern anderr anders auch auf aus bei beim bin bis bist
da damit dann das dass dasselbe dazu dein deine deinem deinen deiner deines dem
demselben den denn denselben der derer derselbe derselben des desselben dessen
dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort
du durch ein eine einem einen einer eines einig einige einigem einigen einiger
einiges einmal er es etwas euch euer eure eurem euren eurer eures fur für gegen
gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr
ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes
jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines
konnen können konnte könnte machen man manche manchem manchen mancher manches
mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht
nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines
selbst sich sie sind so solche solchem solchen solcher solches soll sollte
sondern sonst uber über um und uns unsere unserem unseren unser unseres unter
viel vom von vor wahrend während war waren warst was weg weil weiter welche
welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst
wo wollen wollte wurde wurden zu zum zur zwar zwischen
the and for of to with
""".split())

#: Words a search box gets but no offer needs to contain.
QUERY_NOISE = frozenset("""
angebot angebote angeboten gibt gesucht suche suchen brauche brauchen finde
finden möchte mochte hilft bitte gerne nahe nähe naehe stadt welche welcher
""".split())

#: Domain words found inside compounds; each also indexes its stem as a part.
#: Only words of five letters or more, so that parts stay meaningful.
LEXICON = tuple(sorted(set("""
abend arbeit arzte arztin ausbildung baby beratung betreuung bewegung beruf
bildung eltern entwicklung erziehung familie familien ferien forderung förderung
freizeit fruhe frühe gesundheit geburt gruppe gruppen hausaufgaben hebamme
hilfe hilfen jugend jugendliche kinder kindes kita kitas klasse kochen kurse
lernen lesen mutter mütter mutter musik nachhilfe paten pflege praxis
schule schulen schwanger schwangerschaft schwimmen spiel spielen sport sprache
sprach sprechstunde stillen sucht theater training treff treffen turnen
unterstutzung unterstützung vater väter werkstatt zentrum begleitung gewalt
integration migration psychisch schutz tanzen beratungsstelle frühstück
""".split())))
# fmt: on


def fold(text: str) -> str:
    """Lower case without umlauts, ß or accents; other scripts stay as they are."""
    text = text.casefold().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The folded stem of one lower-case word ("Müttern" → "mutt")."""
    word = word.casefold()
    # English-style plurals Snowball keeps: "Kitas", "Babys", "Omas".
    if len(word) >= 5 and word[-1] == "s" and word[-2] in "aioy":
        word = word[:-1]
    return fold(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """The words of ``text`` in order, lower case; hyphenated words stay joined."""
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, str], ...]:
    return tuple((fold(word), stem(word)) for word in LEXICON if len(word) >= 5)


@lru_cache(maxsize=200_000)
def parts(word: str) -> tuple[str, ...]:
    """Stems of the known domain words inside a longer word."""
    folded = fold(word)
    if len(folded) < 8:
        return ()
    found = []
    for plain, part_stem in _lexicon():
        if plain in folded and plain != folded and part_stem not in found:
            found.append(part_stem)
    return tuple(found)


def reversed_token(word_stem: str) -> str:
    return REVERSED_MARK + word_stem[::-1]


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    """Index tokens for one (possibly hyphenated) word."""
    pieces = [p for p in word.split("-") if p]
    if len(pieces) > 1:
        pieces.append("".join(pieces))
    tokens: list[str] = []
    for piece in pieces:
        if piece in STOPWORDS or (len(piece) < 2 and not piece.isdigit()):
            continue
        piece_stem = stem(piece)
        if not piece_stem or piece_stem.startswith(REVERSED_MARK):
            continue
        tokens.append(piece_stem)
        tokens.extend(parts(piece))
        if len(piece_stem) >= REVERSED_MIN:
            tokens.append(reversed_token(piece_stem))
    return tuple(tokens)


def index_tokens(text: str) -> list[str]:
    """Everything a text column of the index holds for ``text``."""
    tokens: list[str] = []
    for word in words(text):
        tokens.extend(_word_tokens(word))
    return tokens


def index_text(text: str) -> str:
    return " ".join(index_tokens(text))


def vocabulary_terms(text: str) -> set[str]:
    """The plain stems of an index column (no reversed tokens)."""
    return {t for t in _SPLIT.split(text) if t and not t.startswith(REVERSED_MARK)}


@dataclass
class QueryWord:
    """One word of a query: its stem and what else may stand for it."""

    text: str
    stem: str
    #: Further stems that match this word (typo corrections).
    corrections: list[str] = field(default_factory=list)
    #: Alternatives from synonyms: each a list of stems that must all match.
    alternatives: list[list[str]] = field(default_factory=list)
    #: Parts of a query compound ("Babyschwimmen" → baby, schwimm), all needed.
    split: list[str] = field(default_factory=list)


def query_words(text: str, *, ignore: frozenset[str] = frozenset()) -> list[QueryWord]:
    """The words of a query with their stems; stop words and noise dropped."""
    found: list[QueryWord] = []
    for word in words(text):
        for piece in [p for p in word.split("-") if p]:
            if piece in STOPWORDS or piece in QUERY_NOISE or fold(piece) in ignore:
                continue
            if len(piece) < 2 and not piece.isdigit():
                continue
            piece_stem = stem(piece)
            if piece_stem and not piece_stem.startswith(REVERSED_MARK):
                found.append(QueryWord(text=piece, stem=piece_stem))
    if not found:
        # A query of stop words only ("die"): search for them anyway.
        found = [QueryWord(text=w, stem=stem(w)) for w in words(text) if stem(w)]
    return found


def compound_split(word: str) -> list[str]:
    """Stems of a query compound made entirely of known words, else []."""
    folded = fold(word)
    if len(folded) < 8:
        return []
    lexicon = sorted(_lexicon(), key=lambda item: -len(item[0]))

    def split(rest: str) -> list[str] | None:
        if not rest:
            return []
        for plain, part_stem in lexicon:
            for link in ("", "s", "n", "en", "es"):
                head = plain + link
                if rest.startswith(head) and len(head) <= len(rest):
                    tail = split(rest[len(head) :])
                    if tail is not None:
                        return [part_stem, *tail]
        # The last part may be any word of four letters or more.
        if len(rest) >= 4:
            return [stem(rest)]
        return None

    result = split(folded)
    return result if result and len(result) > 1 else []
