"""How strongly a Russian word and an English word translate each other, from whatever evidence exists.

The lexicon (`toolkit.lexicon`) gives translation probabilities over lemmas; names are compared by
transliteration; digits must be equal. When the lexicon is missing, scoring still runs on names,
numbers and cognates, and the signature says `lex:none`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.lexicon import wordnet
from toolkit.lexicon.index import file_digest
from toolkit.lexicon.lexicon import LEXICON_PATH
from toolkit.lexicon.morph import ru_lemma, ru_lemmas
from toolkit.lexicon.phrases import PHRASES_PATH, load_phrases, phrase_lemma
from toolkit.lexicon.translit import levenshtein, name_stems, phonetic_key, transliterate
from toolkit.resources import current, memoized
from toolkit.score.numbers import _digits_value
from toolkit.score.words import Word

# A lexicon probability at or above FULL_PROB counts as a sure translation; below FLOOR_PROB as noise.
FULL_PROB = 0.03
FLOOR_PROB = 0.002
RELATED_DISCOUNT = 0.5  # a related lemma's translations count half
REPEATS = 6  # occurrences of one rendering word offered to a source word (bounds huge repetitive lines)
ACRONYM = 0.6  # an acronym against a name of as many words: likely, not sure
NAME_MIN = 0.72  # name_similarity below this is not the same name
COGNATE = 0.7  # strength of a shared stem across scripts (партийный ~ party)
# A translation sure enough that its WordNet antonym in the rendering is a finding (a tenth of the
# sentences' probability mass: a main sense, not one of Mueller's rarer ones).
ANTONYM_PROB = 0.1
# How far (a share of the sentence, along the diagonal) an expression's English rendering may stand from it.
PHRASE_REACH = 0.4


def get_lexicon() -> Any | None:
    """The lexicon of the active Resources (`toolkit.resources`), or None (the reason in `lexicon_error()`)."""
    return current().lexicon


def warm_up() -> None:
    """Load the lexicon and every model scoring uses (morphology, sentencepiece, WordNet): start-up cost,
    paid once before the first segment rather than by it."""
    current().warm_up()


def set_lexicon(lexicon: Any | None) -> None:
    """Use another lexicon in the active Resources (tests, experiments): every cached strength and the
    aligner's lexicon keys are forgotten with the old one."""
    current().set_lexicon(lexicon)


def lexicon_error() -> str:
    resources = current()
    _ = resources.lexicon
    return resources.error


@memoized
def lexicon_id() -> str:
    """Identity of the lexicon for signatures: its size and the first hex digits of its data file's hash."""
    lexicon = get_lexicon()
    if lexicon is None:
        return "none"
    size = len(lexicon) if hasattr(lexicon, "__len__") else 0
    digest = file_digest(Path(LEXICON_PATH))[:8]  # no data file to hash: the size alone identifies it
    phrases = file_digest(PHRASES_PATH)[:8] if _phrases() is not None else ""
    return f"tct-{size}" + (f"-{digest}" if digest else "") + (f"+phrases-{phrases}" if phrases else "")


def _phrases():
    """The phrase table (toolkit.lexicon.phrases), shipped beside the lexicon like WordNet; None when
    scoring runs without a lexicon."""
    return None if get_lexicon() is None else load_phrases()


@memoized
def _phrase_keys(key: str) -> frozenset[str]:
    """Every lemma a Russian form may have, as the phrase table writes it, with the aspect partners of a
    verb (Mueller cites «принимать участие», a rendering says «приняли участие»)."""
    lemmas = [lemma for lemma, _ in ru_lemmas(key)]
    lexicon = get_lexicon()
    partners = getattr(lexicon, "aspect_partners", None)
    if partners is not None:
        lemmas += [partner for lemma in lemmas for partner in partners(lemma)]
    return frozenset([phrase_lemma(lemma) for lemma in lemmas] + [phrase_lemma(key)])


