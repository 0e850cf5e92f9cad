"""Lemmatisation for both languages, cached.

Russian: pymorphy3 (OpenCorpora dictionary + guesser for unknown words).
English: lemminflect rather than simplemma, because lemminflect knows the
English paradigms per part of speech (went -> go, saw -> see|saw, better ->
good|well) and so can offer *all* plausible lemmas, which a look-up of an
untagged word needs; simplemma gives one dictionary lemma per form and is
tuned for many languages at once.

The build and the look-ups both go through these functions, so the keys of
the shipped lexicon and the lemmas of a queried word are made the same way.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from toolkit.lexicon.index import LazyTable, file_digest, open_index
from toolkit.lexicon.oov import oov_lemmas, oov_model_loaded, with_caps_style, word_caps_style
from toolkit.lexicon.tokens import ABBREV_RE, NUM, is_number

__all__ = [
    "en_dictionary_lemmas",
    "en_lemma",
    "en_lemmas",
    "norm",
    "ru_analysis",
    "ru_is_name",
    "ru_lemma",
    "ru_lemma_tags",
    "ru_lemmas",
    "ru_name_reading",
    "ru_parses",
    "warm_up",
]

_NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn")
# lemminflect's parts of speech, in the order a bare word is most likely meant.
_EN_POS_ORDER = ("VERB", "AUX", "NOUN", "ADJ", "ADV", "PROPN")


def norm(word: str) -> str:
    """Lowercase, ё -> е, typographic apostrophe -> ASCII: the key form of a word."""
    return word.lower().replace("ё", "е").replace("’", "'")


def _dictionary_path() -> str | None:
    """The folder of pymorphy3-dicts-ru, the package pymorphy3's "ru" entry point names, found without
    pymorphy3's scan of every installed package's entry points (importlib.metadata and the scan were a
    tenth of a second of a one-pair `tct score`); None leaves the choice to pymorphy3 (its environment
    variable set, or the package not found)."""
    if "PYMORPHY3_DICT_PATH" in os.environ:
        return None
    spec = importlib.util.find_spec("pymorphy3_dicts_ru")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return str(path) if (path / "meta.json").is_file() else None


@lru_cache(maxsize=1)
def _morph():  # pragma: no cover - trivial
    """pymorphy3's analyser, returning plain named tuples (word, tag, normal_form, score, methods_stack):
    its documented fast mode, without the Parse wrapper and its inflection methods, which tct never uses."""
    import pymorphy3

    path = _dictionary_path()
    if path is None:
        return pymorphy3.MorphAnalyzer(result_type=None)
    return pymorphy3.MorphAnalyzer(path=path, lang="ru", result_type=None)


def ru_parses(word: str) -> tuple:
    """pymorphy3's parses of a word exactly as given, best first (not cached: see `ru_analysis`)."""
    return tuple(_morph().parse(word))


@lru_cache(maxsize=200_000)
def ru_analysis(word: str) -> tuple[tuple[str | float, ...], tuple[str, ...]]:
    """pymorphy3's analysis of a word exactly as given, reduced to what tct asks of it: the normal form
    and score of every parse, best first, as one flat tuple (form, score, form, score, ...), and the
    grammemes of the best parse.

    One analysis per form serves lemmas, name and tense tests alike (the analysis is the dominant cost
    of scoring a new sentence). Only strings and numbers are kept, in tuples nested no deeper than this:
    CPython's collector untracks a tuple of plain values at its first pass, one more level per pass,
    while pymorphy3's parse objects (or deeper nests) cached for every form met would stay tracked and
    be walked again at every full collection."""
    parses = _morph().parse(word)
    forms = tuple([value for parse in parses for value in (parse.normal_form, float(parse.score))])
    return forms, tuple(parses[0].tag.grammemes) if parses else ()


def warm_up() -> None:
    """Load the morphological models now rather than on the first word (start-up, not per-word cost)."""
    _morph()
    table = _en_lemma_index()
    if table is not None:
        table.full()  # dictionary lemmas from the look-up file: lemminflect's own tables are never read
    else:
        en_dictionary_lemmas("went")
    if not oov_model_loaded():  # the out-of-vocabulary model: tct's copy, else lemminflect's (and numpy)
        from lemminflect import getAllLemmasOOV

        getAllLemmasOOV("blorks", "NOUN")


