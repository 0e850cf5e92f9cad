"""How a Russian word and an English word may correspond, from every bilingual source tct ships.

The lexicon's own pairs first, then the Russian word's family (through the lexicon's per-lemma rows),
then English WordNet: a rendering word that is a synonym or a derivative of one of the word's
translations («необъятную» -> "immense" ~ "vast"; «сумеет» -> "able" ~ "capable"). Each answer says
which source found it, so a scorer can weigh it and a reader can be shown it.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.lexicon.lexicon import Lexicon
from toolkit.lexicon.wordnet import WordNet, load_wordnet

__all__ = ["WORDNET_FLOOR", "WORDNET_TOP", "Link", "word_link"]

WORDNET_TOP = 15  # translations of the Russian word whose WordNet relations are tried
WORDNET_FLOOR = 0.01  # and the probability each needs (noise below it would relate anything to anything)
WORDNET_WEIGHT = 0.5  # a WordNet relation counts half the translation it goes through


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
    wordnet = wordnet if wordnet is not None else load_wordnet()
    for found in lexicon.translations(russian, "ru", limit=WORDNET_TOP):
        if found.prob < WORDNET_FLOOR:
            break
        if any(wordnet.are_related(found.translation, lemma) for lemma in en_lemmas):
            prob = found.prob * WORDNET_WEIGHT
            if best is None or prob > best.prob:
                best = Link(round(prob, 6), "wordnet", found.translation)
    return best