def drop_rate(word: Word) -> float | None:
    """How often faithful translations leave this Russian word with no counterpart (None: not known)."""
    phrases = _phrases()
    if phrases is None or word.script != "cyrillic":
        return None
    return phrases.drop_rate(phrase_lemma(ru_lemma(word.text)))


def _source_phrases(phrases: Any, source_words: list[Word]) -> tuple:
    """Where the phrase table's expressions may start in a source text: (i, singles, longer) per position,
    each a tuple of (stop, English lemmas) options in the order they are tried (lemmas sorted, so the
    same text always gives the same options). Kept per text in the active Resources: an original comes
    back with every rendering of it."""
    table = current().table("phrases:source")
    text_key = "\t".join([w.key for w in source_words])
    found = table.get(text_key)
    if found is not None:
        return found
    keys = [tuple(sorted(_phrase_keys(w.key))) if w.script == "cyrillic" else () for w in source_words]
    n = len(keys)
    out = []
    for i in range(n):
        singles = tuple((i + 1, phrases.single(first)) for first in keys[i] if phrases.single(first))
        longer = []
        if i + 1 < n:
            for first in keys[i]:
                for second in keys[i + 1]:
                    for phrase in phrases.starting(first, second):
                        stop = i + len(phrase)
                        if stop <= n and all(phrase[k] in keys[i + k] for k in range(2, len(phrase))):
                            longer.append((stop, phrases.english(phrase)))
        if singles or longer:
            out.append((i, singles, tuple(longer)))
    found = table[text_key] = tuple(out)
    if len(table) > 50_000:
        table.clear()
    return found


def phrase_matches(source_words: list[Word], rendering_words: list[Word]) -> list[tuple[range, int]]:
    """(source word range, rendering word) for each Russian multi-word expression of the phrase table met
    in the source whose English rendering is in the rendering («во время» ... "during"), and each single
    word rendered by an English function word the lexicon leaves out («против» ... "against"): the
    expression's words are rendered as a unit. The rendering word must stand within `PHRASE_REACH` of the
    expression's place along the sentence."""
    phrases = _phrases()
    if phrases is None or not source_words or not rendering_words:
        return []
    options = _source_phrases(phrases, source_words)
    if not options:
        return []
    by_lemma: dict[str, list[int]] = {}
    profiles = _target_profiles()  # the English words' lemmas, as candidate_links keeps them
    for j, target in enumerate(rendering_words):
        if target.script == "latin":
            profile = profiles.get(target.key)
            if profile is None:
                profile = profiles[target.key] = _target_profile(target.key)
            for lemma in profile[0]:
                if lemma in by_lemma:
                    by_lemma[lemma].append(j)
                else:
                    by_lemma[lemma] = [j]
    n, m = len(source_words), len(rendering_words)
    out: list[tuple[range, int]] = []

    def near(english: frozenset[str], start: int, stop: int) -> int | None:
        centre = (start + stop) / 2 / n
        best = None
        for lemma in sorted(english & by_lemma.keys()):
            for j in by_lemma[lemma]:
                distance = abs((j + 0.5) / m - centre)
                if distance <= PHRASE_REACH and (best is None or distance < best[0]):
                    best = (distance, j)
        return best[1] if best else None

    for i, singles, longer in options:
        for group in (singles, longer):
            for stop, english in group:
                j = near(english, i, stop)
                if j is not None:
                    out.append((range(i, stop), j))
                    break
    return out


