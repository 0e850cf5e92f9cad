"""The shipped Russian-English lexicon: lookup by inflected form, both directions.

Data: toolkit/data/lexicon_ru_en.tsv.gz, built by scripts/build_lexicon.py
from Mueller's dictionary and WMT21/23 ru-en (see toolkit/data/PROVENANCE.md).
Keys are lemmas, so a word as it stands in text ("партии", "went") is first
lemmatised, every plausible lemma is looked up, and each answer says which
lemma it came through - the lexicon has to be able to explain itself.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.lexicon.abbreviations import expand
from toolkit.lexicon.datafile import read_sections
from toolkit.lexicon.errors import DATA_DIR, LexiconDataMissing
from toolkit.lexicon.fallback import aspect_partners, related_lemmas
from toolkit.lexicon.families import ASPECT, DERIVATION, family
from toolkit.lexicon.index import LazyTable, file_digest, open_index
from toolkit.lexicon.morph import en_lemmas, norm, ru_lemmas, ru_name_reading
from toolkit.lexicon.morph import warm_up as _warm_up_morphology
from toolkit.lexicon.stopwords import EN_STOPWORDS, RU_STOPWORDS
from toolkit.lexicon.tokens import NUM, is_cyrillic, is_number
from toolkit.lexicon.wordnet import WordNet, load_wordnet

__all__ = [
    "DATA_DIR",
    "FAMILY_WEIGHTS",
    "LEXICON_PATH",
    "Lexicon",
    "LexiconDataMissing",
    "Translation",
    "is_proper_name",
    "load_lexicon",
]

LEXICON_PATH = DATA_DIR / "lexicon_ru_en.tsv.gz"
SPM_PATH = DATA_DIR / "lexicon_spm.model"
LANGS = ("ru", "en")
_ORIGINS = {"d": "dictionary", "c": "corpus", "b": "both"}
_SECOND_LEMMA = 0.8  # an English reading that is not the most likely one ("left" as an adjective)
_MAX_GUESS_LEN = 40
_GUESS = 0.5  # discount for answers found through a related lemma of an unknown word
# A Russian word also reads through its family's translations, at these weights: the other aspect of a
# verb means nearly the same (сделаться ~ делаться), another part of speech of the stem less so
# (осторожно ~ осторожность: "caution").
FAMILY_WEIGHTS = {ASPECT: 0.5, DERIVATION: 0.25}
_NAME_SHARE = 0.5  # pymorphy3's name readings must carry at least this share of its parse score


@dataclass(frozen=True)
class Translation:
    """One candidate rendering: `prob` is p(translation | word); `via` is the lemma looked up."""

    translation: str
    prob: float
    origin: str  # "dictionary", "corpus" or "both"
    via: str = ""
    relation: str = ""  # how `via` relates to the word: "" (a lemma of it), "aspect", "derivation", "guess"


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'ru' or 'en'")
    return lang


def guess_lang(word: str) -> str:
    """'ru' if the word has Cyrillic letters, else 'en'."""
    return "ru" if is_cyrillic(word) else "en"


class Lexicon:
    """Lemma-level translation tables for ru->en and en->ru with a symmetric pair score.

    Each word's line of the data file stays a raw string until the word is
    first asked for; it is then parsed once and cached.
    """

    def __init__(
        self, sections: dict[str, str], n_pairs: int = 0, tables: dict[str, LazyTable] | None = None
    ):
        self._sections = sections  # "ru"/"en" -> that direction's block of lines, unsplit
        # "ru"/"en" -> word -> its line body: a dict once read, until then (from the look-up file) a
        # LazyTable, which puts its dict here itself when it is read whole.
        self._tables: dict[str, dict[str, str] | LazyTable] = {}
        for lang, table in (tables or {}).items():
            self._tables[lang] = table
        self._parsed: dict[str, dict[str, tuple[tuple[str, float, float, str], ...]]] = {"ru": {}, "en": {}}
        self._n_pairs = n_pairs
        self._prob_cached = lru_cache(maxsize=500_000)(self._prob)
        self._sym_cached = lru_cache(maxsize=200_000)(self._sym_row)
        self._family_cached = lru_cache(maxsize=200_000)(self._family)
        self._translations_cached = lru_cache(maxsize=200_000)(self._translations)
        self._sorted_keys: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_file(cls, path: Path) -> Lexicon:
        """The lexicon of the gzip'd file written by scripts/build_lexicon.py: its rows looked up one by one
        in the look-up file (`toolkit.lexicon.index`) when that was built from this very file, else read
        from the file (each direction indexed on first use)."""
        index = open_index()
        if index is not None and path.is_file():
            digest = file_digest(path)
            if index.matches("lexicon_ru", digest) and index.matches("lexicon_en", digest):
                lexicon = cls({}, int(index.meta.get("lexicon_pairs", "0")))
                for lang in LANGS:
                    lexicon._tables[lang] = index.table(f"lexicon_{lang}", lexicon._keep(lang))
                return lexicon
        return cls.read_file(path)

    def _keep(self, lang: str):
        """The callback by which a LazyTable read whole hands its dict to this lexicon."""

        def keep(table: dict[str, str]) -> None:
            self._tables[lang] = table

        return keep

    @classmethod
    def read_file(cls, path: Path) -> Lexicon:
        """Read the gzip'd file itself (what the look-up file is built from)."""
        header, (ru_block, en_block) = read_sections(
            path, "#tct-lexicon v2", LANGS, "lexicon", "scripts/build_lexicon.py"
        )
        n_pairs = int(header.rsplit("pairs=", 1)[-1]) if "pairs=" in header else 0
        return cls({"ru": ru_block, "en": en_block}, n_pairs)

    def _raw(self, lang: str) -> dict[str, str]:
        """word -> its unparsed line body, for one direction; built on first use."""
        table = self._tables.get(lang)
        if table is None:
            lines = self._sections[lang].split("\n")
            table = self._tables[lang] = dict(line.split("\t", 1) for line in lines if line)
            self._sections[lang] = ""
        return table

    def _entries(self, lemma: str, lang: str) -> tuple[tuple[str, float, float, str], ...]:
        """(translation, p(translation|lemma), p(lemma|translation), origin code), best first.

        A line body is "t p q o|t p q o|...": its fields are read four by four in one split, and kept
        as a tuple of tuples (plain data the garbage collector stops watching)."""
        cache = self._parsed[lang]
        found = cache.get(lemma)
        if found is None:
            body = self._raw(lang).get(lemma)
            found = ()
            if body:
                fields = body.replace("|", " ").split(" ")
                if len(fields) != 4 * (body.count("|") + 1):
                    raise ValueError(f"{lang} lexicon line for {lemma!r} is malformed")
                translations, origins = fields[0::4], fields[3::4]
                forward, backward = map(float, fields[1::4]), map(float, fields[2::4])
                found = tuple(zip(translations, forward, backward, origins, strict=True))
            cache[lemma] = found
        return found

    def _sym_row(self, ru_lemma: str) -> dict[str, float]:
        """English lemma -> (p + q) / 2 for one Russian lemma, widened by its family: each member's
        values times its FAMILY_WEIGHTS, where that is more than the lemma's own (the scorer's
        per-lemma row, so every look-up through it reads «осторожно» as "caution" too)."""
        row = self.own_row(ru_lemma)
        for member, relation in self._family_cached(ru_lemma):
            weight = FAMILY_WEIGHTS[relation]
            for english, value in self.own_row(member).items():
                value *= weight
                if value > row.get(english, 0.0):
                    row[english] = value
        return row

    def own_row(self, ru_lemma: str) -> dict[str, float]:
        """English lemma -> (p + q) / 2 for one Russian lemma, its own entries only, read straight
        from its line (a new dict on every call)."""
        parsed = self._parsed["ru"].get(ru_lemma)
        if parsed is not None:
            return {t: (p + q) / 2.0 for t, p, q, _ in parsed}
        body = self._raw("ru").get(ru_lemma)
        if not body:
            return {}
        fields = body.replace("|", " ").split(" ")
        if len(fields) != 4 * (body.count("|") + 1):
            raise ValueError(f"ru lexicon line for {ru_lemma!r} is malformed")
        forward, backward = map(float, fields[1::4]), map(float, fields[2::4])
        return {t: (p + q) / 2.0 for t, p, q in zip(fields[0::4], forward, backward, strict=True)}

    def warm_up(self) -> Lexicon:
        """Index both directions and load the morphology, sentencepiece and WordNet data now, so that
        the first looked-up words do not pay for loading (a scorer calls this once before its first
        segment)."""
        for lang in LANGS:
            table = self._raw(lang)
            if isinstance(table, LazyTable):
                table.full()
        _warm_up_morphology()
        _spm()
        with contextlib.suppress(
            LexiconDataMissing
        ):  # WordNet is extra evidence: the lexicon works without it
            self.wordnet.warm_up().related("go")
        return self

    @property
    def wordnet(self) -> WordNet:
        """English WordNet relations shipped beside the lexicon (`toolkit.lexicon.wordnet`), loaded on
        first use and shared by every Lexicon: one resource handed around with the lexicon."""
        return load_wordnet()

    # ------------------------------------------------------------------ lemmas
    def lemmas(self, word: str, lang: str) -> list[str]:
        """All plausible lemmas of a word form, best first, lowercase (ё folded to е); in Russian the
        lemmas the lexicon knows come first."""
        _check_lang(lang)
        if lang == "ru":  # those the lexicon knows first (stable: pymorphy3's order within each group)
            table = self._raw("ru")
            found = [lemma for lemma, _ in _ru_lemmas_expanded(word)]
            return sorted(found, key=lambda lemma: lemma not in table)
        return list(en_lemmas(word))

    def _weighted_lemmas(self, word: str, lang: str) -> list[tuple[str, float]]:
        if lang == "ru":
            # Weights relative to the best reading the lexicon knows: among pymorphy3's parses, the
            # lemma with translations is preferred to a likelier one without.
            found = _ru_lemmas_expanded(word)
            table = self._raw("ru")
            known = [score for lemma, score in found if lemma in table]
            top = max(known) if known else (found[0][1] if found else 1.0)
            out = [(lemma, min(1.0, score / top)) for lemma, score in found]
        else:
            out = [(lemma, 1.0 if k == 0 else _SECOND_LEMMA) for k, lemma in enumerate(en_lemmas(word))]
        surface = norm(word)
        if all(lemma != surface for lemma, _ in out):
            out.append((surface, 0.5))  # forms listed as such in the dictionary ("власти")
        return out

    # ------------------------------------------------------------------ lookup
    def known(self, word: str, lang: str | None = None) -> bool:
        """True if some lemma of the word has at least one translation."""
        lang = _check_lang(lang or guess_lang(word))
        table = self._raw(lang)
        return any(lemma in table for lemma, _ in self._weighted_lemmas(word, lang))

    def translations(self, word: str, source_lang: str = "ru", limit: int = 10) -> list[Translation]:
        """Translations of a word form as it occurs in text, best first (cached per form).

        The score of a candidate is p(translation | lemma) times the weight of
        the lemma reading; each translation appears once, through its best lemma.
        Words the lexicon lacks fall back to a related known lemma - imperfective
        of a perfective, a compound's tail, a sentencepiece stem - at half weight.
        """
        _check_lang(source_lang)
        return list(self._translations_cached(word, source_lang)[: max(0, limit)])

    def _translations(self, word: str, source_lang: str) -> tuple[Translation, ...]:
        if not word.strip() or is_number(word):
            return ()
        best: dict[str, Translation] = {}

        def offer(lemma: str, weight: float, relation: str) -> None:
            for trans, p, _, origin in self._entries(lemma, source_lang):
                score = round(p * weight, 6)
                cur = best.get(trans)
                if cur is None or score > cur.prob:
                    best[trans] = Translation(trans, score, _ORIGINS[origin], lemma, relation)

        readings = self._weighted_lemmas(word, source_lang)
        for lemma, weight in readings:
            offer(lemma, weight, "")
        if source_lang == "ru":  # then the families of those readings, at their lower weights
            for lemma, weight in readings:
                for member, relation in self._family_cached(lemma):
                    offer(member, weight * FAMILY_WEIGHTS[relation], relation)
        if not best:
            guess = self._related_lemma(word, source_lang)
            if guess:
                offer(guess, _GUESS, "guess")
        return tuple(sorted(best.values(), key=lambda t: (-t.prob, t.translation)))

    def family(self, lemma: str) -> list[tuple[str, str]]:
        """Known members of a Russian lemma's word family as (lemma, relation), aspect partners first:
        осторожно -> [(осторожный, derivation), (осторожность, derivation)], суметь -> [(уметь, aspect)]."""
        return list(self._family_cached(norm(lemma)))

    def _family(self, lemma: str) -> tuple[tuple[str, str], ...]:
        return tuple(family(lemma, self._raw("ru").__contains__))

    def is_proper_name(self, word: str) -> bool:
        """True if a Russian word is a personal, geographic or organisation name («Сталина», «Китая»,
        «Госдепа»), False for a capitalised common noun («Устава», «Пленума»).

        pymorphy3's Name/Surn/Patr/Geox/Orgn readings must carry half its parse score; a word neither
        pymorphy3's dictionary nor the lexicon knows, written with a capital, is taken for a name
        («Зальцбергер»)."""
        if not word or not is_cyrillic(word):
            return False
        share, in_dictionary = ru_name_reading(word)
        if share >= _NAME_SHARE:
            return True
        return not in_dictionary and word[:1].isupper() and not self.known(word, "ru")

    def aspect_partners(self, lemma: str) -> list[str]:
        """Known imperfective partners of a Russian perfective verb lemma (освободить -> освобождать)."""
        return aspect_partners(lemma, self._raw("ru").__contains__)

    def _related_lemma(self, word: str, lang: str) -> str | None:
        """For an unknown word: a related known lemma (family member, aspect pair, compound tail, stem)."""
        if len(word) > _MAX_GUESS_LEN:
            return None  # no real word is this long; don't spend quadratic time on junk
        if lang == "ru":  # отстранение -> отстранить, before any tail («ранение») or stem is tried
            for lemma in self.lemmas(word, lang):
                members = self._family_cached(lemma)
                if members:
                    return members[0][0]
        table = self._raw(lang)
        if word[:1].isupper():  # likely a name: only hyphen parts, no stems ("Navalny" is not "naval")
            lemmas = [lemma for lemma in self.lemmas(word, lang) if "-" in lemma]
            return next(related_lemmas(lemmas, lang, table.__contains__), None)
        guess = next(related_lemmas(self.lemmas(word, lang), lang, table.__contains__), None)
        return guess or self._subword_lemma(word, lang)

    def _subword_lemma(self, word: str, lang: str) -> str | None:
        """A known lemma sharing the unknown word's first sentencepiece (a stem of 5+ letters)."""
        sp = _spm()
        if sp is None:
            return None
        pieces = sp.encode(norm(word), out_type=str)
        if not pieces:
            return None
        stem = pieces[0].lstrip("\u2581")
        if len(stem) < 5:
            return None
        keys = self._sorted_keys.get(lang)
        if keys is None:
            keys = self._sorted_keys[lang] = sorted(self._raw(lang))
        import bisect

        i = bisect.bisect_left(keys, stem)
        cands = []
        while i < len(keys) and keys[i].startswith(stem) and len(cands) < 50:
            cands.append(keys[i])
            i += 1
        cands = [c for c in cands if len(c) <= len(word) + 2]
        return min(cands, key=lambda c: (len(c), c)) if cands else None

    def _prob(self, ru_word: str, en_word: str) -> float:
        best = 0.0
        en_lemmas_ = self.lemmas(en_word, "en")
        for r in self.lemmas(ru_word, "ru"):
            row = self._sym_cached(r)
            for e in en_lemmas_:
                p = row.get(e, 0.0)
                if p > best:
                    best = p
        return best

    def prob(self, ru_word: str, en_word: str) -> float:
        """Symmetrised p = (p(en|ru) + p(ru|en)) / 2, max over lemma pairs; 0 if unknown."""
        return self._prob_cached(ru_word, en_word)

    def is_content_word(self, word: str, lang: str) -> bool:
        """False for function words, numbers and punctuation; True for everything else."""
        _check_lang(lang)
        if not any(ch.isalpha() for ch in word):
            return False
        low = norm(word)
        stop = RU_STOPWORDS if lang == "ru" else EN_STOPWORDS
        if low in stop:
            return False
        lemma = self.lemmas(word, lang)[0]
        return lemma != NUM and lemma not in stop

    def __len__(self) -> int:
        """Number of (ru lemma, en lemma) pairs in the data file."""
        return self._n_pairs