@lru_cache(maxsize=200_000)
def ru_lemmas(word: str) -> tuple[tuple[str, float], ...]:
    """All pymorphy3 normal forms of a Russian word with summed parse scores, best first."""
    if is_number(word):
        return ((NUM, 1.0),)
    scores: dict[str, float] = {}
    forms = ru_analysis(word.lower())[0]
    for normal_form, score in zip(forms[0::2], forms[1::2], strict=True):
        lemma = norm(normal_form)
        scores[lemma] = scores.get(lemma, 0.0) + score
    total = sum(scores.values()) or 1.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple([(lemma, score / total) for lemma, score in ranked])


def ru_lemma(word: str) -> str:
    """The single most likely Russian lemma (used when counting the corpus)."""
    return ru_lemmas(word)[0][0]


@lru_cache(maxsize=200_000)
def ru_is_name(word: str) -> bool:
    """True if pymorphy3's best parse is a personal, geographic or organisation name."""
    grammemes = ru_analysis(word)[1]
    return any(tag in grammemes for tag in _NAME_TAGS)


@lru_cache(maxsize=200_000)
def ru_name_reading(word: str) -> tuple[float, bool]:
    """(share of pymorphy3's parse score that reads the word as a Name/Surn/Patr/Geox/Orgn, whether
    pymorphy3's dictionary knows the word rather than guessing it).

    «Сталин» (0.94, True), «Устава» (0.0, True): a capitalised common noun is not a name."""
    parses = _morph().parse(word)
    total = sum(parse.score for parse in parses) or 1.0
    named = sum(parse.score for parse in parses if any(tag in parse.tag.grammemes for tag in _NAME_TAGS))
    return named / total, any(_from_dictionary(parse) for parse in parses)


def _from_dictionary(parse) -> bool:
    """True for a parse pymorphy3 read from its dictionary, False for a guess (by suffix, by prefix...)."""
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


@lru_cache(maxsize=100_000)
def ru_lemma_tags(lemma: str) -> frozenset[str]:
    """Grammemes of the pymorphy3 dictionary parses that read `lemma` as its own normal form (part of
    speech, aspect): what a lemma is, as opposed to what a word form could be the form of. Guessed
    parses are left out: pymorphy3 would make an adjective of «осторожний»."""
    out: set[str] = set()
    for parse in _morph().parse(lemma):
        if norm(parse.normal_form) == lemma and _from_dictionary(parse):
            out.update(parse.tag.grammemes)
    return frozenset(out)