def _name_similarity(ru: str, en: str) -> float:
    """`toolkit.lexicon.translit.name_similarity` where it reaches NAME_MIN, else 0.0 (never offered).

    Same stems, keys and edit ratio, but the transliterated keys are made once per word rather than
    once per pair, and a pair whose lengths alone keep it below NAME_MIN is never edit-compared."""
    stems = _ru_name_keys(ru)
    if stems is None:  # pragma: no cover - lexicon package missing
        return 1.0 if ru.lower() == en.lower() else 0.0
    en_key = _en_name_key(en)
    if not stems or not en_key:
        return 0.0
    best = 0.0
    length = len(en_key)
    for key, factor in stems:
        longest = max(len(key), length)
        floor = max(best, NAME_MIN - 1e-4)  # a score at or below this changes nothing
        if not key or factor * (1.0 - abs(len(key) - length) / longest) <= floor:
            continue  # the edit distance is at least the length difference
        # Only a distance that could beat `floor` must be known exactly (one spare for rounding).
        limit = int(longest * (1.0 - floor / factor)) + 1
        distance = levenshtein(key, en_key, limit)
        if distance > limit:
            continue
        score = factor * (1.0 - distance / longest)
        if score > best:
            best = score
    best = round(best, 4)
    return best if best >= NAME_MIN else 0.0


@lru_cache(maxsize=200_000)
def _ru_name_keys(ru: str) -> tuple[tuple[str, float], ...] | None:
    """(phonetic key, factor) of a Russian word and of its stems with case endings tried off."""
    ru_low = ru.lower().strip()
    if not ru_low:
        return ()
    stems = name_stems(ru_low)
    # A stripped ending is a guess: the whole word is preferred on ties.
    return tuple((phonetic_key(transliterate(stem)), 0.98 if k else 1.0) for k, stem in enumerate(stems))


@lru_cache(maxsize=200_000)
def _en_name_key(en: str) -> str:
    low = en.lower().strip()
    if not low:
        return ""
    return phonetic_key(re.sub(r"['’]s$", "", low))


def prob_strength(prob: float) -> float:
    """Map a translation probability to a match strength in [0, 1] (square-root ramp to FULL_PROB)."""
    if prob < FLOOR_PROB:
        return 0.0
    return min(1.0, math.sqrt(prob / FULL_PROB))


def pair_strength(source: Word, target: Word) -> tuple[float, str]:
    """(strength, how) that `target` renders `source`: how is exact|number|lexicon|name|cognate|''."""
    found = candidate_links([source], [target], min_strength=0.0)
    return (found[0][0], found[0][3]) if found else (0.0, "")


# Light words the lexicon leaves out as stopwords, with their usual English renderings (written for tct).
LIGHT_TRANSLATIONS: dict[str, tuple[str, ...]] = {
    "более": ("more", "over", "than"),
    "больше": ("more", "longer", "over"),
    "свыше": ("over", "more", "above"),
    "выше": ("above", "higher", "over"),
    "менее": ("less", "fewer", "under"),
    "меньше": ("less", "fewer", "under"),
    "против": ("against", "versus"),
    "вместе": ("together", "along", "jointly"),
    "также": ("also", "well", "too", "likewise"),
    "тоже": ("also", "too", "either"),
    "еще": ("still", "yet", "more", "another", "even", "else"),
    "уже": ("already", "now", "longer"),
    "даже": ("even",),
    "лишь": ("only", "just", "merely"),
    "только": ("only", "just", "merely", "alone"),
    "именно": ("exactly", "precisely", "just", "namely"),
    "очень": ("very", "much", "greatly", "highly"),
    "почти": ("almost", "nearly", "virtually"),
    "всегда": ("always", "ever"),
    "снова": ("again", "once"),
    "опять": ("again",),
    "самый": ("most", "very"),
    "около": ("about", "around", "nearly", "approximately", "near"),
    "согласно": ("according",),
    "вообще": ("all", "general", "generally", "ever", "whatsoever"),
}


