"""Russian word families: the adverb, adjective, noun and verb of one stem, and a verb's aspect partners.

A faithful rendering often changes the part of speech («осторожно» -> "with caution", «Китая» ->
"Chinese») or the lexicon knows only one member of a family («суметь» thinly, «уметь» well). A word
may therefore be read through the translations of its family, at a lower weight than its own. Rules
are suffix rewrites written for tct; a candidate counts only if the lexicon knows it and pymorphy3
gives it the part of speech the rule expects, so «пол» (floor) never meets «полный» (full).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from toolkit.lexicon.fallback import ASPECT_REWRITES
from toolkit.lexicon.morph import ru_lemma_tags

__all__ = ["ASPECT", "DERIVATION", "family"]

ASPECT = "aspect"  # the same verb in the other aspect: nearly the same meaning
DERIVATION = "derivation"  # another part of speech of the same stem: related meaning

# Adjective stem endings: (ending, part of speech) of the quality family осторожный ~ осторожно ~ осторожность.
_QUALITY = (
    ("ый", "ADJF"), ("ий", "ADJF"), ("ой", "ADJF"), ("о", "ADVB"), ("е", "ADVB"), ("ость", "NOUN"),
    ("есть", "NOUN"),
)  # fmt: skip
# Relational adjectives: (noun ending, adjective ending), китай ~ китайский, россия ~ российский,
# политика ~ политический, государство ~ государственный, европа ~ европейский, город ~ городской.
_RELATIONAL = (
    ("", "ский"), ("ь", "ский"), ("", "ской"), ("ия", "ийский"), ("а", "ейский"), ("а", "анский"),
    ("я", "ейский"), ("ика", "ический"), ("ия", "ический"), ("ство", "ственный"),
)  # fmt: skip
# Verbal nouns: (verb ending, noun ending), решить ~ решение, освободить ~ освобождение (not "ать" ~
# "ение": делать is not деление).
_VERBAL_NOUN = (
    ("ать", "ание"), ("ять", "яние"), ("ить", "ение"), ("еть", "ение"),
    ("дить", "ждение"), ("тить", "щение"), ("вить", "вление"), ("бить", "бление"), ("пить", "пление"),
    ("мить", "мление"),
)  # fmt: skip
# Prefixes that mostly only make a verb perfective (сделаться -> делаться, суметь -> уметь); only
# taken off, never put on (писать -> списать would be another verb).
_ASPECT_PREFIXES = ("с", "по")
_MIN_STEM = 3
# A lemma pymorphy3 can read as a person's name has no family (places keep theirs: китай ~ китайский).
_PERSON = frozenset({"Surn", "Name", "Patr"})


def _verb_parts(lemma: str) -> tuple[str, str]:
    """(base, reflexive ending) of a verb lemma: сделаться -> (сделать, ся)."""
    if lemma.endswith(("ся", "сь")):
        return lemma[:-2], lemma[-2:]
    return lemma, ""


def _candidates(lemma: str, tags: frozenset[str]) -> list[tuple[str, str, str]]:
    """(candidate lemma, part of speech it must have, relation) for one lemma, before any check."""
    out: list[tuple[str, str, str]] = []
    pos = {tag for tag in tags if tag in {"ADJF", "ADVB", "NOUN", "INFN"}}
    # The quality family: one adjective stem, three parts of speech.
    for ending, part in _QUALITY:
        if part in pos and lemma.endswith(ending) and len(lemma) - len(ending) >= _MIN_STEM:
            stem = lemma[: -len(ending)]
            out.extend((stem + other, other_part, DERIVATION) for other, other_part in _QUALITY)
            if part == "ADJF" and ending in {"ий", "ый"}:
                out.append(("по-" + stem + ("ему" if ending == "ий" else "ому"), "ADVB", DERIVATION))
    if "NOUN" in pos:
        for noun_end, adj_end in _RELATIONAL:
            if lemma.endswith(noun_end) and len(lemma) - len(noun_end) >= _MIN_STEM:
                out.append((lemma[: len(lemma) - len(noun_end)] + adj_end, "ADJF", DERIVATION))
        for verb_end, noun_end in _VERBAL_NOUN:
            if lemma.endswith(noun_end) and len(lemma) - len(noun_end) >= _MIN_STEM:
                stem = lemma[: -len(noun_end)]
                out.append((stem + verb_end, "INFN", DERIVATION))
    if "ADJF" in pos:
        for noun_end, adj_end in _RELATIONAL:
            if lemma.endswith(adj_end) and len(lemma) - len(adj_end) >= _MIN_STEM:
                out.append((lemma[: -len(adj_end)] + noun_end, "NOUN", DERIVATION))
    if "INFN" in pos:
        base, refl = _verb_parts(lemma)
        for verb_end, noun_end in _VERBAL_NOUN:
            if base.endswith(verb_end) and len(base) - len(verb_end) >= _MIN_STEM:
                out.append((base[: -len(verb_end)] + noun_end, "NOUN", DERIVATION))
        for perfective, imperfective in ASPECT_REWRITES:  # both ways: записать ~ записывать
            if perfective == imperfective:
                continue
            if base.endswith(perfective):
                out.append((base[: -len(perfective)] + imperfective + refl, "INFN", ASPECT))
            if base.endswith(imperfective):
                out.append((base[: -len(imperfective)] + perfective + refl, "INFN", ASPECT))
        for prefix in _ASPECT_PREFIXES:
            if base.startswith(prefix) and len(base) - len(prefix) >= 4:
                out.append((base[len(prefix) :] + refl, "INFN", ASPECT))  # сделаться -> делаться
    return out


@lru_cache(maxsize=100_000)
def _candidates_of(lemma: str) -> tuple[tuple[str, str, str], ...]:
    """`_candidates` of a lemma, read with its own pymorphy3 tags, each candidate once."""
    tags = ru_lemma_tags(lemma)
    if tags & _PERSON:
        return ()  # «Зеленский» is a person, not an adjective of «зелень»
    out: list[tuple[str, str, str]] = []
    seen = {lemma}
    for cand, part, relation in _candidates(lemma, tags) if tags else ():
        if cand not in seen:
            seen.add(cand)
            out.append((cand, part, relation))
    return tuple(out)


def family(lemma: str, known: Callable[[str], bool]) -> list[tuple[str, str]]:
    """Known members of a Russian lemma's family as (lemma, relation), aspect partners first.

    The lexicon is asked first (a set look-up), pymorphy3 only about the candidates it knows: the part
    of speech the rule expects, and for a verb's partner another aspect than the lemma's.

    >>> sorted(family("осторожно", {"осторожный", "осторожность", "осторожне"}.__contains__))
    [('осторожность', 'derivation'), ('осторожный', 'derivation')]
    """
    found: list[tuple[str, str]] = []
    aspect: set[str] | None = None
    for cand, part, relation in _candidates_of(lemma):
        if not known(cand):
            continue
        cand_tags = ru_lemma_tags(cand)
        if part not in cand_tags:
            continue
        if part == "INFN":
            if aspect is None:
                aspect = {"perf", "impf"} & ru_lemma_tags(lemma)
            if aspect and aspect <= cand_tags and not ({"perf", "impf"} <= cand_tags):
                continue  # the same aspect: not a partner
        found.append((cand, relation))
    found.sort(key=lambda item: item[1] != ASPECT)  # stable: rule order within each relation
    return found