@lru_cache(maxsize=1)
def _spm():
    """The shipped sentencepiece model, or None if it is not installed."""
    if not SPM_PATH.is_file():
        return None
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=str(SPM_PATH))


@lru_cache(maxsize=4)
def _load(path: Path) -> Lexicon:
    return Lexicon.from_file(path)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The shipped lexicon, loaded once and cached; raises LexiconDataMissing if absent."""
    return _load(Path(path) if path is not None else LEXICON_PATH)


def is_proper_name(word: str, lexicon: Lexicon | None = None) -> bool:
    """`Lexicon.is_proper_name` of the given lexicon (the shipped one by default): «Китая» True,
    «Устава» False."""
    return (lexicon if lexicon is not None else load_lexicon()).is_proper_name(word)


@lru_cache(maxsize=200_000)
def _ru_lemmas_expanded(word: str) -> tuple[tuple[str, float], ...]:
    """ru_lemmas, with the words an abbreviation stands for first («тов.» -> товарищ, «генсек» -> секретарь).

    Only lookups see the expansions: the corpus counts of the build use ru_lemmas as they are.
    """
    found = ru_lemmas(word)
    expansions = expand(word) or next((expand(lemma) for lemma, _ in found if expand(lemma)), ())
    if not expansions:
        return found
    top = found[0][1] if found else 1.0
    return tuple((lemma, top) for lemma in expansions) + tuple(
        (lemma, score) for lemma, score in found if lemma not in expansions
    )