def _source_row(key: str) -> dict[str, float] | None:
    """English lemma -> symmetrised probability for every lemma reading of a Russian word (None: unknown)."""
    lexicon = get_lexicon()
    if lexicon is None:
        return None
    rows = getattr(lexicon, "_sym_cached", None)
    if rows is None:  # a lexicon without the fast path: fall back to pairwise prob() below
        return {}
    merged: dict[str, float] = {}
    lemmas = lexicon.lemmas(key, "ru")
    for lemma in lemmas:
        row = rows(lemma)
        if not merged:  # the first row with anything in it is taken whole (positive entries only)
            merged = {english: prob for english, prob in row.items() if prob > 0.0}
            continue
        for english, prob in row.items():
            if prob > merged.get(english, 0.0):
                merged[english] = prob
    partners = getattr(lexicon, "aspect_partners", None)
    if merged and partners is not None:
        # A perfective verb also reads through its imperfective partner, halved (освободить: "release").
        for lemma in lemmas:
            for partner in partners(lemma):
                for english, prob in rows(partner).items():
                    if prob * RELATED_DISCOUNT > merged.get(english, 0.0):
                        merged[english] = prob * RELATED_DISCOUNT
    related = getattr(lexicon, "_related_lemma", None)
    if not merged and related is not None:
        # An unknown word: borrow the row of a related known lemma (упразднить -> упразднять), halved,
        # as the lexicon's own translations() does.
        guess = related(key, "ru")
        if guess:
            merged = {english: prob * RELATED_DISCOUNT for english, prob in rows(guess).items()}
    for english in LIGHT_TRANSLATIONS.get(key, ()):
        merged.setdefault(english, FULL_PROB)
    return merged or None


@memoized
def _target_lemmas(key: str) -> tuple[str, ...]:
    """English lemmas of a word and, for a hyphenated one, of its parts ("first-instance", "ex-deputy"
    render two Russian words: each part can stand for one of them)."""
    lexicon = get_lexicon()
    if lexicon is None:
        return ()
    found = list(lexicon.lemmas(key, "en"))
    if "-" in key:
        for part in key.split("-"):
            if len(part) >= 2:
                found.extend(lemma for lemma in lexicon.lemmas(part, "en") if lemma not in found)
    return tuple(found)


def _lexicon_prob(source_key: str, target_key: str, row: dict[str, float] | None) -> float:
    if row is None:
        return 0.0
    if not row:  # no fast path
        lexicon = get_lexicon()
        return lexicon.prob(source_key, target_key) if lexicon is not None else 0.0
    return max((row.get(lemma, 0.0) for lemma in _target_lemmas(target_key)), default=0.0)


@lru_cache(maxsize=200_000)
def _phonetic(key: str, russian: bool) -> str:
    return phonetic_key(transliterate(key) if russian else key)


def cognate_strength(source_key: str, target_key: str) -> float:
    """Shared stems across scripts (паспортные ~ passport, капиталистических ~ capitalist): the English
    word's phonetic key is, nearly all of it, the start of the Russian one's."""
    source = _phonetic(source_key, True).replace("z", "s")  # президент ~ president
    target = _phonetic(target_key, False).replace("z", "s")
    common = 0
    for a, b in zip(source, target, strict=False):
        if a != b:
            break
        common += 1
    return COGNATE if common >= 5 and common >= 0.8 * len(target) else 0.0


def _phonetic_head(key: str, russian: bool) -> str:
    """First letter of the coarse phonetic key: names that differ here are not compared at all."""
    head = _phonetic(key, russian)[:1]
    return "a" if head in "aeiouy" else head


def _maybe_same_name(source_key: str, target_key: str) -> bool:
    if min(len(source_key), len(target_key)) < 3:
        return False
    return _phonetic_head(source_key, True) == _phonetic_head(target_key, False)


def _target_profile(key: str) -> tuple[tuple[str, ...], str]:
    """What matching needs of an English word, made once per form: its lemmas and its phonetic head
    ("" for words under three letters)."""
    return _target_lemmas(key), _phonetic_head(key, False) if len(key) >= 3 else ""