def en_dictionary_lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's dictionary lemmas of a lower-case form by part of speech ({} for unknown words).

    Read from the look-up file's copy of lemminflect's tables when it was built from the installed
    lemminflect (`toolkit.lexicon.index`: one row, not the whole table and numpy), else from lemminflect's
    own tables as its getAllLemmas does, less the deep copies it makes of them on every call (they were a
    quarter of the cost of a new word); cheap enough that callers cache what they derive from it
    (`en_lemmas`, the scorer's name test) rather than these dicts."""
    index = _en_lemma_index()
    if index is not None:
        style = word_caps_style(low)
        body = index.get(low.lower())
        lemmas: dict[str, tuple[str, ...]] = {}
        if body:
            for entry in body.split("|"):
                pos, _, forms = entry.partition(":")
                lemmas[pos] = tuple([with_caps_style(form, style) for form in forms.split("/")])
        return lemmas
    tables = _lemminflect_tables()
    if tables is None:  # pragma: no cover - another lemminflect layout: its public function
        from lemminflect import getAllLemmas

        return getAllLemmas(low)
    lemma_table, overrides, caps_style, apply_caps_style = tables
    style = caps_style(low)
    word = low.lower()
    lemmas = dict(lemma_table.get(word, {}))  # values are replaced below, never changed in place
    lemmas.update(overrides.get(word, {}))
    return apply_caps_style(lemmas, style)


def lemminflect_sources() -> tuple[Path, Path] | None:
    """lemminflect's lemma table and overrides files, found without importing lemminflect."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    resources = Path(next(iter(spec.submodule_search_locations))) / "resources"
    return resources / "lemma_lu.csv.gz", resources / "lemma_overrides.csv"


def lemminflect_digest() -> str:
    """The SHA-256s of lemminflect's lemma table and overrides, joined ("" if not installed)."""
    sources = lemminflect_sources()
    if sources is None or not all(path.is_file() for path in sources):
        return ""
    return "+".join(file_digest(path) for path in sources)


@lru_cache(maxsize=1)
def _en_lemma_index() -> LazyTable | None:
    """The look-up file's table of lemminflect's lemmas (with its overrides: word -> "POS:form/form|POS:
    ..."), if it was built from the lemminflect installed here; else None."""
    index = open_index()
    if index is None or not index.matches("en_lemmas", lemminflect_digest()):
        return None
    return index.table("en_lemmas")


@lru_cache(maxsize=1)
def _lemminflect_tables() -> tuple | None:
    """lemminflect's lemma and override tables and its capitalisation helpers, or None if this version
    keeps them elsewhere (tests compare the result with getAllLemmas)."""
    try:
        from lemminflect.core.Lemmatizer import Lemmatizer
        from lemminflect.core.LexicalUtils import applyCapsStyleToDict, getCapsStyle

        lemmatizer = Lemmatizer()
        return lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict(), getCapsStyle, applyCapsStyleToDict
    except (ImportError, AttributeError):  # pragma: no cover
        return None


# Unknown English words answered by tct's numpy-free copy of lemminflect's model before handing the rest to
# lemminflect itself. The copy saves numpy's import (0.1 s) but costs about 2 ms a word in pure Python
# against lemminflect's 0.05 ms: one pair meets a handful of unknown words, a file thousands (the copy made
# `scripts/bench_score.py` 25% slower). 50 words is 0.1 s of the copy: past it, the import pays for itself.
# The answers are the same either way (tests/test_lemmatisers.py), so the output does not depend on it.
OOV_COPY_WORDS = 50
_oov_copy_used = [0]


def _oov_noun_lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's getAllLemmasOOV(low, "NOUN"): the numpy-free copy first, lemminflect past the budget."""
    if _oov_copy_used[0] < OOV_COPY_WORDS:
        _oov_copy_used[0] += 1
        found = oov_lemmas(low, "NOUN")
        if found is not None:
            return found
    from lemminflect import getAllLemmasOOV

    return getAllLemmasOOV(low, "NOUN")


@lru_cache(maxsize=200_000)
def en_lemmas(word: str) -> tuple[str, ...]:
    """All plausible English lemmas, best first: inflected readings before the bare form.

    "went" -> (go,), "left" -> (leave, left), "elections" -> (election,), "US" -> (u.s.,).
    Unknown words fall back to lemminflect's OOV lemmatiser (its model run by toolkit.lexicon.oov).
    """
    if is_number(word):
        return (NUM,)
    if ABBREV_RE.fullmatch(word):
        # US, U.S., UN, EU: one dotted key, so "US" is not the pronoun "us"
        return (".".join(word.replace(".", "").lower()) + ".",)
    low = norm(word)
    found = en_dictionary_lemmas(low)
    if not found:
        found = _oov_noun_lemmas(low)
    firsts: list[str] = []
    rest: list[str] = []
    for pos in sorted(found, key=lambda p: _EN_POS_ORDER.index(p) if p in _EN_POS_ORDER else 99):
        lemmas = [norm(x) for x in found[pos]]
        if lemmas:
            firsts.append(lemmas[0])
            rest.extend(lemmas[1:])
    ordered = [x for x in firsts if x != low] + [x for x in firsts if x == low] + rest
    out: list[str] = []
    for lemma in ordered or [low]:
        if lemma not in out:
            out.append(lemma)
    return tuple(out)


def en_lemma(word: str) -> str:
    """The single most likely English lemma (used when counting the corpus)."""
    return en_lemmas(word)[0]
