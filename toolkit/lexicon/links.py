"""How a Russian word and an English word may correspond, from every bilingual source tct ships.

The lexicon's own pairs first, then the Russian word's family (through the lexicon's per-lemma rows),
then English WordNet: a rendering word that is a synonym or a derivative of one of the word's
translations («необъятную» -> "immense" ~ "vast"; «сумеет» -> "able" ~ "capable"). Each answer says
which source found it, so a scorer can weigh it and a reader can be shown it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from toolkit.lexicon.lexicon import Lexicon
from toolkit.lexicon.tokens import tokenize_words
from toolkit.lexicon.wordnet import WordNet

__all__ = [
    "WORDNET_FLOOR",
    "WORDNET_SENSES",
    "WORDNET_TOP",
    "WORDNET_WEIGHT",
    "Link",
    "antonym_row",
    "phrase_link",
    "related_row",
    "word_link",
]

WORDNET_TOP = 15  # translations of the Russian word whose WordNet relations are tried
WORDNET_FLOOR = 0.01  # and the probability each needs (noise below it would relate anything to anything)
WORDNET_WEIGHT = 0.5  # a WordNet relation counts half the translation it goes through
WORDNET_SENSES = 3  # a translation's most frequent senses per part of speech ("take" has 42 verb senses)


@dataclass(frozen=True)
class Link:
    """`english` renders `russian` with strength `prob`: directly ("lexicon"), through the Russian word's
    family ("family": `via` is the family lemma), or through WordNet ("wordnet": `via` is the
    translation the English word is related to)."""

    prob: float
    how: str
    via: str = ""


def word_link(lexicon: Lexicon, russian: str, english: str, wordnet: WordNet | None = None) -> Link | None:
    """The best evidence that `english` renders `russian`, or None.

    >>> from toolkit.lexicon import load_lexicon
    >>> word_link(load_lexicon(), "Китая", "China").how
    'lexicon'
    """
    en_lemmas = lexicon.lemmas(english, "en")
    best: Link | None = None
    for found in lexicon.translations(russian, "ru", limit=50):
        if found.translation in en_lemmas:
            how = "family" if found.relation in ("aspect", "derivation") else "lexicon"
            return Link(found.prob, how, found.via if how == "family" else "")
    wordnet = wordnet if wordnet is not None else lexicon.wordnet
    for found in lexicon.translations(russian, "ru", limit=WORDNET_TOP):
        if found.prob < WORDNET_FLOOR:
            break
        if any(wordnet.are_related(found.translation, lemma, WORDNET_SENSES) for lemma in en_lemmas):
            prob = found.prob * WORDNET_WEIGHT
            if best is None or prob > best.prob:
                best = Link(round(prob, 6), "wordnet", found.translation)
    return best


def related_row(lexicon: Lexicon, russian: str) -> dict[str, tuple[float, str]]:
    """English lemma -> (prob, translation it is related to) for every WordNet relative of the Russian
    word's translations (the top WORDNET_TOP with prob >= WORDNET_FLOOR, through their WORDNET_SENSES
    most frequent senses), at WORDNET_WEIGHT of the
    translation's prob; the translations themselves are left out. Made once per word form and
    lexicon: a scorer intersects its keys with a rendering's lemmas, as it does the lexicon's rows.

    >>> row = related_row(load_lexicon(), "сумеет")  # doctest: +SKIP
    >>> row["capable"]  # doctest: +SKIP
    (0.0592, 'able')
    """
    return dict(_rows(lexicon, russian)[0])


def antonym_row(lexicon: Lexicon, russian: str) -> dict[str, str]:
    """English lemma -> the translation of the Russian word it is an antonym of (WordNet), for the same
    translations as `related_row`: «рост» -> {"decrease": "increase", ...}. A word that is also a
    translation or a relative of another translation is left out (a word of two senses)."""
    return dict(_rows(lexicon, russian)[1])


@lru_cache(maxsize=50_000)
def _rows(
    lexicon: Lexicon, russian: str
) -> tuple[tuple[tuple[str, tuple[float, str]], ...], tuple[tuple[str, str], ...]]:
    wordnet = lexicon.wordnet
    translations = [
        t for t in lexicon.translations(russian, "ru", limit=WORDNET_TOP) if t.prob >= WORDNET_FLOOR
    ]
    own = {t.translation for t in lexicon.translations(russian, "ru", limit=50)}
    related: dict[str, tuple[float, str]] = {}
    opposite: dict[str, str] = {}
    for found in translations:
        prob = round(found.prob * WORDNET_WEIGHT, 6)
        for lemma in sorted(wordnet.related(found.translation, WORDNET_SENSES)):
            if lemma not in own and prob > related.get(lemma, (0.0, ""))[0]:
                related[lemma] = (prob, found.translation)
        for lemma in sorted(wordnet.antonyms(found.translation)):
            opposite.setdefault(lemma, found.translation)
    opposite = {lemma: via for lemma, via in opposite.items() if lemma not in own and lemma not in related}
    return tuple(sorted(related.items())), tuple(sorted(opposite.items()))


def phrase_link(lexicon: Lexicon, russian: str, english: str) -> Link | None:
    """The strongest `word_link` from a content word of a Russian phrase (any word, if it has none) to
    any word of an English phrase: «как угодно» / "any way", «прежде» / "as before"."""
    words = tokenize_words(russian, "ru")
    sources = [word for word in words if lexicon.is_content_word(word, "ru")] or words
    found = [
        link
        for source in sources
        for target in tokenize_words(english, "en")
        for link in [word_link(lexicon, source, target)]
        if link is not None
    ]
    return max(found, key=lambda link: link.prob, default=None)