# What matching needs of each word, by form, in plain dicts of the active Resources that candidate_links
# fills as words are met (a dict look-up is cheaper than a cached call; emptied if one grows past
# 200,000 forms):
#   "target": English form -> `_target_profile`;
#   "source": three dicts, Russian form -> its lexicon row (`_source_row`), the match strengths of
#   the row's lemmas met so far (0.0 below FLOOR_PROB), its phonetic head ("" under three letters:
#   never name-compared). Three dicts rather than one tuple per form: a tuple holding a dict stays
#   tracked by the garbage collector for good, and every tracked object brings the next full
#   collection nearer.
_UNSEEN = object()
# Name similarity ("name") and cognate strength ("cognate") of the pairs met, keyed "ru<TAB>en" (no
# token holds a tab): a string key costs the collector nothing, where a cached two-argument call makes
# a key tuple on every call and keeps one per pair. Emptied if one grows past 200,000 pairs.


def _pair_table(kind: str) -> dict[str, float]:
    return current().table("pairs:" + kind)


def _target_profiles() -> dict[str, tuple[tuple[str, ...], str]]:
    return current().table("profiles:target")


def _source_profiles() -> tuple[dict[str, Any], dict[str, dict[str, float]], dict[str, str]]:
    """The Russian tables (row, strengths, head), always handed out together (they are filled together)."""
    tables = current().tables
    found = tables.get("profiles:source")
    if found is None or len(found[0]) > 200_000:
        found = tables["profiles:source"] = ({}, {}, {})
    return found


def name_similarity_of(ru: str, en: str) -> float:
    """`_name_similarity` of two word keys, kept in the pair table candidate_links fills."""
    names = _pair_table("name")
    pair = ru + "\t" + en
    similarity = names.get(pair)
    if similarity is None:
        similarity = names[pair] = _name_similarity(ru, en)
    return similarity


def source_row(key: str) -> dict[str, float] | None:
    """`_source_row`, made once per form and kept in the table candidate_links fills (the name and
    gap checks ask for the rows of every source word near a name: rebuilding them was a third of
    their cost)."""
    source_rows, source_strengths, source_heads = _source_profiles()
    row = source_rows.get(key, _UNSEEN)
    if row is _UNSEEN:
        row = source_rows[key] = _source_row(key)
        source_strengths[key] = {}
        source_heads[key] = _phonetic_head(key, True) if len(key) >= 3 else ""
    return row


