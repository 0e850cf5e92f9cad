"""The checks a bilingual reader makes, as a registry of pure rules: each takes the matched segment (an
`Analysis`, never changed) and what the rules before it found, and returns flags, score penalties, and the
words it answers for. `run_checks` runs them in order (`RULES`), the fidelity signature names them.

A flag is a claim tct can stand behind: a lexicon gap (an uncovered word with an unexplained word where it
should be) is an unverified pair, never an omission plus an addition; an omission or addition needs
positive evidence (a whole clause or run missing or extra, or a word the lexicon knows well with nothing
in its place); one deviation is one flag, with the whole span on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.lexicon.morph import en_dictionary_lemmas, ru_parses
from toolkit.lexicon.translit import name_similarity, transliterate
from toolkit.lexicon.wordnet import WordNetDataMissing, load_wordnet
from toolkit.resources import memoized
from toolkit.score.grammar import dropped_at, extra_spots
from toolkit.score.hedges import SCALES, Deviation, compare_qualifiers, describe, find_qualifiers
from toolkit.score.lexical import (
    _best_translations,
    _target_lemmas,
    drop_rate,
    get_lexicon,
    name_similarity_of,
    source_row,
    well_known,
)
from toolkit.score.matching import Analysis
from toolkit.score.morphology import ru_common_word, ru_dictionary_word, ru_is_future
from toolkit.score.numbers import compare_numbers, find_numbers
from toolkit.score.results import Flag
from toolkit.score.stoplists import EN_FUNCTION, EN_LIGHT, EN_NEGATORS, RU_NEGATORS, RU_NI_WORDS
from toolkit.score.words import CONTENT_ROLES, Word, words

Span = tuple[int, int]

_ELLIPSIS_END = re.compile(r"(\.\.\.|…)[\s\"'»”’)\]]*$")
_ELLIPSIS_INSIDE = re.compile(r"\[?(\.\.\.|…)\]?")
_SQUARE = re.compile(r"\[([^\[\]]*)\]")
_ROUND = re.compile(r"\(([^()]*)\)")
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]]|\s[—–-]\s|[.!?…]+"
)  # quotes do not break: «титул» stays in its clause


@dataclass(frozen=True)
class Found:
    """What the rules so far have found: words they answer for (so no later rule reports them again)."""

    source: frozenset[int] = frozenset()  # source word indices explained by a flag
    rendering: frozenset[int] = frozenset()  # rendering word indices explained by a flag
    ignored: frozenset[int] = frozenset()  # rendering words that are not the translator's to answer for
    tail_start: int | None = None  # first source word of a truncated tail


@dataclass(frozen=True)
class RuleResult:
    flags: tuple[Flag, ...] = ()
    penalties: tuple[tuple[str, float], ...] = ()  # (kind, factor) for penalties that are not flags
    source: frozenset[int] = frozenset()
    rendering: frozenset[int] = frozenset()
    ignored: frozenset[int] = frozenset()
    tail_start: int | None = None


@dataclass(frozen=True)
class Checked:
    """All the rules' findings for one segment: flags, the score's penalty factors, ignored words."""

    flags: list[Flag]
    penalties: dict[str, float]
    ignored: frozenset[int]
    found: Found = field(default_factory=Found)


Rule = Callable[[Analysis, Found, bool], RuleResult]


# ---------------------------------------------------------------------------------------------- helpers
def _span(words_: list[Word], indices: Iterable[int]) -> Span | None:
    indices = sorted(indices)
    if not indices:
        return None
    return (words_[indices[0]].start, words_[indices[-1]].end)


def _text(text: str, span: Span | None) -> str:
    return text[span[0] : span[1]] if span else ""


def _another_name(analysis: Analysis, span: Span, other_span: Span) -> Flag:
    """A name of the original rendered as another name: critical, marked in both texts."""
    other = _text(analysis.rendering_text, other_span)
    return Flag(
        "name",
        _text(analysis.source_text, span),
        "critical",
        side="source",
        detail=f"rendered as {other!r}, another name",
        source_span=span,
        rendering_span=other_span,
    )


def _run_flag(
    analysis: Analysis,
    kind: str,
    run: Iterable[int],
    severity: str,
    side: str,
    detail: str,
    glossed: bool = False,
) -> Flag:
    """A flag on a run of words of one side, marked in that side's text (`glossed`: with the word by word
    gloss of dropped Russian): the one way the name, clause and run rules build theirs."""
    words_ = analysis.source_words if side == "source" else analysis.rendering_words
    run = sorted(run)
    span = _span(words_, run)
    return Flag(
        kind,
        _text(analysis.source_text if side == "source" else analysis.rendering_text, span),
        severity,
        side=side,
        detail=detail,
        source_span=span if side == "source" else None,
        rendering_span=None if side == "source" else span,
        gloss=gloss([words_[k] for k in run]) if glossed else "",
    )


def _indices_in(words_: list[Word], start: int, end: int) -> list[int]:
    return [k for k, w in enumerate(words_) if start <= w.start < end]


def _linked(analysis: Analysis) -> tuple[set[int], set[int]]:
    """Word indices with a first-use link on each side (a second use does not prove a word rendered)."""
    covered = analysis.settings.covered
    source = {k.source for k in analysis.links if k.strength >= covered}
    target = {k.target for k in analysis.links if k.strength >= covered}
    return source, target


def _gap_partners(analysis: Analysis) -> tuple[dict[int, int], dict[int, int]]:
    return {i: j for i, j in analysis.gaps}, {j: i for i, j in analysis.gaps}


_RU_GLOSS = {
    "и": "and", "а": "and", "но": "but", "или": "or", "не": "not", "ни": "nor", "как": "as", "что": "that",
    "в": "in", "во": "in", "на": "on", "с": "with", "со": "with", "к": "to", "по": "by", "о": "about",
    "об": "about", "от": "from", "из": "from", "у": "at", "за": "for", "для": "for", "до": "until",
    "без": "without", "при": "under", "через": "through", "так": "so", "же": "", "бы": "would", "ли": "whether",
    "и так": "already", "также": "also", "тоже": "also", "если": "if", "чтобы": "so that", "его": "his",
    "ее": "her", "их": "their", "он": "he", "она": "she", "они": "they", "это": "this", "этот": "this",
    "тот": "that", "того": "that", "все": "all", "всё": "all", "весь": "all", "был": "was", "была": "was",
    "было": "was", "были": "were", "есть": "is", "чем": "than", "том": "that", "даже": "even",
}  # fmt: skip


@memoized  # per Resources: the gloss comes from its lexicon
def _gloss_word(text: str, key: str, role: str) -> str:
    if role == "number":
        return text
    if key in _RU_GLOSS:
        return _RU_GLOSS[key]
    if role == "name":
        return transliterate(text)
    lexicon = get_lexicon()
    if lexicon is not None:
        found = lexicon.translations(key, "ru", limit=1)
        if found:
            return found[0].translation
    return f"[{text}]"


def gloss(words_: list[Word]) -> str:
    """Word-by-word English of dropped Russian, from the lexicon («как не вызывающиеся необходимостью» ->
    "as not caused by necessity"): what is missing, for a reader without Russian."""
    parts = [_gloss_word(w.text, w.key, w.role) for w in words_ if w.script in ("cyrillic", "digit", "latin")]
    return " ".join(p for p in parts if p)


def dropped_word(word: Word, detail: str, rendering_span: tuple[int, int] | None = None) -> Flag:
    """A major omission of one source word, with its span, where it should stand in the rendering (when
    known) and its gloss: the one shape of every lone-word omission, lexical or corroborated by the encoder."""
    return Flag(
        "omission",
        word.text,
        "major",
        side="source",
        detail=detail,
        source_span=(word.start, word.end),
        rendering_span=rendering_span,
        gloss=gloss([word]),
    )


def _size_severity(size: int) -> str:
    return "minor" if size <= 1 else "major" if size <= 3 else "critical"


# ------------------------------------------------------------------------------------ bracket insertions
def bracket_insertions(
    text: str, words_: list[Word] | None = None, major_words: int = 4
) -> list[tuple[Flag, list[int]]]:
    """[Translator's words] are the translator's whether or not the original is known: one flag each, with
    the rendering words inside (the one place square-bracket insertions are found; quote.py uses it for
    sentences with no original)."""
    if "[" not in text:
        return []
    if words_ is None:
        words_ = words(text, "en", cached=False)
    out: list[tuple[Flag, list[int]]] = []
    for match in _SQUARE.finditer(text):
        inner = match.group(1).strip()
        if not inner or _ELLIPSIS_INSIDE.fullmatch(inner) or set(inner) <= set(".… "):
            continue
        inside = [j for j, w in enumerate(words_) if match.start() < w.start < match.end()]
        content = sum(words_[j].is_content for j in inside)
        severity = "major" if content >= major_words else "minor"
        flag = Flag(
            "interpolation",
            match.group(0),
            severity,
            detail="translator's words in square brackets",
            rendering_span=(match.start(), match.end()),
        )
        out.append((flag, inside))
    return out


# ------------------------------------------------------------------------------------------------ rules
def rule_interpolation(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """[Translator's words] are marked insertions; (glosses) with no source counterpart are unmarked ones."""
    flags: list[Flag] = []
    ignored: set[int] = set()
    text = analysis.rendering_text
    for flag, inside in bracket_insertions(
        text, analysis.rendering_words, analysis.settings.bracket_major_words
    ):
        flags.append(flag)
        ignored.update(inside)
    source_has_parens = "(" in analysis.source_text
    covered = analysis.settings.covered
    for match in _ROUND.finditer(text) if "(" in text else ():
        inside = [
            j
            for j, w in enumerate(analysis.rendering_words)
            if match.start() < w.start < match.end() and w.is_content
        ]
        if not inside or any(j in found.ignored for j in inside):
            continue
        explained = sum(analysis.rendering_credit[j] >= covered for j in inside) / len(inside)
        if explained < 0.5 and not (source_has_parens and explained > 0):
            severity = "minor" if len(inside) <= 2 else "major"
            flags.append(
                Flag(
                    "interpolation",
                    match.group(0),
                    severity,
                    detail="parenthetical with no counterpart in the original",
                    rendering_span=(match.start(), match.end()),
                )
            )
            ignored.update(inside)  # reported here, not again as an addition
    return RuleResult(tuple(flags), ignored=frozenset(ignored), rendering=frozenset(ignored))


def rule_truncation(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """A rendering that elides ("...", "…") or stops before the original does."""
    flags: list[Flag] = []
    text = analysis.rendering_text.rstrip()
    source_words = analysis.source_words
    credit = analysis.source_credit
    covered = analysis.settings.covered
    if not source_words:
        return RuleResult()
    total = sum([w.weight for w in source_words]) or 1.0
    # The uncovered tail: the suffix of the original where uncovered content outweighs covered content
    # twice over (a stray match near the end does not hide a cut).
    best_gain, last, gain = 0.0, len(source_words) - 1, 0.0
    for i in range(len(source_words) - 1, -1, -1):
        word = source_words[i]
        if word.role in CONTENT_ROLES:
            gain += word.weight if credit[i] < covered else -2 * word.weight
        if gain > best_gain:
            best_gain, last = gain, i - 1
    while last >= 0 and source_words[last].role not in CONTENT_ROLES:
        last -= 1  # the tail starts right after the last covered word ("... власть, | и я не уверен")
    if last < 0:
        last = len(source_words) - 1  # nothing covered before it: not a cut, just a poor match
    tail = [i for i in range(last + 1, len(source_words)) if source_words[i].role in CONTENT_ROLES]
    tail_weight = sum(source_words[i].weight for i in range(last + 1, len(source_words))) / total
    tail_span = (source_words[last + 1].start, len(analysis.source_text.rstrip())) if tail else None
    tail_text = _text(analysis.source_text, tail_span).strip()
    tail_start: int | None = None
    has_ellipsis = "..." in text or "…" in text  # both patterns need one
    ellipsis_end = _ELLIPSIS_END.search(text) if has_ellipsis else None
    if ellipsis_end and not cut_at_end:
        severity = "critical" if tail_weight >= 0.3 else "major" if tail_weight >= 0.1 else "minor"
        detail = "rendering ends in an ellipsis"
        if tail:
            detail += f"; the original goes on: {tail_text!r}"
            tail_start = last + 1
        flags.append(
            Flag(
                "truncation",
                tail_text or "…",
                severity,
                side="source" if tail else "rendering",
                detail=detail,
                source_span=tail_span,
                rendering_span=(ellipsis_end.start(), ellipsis_end.start() + len(ellipsis_end.group(1))),
                gloss=gloss(source_words[last + 1 :]) if tail else "",
            )
        )
    elif (
        len(tail) >= 4
        and tail_weight >= 0.35
        and not cut_at_end
        and _rendering_ends_at_link(analysis)
        and len(_unrendered(analysis, tail)) >= 4
    ):
        end = len(text)
        flags.append(
            Flag(
                "truncation",
                tail_text,
                "major",
                side="source",
                detail="the rendering stops before the original does",
                source_span=tail_span,
                rendering_span=(end, end),
                gloss=gloss(source_words[last + 1 :]),
            )
        )
        tail_start = last + 1
    body = text[: ellipsis_end.start()] if ellipsis_end else text
    for match in _ELLIPSIS_INSIDE.finditer(body) if has_ellipsis else ():
        flags.append(
            Flag(
                "truncation",
                match.group(0),
                "minor",
                detail="elision inside the rendering",
                rendering_span=(match.start(), match.end()),
            )
        )
    reported = frozenset(range(tail_start, len(source_words))) if tail_start is not None else frozenset()
    return RuleResult(tuple(flags), source=reported, tail_start=tail_start)


def _unrendered(analysis: Analysis, indices: list[int]) -> list[int]:
    """The source words of `indices` with neither a link nor a gap partner: a tail whose words stand
    in the rendering unverified («большое количество нарисованных» / "a lot of illustrated") was not cut."""
    linked = _linked(analysis)[0]
    partners = _gap_partners(analysis)[0]
    return [i for i in indices if i not in linked and i not in partners]


def _rendering_ends_at_link(analysis: Analysis) -> bool:
    """The rendering stops at its last sure link (at most two content words after it): it really ends
    there, rather than going on with words the lexicon cannot place."""
    linked = [k.target for k in analysis.links if k.strength >= analysis.settings.anchor_min]
    if not linked:
        return False
    after = analysis.rendering_words[max(linked) + 1 :]
    return sum(w.is_content for w in after) <= 2


def rule_numbers(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """A number of the original with no equal in the rendering, or the reverse: critical, both marked."""
    if analysis.numbers is not None:
        source, rendering = analysis.numbers
    else:
        source = find_numbers(analysis.source_words, "ru", analysis.source_text)
        rendering = find_numbers(analysis.rendering_words, "en", analysis.rendering_text)
    if found.tail_start is not None and found.tail_start < len(analysis.source_words):
        cut = analysis.source_words[found.tail_start].start  # numbers in a truncated tail: truncation says so
        source = [m for m in source if m.start < cut]
    if not source and not rendering:
        return RuleResult()
    source_only, rendering_only = compare_numbers(source, rendering)
    ignored_starts = {analysis.rendering_words[j].start for j in found.ignored}
    rendering_only = [m for m in rendering_only if m.start not in ignored_starts]
    # A lone "1" of the rendering is Russian's singular noun («до года» / "up to 1 year"), not a number.
    rendering_only = [m for m in rendering_only if not (m.key() == "1" and not source_only)]
    source_only, rendering_only = _same_digits(source_only, rendering_only, source)
    flags: list[Flag] = []
    for mention in source_only:
        replaced = rendering_only.pop(0) if rendering_only else None
        detail = f"original {mention.text!r}" + (
            f" rendered as {replaced.text!r}" if replaced else " has no equal number in the rendering"
        )
        flags.append(
            Flag(
                "number",
                mention.text,
                "critical",
                side="source",
                detail=detail,
                source_span=(mention.start, mention.end),
                rendering_span=(replaced.start, replaced.end) if replaced else None,
            )
        )
    for mention in rendering_only:
        flags.append(
            Flag(
                "number",
                mention.text,
                "critical",
                detail="number with no equal in the original",
                rendering_span=(mention.start, mention.end),
            )
        )
    reported: tuple[set[int], set[int]] = (set(), set())
    for mentions, words_, seen in (
        (source, analysis.source_words, reported[0]),
        (analysis.numbers[1] if analysis.numbers else rendering, analysis.rendering_words, reported[1]),
    ):
        starts = [w.start for w in words_]  # increasing: the words of a mention are a slice
        for mention in mentions:
            seen.update(range(bisect_left(starts, mention.start), bisect_left(starts, mention.end)))
    return RuleResult(tuple(flags), source=frozenset(reported[0]), rendering=frozenset(reported[1]))


def _digit_groups(text: str) -> list[str]:
    """The digit groups of a number written in digits only (none when a word is part of it: "1 трлн" and
    "1 bln" share a digit, not a value)."""
    if any(ch.isalpha() for ch in text):
        return []
    return [group.lstrip("0") or "0" for group in re.findall(r"\d+", text)]


_CLOCK = re.compile(r"([01]?\d|2[0-3])[.:]([0-5]\d)")


def _clock_readings(text: str) -> list[list[str]]:
    """The digit groups of a time of day on the other clock: «22.00» is "10" (P.M.), «00:12» "12:12"
    (A.M.), "6:30" (P.M.) is 18:30; minutes ":00" may be left out on the 12-hour clock."""
    found = _CLOCK.fullmatch(text.strip())
    if not found:
        return []
    hour, minutes = int(found.group(1)), found.group(2).lstrip("0") or "0"
    hours = {hour % 12 or 12, hour + 12} if hour <= 12 else {hour % 12}
    out = [[str(h), minutes] for h in sorted(hours)]
    if minutes == "0":
        out += [[str(h)] for h in sorted(hours)]
    return out


def _regrouped(source: list, rendering: list, every_source: list, leftovers: list) -> tuple[list, list]:
    """A number written with its digits grouped another way (a phone number «229 62 01» / "229-6201"): a
    rendering leftover of four digits or more (of `leftovers`, read before any other reading took it)
    that the original's digits, read in a row, spell; and the original's leftovers inside it."""
    spelled_source = ["".join(re.findall(r"\d+", m.text)) for m in every_source if _digit_groups(m.text)]
    stream = "".join(spelled_source)
    regrouped = [
        m
        for m in leftovers
        if len(digits := "".join(re.findall(r"\d+", m.text))) >= 4
        and digits in stream
        and not any(digits in one for one in spelled_source)  # across two numbers of the original, at least
    ]
    if not regrouped:
        return source, rendering
    spelled = ["".join(re.findall(r"\d+", m.text)) for m in regrouped]
    kept_source = [
        m
        for m in source
        if not (_digit_groups(m.text) and any("".join(re.findall(r"\d+", m.text)) in d for d in spelled))
    ]
    return kept_source, [m for m in rendering if m not in regrouped]


def _same_digits(source: list, rendering: list, every_source: list | None = None) -> tuple[list, list]:
    """Leftover mentions written another way: the same digit groups in another notation ("14.02.2021" /
    "14/02/2021", "18.00" / "18:00"), or a year cut to two digits ("86" / "1986", «70-е» / "1970s")."""
    if not rendering or not source and not any(":" in m.text for m in rendering):
        return source, rendering
    pool = [g for m in rendering for g in _digit_groups(m.text)]
    kept_source = []
    for mention in source:
        groups = _digit_groups(mention.text)
        readings = [groups, *_clock_readings(mention.text)] if groups else []
        same = next((r for r in readings if all(pool.count(g) >= r.count(g) for g in r)), None)
        if same is not None:
            for g in same:
                pool.remove(g)
            continue
        if len(groups) == 1 and len(groups[0]) <= 2:
            years = {f"19{int(groups[0]):02d}", f"20{int(groups[0]):02d}"}
            if any(g in years for g in pool):
                pool.remove(next(g for g in pool if g in years))
                continue
        kept_source.append(mention)
    # A rendering leftover is read against every source number (`every_source`): "10:00" is two mentions,
    # 10 matched to «10.00» and a leftover 0 that is the same time.
    source_groups = [g for m in every_source or source for g in _digit_groups(m.text)]
    source_clock = [r for m in every_source or source for r in _clock_readings(m.text)]
    kept_rendering = []
    for mention in rendering:
        if not source and ":" not in mention.text:
            # with nothing of the original left over, only a time's second half can be a number written
            # another way ("18:00" is two mentions, «18.00» one: 18 matched, 0 left)
            kept_rendering.append(mention)
            continue
        groups = _digit_groups(mention.text)
        if groups and any(
            all(g in source_groups for g in r) for r in [groups, *_clock_readings(mention.text)]
        ):
            continue
        if len(groups) == 1 and len(groups[0]) == 4 and groups[0][2:].lstrip("0") in source_groups:
            continue
        if groups and groups in source_clock:
            continue  # «22.00» / "10 P.M."
        kept_rendering.append(mention)
    return _regrouped(kept_source, kept_rendering, every_source or source, rendering)


@lru_cache(maxsize=50_000)
def _name_kind(text: str) -> str:
    """ "person" when pymorphy3's dictionary reads a Russian word, best, as a first name, surname or
    patronymic («Владимир», «Путин»), "place" for a place or body («России») or an acronym («США»), ""
    otherwise (a guessed word is neither)."""
    if _ACRONYM.fullmatch(text):
        return "place"
    parses = ru_parses(text)
    if not parses or type(parses[0][4][0][0]).__name__ != "DictionaryAnalyzer":
        return ""
    grammemes = set(parses[0][1].grammemes)
    if grammemes & {"Name", "Surn", "Patr"}:
        return "person"
    return "place" if grammemes & {"Geox", "Orgn"} else ""


def _capitalised_common(words_: list[Word], j: int, text: str) -> bool:
    """A Russian word that pymorphy3 reads as a common noun but that is capitalised inside a sentence
    («Устава», and «Ягода» the surname as well as the berry): a name only if a name stands for it."""
    word = words_[j]
    if word.role != "content" or word.script != "cyrillic" or not word.text[:1].isupper() or not j:
        return False
    # The last character before the word past spaces, quotes and brackets (as `text[:start].rstrip(...)`
    # would give, without copying the text before every capitalised word of a long line).
    k = word.start - 1
    while k >= 0 and text[k] in ' «"“(':
        k -= 1
    return k >= 0 and text[k] not in ".!?…:"


def _entities(
    words_: list[Word],
    credit: list[float],
    text: str,
    skip: Iterable[int],
    common: bool = False,
    split: Callable[[int], str] | None = None,
) -> list[list[int]]:
    """Runs of adjacent name words ("United Arab Emirates") none of whose words is accounted for
    (`common`: capitalised common nouns of the source too, see `_capitalised_common`)."""
    skip = set(skip)
    runs: list[list[int]] = []
    candidates = [
        j
        for j, word in enumerate(words_)
        if word.role == "name" or common and _capitalised_common(words_, j, text)
    ]
    for j in candidates:  # few words are names
        word = words_[j]
        if j in skip or word.script == "digit":
            continue
        if runs and runs[-1][-1] == j - 1 and not text[words_[j - 1].end : word.start].strip(" -.'’"):
            runs[-1].append(j)
        else:
            runs.append([j])
    out = [run for run in runs if all(credit[j] < 0.5 for j in run)]
    if split is not None:
        # A run partly accounted for may hold a second entity: «России Владимир Путин» (the country
        # matched, the man not). Only a person unmatched next to a matched place or body is cut out: a
        # first name beside its matched surname is the same person, whom the rendering names.
        for run in runs:
            if all(credit[j] < 0.5 for j in run) or any(
                credit[j] >= 0.5 and split(j) != "place" for j in run
            ):
                continue  # wholly unaccounted (above), or its matched part is no place or body
            piece: list[int] = []
            for j in [*run, None]:
                if j is not None and credit[j] < 0.5:
                    piece.append(j)
                    continue
                # («Сергей Никитенко»: a dictionary first name and a surname it does not know)
                if (
                    piece
                    and any(split(k) == "person" for k in piece)
                    and all(words_[k].role == "name" for k in piece)
                ):
                    out.append(piece)
                piece = []
    return out


# Russian acronyms of states and bodies and the English words that render them (general knowledge, for
# the name check only: an acronym has no transliteration to compare).
NAME_EQUIVALENTS: dict[str, frozenset[str]] = {
    key: frozenset(value.split())
    for key, value in {
        "сша": "us u.s. usa u.s.a. america american americans united states",
        "рф": "russia russian federation",
        "ес": "eu european union",
        "оон": "un u.n. united nations",
        "мвф": "imf international monetary fund",
        "воз": "who world health organization",
        "ссср": "ussr soviet union",
        "фрг": "germany german frg",
        "кнр": "china chinese prc",
        "кндр": "north korea korean dprk",
        "оаэ": "uae emirates",
        "цк": "central committee cc",
        "мвд": "interior ministry internal affairs",
        "мид": "foreign ministry affairs",
        "госдеп": "state department",
        "минобороны": "defense defence ministry",
        "минфин": "finance ministry treasury",
        "апл": "premier league epl",
        "рпц": "russian orthodox church",
        "великобритания": "uk u.k. britain british united kingdom",
        "цб": "cb central bank",
    }.items()
}


def _equivalent(source_key: str, target_key: str) -> bool:
    for lemma in (source_key, *(_source_lemmas(source_key))):
        if target_key.replace("'s", "") in NAME_EQUIVALENTS.get(lemma, ()):
            return True
    return False


def _source_lemmas(key: str) -> tuple[str, ...]:
    lexicon = get_lexicon()
    return tuple(lexicon.lemmas(key, "ru")) if lexicon is not None else ()


def _related_to_any(target: Word, source_words: list[Word], threshold: float) -> bool:
    """A rendering name that some source word's lexicon row lists, or whose spelling some source word
    nearly transliterates to («Российский» / "Russia's", «Китая» / "Chinese")."""
    lemmas = _target_lemmas(target.key)
    for word in source_words:
        if word.script != "cyrillic":
            continue
        if _equivalent(word.key, target.key):
            return True
        row = source_row(word.key) or {}
        if any(row.get(lemma, 0.0) > 0.0 for lemma in lemmas):
            return True
        if len(word.key) >= 4 and _relaxed_similarity(word.key, target.key) >= threshold:
            return True
    return False


def _relaxed_similarity(ru: str, en: str) -> float:
    """Name similarity of the two spellings, and of their first five letters (stems of adjectives and
    derived forms: «российск-» / "russia", «китайск-» / "chin-")."""
    whole = name_similarity_of(ru, en)
    if whole:
        return whole
    translit = transliterate(ru).lower()
    head = 0
    for a, b in zip(translit, en.lower(), strict=False):
        if a != b:
            break
        head += 1
    return 0.8 if head >= 4 else 0.0


def _plain(text: str) -> str:
    """Latin letters without accents ("Adèle" -> "Adele", "Frédérique" -> "Frederique")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# English words written with a capital that name nothing: interjections at a sentence start, and
# abbreviations of common nouns and of the clock (a small table: lemminflect knows none of them).
_EN_NOT_NAMES = frozenset(
    "yeah yes ok okay oh wow hey hi tv ceo cfo coo cto dj vip pr hr id gdp a.m. p.m. am pm".split()
)
_QUOTES_OPEN = "«“„"
_QUOTES_CLOSE = "»”"


def _shouted_common(word: Word) -> bool:
    """A Russian word in capitals that is a common dictionary word (a headline's «ВЫХОДИТ», «ПОДАРОК»),
    not an acronym: pymorphy3 knows every reading of it with no name tag."""
    return (
        word.script == "cyrillic"
        and len(word.text) >= 3
        and word.text.isupper()
        and ru_common_word(word.text)
    )


_ACRONYM = re.compile(r"(?:[A-ZА-ЯЁ]\.?){2,}[а-яё]{0,2}")  # ОАЭ, U.S., «ЦУПе» (a case ending)


def _acronym(word: Word) -> bool:
    return bool(_ACRONYM.fullmatch(word.text))


def _acronym_letters(text: str) -> str:
    """An acronym's capitals in Latin letters («УОБО»: UOBO, «ЦУПе»: TSUP)."""
    return transliterate("".join(ch for ch in text if ch.isupper())).upper()


# The Latin letters a Cyrillic capital may stand for at the head of a word, beyond its transliteration's
# first letter (Ц as C in «ЦДЛ» / "CDL", Х as H, Ю as U...).
_CYRILLIC_INITIALS = {
    "Ц": "TC",
    "Х": "KH",
    "Ж": "ZJ",
    "Ч": "C",
    "Ш": "S",
    "Щ": "S",
    "Ю": "YU",
    "Я": "YI",
    "Й": "YIJ",
}


def _same_initials(acronym: str, latin: str) -> bool:
    """A Russian acronym written in Latin capitals letter for letter («ЦДЛ» / "CDL")."""
    capitals = [ch for ch in acronym if ch.isupper()]
    letters = latin.replace(".", "")
    if len(capitals) < 2 or not letters.isupper() or len(letters) != len(capitals):
        return False
    return all(
        latin_ch in (_CYRILLIC_INITIALS.get(ch, "") + transliterate(ch)[:1].upper())
        for ch, latin_ch in zip(capitals, letters, strict=True)
    )


def _acronym_twin(source_words: list[Word], rendering_words: list[Word], run: list[int]) -> bool:
    """A rendering acronym or multi-word name whose letters spell a source acronym or a capitalised part
    of a source word («РВ-менеджер» / "RV", «УОБО» / "Ust-Orda Buryat Okrug")."""
    letters = (
        _initials(rendering_words, run) if len(run) > 1 else rendering_words[run[0]].text.replace(".", "")
    )
    if len(letters) < 2:
        return False
    for word in source_words:
        if word.script != "cyrillic":
            continue
        for part in word.text.split("-"):
            if _ACRONYM.fullmatch(part) and _acronym_letters(part) == letters.upper():
                return True
    return False


def _initials(words_: list[Word], run: list[int]) -> str:
    """First letters of a run's words and of their hyphenated parts ("Ust-Orda Buryat Okrug": UOBO)."""
    return "".join(part[0] for j in run for part in words_[j].text.split("-") if part).upper()


def _in_title(text: str, start: int) -> bool:
    """The position lies inside «...» or typographic quotes: a title, which a translator may translate."""
    before = text[:start]
    opened = sum(before.count(q) for q in _QUOTES_OPEN)
    closed = sum(before.count(q) for q in _QUOTES_CLOSE)
    return opened > closed or before.count('"') % 2 == 1


def _common_run(words_: list[Word], run: list[int]) -> bool:
    """An English run of capitalised words that are all dictionary words or of the table above, two or
    more of them ("Labor and Delivery Department", "Legendary Journeys"): a translated title or the
    name of an office, which the lexicon pairs or not, never a name with no counterpart."""
    keys = [words_[j].key for j in run]
    if all(key in _EN_NOT_NAMES for key in keys):
        return True
    return len(run) >= 2 and all(en_dictionary_lemmas(key) for key in keys)


def _spelled_anywhere(
    source_words: list[Word], run: list[int], rendering_words: list[Word], threshold: float
) -> bool:
    """The name is spelled, perhaps inside a hyphenated word, somewhere in the rendering even where the
    matching linked that word to something else ("Lithuanian-Belorussian" for «Литвы с Белоруссией»)."""
    acronyms = [source_words[i].text for i in run if _acronym(source_words[i])]
    for word in rendering_words:
        if word.script != "latin" or not word.text[:1].isupper():
            continue
        if acronyms and any(_same_initials(a, word.text) for a in acronyms):
            return True  # «ЦДЛ» / "CDL", «МХТ» / "MKhT"
        parts = word.key.split("-") if "-" in word.key else (word.key,)
        for part in parts:
            if len(part) >= 4 and any(
                len(source_words[i].key) >= 4
                and _relaxed_similarity(source_words[i].key, _plain(part)) >= threshold
                for i in run
            ):
                return True
    return False


def _run_similarity(
    source_words: list[Word], run: list[int], rendering_words: list[Word], other: list[int]
) -> float:
    """How alike two name runs are: the best transliteration similarity of any word of one with any word of
    the other ("Изэна Макьюзна" / "Ian McEwan" through "McEwan")."""
    return max(
        max(
            name_similarity(source_words[i].text, _plain(rendering_words[j].text)),
            _relaxed_similarity(source_words[i].key, _plain(rendering_words[j].key)),
        )
        for i in run
        for j in other
    )


def rule_names(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """A name of the original with no counterpart (major), rendered as another name (critical), or a name
    of the rendering the original does not have (major). A name spelled another way, or paired with a
    word the lexicon does not know, is an unverified pair, not a finding, unless a name of the original
    stands beside it with no counterpart of its own: then it is another name («Галапагосские острова» /
    "Finland")."""
    source_words, rendering_words = analysis.source_words, analysis.rendering_words
    settings = analysis.settings
    limit = found.tail_start if found.tail_start is not None else len(source_words)
    skip_source = set(found.source) | set(range(limit, len(source_words)))
    source_missing = [
        run
        for run in _entities(
            source_words,
            analysis.source_credit,
            analysis.source_text,
            skip_source,
            common=True,
            split=lambda i: _name_kind(source_words[i].text) if source_words[i].script == "cyrillic" else "",
        )
        if not all(_shouted_common(source_words[i]) for i in run)
    ]
    rendering_unexplained = [
        run
        for run in _entities(
            rendering_words,
            analysis.rendering_credit,
            analysis.rendering_text,
            found.ignored | found.rendering,
        )
        if rendering_words[run[0]].script == "latin"
    ]
    if not source_missing and not rendering_unexplained:
        return RuleResult()  # every name accounted for (most segments): nothing below would flag
    by_source, by_target = _gap_partners(analysis)
    flags: list[Flag] = []
    reported_source: set[int] = set()
    reported_rendering: set[int] = set()
    n, m = max(1, len(source_words)), max(1, len(rendering_words))
    window = settings.chunk_words

    def near(i: int, j: int) -> bool:
        # Only words at about the same place can answer for each other (a whole article on one line).
        return abs(j - i * m / n) <= window

    rendering_keys_at: dict[str, list[int]] = {}
    for j, w in enumerate(rendering_words):
        rendering_keys_at.setdefault(w.key.replace("'s", ""), []).append(j)
    for run in source_missing:
        span = _span(source_words, run)
        text = _text(analysis.source_text, span)
        partners = [by_source[i] for i in run if i in by_source]
        # The same name spelled another way anywhere in the rendering («Адели» / "Adèle", «Лелуш» /
        # "Lellouche"): an unverified pair, wherever the lexicon's links put it.
        same = next(
            (
                r
                for r in rendering_unexplained
                if near(run[0], r[0])
                and _run_similarity(source_words, run, rendering_words, r) >= settings.name_maybe
            ),
            None,
        )
        equivalents = {
            english
            for i in run
            for lemma in (source_words[i].key, *_source_lemmas(source_words[i].key))
            for english in NAME_EQUIVALENTS.get(lemma, ())
        }
        if same is None and any(
            near(run[0], j) for english in equivalents for j in rendering_keys_at.get(english, ())
        ):
            reported_source.update(run)
            for r in [r for r in rendering_unexplained if {rendering_words[j].key for j in r} <= equivalents]:
                rendering_unexplained.remove(r)
                reported_rendering.update(r)
            continue  # США / "the US", Госдепа / "State Department"
        if same is not None:
            rendering_unexplained.remove(same)
            reported_rendering.update(same)
            reported_source.update(run)
            continue
        if len(run) == 1 and _acronym(source_words[run[0]]):
            letters = _acronym_letters(source_words[run[0]].text)
            twin = next(
                (
                    r
                    for r in rendering_unexplained
                    if near(run[0], r[0])
                    and (
                        all(_acronym(rendering_words[j]) for j in r)
                        or _initials(rendering_words, r) == letters
                    )
                ),
                None,
            )
            if twin is not None or any(rendering_words[j].role == "content" for j in partners):
                # An acronym rendered by another acronym («ЦУП» / "MCC") or spelled out in common words
                # («МКД» / "apartment blocks"): an unverified pair, as a lexicon gap is.
                if twin is not None:
                    rendering_unexplained.remove(twin)
                    reported_rendering.update(twin)
                reported_source.update(run)
                continue
        if same is None and _spelled_anywhere(source_words, run, rendering_words, settings.name_maybe):
            reported_source.update(run)
            continue
        other_run = next((r for r in rendering_unexplained if set(r) & set(partners)), None)
        related = any(
            _related_to_any(rendering_words[j], [source_words[i] for i in run], settings.name_maybe)
            for j in partners
        )
        if other_run is not None:
            other_span = _span(rendering_words, other_run)
            similarity = _run_similarity(source_words, run, rendering_words, other_run)
            rendering_unexplained.remove(other_run)
            reported_rendering.update(other_run)
            reported_source.update(run)
            if similarity >= settings.name_maybe or related:
                continue  # the same name spelled another way («Зальцбергер» / "Salzberger"), or its adjective
            if all(source_words[i].role != "name" for i in run) and all(
                en_dictionary_lemmas(rendering_words[j].key) for j in other_run
            ):
                continue  # «Устава» / "Charter": a common noun rendered by common nouns ("Baltic Sea" is not)
            if _in_title(analysis.source_text, span[0]) and all(
                en_dictionary_lemmas(rendering_words[j].key) for j in other_run
            ):
                continue  # a title translated: «Овсянки» / "Silent Souls"
            flags.append(_another_name(analysis, span, other_span))
            continue
        if related or all(source_words[i].role != "name" for i in run):
            continue  # related to its partner (a derived adjective, a tweet), or a common noun after all
        reported_source.update(run)
        flags.append(
            Flag(
                "name",
                text,
                "major",
                side="source",
                detail="name not found in the rendering",
                source_span=span,
            )
        )
    silent = _silent_names(analysis, skip_source | reported_source)
    for run in rendering_unexplained:
        nearby = [w for i, w in enumerate(source_words) if near(i, run[0])] if n > window else source_words
        if (
            _common_run(rendering_words, run)
            or _acronym_twin(source_words, rendering_words, run)
            or any(_related_to_any(rendering_words[j], nearby, settings.name_maybe) for j in run)
        ):
            continue
        if any(j in analysis.unclear_rendering for j in run):
            # Paired with an unknown word, perhaps. But where a name of the original stands with no
            # counterpart beside it, unlike this one in spelling and lexicon, this is another name.
            if all(en_dictionary_lemmas(rendering_words[j].key) for j in run) or _in_title(
                analysis.rendering_text, rendering_words[run[0]].start
            ):
                continue  # "Ministry": common words, a paraphrase of the name perhaps; a title
            # An acronym may abbreviate the common words it is paired with («реанимации» / "ICU"): it
            # replaces a name only when its partner stands right beside it («Министерства обороны» / "KO").
            abbreviation = all(
                _acronym(rendering_words[j]) or sum(ch.isupper() for ch in rendering_words[j].text) > 1
                for j in run
            )
            if abbreviation and _abbreviates(
                _text(analysis.rendering_text, _span(rendering_words, run)),
                source_words,
                settings.opposite_prob,
            ):
                continue  # «Министерства обороны» / "MoD": the initials of its translations
            beside = {by_target[j] for j in run if j in by_target} if abbreviation else None
            replaced = min(
                (
                    r
                    for r in silent
                    if near(r[0], run[0])
                    and _run_similarity(source_words, r, rendering_words, run) < settings.name_maybe
                    and (beside is None or any(abs(i - k) <= 1 for i in beside for k in r))
                ),
                key=lambda r: abs(run[0] - r[0] * m / n),
                default=None,
            )
            if replaced is None:
                continue
            silent.remove(replaced)
            reported_source.update(replaced)
            reported_rendering.update(run)
            flags.append(_another_name(analysis, _span(source_words, replaced), _span(rendering_words, run)))
            continue
        reported_rendering.update(run)
        flags.append(
            _run_flag(analysis, "name", run, "major", "rendering", "name with no counterpart in the original")
        )
    return RuleResult(
        tuple(flags), source=frozenset(reported_source), rendering=frozenset(reported_rendering)
    )


def _abbreviates(acronym: str, source_words: list[Word], min_prob: float) -> bool:
    """The acronym's capitals are, in order, initials of confident translations of consecutive source
    content words («Министерства обороны» / "MoD": ministry, defence)."""
    capitals = [ch for ch in acronym if ch.isupper()]
    if len(capitals) < 2:
        return False
    initials = [
        {english[:1].upper() for english in _sure_translations(word.key, min_prob)[0]}
        if word.role == "content"
        else None
        for word in source_words
    ]
    content = [k for k, first in enumerate(initials) if first is not None]
    for start in range(len(content) - len(capitals) + 1):
        run = content[start : start + len(capitals)]
        if run[-1] - run[0] <= 2 * len(capitals) and all(
            letter in initials[k] for letter, k in zip(capitals, run, strict=True)
        ):
            return True
    return False


def _silent_names(analysis: Analysis, skip: set[int]) -> list[list[int]]:
    """Runs of source names, or capitalised words inside a sentence («Министерства», «Галапагосские»),
    that no link, gap partner or flag accounts for: what a rendering's stray name may have replaced."""
    source_words = analysis.source_words
    paired = {i for i, _ in analysis.gaps}
    runs: list[list[int]] = []
    for i, word in enumerate(source_words):
        if (
            i in skip
            or (i in paired and word.role != "name")
            or word.script != "cyrillic"
            or len(word.text) < 2
            or _acronym(word)  # «ВВП», «РФ», «СПбГУ»: often spelled out or left out
            or sum(ch.isupper() for ch in word.text) > 1
            or _in_title(analysis.source_text, word.start)  # a title, which a translator may translate
            or _shouted_common(word)
            or analysis.source_credit[i] >= 0.5
            or not (word.role == "name" or _capitalised_common(source_words, i, analysis.source_text))
        ):
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _clauses(words_: list[Word], text: str) -> list[list[int]]:
    """Word indices of each clause: text between punctuation marks (or the sentence edges)."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    clauses: dict[int, list[int]] = {}
    for k, word in enumerate(words_):
        clauses.setdefault(bisect_left(breaks, word.start), []).append(k)
    return list(clauses.values())


def rule_clauses(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """A clause of the original none of whose content words is rendered, with nothing unexplained in its
    place, is one omission spanning the clause (even when it holds «не»: nothing is inverted in what was
    rendered); a rendering clause none of whose content words has a source, one addition."""
    settings = analysis.settings
    linked_source, linked_target = _linked(analysis)
    flags: list[Flag] = []
    reported_source: set[int] = set()
    reported_rendering: set[int] = set()
    source_words, rendering_words = analysis.source_words, analysis.rendering_words
    limit = found.tail_start if found.tail_start is not None else len(source_words)
    covered = settings.covered
    gapped_source, gapped_rendering = {i for i, _ in analysis.gaps}, {j for _, j in analysis.gaps}
    uncovered = any(c < covered for c in analysis.source_credit[:limit])
    source_clauses = _clauses(source_words[:limit], analysis.source_text) if uncovered else []
    if len(source_clauses) > 1:
        for number, clause in enumerate(source_clauses):
            content = [i for i in clause if source_words[i].role in ("content", "light")]
            full = [i for i in content if source_words[i].role == "content"]
            if len(full) < settings.clause_min_words or any(i in found.source for i in clause):
                continue
            if number == 0 and len(full) <= 2:
                continue  # an opening parenthetical («Таким образом,», «Кроме того,»): a connective
            if any(i in linked_source for i in content if source_words[i].role == "content"):
                continue
            if 2 * sum(analysis.source_credit[i] < settings.covered for i in full) < len(full):
                continue  # mostly second uses of words rendered once ("agriculture is agriculture")
            if any(i in analysis.unclear_source or i in gapped_source for i in content):
                continue
            reported_source.update(clause)
            detail = "a clause of the original with no counterpart in the rendering"
            severity = _size_severity(len(content) + 1)
            flags.append(_run_flag(analysis, "omission", clause, severity, "source", detail, glossed=True))
    unexplained = any(c < covered for c in analysis.rendering_credit)
    rendering_clauses = _clauses(rendering_words, analysis.rendering_text) if unexplained else []
    if len(rendering_clauses) > 1:
        blocked = found.ignored | found.rendering
        for clause in rendering_clauses:
            content = [j for j in clause if rendering_words[j].role in ("content", "light")]
            if len(content) < settings.clause_min_words + 1 or any(j in blocked for j in clause):
                continue
            if any(j in linked_target for j in content) or any(
                rendering_words[j].script == "cyrillic" for j in clause
            ):
                continue
            if any(j in analysis.unclear_rendering or j in gapped_rendering for j in content):
                continue
            if any(analysis.rendering_credit[j] >= settings.covered for j in content):
                continue
            reported_rendering.update(clause)
            detail = "a clause of the rendering with no counterpart in the original"
            flags.append(
                _run_flag(analysis, "addition", clause, _size_severity(len(content)), "rendering", detail)
            )
    return RuleResult(
        tuple(flags), source=frozenset(reported_source), rendering=frozenset(reported_rendering)
    )


# --- negation
_NOT_NEGATING_AFTER = {"менее", "более", "раз", "только", "исключено", "исключен", "исключена", "исключены"}
_EN_COMPARATIVES = {"less", "more", "fewer"}  # "no less than" is "не менее"
# Counted one each ("не" apart); «нельзя» is "cannot" / "must not".
_RU_PLAIN_NEGATORS = (RU_NEGATORS - RU_NI_WORDS - {"не", "ни"}) | {"нельзя"}
_EN_COUNTED_NEGATORS = (EN_NEGATORS - {"neither", "nor"}) | {"without"}  # neither/nor count as pairs
_RU_PREFIXES = ("не", "без", "бес")
_EN_PREFIXES = ("un", "non", "dis", "in", "im", "ir", "il")
# Words that negate by their meaning ("отсутствовал" / "there was no", "перестал" / "no longer", «не
# признают» / "reject"): like prefixes, they can explain a negation missing on the other side.
_RU_NEGATIVE_STEMS = (
    "отсутств",
    "перестал",
    "перестав",
    "прекрат",
    "прекращ",
    "лишен",
    "лишил",
    "отказ",
    "запрет",
)
_EN_NEGATIVE_STEMS = (
    "gone", "lost", "lose", "lack", "absen", "fail", "ignor", "stop", "ceas", "avoid", "refus", "deni", "deny",
    "reject", "declin", "prevent", "prohibit", "forbid", "refrain", "exclud", "neglect", "omit", "ban",
    "barr", "unable", "impossib", "miss", "free of", "rid", "depriv", "instead", "rather", "despite", "yet",
)  # fmt: skip


# Negative pronouns and adverbs of the «не-» series and colloquial «нету»: a negation each, like «нет»
# («нечего объявить» / "nothing to announce", «негде» / "nowhere"). «некогда» is left out: it is as
# often "once, formerly" («некогда великая»).
_RU_NE_SERIES = frozenset("нету нечего негде некуда незачем некого нечем некому".split())
# Russian words and phrases that say "not" by their meaning, so English renders them with a negation as
# often as without: «впервые» / "never ... before", «мало» / "wasn't crowded", «зря» / "for nothing",
# «меньше всего» / "don't want", «далеко до» / "nothing compared with", «всё равно» / "don't care",
# «плохо» / "can't handle". Each explains one English negation.
_RU_NEGATIVE_MEANING = frozenset("впервые мало маловато зря напрасно плохо".split())
_RU_NEGATIVE_PHRASES = (("меньше", "всего"), ("далеко", "до"), ("все", "равно"))
# «не то», «не тот» (the wrong one, something amiss): English says "wrong", "different" as often as "not
# the one"; «как никогда» is "than ever"; «как-никак» is "after all" and negates nothing.
_RU_NOT_THAT = frozenset("то тот та те того той тех тому".split())
# English negations that deny nothing the original says: "no matter what" (any, whatever), "can't help
# but" (must), "can't wait" (looks forward), "can't recommend ... enough" (strongly), "for nothing" (in
# vain), "it goes without saying" (of course).
_EN_IDIOM_AFTER_NOT = frozenset(("help", "wait"))
_EN_IDIOM_PAIRS = frozenset((("no", "matter"), ("without", "saying")))
_EN_CANT = frozenset(("n't", "not", "cannot"))


def negation_counts(source_words: list[Word], rendering_words: list[Word]) -> tuple[int, int]:
    """Negated clauses on each side: Russian "никто не" is one negation, like English "nobody".

    A difference that words negated by a prefix or by their meaning on the other side can explain ("не
    смог" / "unable", "без сознания" / "unconscious", «не признают» / "reject") is forgiven.
    """
    return _negation_counts([w.key for w in source_words], [w.key for w in _outside_titles(rendering_words)])


def _outside_titles(words_: list[Word]) -> list[Word]:
    """The words less a capitalised "Not"/"No" inside a run of capitalised words (a title: "Eat This,
    Not That"), which negates nothing the original says."""
    out = []
    for k, word in enumerate(words_):
        if (
            word.text in ("Not", "No", "Never", "Nothing")
            and 0 < k < len(words_) - 1
            and words_[k - 1].text[:1].isupper()
            and words_[k + 1].text[:1].isupper()
        ):
            continue
        out.append(word)
    return out


def _ru_negative_meaning(keys: list[str]) -> int:
    """Russian words and phrases that negate by their meaning (`_RU_NEGATIVE_MEANING`): each may stand for
    an English negation."""
    count = sum(map(_RU_NEGATIVE_MEANING.__contains__, keys))
    return count + sum(1 for k in range(1, len(keys)) if (keys[k - 1], keys[k]) in _RU_NEGATIVE_PHRASES)


def _ru_optional_negations(keys: list[str]) -> int:
    """Russian negations English may render without one: «не то» / "wrong", «как никогда» / "than ever",
    and a double negative «без дела не сидел» / "kept busy" (two that cancel)."""
    optional = 0
    for k, key in enumerate(keys):
        following = keys[k + 1] if k + 1 < len(keys) else ""
        previous = keys[k - 1] if k else ""
        if (key == "не" and following in _RU_NOT_THAT) or (key == "никогда" and previous == "как"):
            optional += 1
        elif key == "без" and "не" in keys[k + 2 : k + 4]:
            optional += 2
    return optional


def _en_optional_negations(en_keys: list[str]) -> int:
    """English negations of an idiom that denies nothing (`_EN_IDIOM_AFTER_NOT`, "no matter", "for
    nothing", "goes without saying", "can't ... enough")."""
    optional = 0
    for k, key in enumerate(en_keys):
        pair = (key, en_keys[k + 1] if k + 1 < len(en_keys) else "")
        previous = en_keys[k - 1] if k else ""
        optional += (
            pair in _EN_IDIOM_PAIRS
            or (key == "nothing" and previous == "for")
            or (key in _EN_CANT and (pair[1] in _EN_IDIOM_AFTER_NOT or "enough" in en_keys[k + 2 : k + 6]))
        )
    return optional


def _negation_counts(
    keys: list[str], en_keys: list[str], ru_optional: int = 0, en_optional: int = 0
) -> tuple[int, int]:
    """Negated clauses on each side, made equal where what the other side has can explain the difference;
    `ru_optional` / `en_optional`: negations found elsewhere that a faithful rendering may leave out."""
    if "никак" in keys:  # «как-никак» / "after all"
        keys = [key for k, key in enumerate(keys) if not (key == "никак" and k and keys[k - 1] == "как")]
    ru_optional += _ru_optional_negations(keys)
    en_optional += _en_optional_negations(en_keys)
    plain = 0
    if "не" in keys:
        for k, key in enumerate(keys):
            if key != "не":
                continue
            following = keys[k + 1] if k + 1 < len(keys) else ""
            previous = keys[k - 1] if k else ""
            if following in _NOT_NEGATING_AFTER or previous == "тем":
                continue  # "не менее", "тем не менее", "не раз", "не только", "не исключено": no negation
            if k >= 2 and keys[k - 2] == "не" and keys[k - 1].startswith("мо"):
                plain -= 1  # «не может не» is "must": two negations that cancel
                continue
            plain += 1
    plain += sum(map(_RU_PLAIN_NEGATORS.__contains__, keys)) + sum(map(_RU_NE_SERIES.__contains__, keys))
    ni = sum(map(RU_NI_WORDS.__contains__, keys))
    # ни ... ни = neither ... nor; with the verb's "не" («не было поддержано ни УЕФА, ни ФИФА») still one.
    ni_pairs = keys.count("ни") // 2
    # A lone «ни» with no verb negated is a negation of its own («ни ногой» / "never set foot"); after
    # «бы» or «то» it is concessive («что бы ни», «во что бы то ни стало»).
    lone_ni = int(
        any(key == "ни" and (not k or keys[k - 1] not in ("бы", "то")) for k, key in enumerate(keys))
    )
    ru = max(plain, ni, ni_pairs, lone_ni) + keys.count("без")
    en = sum(map(_EN_COUNTED_NEGATORS.__contains__, en_keys))
    if en:
        en -= sum(1 for k, key in enumerate(en_keys) if key in ("no", "not") and _not_negating_en(en_keys, k))
    en += min(en_keys.count("neither"), en_keys.count("nor")) or en_keys.count("neither") + en_keys.count(
        "nor"
    )
    if ru > en:
        en_affixed = sum(
            1
            for key in en_keys
            if (len(key) >= 6 and (key.startswith(_EN_PREFIXES) or key.endswith("less")))
            or key.startswith(_EN_NEGATIVE_STEMS)
        )
        if ru - en <= en_affixed + ru_optional:
            en = ru
    elif en > ru:
        ru_affixed = sum(
            1
            for key in keys
            if (
                len(key) >= 6
                and _ru_negative_prefix(key)
                and key not in RU_NEGATORS
                and key not in _RU_NE_SERIES
            )
            or key.startswith(_RU_NEGATIVE_STEMS)
        ) + _ru_negative_meaning(keys)
        # «едва ли», «вряд ли» (hardly) are rendered "not likely", "unlikely" as often as "hardly".
        ru_affixed += sum(
            1 for k in range(1, len(keys)) if keys[k] == "ли" and keys[k - 1] in ("едва", "вряд")
        )
        if en - ru <= ru_affixed + en_optional:
            ru = en
    return ru, en


@lru_cache(maxsize=50_000)
def _ru_negative_prefix(key: str) -> bool:
    """«без-»/«бес-» negate («бесследно» / "without a trace"); «не-» only where what follows is a word
    of its own («невозможно»: возможно), not in «необъятный», «недавно», «нефтяной»."""
    if key.startswith(("без", "бес")):
        return True
    return key.startswith("не") and ru_dictionary_word(key[2:])


def _not_negating_en(keys: list[str], k: int) -> bool:
    """ "No. 30", "no less than" / "not more than" (a bound, like «не менее»), "not only" (like «не только»)
    do not negate."""
    following = keys[k + 1] if k + 1 < len(keys) else ""
    if not following or keys[k] not in ("no", "not"):
        return False
    after = keys[k + 2] if k + 2 < len(keys) else ""
    if keys[k] == "no" and any(
        ch.isdigit() for ch in following + (after if following.isupper() or len(following) <= 3 else "")
    ):
        return True  # "No. 39", "No. FS77-35597": a number sign
    if keys[k] == "not" and following in ("only", "just"):
        return True
    return following in _EN_COMPARATIVES and (keys[k + 2] if k + 2 < len(keys) else "") == "than"


_RU_NEGATING = RU_NEGATORS | {"без", "нельзя"}
_EN_NEGATING = EN_NEGATORS | {"without"}


def _negated(words_: list[Word], index: int, negating: frozenset[str] | set[str], reach: int) -> bool:
    """A negator just before `index`: within `reach` words, looking past function words only."""
    seen = 0
    for k in range(index - 1, max(-1, index - 6), -1):
        if words_[k].key in negating and not _not_negating_en([w.key for w in words_[k : k + 3]], 0):
            return True
        if words_[k].role != "function":
            seen += 1
        if seen >= reach or k < index - reach and words_[k].role != "function":
            return False
    return False


def rule_negation(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """Negation inverted: more negated clauses on one side than on the other, or one moved to another word.
    Negators inside an omitted clause or a truncated tail are that flag's, not this one's."""
    limit = found.tail_start if found.tail_start is not None else len(analysis.source_words)
    source_words = [w for i, w in enumerate(analysis.source_words[:limit]) if i not in found.source]
    keys = [w.key for w in source_words]
    rendering_keys = [w.key for w in analysis.rendering_words]
    if _RU_NEGATING.isdisjoint(keys) and _EN_NEGATING.isdisjoint(rendering_keys):
        return RuleResult()
    skip = found.ignored  # (words other rules answer for still negate: "No. 39" needs its number)
    kept = (
        [w for j, w in enumerate(analysis.rendering_words) if j not in skip]
        if skip
        else analysis.rendering_words
    )
    en_keys = [w.key for w in _outside_titles(kept)]
    ru, en = _negation_counts(keys, en_keys)
    if ru != en:
        ru_litotes, en_litotes = _litotes(analysis, source_words, kept)
        ru_optional = ru_litotes + _negations_in_titles(analysis.source_text, source_words)
        ru, en = _negation_counts(keys, en_keys, ru_optional, en_litotes)
    if ru == en:
        return RuleResult(_moved_negation(analysis, limit, found))
    source_negators = [
        i
        for i, w in enumerate(analysis.source_words[:limit])
        if w.key in RU_NEGATORS and i not in found.source
    ]
    rendering_negators = [
        j for j, w in enumerate(analysis.rendering_words) if w.key in EN_NEGATORS and j not in skip
    ]
    source_texts = [analysis.source_words[i].text for i in source_negators]
    rendering_texts = [analysis.rendering_words[j].text for j in rendering_negators]
    detail = (
        f"{ru} negation(s) in the original ({', '.join(source_texts) or 'none'}), "
        f"{en} in the rendering ({', '.join(rendering_texts) or 'none'})"
    )
    side = "source" if ru > en else "rendering"
    text = ", ".join(source_texts if ru > en else rendering_texts)
    # Both sides negate and differ by one: an enumeration negated item by item on one side and once on
    # the other («не спать, не есть» / "without sleep or food") far more often than an inversion.
    # (One added to a rendering that already negates is still a finding: major, not critical.)
    uneven = min(ru, en) >= 1 and abs(ru - en) == 1
    severity = ("major" if en > ru else "minor") if uneven else "critical"
    return RuleResult(
        (
            Flag(
                "negation",
                text,
                severity,
                side=side,
                detail=detail,
                source_span=_span(analysis.source_words, source_negators),
                rendering_span=_span(analysis.rendering_words, rendering_negators),
            ),
        )
    )


def _next_content(words_: list[Word], index: int, reach: int) -> Word | None:
    """The first content word after `index`, looking past function words, within `reach` words."""
    for word in words_[index + 1 : index + 1 + reach]:
        if word.is_content:
            return word
    return None


def _litotes(analysis: Analysis, source_words: list[Word], rendering_words: list[Word]) -> tuple[int, int]:
    """Negations rendered by an antonym on the other side: «не большой» / "small", "not big" for
    «маленький» (the negated word's opposite stands unnegated across), per side. Both words must be left
    without a translation of their own (linked elsewhere, "did not lose" is «потеряла» negated)."""
    linked_source, linked_target = _linked(analysis)
    free_source = {w.start for i, w in enumerate(analysis.source_words) if i not in linked_source}
    free_target = {w.start for j, w in enumerate(analysis.rendering_words) if j not in linked_target}
    counts = [0, 0]
    for side, (here, there, negators, other, free_here, free_there) in enumerate(
        (
            (source_words, rendering_words, ("не",), _EN_NEGATING, free_source, free_target),
            (
                rendering_words,
                source_words,
                ("not", "n't", "never", "no"),
                _RU_NEGATING,
                free_target,
                free_source,
            ),
        )
    ):
        for k, word in enumerate(here):
            negated = _next_content(here, k, 3) if word.key in negators else None
            if negated is None or negated.start not in free_here:
                continue
            for j, opposite in enumerate(there):
                if (
                    not opposite.is_content
                    or opposite.start not in free_there
                    or _is_negated(there, j, other)
                ):
                    continue
                pair = (negated, opposite) if side == 0 else (opposite, negated)
                if _opposite(*pair, analysis.settings):
                    counts[side] += 1
                    break
    return counts[0], counts[1]


_QUOTED = re.compile(r"«([^«»]{1,80})»")


def _negations_in_titles(text: str, words_: list[Word]) -> int:
    """Negators inside a short capitalised «...» (a title: «На западном фронте без перемен» / "All Quiet
    on the Western Front"), which English renders by its own title."""
    count = 0
    for match in _QUOTED.finditer(text):
        inside = match.group(1).strip()
        if not inside[:1].isupper() or len(inside.split()) > 6:
            continue
        count += sum(
            1
            for w in words_
            if match.start() <= w.start < match.end() and (w.key in _RU_NEGATING or w.key in _RU_NE_SERIES)
        )
    return count


# The English words that negate the word after them ("not", "no", "never", "without"); a negative pronoun
# is a word of its own ("means nothing will stay" does not negate "stay").
_EN_NEGATING_NEXT = frozenset(("not", "n't", "no", "never", "cannot", "without"))


def _ru_negating_word(word: Word) -> bool:
    """A Russian word that carries a negation: a negator, a «не-» pronoun, a prefix (`_ru_negative_prefix`:
    «с нетерпением» / "can't wait") or a meaning (`_RU_NEGATIVE_STEMS`, `_RU_NEGATIVE_MEANING`)."""
    key = word.key
    return (
        key in _RU_NEGATING
        or key in _RU_NE_SERIES
        or key in _RU_NEGATIVE_MEANING
        or key.startswith(_RU_NEGATIVE_STEMS)
        or (len(key) >= 6 and _ru_negative_prefix(key))
    )


def _unrendered_negation(analysis: Analysis, source_limit: int, rendering_words: list[Word]) -> bool:
    """Positive evidence that a negation moved: a negated Russian word (one of the three after the
    negator) whose counterpart (a sure link) stands unnegated in the rendering; or an original that
    negates only by prefix or meaning («безупречно», «несчастный»: none near the word). Without it a negated English word with an unnegated counterpart is a link gone astray
    («никогда не приезжал» / "never returned", "returned" linked elsewhere)."""
    source_words = analysis.source_words[:source_limit]
    targets: dict[int, list[int]] = {}
    for link in analysis.links:
        if link.strength >= analysis.settings.anchor_min:
            targets.setdefault(link.source, []).append(link.target)
    firm = [i for i, w in enumerate(source_words) if w.key in _RU_NEGATING or w.key in _RU_NE_SERIES]
    if not firm:
        return True  # a prefix or a meaning word counted for it, and none stands near the word (above)
    for i in firm:
        negated = [k for k in range(i + 1, min(i + 6, len(source_words))) if source_words[k].is_content][:3]
        if any(
            not _negated(rendering_words, j, _EN_NEGATING, reach=1)
            for k in negated
            for j in targets.get(k, ())
        ):
            return True
    return False


def _moved_negation(analysis: Analysis, source_limit: int, found: Found) -> tuple[Flag, ...]:
    """Same number of negations, but one negates a different word: a content word negated in the rendering
    whose counterpart (a sure link) is clearly not negated in the original, while a negated Russian word's
    counterpart stands unnegated (`_unrendered_negation`)."""
    source_words = analysis.source_words
    if _EN_NEGATING.isdisjoint([w.key for w in analysis.rendering_words]):
        return ()
    if any(w.key.startswith(_RU_NEGATIVE_STEMS) for w in source_words[:source_limit]):
        return ()  # "доступ отсутствовал" / "there was no access": the verb was the negation
    if _ru_negative_meaning([w.key for w in source_words[:source_limit]]) or _en_optional_negations(
        [w.key for w in analysis.rendering_words]
    ):
        return ()  # «меньше всего хочется» / "I don't want", "can't recommend ... enough": an idiom's
    # a "Not" inside a title ("Eat This, Not That portal") negates nothing
    titled = {id(w) for w in _outside_titles(analysis.rendering_words)}
    rendering_words = [w if id(w) in titled else w._replace(key="") for w in analysis.rendering_words]
    flagged: tuple[Flag, ...] = ()
    linked = _linked(analysis)[0]
    for link in analysis.links:
        if (
            link.strength < analysis.settings.anchor_min
            or link.source >= source_limit
            or link.target in found.ignored
        ):
            continue
        source, target = source_words[link.source], rendering_words[link.target]
        if not (source.is_content and target.is_content):
            continue
        if len(source.key) >= 6 and source.key.startswith(_RU_PREFIXES):
            continue  # «бесследно» / "without a trace": the word carries the negation itself
        near = range(max(0, link.source - 3), min(len(source_words), link.source + 4))  # не/нет either side
        if _negated(rendering_words, link.target, _EN_NEGATING_NEXT, reach=1) and not any(
            source_words[i].key in _RU_NEGATING
            # an adverbial that negates by prefix after the verb, untranslated: «ждёт с нетерпением» / "can't
            # wait" (one before it modifies a noun: «несчастный случай, произошедший»)
            or (i > link.source and i not in linked and _ru_negating_word(source_words[i]))
            for i in near
        ):
            where = f"{target.text!r} is negated in the rendering, its counterpart {source.text!r} is not"
            flagged = (_word_pair_flag("negation", source, target, "rendering", where),)
            break
    if flagged and _unrendered_negation(analysis, source_limit, rendering_words):
        return flagged
    return ()


def _word_pair_flag(kind: str, source: Word, target: Word, side: str, detail: str) -> Flag:
    """A major flag on one source word and its rendering, marked in both texts (the negation, antonym and
    person rules); its text is the word on `side`."""
    return Flag(
        kind,
        source.text if side == "source" else target.text,
        "major",
        side=side,
        detail=detail,
        source_span=(source.start, source.end),
        rendering_span=(target.start, target.end),
    )


def _mention_words(words_: list[Word], start: int, end: int) -> list[int]:
    return _indices_in(words_, start, end)


def _negated_plenty(deviation: Deviation, analysis: Analysis) -> bool:
    """«мало» (few) rendered with a negation: "not a lot of", "there isn't much", "it wasn't crowded" say
    the same; so «много» (many) as "not few". (A quantifier's strength flips under a negation.)"""
    if deviation.cls != "quantifier" or deviation.source is None or deviation.kind == "added":
        return False
    strengths = {q.strength for q in deviation.source.options if q.cls == "quantifier"}
    if not strengths or max(strengths) > 1 and min(strengths) < 3:
        return False
    words_ = analysis.rendering_words
    if deviation.rendering is not None:
        k = bisect_left([w.start for w in words_], deviation.rendering.start)
        nearby = words_[max(0, k - 4) : k]
    else:
        nearby = words_
    return any(w.key in _EN_NEGATING for w in nearby)


def _about_as_of(deviation: Deviation, analysis: Analysis) -> bool:
    """ "about" before a number that renders «о»/«об»/«про» before one («в истории о двух школьниках» / "a
    story about two schoolboys") is the preposition, not an approximation added."""
    rendering = deviation.rendering
    if deviation.kind != "added" or rendering is None or rendering.text.lower() != "about":
        return False
    words_ = analysis.source_words
    numbers = (
        analysis.numbers[0]
        if analysis.numbers is not None
        else find_numbers(words_, "ru", analysis.source_text)
    )
    starts = {m.start for m in numbers}
    return any(
        w.key in ("о", "об", "обо", "про") and k + 1 < len(words_) and words_[k + 1].start in starts
        for k, w in enumerate(words_)
    )


def _only_as_but(deviation: Deviation, analysis: Analysis) -> bool:
    """«только» opening a clause after a comma is the conjunction "but" («Почти как «Гладиатор», только
    скромнее» / "Almost like Gladiator, but more modest"), no restriction, when the rendering says "but"."""
    source = deviation.source
    if deviation.kind != "dropped" or source is None or source.text.lower() != "только":
        return False
    before = analysis.source_text[: source.start].rstrip()
    return before.endswith((",", "—", "–", "-")) and any(w.key == "but" for w in analysis.rendering_words)


def rule_hedges(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """Qualifiers of a claim: a hedge, quantifier, modal, attribution, approximation or restriction whose
    strength or source changed, or that was dropped or added (major: the claim is not the same claim)."""
    limit = found.tail_start if found.tail_start is not None else len(analysis.source_words)
    cut = (
        analysis.source_words[limit].start
        if limit < len(analysis.source_words)
        else len(analysis.source_text)
    )
    source_text = analysis.source_text
    skip_source = {i for i in found.source}
    source = [
        m
        for m in find_qualifiers(source_text, "ru")
        if m.start < cut and not set(_mention_words(analysis.source_words, m.start, m.end)) & skip_source
    ]
    skip_rendering = found.ignored | found.rendering
    rendering = [
        m
        for m in find_qualifiers(analysis.rendering_text, "en")
        if not set(_mention_words(analysis.rendering_words, m.start, m.end)) & skip_rendering
    ]
    if not source and not rendering:
        return RuleResult()
    deviations = [
        d
        for d in compare_qualifiers(source, rendering)
        if not _negated_plenty(d, analysis)
        and not _only_as_but(d, analysis)
        and not _about_as_of(d, analysis)
    ]
    reported_source: set[int] = set()
    reported_rendering: set[int] = set()
    for d in deviations:
        if d.source is not None:
            reported_source.update(_mention_words(analysis.source_words, d.source.start, d.source.end))
        if d.rendering is not None:
            reported_rendering.update(
                _mention_words(analysis.rendering_words, d.rendering.start, d.rendering.end)
            )
    flags = tuple(_hedge_flag(d) for d in deviations)
    return RuleResult(flags, source=frozenset(reported_source), rendering=frozenset(reported_rendering))


_HEDGE_WHAT = {
    "certainty": "how certain the claim is",
    "modality": "what is possible or required",
    "quantifier": "how many it is about",
    "frequency": "how often",
    "attribution": "who makes the claim",
    "approximation": "how exact the figure is",
    "bound": "which way the figure is bounded",
    "restriction": "the claim's restriction",
    "extent": "how far the claim goes",
}


def _hedge_flag(deviation: Deviation) -> Flag:
    what = _HEDGE_WHAT.get(deviation.cls, deviation.cls)
    source, rendering = deviation.source, deviation.rendering
    if deviation.kind == "changed":
        assert source is not None and rendering is not None
        a = next(q for q in source.options if q.cls == deviation.cls)
        b = next((q for q in rendering.options if q.cls == deviation.cls), rendering.options[0])
        detail = (
            f"{what} changed: «{source.text}» ({describe(a)}) rendered as {rendering.text!r} ({describe(b)})"
        )
        text = source.text
        side = "source"
    elif deviation.kind == "dropped":
        assert source is not None
        a = next(q for q in source.options if q.cls == deviation.cls)
        detail = f"{what} changed: «{source.text}» ({describe(a)}) has no counterpart in the rendering"
        text, side = source.text, "source"
    else:
        assert rendering is not None
        b = next(q for q in rendering.options if q.cls == deviation.cls)
        detail = (
            f"{what} changed: {rendering.text!r} ({describe(b)}) added; the original has no such qualifier"
        )
        text, side = rendering.text, "rendering"
    assert deviation.cls in SCALES
    return Flag(
        "hedge",
        text,
        "major",
        side=side,
        detail=detail,
        source_span=(source.start, source.end) if source else None,
        rendering_span=(rendering.start, rendering.end) if rendering else None,
    )


@memoized  # per Resources: the translations come from its lexicon
def _sure_translations(key: str, min_prob: float) -> tuple[tuple[str, ...], frozenset[str]]:
    """The English lemmas a Russian form is confidently rendered by (its best five at `min_prob` or more,
    best first), and every lemma its lexicon row lists at all (what is a translation, never an opposite)."""
    row = source_row(key) or {}
    ranked = sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return tuple(t for t, p in ranked if p >= min_prob), frozenset(row)


@lru_cache(maxsize=50_000)
def _opposites_of(key: str) -> frozenset[str]:
    """WordNet antonyms of an English word form (its own and its lemmas'); empty without WordNet."""
    try:
        net = load_wordnet()
    except WordNetDataMissing:
        return frozenset()
    return net.antonyms(key)


def _opposite(source: Word, target: Word, settings) -> bool:
    """The rendering word is the opposite of a confident translation of the source word, read both ways
    (WordNet lists "sell" / "purchase" under one of them only), and no translation of it."""
    if target.key in _QUANTIFIER_WORDS or _EN_DEICTIC & set(_target_lemmas(target.key)):
        return False  # some / all: the hedge rule's, with its scales; come / go: a point of view
    sure, listed = _sure_translations(source.key, settings.opposite_prob)
    if not sure:
        return False
    lemmas = set(_target_lemmas(target.key)) | {target.key}
    if lemmas & listed:
        return False
    if _opposites_of(target.key).intersection(sure):
        return True
    # The other way only from the two best: WordNet's antonyms of a satellite adjective come through its
    # head («волшебно» / "elfin" / small / "big"), noise for a weaker sense.
    return any(lemmas & _opposites_of(english) for english in sure[:2])


_QUANTIFIER_WORDS = frozenset("all some none every each any both many few most".split())
# A verb with one of these after it is a phrasal verb ("ended up", "came in"), whose opposite is not its
# head's («попала» / "ended up" is no "began").
_EN_PARTICLES = frozenset("up out off down away".split())
# Deictic pairs: English says "come" or "go", "bring" or "take" by where the speaker stands, not by what
# the Russian verb says («приедем» / "we'll be going"): never opposites.
_EN_DEICTIC = frozenset("come go bring take".split())


def _is_negated(words_: list[Word], index: int, negators: frozenset[str] | set[str]) -> bool:
    return any(words_[k].key in negators for k in range(max(0, index - 3), index))


def _placed_near(i: int, j: int, target_of: dict[int, int]) -> bool:
    """The rendering word sits where the source word's linked neighbours put it (within 3 words of the
    partner of a source word at most 2 away)."""
    return any(abs(j - target_of[n]) <= 3 for n in (i - 1, i + 1, i - 2, i + 2) if n in target_of)


def rule_antonyms(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """A rendering word that is a WordNet antonym of a confident translation of the source word it stands
    for («рост» / "decrease", «выиграла» / "lost"): a substitution of well-known words, major. It stands
    for it when the two are a gap pair, or it sits where the source word's neighbours put it; an opposite
    under a negation on one side only is a paraphrase («не смог» / "failed"), not a change (under both, the
    polarity is the original's: «не нужно кормить» / "no need to starve" is one)."""
    flags = []
    source_words, rendering_words = analysis.source_words, analysis.rendering_words
    settings = analysis.settings
    reported_source: set[int] = set()
    reported_rendering: set[int] = set()
    paired = set(analysis.gaps)
    target_of = {k.source: k.target for k in analysis.links if k.strength >= settings.anchor_min}
    # A source word credited only through a second use of a counterpart linked to another word («в
    # честь Дня флота», "honor" / "Navy") has no rendering of its own: its opposite may stand for it.
    own_link = {k.source for k in analysis.links}
    free_rendering = [
        j
        for j, w in enumerate(rendering_words)
        if w.role == "content"
        and (j + 1 >= len(rendering_words) or rendering_words[j + 1].key not in _EN_PARTICLES)
        and w.script == "latin"
        and analysis.rendering_credit[j] < settings.covered
        and j not in found.rendering
        and j not in found.ignored
    ]
    candidates: list[tuple[int, int]] = [
        (i, j)
        for i, j in analysis.antonyms
        if rendering_words[j].key not in _QUANTIFIER_WORDS
        and not _EN_DEICTIC & set(_target_lemmas(rendering_words[j].key))
        and (j + 1 >= len(rendering_words) or rendering_words[j + 1].key not in _EN_PARTICLES)
    ]
    if free_rendering:
        for i, s in enumerate(source_words):
            if (
                s.role != "content"
                or s.script != "cyrillic"
                or (analysis.source_credit[i] >= settings.anchor_min and i in own_link)
                or i in found.source
            ):
                continue
            for j in free_rendering:
                if ((i, j) in paired or _placed_near(i, j, target_of)) and _opposite(
                    s, rendering_words[j], settings
                ):
                    candidates.append((i, j))
    for i, j in candidates:
        if i in found.source or j in found.rendering or j in found.ignored or i in reported_source:
            continue
        if j in reported_rendering:
            continue
        if (i, j) in analysis.antonyms and (i, j) not in paired:
            continue  # an opposite somewhere else in the sentence is no substitution («Ранее» / "latest")
        rendered = analysis.source_credit[i] >= settings.anchor_min and i in own_link
        if rendered or analysis.rendering_credit[j] >= settings.covered:
            continue
        if _is_negated(source_words, i, _RU_NEGATING) != _is_negated(rendering_words, j, _EN_NEGATING):
            continue  # an opposite under one negation is a paraphrase («не смог» / "failed"); under both, not
        s, t = source_words[i], rendering_words[j]
        reported_source.add(i)
        reported_rendering.add(j)
        flags.append(
            _word_pair_flag(
                "substitution", s, t, "source", f"«{s.text}» rendered as {t.text!r}, its opposite"
            )
        )
    return RuleResult(
        tuple(flags), source=frozenset(reported_source), rendering=frozenset(reported_rendering)
    )


def rule_untranslated(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    text = analysis.rendering_text
    left = [
        j
        for j, w in enumerate(analysis.rendering_words)
        if w.script == "cyrillic"
        # a lone letter against a degree sign is a unit written with a Cyrillic С ("11-16 С°"), not Russian
        and not (len(w.text) == 1 and "°" in text[max(0, w.start - 1) : w.end + 1])
    ]
    if not left:
        return RuleResult()
    words_ = analysis.rendering_words
    severity = "critical" if any(words_[j].is_content for j in left) else "major"
    text = " ".join(words_[j].text for j in left)
    return RuleResult(
        (
            Flag(
                "untranslated",
                text,
                severity,
                detail="source-script text left in the rendering",
                rendering_span=_span(words_, left),
            ),
        ),
        rendering=frozenset(left),
    )


def _empty_side(analysis: Analysis) -> Flag | None:
    """A side with no words at all against one with content: the whole other side is the finding."""
    for side in ("source", "rendering"):
        other_words = analysis.rendering_words if side == "source" else analysis.source_words
        if other_words:
            continue
        own_words = analysis.source_words if side == "source" else analysis.rendering_words
        content = [w for w in own_words if w.is_content]
        if not content:
            continue
        own_text = analysis.source_text if side == "source" else analysis.rendering_text
        text = own_text.strip()
        start = own_text.index(text)
        span = (start, start + len(text))
        severity = "critical" if len(content) >= 4 else "major"
        if side == "source":
            return Flag(
                "omission",
                text,
                severity,
                side="source",
                detail="the rendering is empty",
                source_span=span,
                gloss=gloss(analysis.source_words),
            )
        return Flag("addition", text, severity, detail="the original is empty", rendering_span=span)
    return None


def rule_runs(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """Omissions and additions with positive evidence, word by word: a run of `run_min_words` content words
    uncovered (unexplained), with nothing on the other side standing for them. Unverified pairs (lexicon
    gaps) are never flags, and neither is a lone word (the score still counts it)."""
    settings = analysis.settings
    empty = _empty_side(analysis)
    if empty is not None:
        return RuleResult((empty,))
    flags: list[Flag] = []
    by_source, by_target = _gap_partners(analysis)
    limit = found.tail_start if found.tail_start is not None else len(analysis.source_words)
    for side in ("source", "rendering"):
        if side == "source":
            items, credit = analysis.source_words[:limit], analysis.source_credit
            blocked = set(found.source) | set(by_source) | set(analysis.unclear_source)
        else:
            items, credit = analysis.rendering_words, analysis.rendering_credit
            blocked = (
                set(found.rendering) | set(found.ignored) | set(by_target) | set(analysis.unclear_rendering)
            )
        runs: list[list[int]] = []
        current: list[int] = []
        for index, word in enumerate(items):
            if (
                index in blocked
                or word.script == "cyrillic"
                and side == "rendering"
                or word.role in ("name", "number")
            ):
                if current:
                    runs.append(current)
                current = []
                continue
            if word.role in ("content", "light") and credit[index] < settings.covered:
                current.append(index)
            elif word.role in CONTENT_ROLES or credit[index] >= settings.covered:
                if current:
                    runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
            content = [k for k in run if items[k].role == "content"]
            if len(content) < settings.run_min_words:
                continue  # a word or two: as often a paraphrase the lexicon cannot see as an omission
            severity = _size_severity(len(content))
            if side == "source":
                detail = "no counterpart in the rendering, and nothing unexplained in its place"
                flags.append(_run_flag(analysis, "omission", run, severity, side, detail, glossed=True))
            else:
                detail = "no counterpart in the original"
                flags.append(_run_flag(analysis, "addition", run, severity, side, detail))
    in_runs = {
        k for flag in flags if flag.source_span for k in _indices_in(analysis.source_words, *flag.source_span)
    }
    blocked = set(found.source) | set(by_source) | in_runs | set(range(limit, len(analysis.source_words)))
    flags.extend(_broken_omissions(analysis, found, blocked))
    if settings.lone_word_level >= 0 and not flags:
        flags.extend(_lone_omissions(analysis, found, limit))
    return RuleResult(tuple(flags))


# ------------------------------------------------------------------------------------ a lone word dropped
# The strictness levels of the lone-word omission rule, each adding a condition to the ones before it
# (`FidelitySettings.lone_word_level` picks the one that ships; scripts/eval_demetr.py --curve measures
# them all against human references).
LONE_WORD_LEVELS = (
    "A known: best translation p >= 0.1, 3+ translations",
    "B + a content part of speech, no function-word translation, rendered by translators",
    "C + at most 1 unexplained rendering word in the segment",
    "D + no unexplained rendering word in the segment",
    "E + not after a preposition, best p >= 0.3, not the first word",
    "F + its linked neighbours rendered side by side",
)
_RU_PREPOSITIONS = frozenset("в во на по с со к о об от из у за для до при через под над".split())
_CONTENT_POS = frozenset("NOUN VERB ADJF ADJS ADVB INFN PRTF PRTS GRND".split())


def function_like(translations: Iterable[tuple[str, float]], prob: float) -> bool:
    """Whether one of a Russian word's translations at least `prob` likely is an English function or light
    word («против» / "against", «более» / "over", «составит» / "will be"): its absence in a rendering is no
    evidence that it was dropped."""
    return any(english in EN_FUNCTION or english in EN_LIGHT for english, p in translations if p >= prob)


# Support verbs: with a noun they make one predicate that English often says in one verb or a copula
# («получили травмы» / "were injured", «принял участие» / "took part", «составит» / "will be"), so the
# verb has no counterpart of its own in a faithful rendering (lemmas, both aspects; written for tct).
RU_SUPPORT_VERBS = frozenset(
    """получить получать принять принимать провести проводить оказать оказывать нанести наносить
    дать давать сделать делать иметь составить составлять осуществить осуществлять произвести
    производить совершить совершать обратить обращать выразить выражать вынести выносить подвергнуть
    подвергать подвергнуться подвергаться пройти проходить занять занимать заниматься заняться стать
    становиться являться оказаться оказываться остаться оставаться представлять представить
    носить вести нести привести приводить""".split()
)
# Discourse openers of news prose: the first person plural of a speech verb («Напомним, что» / "", «Отметим»),
# which a translation leaves out as often as not.
# And «стоит» before an infinitive ("it is worth", "should": «стоит отметить» / "it should be noted").
RU_DISCOURSE = frozenset("напомним отметим добавим заметим уточним подчеркнем скажем признаем стоит".split())


def _renders_nothing(word: Word, best: tuple[tuple[str, float], ...], settings) -> bool:
    """A Russian word that is no evidence of a drop when it has no counterpart: its usual renderings are
    English function words, auxiliaries or nothing (a light verb «составит» / "will be", a copula
    «оказалась» / "was", a discourse word «напомним», a preposition «против» / "against"). Either its
    likely translations include a function word, or the parallel corpus shows translators leaving it
    without a counterpart more than `lone_drop_max` of the time, or the corpus has too little of it to say."""
    if function_like(best, settings.lone_function_prob):
        return True
    if word.key in RU_DISCOURSE:
        return True
    parses = ru_parses(word.key)
    if parses and str(parses[0].normal_form).replace("ё", "е") in RU_SUPPORT_VERBS:
        return True
    rate = drop_rate(word)
    return (settings.lone_drop_unknown if rate is None else rate) > settings.lone_drop_max


def _said_otherwise(analysis: Analysis, i: int, best: tuple[tuple[str, float], ...]) -> bool:
    """Where a faithful rendering says a word without a word of its own: right after a number it counts
    («15 тыс человек» / "15,000 personnel": the numbers rule checks the mention); as the common noun
    before the name it classifies («автомобиль Mercedes-Benz» / "a Mercedes-Benz", «системы Windows»);
    inside an English compound that holds one of its translations («рождение ребенка» / "childbirth")."""
    source_words = analysis.source_words
    if i > 0 and source_words[i - 1].script == "digit":
        return True
    if i > 0 and source_words[i - 1].role == "function" and source_words[i - 1].key in _SCALE_WORDS:
        return True
    if i + 1 < len(source_words) and source_words[i + 1].role == "name":
        return True
    english = [t for t, _ in best if len(t) >= 4]
    return any(
        key != t and (key.startswith(t) or key.endswith(t))
        for key in {w.key for w in analysis.rendering_words if len(w.key) >= 7}
        for t in english
    )


# Number scale words («тыс», «млн»): the tokeniser makes them function words after a number.
_SCALE_WORDS = frozenset(
    "тыс тысяч тысячи тысяча млн миллион миллиона миллионов млрд миллиард миллиарда миллиардов".split()
)


def lone_word_levels(
    analysis: Analysis, found: Found, limit: int | None = None, needed: int | None = None
) -> dict[int, tuple[int, Span | None]]:
    """For each lone uncovered source word (a Cyrillic content word, no counterpart, not paired with a free
    rendering word, nothing unexplained in its gap, not answered for by an earlier rule), the strictest
    of LONE_WORD_LEVELS it passes (-1: none), and the place in the rendering where it should stand (its
    linked neighbours' partners and what is between them, when they are side by side). `needed`: only levels from this one on
    matter (the rule's own call: it skips what cannot reach its level)."""
    settings = analysis.settings
    covered = settings.covered
    rendering_words, source_words = analysis.rendering_words, analysis.source_words
    stop = len(source_words) if limit is None else limit
    levels: dict[int, tuple[int, Span | None]] = {}
    credit = analysis.source_credit
    lone = [
        i
        for i, word in enumerate(source_words[:stop])
        if credit[i] < covered and word.script == "cyrillic" and word.role in ("content", "light")
    ]
    if not lone:
        return levels  # (most segments: every source word has a counterpart)
    free = [
        j
        for j, w in enumerate(rendering_words)
        if w.script == "latin"
        and w.role == "content"
        and analysis.rendering_credit[j] < covered
        and j not in analysis.ignored
        and j not in found.ignored
    ]
    if free and needed is not None and needed >= 3:
        return levels  # level D and above want no unexplained rendering word: none can pass
    paired = {i for i, _ in analysis.gaps}
    sure = {k.source: k.target for k in analysis.links if k.strength >= settings.anchor_min}
    for i in lone:
        word = source_words[i]
        if i in paired or i in analysis.unclear_source or i in found.source:
            continue
        best = _best_translations(word.key, 10)
        if (
            not best
            or best[0][1] < settings.lone_known_prob
            or not well_known(word.key, "ru", 3)
            or _said_otherwise(analysis, i, best)
        ):
            levels[i] = (-1, None)
            continue
        parses = ru_parses(word.key)
        pos = str(parses[0].tag.POS) if parses else ""

        def neighbour(step: int, i: int = i) -> int | None:
            for distance in (1, 2, 3):
                n = i + step * distance
                if not 0 <= n < len(source_words):
                    return None
                if n in sure:
                    return sure[n]
                if source_words[n].role != "function":
                    return None
            return None

        left, right = neighbour(-1), neighbour(1)
        side_by_side = (
            left is not None
            and right is not None
            and left < right
            and all(w.role == "function" for w in rendering_words[left + 1 : right])
        )
        # The place: the two neighbours whose renderings now stand side by side, and what is between them.
        place = (rendering_words[left].start, rendering_words[right].end) if side_by_side else None
        tests = (
            True,
            pos in _CONTENT_POS and not _renders_nothing(word, best, settings),
            len(free) <= 1,
            not free,
            i > 0
            and source_words[i - 1].key not in _RU_PREPOSITIONS
            and best[0][1] >= settings.lone_sure_prob,
            side_by_side,
        )
        level = -1
        for passed in tests:
            if not passed:
                break
            level += 1
        levels[i] = (level, place)
    return levels


def _lone_omissions(analysis: Analysis, found: Found, limit: int) -> list[Flag]:
    """The lone-word omission: a source word the lexicon knows well, that translators render, with no
    counterpart in the rendering and nothing unexplained in its place (at `lone_word_level`'s strictness),
    is dropped. Major, on its own."""
    flags = []
    needed = analysis.settings.lone_word_level
    for i, (level, place) in sorted(lone_word_levels(analysis, found, limit, needed).items()):
        if level >= analysis.settings.lone_word_level:
            detail = (
                "a word the lexicon knows well and translators render, with no counterpart in the rendering"
                " and nothing in its place"
            )
            flags.append(dropped_word(analysis.source_words[i], detail, place))
    return flags


# ------------------------------------------------------------------------------------- broken English
# Word pairs English grammar does not allow, whatever the sentence says: an article before punctuation, a
# preposition or an auxiliary ("the were", "the in", "a of"); a preposition before a comma ("severed by,
# Saudi Arabia"); "has than"; "were by" (a passive with no participle); a word repeated ("of of"); a
# hyphenated word cut off ("ex-."). Faithful human translations almost never have one (WMT21 ref.A: 3 in
# 1000 segments, typing slips such as "the of the"); a rendering with a word dropped out or scrambled often
# does. A table of English grammar, not fitted to a data set.
_EN_TOKENS = re.compile(r"\w+(?:['’]\w+)*-?|[,;:!?.)]")
_EN_ARTICLES = frozenset(("the", "a", "an"))
_EN_AUXILIARIES = frozenset(("is", "are", "was", "were", "has", "have", "had"))
_AFTER_NO_ARTICLE = (
    _EN_ARTICLES
    | _EN_AUXILIARIES
    | frozenset(
        "of in on at by with from for into to than about and or but will would who which that its their his".split()
    )
)
_EN_PREPOSITIONS = frozenset("of in on at by with from for into than about".split())
_BEFORE_THAN = _EN_ARTICLES | _EN_AUXILIARIES | _EN_PREPOSITIONS


# A subject pronoun capitalised in mid-sentence, right after a lowercase word and before one ("believe It
# was", "according to We have"): a sentence glued into another with nothing between (a title is in title
# case around it: "Just Go with It,", "You Don't Mess").
_EN_CAPITAL_SUBJECTS = frozenset(
    "It We They He She You It's We've We're They've They're He's She's You're It’s We’ve We’re They’re".split()
)


def _glued_sentence(text: str, tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Token k is a lowercase word, the next a capitalised subject pronoun, then a lowercase word, with
    only spaces between them (no quote, dash or bracket)."""
    if k + 2 >= len(tokens) or tokens[k + 1][0] not in _EN_CAPITAL_SUBJECTS:
        return False
    token, following, after = tokens[k], tokens[k + 1], tokens[k + 2]
    return (
        token[0][:1].islower()
        and token[0][:1].isalpha()
        and after[0][:1].islower()
        and after[0][:1].isalpha()
        and not text[token[2] : following[1]].strip()
        and not text[following[2] : after[1]].strip()
        and not (k and tokens[k - 1][0][:1].isupper())
    )


# After a preposition, an auxiliary or a space before punctuation: the noun it governed is gone ("on the
# website of .", "a road in has become"); a stranded preposition is written against its stop ("made of.").
_AFTER_NO_PREPOSITION = frozenset(("has", "have", "had", "is", "are", "was", "were", "will", "would"))


def _orphan_preposition(text: str, tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Token k (a preposition) stands before "of", an auxiliary, or a stop with a space between."""
    if k + 1 >= len(tokens):
        return False
    following, start, _ = tokens[k + 1]
    if following.lower() == "of":
        return tokens[k][0].lower() != "of"  # "on of", "for of": two prepositions, the noun between gone
    if tokens[k][0].lower() == "to":
        return False  # "to have", "to be": the infinitive
    if following.lower() in _AFTER_NO_PREPOSITION:
        return tokens[k][0].lower() not in ("than", "about", "for")  # "more than is", "what for is"
    return following in ".,;:)" and text[tokens[k][2] : start].isspace()


def _wrong_article(article: str, following: str) -> bool:
    """ "an" before a consonant, "a" before a vowel letter (the cases with exceptions left alone: h, u, "one",
    "eu-", acronyms): English spelling that a dropped word leaves behind ("an [attempt] to")."""
    if article == "the" or not following[:1].isalpha() or following.isupper() and len(following) > 1:
        return False
    first = following[0].lower()
    if article == "an":
        return first not in "aeiouh"
    return first in "aeio" and not following.lower().startswith(("one", "once", "eu", "ou"))


def broken_spots(text: str) -> list[tuple[int, int]]:
    """Character spans of the word pairs above in an English text (empty for well-formed English), and
    of a sentence glued into another (`_glued_sentence`)."""
    return list(_broken_spots(text))


@lru_cache(maxsize=4096)
def _broken_spots(text: str) -> tuple[tuple[int, int], ...]:
    tokens = [(m.group(0), m.start(), m.end()) for m in _EN_TOKENS.finditer(text)]
    out: list[tuple[int, int]] = []
    for k, (token, start, end) in enumerate(tokens):
        low = token.lower()
        following, next_end = (
            (tokens[k + 1][0].lower(), tokens[k + 1][2]) if k + 1 < len(tokens) else ("", end)
        )
        if low in _EN_ARTICLES:
            if token == "A" or low == "a" and text[end : end + 3].lower() in (".m.", ".m"):
                continue  # an initial ("A. Vanik"), "a.m."
            if _wrong_article(low, tokens[k + 1][0] if k + 1 < len(tokens) else ""):
                out.append((start, next_end))
                continue
            if following in _AFTER_NO_ARTICLE or following in ",;:)" or following in ("", "."):
                out.append((start, next_end))
        elif (
            low in _EN_PREPOSITIONS and following in (",", ";", ")") and low not in ("on", "from", "at", "in")
        ):
            out.append((start, next_end))  # ("on," "from," "in," end phrasal verbs: "to choose from,")
        elif (
            (low in _EN_PREPOSITIONS or low == "to")
            and _orphan_preposition(text, tokens, k)
            or following == "than"
            and low in _BEFORE_THAN
            or (
                low in ("is", "are", "was", "were", "been")
                and following == "by"
                and not text[next_end:].startswith(" far")
            )
            or low == following
            and low in _EN_PREPOSITIONS | _EN_ARTICLES
            or token.endswith("-")
            and len(token) > 2
            and (following in ",.;:!?)" or not following)
            or _glued_sentence(text, tokens, k)
        ):
            out.append((start, next_end))
    return tuple(sorted(set(out).union(extra_spots(text))))  # and the pairs a dropped verb or subject leaves


def rule_garbled(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """Words in no English order (a rendering scrambled): two broken word pairs, or one in a sentence whose
    links run in no order the original's could give. Major: the reader cannot tell what is claimed."""
    text = analysis.rendering_text
    if analysis.rendering_words and analysis.rendering_words[0].script != "latin":
        return RuleResult()
    spots = broken_spots(text)
    if not spots:
        return RuleResult()
    if len(spots) < 2 and analysis.order() >= analysis.settings.garbled_order:
        # One broken pair is not enough to call the whole rendering garbled, but it is a defect of the
        # rendering all the same (a word cut out there, most often): the score says so, no flag does.
        return RuleResult(penalties=(("broken", analysis.settings.broken_penalty),))
    span = (spots[0][0], spots[-1][1])
    return RuleResult(
        (
            Flag(
                "garbled",
                text[span[0] : span[1]],
                "major",
                detail=f"the rendering is not well-formed English here ({len(spots)} broken word pair(s))",
                rendering_span=span,
            ),
        )
    )


def _broken_omissions(analysis: Analysis, found: Found, blocked: set[int]) -> list[Flag]:
    """A source word the lexicon knows well, with no counterpart and nothing in its place, next to where
    the English is broken ("who has than 1 million" for «более 1 млн»): the word was dropped there
    (grammar.dropped_at finds it). A lone broken spot with no such word (rule_garbled only costs it the
    score) is still a finding: a major `garbled` flag on the English, as the reader cannot tell what
    was meant there."""
    spots = broken_spots(analysis.rendering_text)
    if not spots:
        return []
    settings = analysis.settings
    flags = []
    for spot, i in dropped_at(analysis, spots, blocked, settings.broken_known_prob):
        if i is not None:
            detail = "no counterpart in the rendering, and the English is broken where it should stand"
            flags.append(dropped_word(analysis.source_words[i], detail, spot))
        elif len(spots) == 1 and analysis.order() >= settings.garbled_order:  # (else rule_garbled's flag)
            flags.append(
                Flag(
                    "garbled",
                    analysis.rendering_text[spot[0] : spot[1]],
                    "major",
                    detail="the rendering is not well-formed English here: a word seems to be missing",
                    rendering_span=spot,
                )
            )
    return flags


# ------------------------------------------------------------------------------------------ the person
# Third-person pronouns with a gender (the Russian "им", "ним" are also plural, "его" also neuter: left
# out or harmless, as "its" has no gender).
_RU_FEMININE = frozenset("она ее ей нее ней ею".split())
_RU_MASCULINE = frozenset("он его ему него нему нем".split())
_EN_FEMININE = frozenset("she her hers herself".split())
_EN_MASCULINE = frozenset("he him his himself".split())


def _ru_gender(key: str) -> str:
    """ "femn"/"masc" for a personal pronoun of the tables above, "" otherwise. (Past-tense verbs show a
    gender too, but of their grammatical subject, as often a thing as a person: «команда помогла» / "his
    debut" is no change, so they are no evidence here.)"""
    if key in _RU_FEMININE:
        return "femn"
    if key in _RU_MASCULINE:
        return "masc"
    return ""


def rule_person(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """The person changed: every gendered word of the original is feminine and the rendering says only
    he/him/his, or the reverse («её сестры» / "his sister"). Major: another person is meant."""
    rendering_keys = [w.key for w in analysis.rendering_words]
    masculine = [j for j, key in enumerate(rendering_keys) if key in _EN_MASCULINE]
    feminine = [j for j, key in enumerate(rendering_keys) if key in _EN_FEMININE]
    if bool(masculine) == bool(feminine):
        return RuleResult()  # no gendered pronoun, or both: nothing to compare
    genders = {}
    for i, word in enumerate(analysis.source_words):
        if word.script == "cyrillic" and word.role != "name" and i not in found.source:
            gender = _ru_gender(word.key)
            if gender:
                genders.setdefault(gender, i)
    said = "masc" if masculine else "femn"
    if len(genders) != 1 or said in genders:
        return RuleResult()
    i = genders["femn" if said == "masc" else "masc"]
    j = (masculine or feminine)[0]
    source, target = analysis.source_words[i], analysis.rendering_words[j]
    who = ("a man", "a woman") if said == "masc" else ("a woman", "a man")
    detail = f"the rendering speaks of {who[0]} ({target.text!r}), the original of {who[1]} («{source.text}»)"
    return RuleResult((_word_pair_flag("substitution", source, target, "rendering", detail),))


_EN_FUTURE = frozenset(("will", "'ll", "shall"))
_RU_FUTURE_ENDINGS = ("ет", "ит", "ут", "ют", "ат", "ят", "ем", "им", "ешь", "ишь", "ете", "ите", "у", "ю")


@lru_cache(maxsize=200_000)
def _ru_future_form(key: str) -> bool:
    """A Russian form in the future tense (the ending first: most forms need no analysis)."""
    return key.endswith(_RU_FUTURE_ENDINGS) and ru_is_future(key)


def _future(words_: list[Word], lang: str) -> bool:
    if lang == "en":
        return not _EN_FUTURE.isdisjoint([w.key for w in words_])
    return any(map(_ru_future_form, [w.key for w in words_ if w.script == "cyrillic" and w.role != "name"]))


def rule_mood(analysis: Analysis, found: Found, cut_at_end: bool) -> RuleResult:
    """A statement rendered as a question or the reverse, the future on one side only ("разорвали" / "will
    sever"): no flag type of their own, they show as penalties in the evidence."""
    if found.ignored:
        return RuleResult()
    penalties = []
    if analysis.source_text.count("?") != analysis.rendering_text.count("?"):
        penalties.append(("question", analysis.settings.question_penalty))
    if _future(analysis.source_words, "ru") != _future(analysis.rendering_words, "en"):
        penalties.append(("tense", analysis.settings.tense_penalty))
    return RuleResult(penalties=tuple(penalties))


# The registry: every rule, in the order it runs (a rule sees what the ones before it found).
RULES: tuple[tuple[str, Rule], ...] = (
    ("interpolation", rule_interpolation),
    ("truncation", rule_truncation),
    ("numbers", rule_numbers),
    ("names", rule_names),
    ("clauses", rule_clauses),
    ("negation", rule_negation),
    ("hedges", rule_hedges),
    ("antonyms", rule_antonyms),
    ("person", rule_person),
    ("untranslated", rule_untranslated),
    ("garbled", rule_garbled),
    ("runs", rule_runs),
    ("mood", rule_mood),
)


def run_checks(analysis: Analysis, source_cut_at_end: bool = False) -> Checked:
    """Every rule of `RULES` on one analysed segment pair, and the penalties their flags bring.

    `source_cut_at_end`: the known original stops mid-sentence, so an unmatched rendering tail is not the
    translator's addition (the caller marks those words as ignored) and not a truncation.
    """
    found = Found(ignored=frozenset(analysis.ignored))
    flags: list[Flag] = []
    extra: list[tuple[str, float]] = []
    for _name, rule in RULES:
        result = rule(analysis, found, source_cut_at_end)
        flags.extend(result.flags)
        extra.extend(result.penalties)
        if not (result.source or result.rendering or result.ignored or result.tail_start is not None):
            continue  # nothing new to hand on (most rules, most segments)
        found = Found(
            source=found.source | result.source,
            rendering=found.rendering | result.rendering,
            ignored=found.ignored | result.ignored,
            tail_start=result.tail_start if result.tail_start is not None else found.tail_start,
        )
    return Checked(flags, penalties(flags, analysis.settings, extra), found.ignored, found)


def penalties(flags: list[Flag], settings, extra: Iterable[tuple[str, float]] = ()) -> dict[str, float]:
    """The score's factor per kind of finding (floored: many flags of one kind, the score says enough)."""
    out: dict[str, float] = {}
    for flag in flags:
        factor = settings.penalty(flag.type, flag.severity)
        if flag.type == "negation" and flag.severity == "major":
            factor = settings.moved_negation_penalty
        elif flag.type == "negation" and flag.severity in ("minor", "major"):
            factor = settings.uneven_negation_penalty
        if factor is None:
            continue
        out[flag.type] = out.get(flag.type, 1.0) * factor
    for kind in out:
        out[kind] = max(out[kind], settings.penalty_floor)
    for kind, factor in extra:
        out[kind] = factor
    return out


def rule_names_signature() -> str:
    return "+".join(name for name, _ in RULES)