def candidate_links(
    source_words: list[Word], rendering_words: list[Word], min_strength: float = 0.25
) -> list[tuple[float, int, int, str]]:
    """Every (strength, i, j, how) with strength >= min_strength; `how` says which evidence found it.

    Function words are not matched (they weigh nothing). Lexicon rows and English lemmas are fetched once
    per word and the rendering is indexed by lemma, so the work per source word is a few dictionary
    look-ups; names are compared only when they could be the same name.
    """
    lexicon = get_lexicon()
    fast = lexicon is not None and hasattr(lexicon, "_sym_cached")
    digits: list[tuple[int, Word]] = []
    by_lemma: dict[str, list[int]] = {}
    by_head: dict[str, list[tuple[int, Word]]] = {}
    target_profiles = _target_profiles()
    for j, target in enumerate(rendering_words):
        if target.role == "function":
            continue
        script = target.script
        if script == "digit":
            digits.append((j, target))
        elif script == "latin":
            profile = target_profiles.get(target.key)
            if profile is None:
                profile = target_profiles[target.key] = _target_profile(target.key)
            lemmas, head = profile
            if head:  # a word without a head is never name-compared
                if head in by_head:
                    by_head[head].append((j, target))
                else:
                    by_head[head] = [(j, target)]
            for lemma in lemmas:
                if lemma in by_lemma:
                    by_lemma[lemma].append(j)
                else:
                    by_lemma[lemma] = [j]
    # The rendering's Latin words: made when an acronym or a lexicon without the fast path needs them.
    latin: list[tuple[int, Word]] | None = None
    by_key: dict[str, list[int]] | None = None  # made when a source word is written in Latin letters
    run_length: dict[int, set[int]] | None = None  # made when a source word is an acronym
    lemma_set = by_lemma.keys()
    # Digit targets grouped by their lemmas (nearly always the one number lemma): a row is read once per group.
    digit_groups: dict[tuple[str, ...], list[int]] = {}
    if fast:
        for j, target in digits:
            digit_groups.setdefault(_target_lemmas(target.key), []).append(j)
    names, cognate_pairs = _pair_table("name"), _pair_table("cognate")
    source_rows, source_strengths, source_heads = _source_profiles()
    n, m = len(source_words), len(rendering_words)
    out: list[tuple[float, int, int, str]] = []
    no_offer = (0.0, "")
    for i, source in enumerate(source_words):
        role = source.role
        if role == "function":
            continue
        found: dict[int, tuple[float, str]] = {}  # j -> (best strength so far, how)
        script = source.script
        if script == "cyrillic":
            key = source.key
            row = source_rows.get(key, _UNSEEN)
            if row is _UNSEEN:  # a form not met before
                row = source_rows[key] = _source_row(key)
                source_strengths[key] = {}
                source_heads[key] = _phonetic_head(key, True) if len(key) >= 3 else ""
            if row:
                if fast:
                    strengths = source_strengths[key]
                    # Strongest offer per rendering word; the lemmas shared by the row and the line are
                    # found by one set intersection, however long either is.
                    for lemma in lemma_set & row.keys():
                        value = strengths.get(lemma)
                        if value is None:
                            prob = row[lemma]
                            value = strengths[lemma] = prob_strength(prob) if prob >= FLOOR_PROB else 0.0
                        if not value:
                            continue
                        targets = by_lemma[lemma]
                        if len(targets) > REPEATS:  # a word repeated many times: its nearest occurrences
                            expected = i * m / max(1, n)
                            targets = sorted(targets, key=lambda j: abs(j - expected))[:REPEATS]
                        for j in targets:
                            if value > found.get(j, no_offer)[0]:
                                found[j] = (value, "lexicon")
                    for lemmas, group in digit_groups.items():  # "две" against "2" (as `_lexicon_prob`)
                        prob = max([row.get(lemma, 0.0) for lemma in lemmas], default=0.0)
                        if prob < FLOOR_PROB:
                            continue
                        value = prob_strength(prob)
                        for j in group:
                            if value > found.get(j, no_offer)[0]:
                                found[j] = (value, "lexicon")
                else:
                    if latin is None:
                        latin = _latin_words(rendering_words)
                    for j, target in latin:
                        prob = _lexicon_prob(key, target.key, row)
                        if prob >= FLOOR_PROB and prob_strength(prob) > found.get(j, no_offer)[0]:
                            found[j] = (prob_strength(prob), "lexicon")
                    for j, target in digits:  # "две" against "2"
                        prob = _lexicon_prob(key, target.key, row)
                        if prob >= FLOOR_PROB and prob_strength(prob) > found.get(j, no_offer)[0]:
                            found[j] = (prob_strength(prob), "lexicon")
            head = source_heads[key]
            same_head = by_head.get(head, ()) if head else ()
            if same_head:
                source_is_name = role == "name"
                cognates = role == "content" and len(key) >= 5
                if len(same_head) > REPEATS:
                    expected = i * m / max(1, n)
                    same_head = sorted(same_head, key=lambda item: abs(item[0] - expected))[:REPEATS]
                for j, target in same_head:
                    best = found.get(j, no_offer)[0]
                    if best >= 1.0:
                        continue
                    if source_is_name or target.role == "name":
                        pair = key + "\t" + target.key
                        similarity = names.get(pair)
                        if similarity is None:
                            similarity = names[pair] = _name_similarity(key, target.key)
                        if similarity >= NAME_MIN and similarity > best:
                            found[j] = (similarity, "name")
                    elif cognates and target.role == "content" and best < COGNATE:
                        pair = key + "\t" + target.key
                        value = cognate_pairs.get(pair)
                        if value is None:
                            value = cognate_pairs[pair] = cognate_strength(key, target.key)
                        if value > best:
                            found[j] = (value, "cognate")
            if role == "name" and _is_acronym(source):
                # СССР ~ USSR, ЦК ~ Central Committee: an acronym and a name of as many words (or letters).
                if run_length is None:
                    run_length = _name_runs(rendering_words)
                letters = len(key)
                if latin is None:
                    latin = _latin_words(rendering_words)
                for j, target in latin:
                    if (
                        target.role == "name"
                        and (
                            (_is_acronym(target) and abs(len(target.key.replace(".", "")) - letters) <= 1)
                            or letters in run_length.get(j, ())
                        )
                        and found.get(j, no_offer)[0] < ACRONYM
                    ):
                        found[j] = (ACRONYM, "acronym")
        elif script == "digit":
            value = _digits_value(source.key, "ru")
            for j, target in digits:
                if source.key == target.key or value == _digits_value(target.key, "en"):
                    found[j] = (1.0, "number")
                elif ":" in target.key and isinstance(value, float) and value in _time_parts(target.key):
                    found[j] = (1.0, "number")  # 17 часов 47 минут ~ 5:47 PM
        else:
            if by_key is None:
                by_key = {}
                for j, target in enumerate(rendering_words):
                    if target.role != "function":
                        by_key.setdefault(target.key, []).append(j)
            for j in by_key.get(source.key, ()):
                found[j] = (1.0, "exact")  # Latin words carried over as they are ("YouTube")
        for j, (value, how) in found.items():
            if value >= min_strength:
                out.append((value, i, j, how))
    return out


def _latin_words(rendering_words: list[Word]) -> list[tuple[int, Word]]:
    return [(j, w) for j, w in enumerate(rendering_words) if w.role != "function" and w.script == "latin"]


def _time_parts(key: str) -> set[float]:
    parts = key.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return set()
    hours, minutes = float(parts[0]), float(parts[1])
    return {hours, hours + 12, minutes}


def _is_acronym(word: Word) -> bool:
    if word.role != "name":
        return False
    letters = word.text.replace(".", "")  # U.S. as well as USA
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _name_runs(rendering_words: list[Word]) -> dict[int, set[int]]:
    """For each name word, the numbers of capitalised words of the runs it is in, with and without
    bridging "of"/"the" ("Secretariat of the Central Committee": 3, and "Central Committee": 2)."""
    lengths: dict[int, set[int]] = {}
    for bridge in (("of", "the", "and", "for"), ()):
        for j, size in _runs_with(rendering_words, bridge).items():
            lengths.setdefault(j, set()).add(size)
    return lengths


def _runs_with(rendering_words: list[Word], bridge: tuple[str, ...]) -> dict[int, int]:
    lengths: dict[int, int] = {}
    run: list[int] = []
    previous_end = -2
    for j, word in enumerate(rendering_words):
        if run and word.start - previous_end != 1:  # punctuation (not a single space) ends a run
            for k in run:
                lengths[k] = len(run)
            run = []
        previous_end = word.end
        if word.role == "name" and word.text[:1].isupper():
            run.append(j)
        elif run and word.key in bridge:
            continue
        elif run:
            for k in run:
                lengths[k] = len(run)
            run = []
    for k in run:
        lengths[k] = len(run)
    return lengths


def _best_translations(key: str, limit: int) -> tuple[tuple[str, float], ...]:
    """The `limit` likeliest English lemmas of a Russian form with their probabilities, best first."""
    row = source_row(key)
    if not row:
        return ()
    ranked = sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((english, prob) for english, prob in ranked[:limit] if prob >= FLOOR_PROB)


def known_well(key: str, min_prob: float = FULL_PROB) -> bool:
    """The lexicon has a confident translation of this Russian form (its best at `min_prob` or more):
    when none of them is in a rendering, that is evidence, not a gap in what tct knows."""
    best = _best_translations(key, 1)
    return bool(best) and best[0][1] >= min_prob


@memoized
def _relatives(key: str, limit: int) -> tuple[frozenset[str], ...]:
    """For each of a Russian form's `limit` best translations, the English words WordNet relates to it
    and (for the two best, sure ones) its antonyms: [near_0, opposite_0, near_1, opposite_1, ...].
    Made once per form: the same words come back in every sentence."""
    try:
        net = wordnet.load_wordnet()
    except wordnet.WordNetDataMissing:  # scoring runs without it, like without the lexicon
        return ()
    out: list[frozenset[str]] = []
    for rank, (english, prob) in enumerate(_best_translations(key, limit)):
        out.append(net.related(english))
        # Antonyms of the two best translations only, and only sure ones: a weak translation's opposite
        # is noise («намерен» has no "alive" to be the opposite of "dead").
        out.append(net.antonyms(english) if rank < 2 and prob >= ANTONYM_PROB else frozenset())
    return tuple(out)


def related_pairs(
    source_words: list[Word], rendering_words: list[Word], limit: int = 8, window: int | None = None
) -> list[tuple[int, int, str]]:
    """(i, j, kind) for rendering words related through English WordNet to a translation of source word i:
    kind "synonym" (a synonym, similar-to or derivational relative of one of its `limit` best
    translations) or "antonym" (an antonym of one of its two best, sure translations). Ordered by source
    word, synonyms of better translations first.

    `window`: when either side is longer than twice this, only rendering words within `window` of the
    source word's place along the diagonal are paired (a whole article on one line: linear work, as
    matching's windowed links; a repeated word would otherwise pair with every repetition)."""
    by_lemma: dict[str, list[int]] = {}
    for j, w in enumerate(rendering_words):
        if w.script == "latin" and w.role != "function":
            for lemma in _target_lemmas(w.key):
                by_lemma.setdefault(lemma, []).append(j)
    if not by_lemma:
        return []
    lemmas = by_lemma.keys()
    n, m = len(source_words), len(rendering_words)
    windowed = window is not None and max(n, m) > 2 * window

    def places(lemma: str, i: int) -> list[int]:
        found = by_lemma[lemma]
        if not windowed:
            return found
        centre = i * m / n
        return found[bisect_left(found, centre - window) : bisect_right(found, centre + window)]

    out: list[tuple[int, int, int, str]] = []
    for i, word in enumerate(source_words):
        if word.script != "cyrillic":
            continue
        relatives = _relatives(word.key, limit)
        seen: set[int] = set()
        for rank in range(len(relatives) // 2):
            near, opposite = relatives[2 * rank], relatives[2 * rank + 1]
            # Set intersections: the work grows with the relations, not with the rendering's length.
            for lemma in sorted(near & lemmas):
                for j in places(lemma, i):
                    if j not in seen:
                        seen.add(j)
                        out.append((rank, i, j, "synonym"))
            for lemma in sorted(opposite & lemmas) if opposite else ():
                for j in places(lemma, i):
                    if j not in seen:
                        seen.add(j)
                        out.append((rank, i, j, "antonym"))
    out.sort(key=lambda row: (row[1], row[0], row[2]))
    return [(i, j, kind) for _rank, i, j, kind in out]


@memoized
def well_known(key: str, lang: str, min_translations: int = 3) -> bool:
    """The lexicon knows the word well: one of its lemmas has `min_translations` or more translations
    above FLOOR_PROB. Two well-known words that do not translate each other are evidence of a change, not
    a lexicon gap (a gap pair is credited only when one side is unknown or rare to the lexicon)."""
    lexicon = get_lexicon()
    if lexicon is None:
        return False
    if lang == "ru":
        row = source_row(key) or {}
        return sum(prob >= FLOOR_PROB for prob in row.values()) >= min_translations
    entries = getattr(lexicon, "_entries", None)
    if entries is None:
        return False
    return any(
        sum(forward >= FLOOR_PROB for _t, forward, _b, _o in entries(lemma, "en")) >= min_translations
        for lemma in _target_lemmas(key)
    )
