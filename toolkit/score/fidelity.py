"""Reference-free fidelity: how much of the original's content the rendering carries, and nothing else.

Words of both sides are matched one-to-one by translation strength (lexicon over lemmas, names by
transliteration, digits exactly); coverage of the source (recall) and of the rendering (precision) are
weighted by content (names and numbers weigh most, function words almost nothing). Their harmonic
mean is corrected for a length mismatch and for scrambled word order. The checks (numbers, names,
negation, untranslated text) then scale the score down. Every step leaves evidence behind.
"""

from __future__ import annotations

import bisect
import math
import operator
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from toolkit import __version__
from toolkit.score.base import Metric, Score
from toolkit.score.lexical import candidate_links, lexicon_id, warm_up
from toolkit.score.numbers import NumberMention, find_numbers, number_links
from toolkit.score.words import CONTENT_ROLES, Word, words

SECOND_USE = 0.5  # credit for a word whose counterpart is already taken (fertility, repetition)
LINK_MIN = 0.25  # weaker pairs are not links
LENGTH_LOG_RATIO = 0.06  # log(English length / Russian length) of a typical translation (WMT21 median)
LENGTH_TOLERANCE = 0.0  # deviation of the log ratio allowed before the length factor bites
LENGTH_TRUSTED = 80  # characters (both sides) from which the length ratio is fully trusted
LENGTH_SLOPE = 0.3  # gentle: a rendering off the usual length loses a little, never much
ORDER_WEIGHT = 0.4  # how much a scrambled order can take off
# F-beta: an omission weighs more than an addition (chosen on DEMETR dev: 1.0 misses too many removals).
RECALL_BETA = 1.5
# A probable unlisted translation (same gap between links) earns the segment's lexical recall (was 0.5 of it).
GAP_CREDIT = 1.0
COST_CAP = 12  # the per-word costs stop growing here (a long paragraph is not worse for being long)
ORDER_SAMPLE = 300  # links used for the order statistic
CHUNK_WORDS = 150  # longer segments are matched window by window along the diagonal
GAP_WINDOW = 50  # free rendering words considered per uncovered source word
OMISSION_RUN_COST = 0.2  # per uncovered content word in a run beyond OMISSION_RUN_FREE
OMISSION_RUN_FREE = 2
ADDITION_RUN_COST = 0.15  # per unexplained content word in a run beyond OMISSION_RUN_FREE
ADDITION_COST = 0.02  # per unit of unexplained rendering content


class Link(NamedTuple):
    """A matched pair of words (a named tuple: made for every link of every segment)."""

    source: int
    target: int
    strength: float
    how: str


_make_link = tuple.__new__
_first = operator.itemgetter(0)
_source_and_target = operator.itemgetter(0, 1)  # (Link.source, Link.target)


@dataclass
class Analysis:
    """The matching of one segment pair; `fidelity()` turns it into a number."""

    source_text: str
    rendering_text: str
    source_words: list[Word]
    rendering_words: list[Word]
    links: list[Link]
    source_credit: list[float]
    rendering_credit: list[float]
    penalties: dict[str, float] = field(default_factory=dict)
    # Rendering words that are not the translator's to answer for (no original known, marked insertions).
    ignored: set[int] = field(default_factory=set)
    # (i, j): an uncovered source word and an unexplained rendering word in the same gap between links,
    # probably a translation the lexicon does not know; they earn partial credit in the score only.
    gaps: list[tuple[int, int]] = field(default_factory=list)
    # Number mentions of the source and the rendering (matched as wholes, then checked).
    numbers: tuple[list[NumberMention], list[NumberMention]] | None = None
    # Terms fidelity() and evidence() both read, made once. The matching (words, links, credits, gaps) is
    # final once analysed; what the checks and callers still change (ignored) is part of the key.
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def _gap_credit(self) -> float:
        value = self._memo.get("gap_credit")
        if value is None:
            value = min(1.0, GAP_CREDIT * _coverage(self.source_words, self.source_credit, ()))
            self._memo["gap_credit"] = value
        return value

    def _effective(self, side: int) -> list[float]:
        """Credits with the gap pairs' partial credit: side 0 the source's, 1 the rendering's (shared)."""
        credit = self._memo.get(side)
        if credit is None:
            credit = list(self.rendering_credit if side else self.source_credit)
            if self.gaps:  # (the gap credit is worth computing only when there are gaps to give it to)
                value = self._gap_credit()
                for pair in self.gaps:
                    k = pair[side]
                    if value > credit[k]:
                        credit[k] = value
            self._memo[side] = credit
        return credit

    def effective_source_credit(self) -> list[float]:
        return list(self._effective(0))

    def effective_rendering_credit(self) -> list[float]:
        return list(self._effective(1))

    def recall(self) -> float:
        value = self._memo.get("recall")
        if value is None:
            value = self._memo["recall"] = _coverage(self.source_words, self._effective(0), ())
        return value

    def precision(self) -> float:
        key = ("precision", frozenset(self.ignored)) if self.ignored else "precision"
        value = self._memo.get(key)
        if value is None:
            value = self._memo[key] = _coverage(self.rendering_words, self._effective(1), self.ignored)
        return value

    def length_factor(self) -> float:
        """1 when the rendering is as long as a translation of this source usually is, less when not.

        Lengths are in characters of words (the most stable ratio across translations); English runs
        about LENGTH_LOG_RATIO (log) longer than Russian."""
        key = ("length_factor", frozenset(self.ignored)) if self.ignored else "length_factor"
        value = self._memo.get(key)
        if value is not None:
            return value
        source_length = sum(map(len, [w.text for w in self.source_words])) + len(self.source_words)
        ignored = self.ignored
        if ignored:
            kept = [w.text for j, w in enumerate(self.rendering_words) if j not in ignored]
        else:
            kept = [w.text for w in self.rendering_words]
        rendering_length = sum(map(len, kept)) + len(kept)
        if source_length <= 0 or rendering_length <= 0:
            value = 1.0 if source_length == rendering_length else 0.0
        else:
            excess = abs(math.log(rendering_length / source_length) - LENGTH_LOG_RATIO) - LENGTH_TOLERANCE
            value = math.exp(-LENGTH_SLOPE * max(0.0, excess))
        self._memo[key] = value
        return value

    def order(self) -> float:
        """1 for a monotone or locally coherent order, towards 0 for words in random order."""
        value = self._memo.get("order")
        if value is None:
            value = self._memo["order"] = self._order()
        return value

    def _order(self) -> float:
        # Source positions of the sure links in rendering order (a stable sort on the target, as ever).
        strong = [(k.target, k.source) for k in self.links if k.strength >= 0.5]
        strong.sort(key=_first)
        sources = [source for _, source in strong]
        if len(sources) < 4:
            return 1.0
        # Adjacent rendering links whose source words are near each other: phrases moved whole keep this.
        near = sum(1 for a, b in zip(sources, sources[1:], strict=False) if -2 <= a - b <= 2)
        local = near / (len(sources) - 1)
        sample = sources[:: max(1, len(sources) // ORDER_SAMPLE)]  # bounded for huge lines
        # Concordant pairs (x before y in the rendering and in the source): for each link, how many
        # earlier ones have a smaller source index, read off a sorted list of those seen so far.
        concordant = 0
        seen: list[int] = []
        for source in sample:
            position = bisect.bisect_left(seen, source)
            concordant += position
            seen.insert(position, source)
        pairs = len(sample) * (len(sample) - 1) / 2
        monotone = concordant / pairs
        return max(local, monotone)

    def fidelity(self) -> float:
        source_credit = self._effective(0)  # made once: every term below reads them
        rendering_credit = self._effective(1)
        recall = self.recall()
        precision = self.precision()
        if recall + precision == 0:
            return 0.0
        beta2 = RECALL_BETA**2
        f_score = (1 + beta2) * recall * precision / (beta2 * precision + recall)
        order_factor = 1.0 - ORDER_WEIGHT * max(0.0, 0.75 - self.order()) / 0.75
        # Each unexplained rendering word costs a little on its own, whatever the sentence length: ratios
        # alone barely move when one word is slipped into a long sentence.
        unexplained = sum(
            w.weight * (1.0 - c)
            for j, (w, c) in enumerate(zip(self.rendering_words, rendering_credit, strict=True))
            if j not in self.ignored and w.role in CONTENT_ROLES  # w.is_content, without a call per word
        )
        value = f_score * self.length_factor() * order_factor
        value *= math.exp(-ADDITION_COST * min(unexplained, COST_CAP))
        # A run of uncovered source words is how a dropped clause looks; scattered gaps are lexicon gaps.
        run = min(self.longest_uncovered_run(source_credit), COST_CAP)
        value *= math.exp(-OMISSION_RUN_COST * max(0, run - OMISSION_RUN_FREE))
        # Likewise a run of unexplained rendering words is how an inserted clause looks.
        run = min(self.longest_unexplained_run(rendering_credit), COST_CAP)
        value *= math.exp(-ADDITION_RUN_COST * max(0, run - OMISSION_RUN_FREE))
        for factor in self.penalties.values():
            value *= factor
        return max(0.0, min(1.0, value))

    def longest_uncovered_run(self, credit: list[float] | None = None) -> int:
        """Most consecutive uncovered source content words (function words in between do not break it)."""
        if credit is None:
            credit = self.effective_source_credit()
        longest = current = 0
        for word, value in zip(self.source_words, credit, strict=True):
            if word.role not in CONTENT_ROLES:  # not word.is_content (a property call per word)
                continue
            current = current + 1 if value < 0.25 else 0
            if current > longest:
                longest = current
        return longest

    def longest_unexplained_run(self, credit: list[float] | None = None) -> int:
        """Most consecutive unexplained rendering content words (ignored words break a run)."""
        if credit is None:
            credit = self.effective_rendering_credit()
        longest = current = 0
        ignored = self.ignored
        for j, (word, value) in enumerate(zip(self.rendering_words, credit, strict=True)):
            if j in ignored:
                current = 0
                continue
            if word.role not in CONTENT_ROLES:
                continue
            current = current + 1 if value < 0.25 else 0
            if current > longest:
                longest = current
        return longest

    def evidence(self) -> dict:
        """Matched pairs with strengths, uncovered source words, unexplained rendering words."""
        source_words, rendering_words = self.source_words, self.rendering_words
        return {
            "matched": [
                {
                    "source": source_words[source].text,
                    "rendering": rendering_words[target].text,
                    "strength": round(strength, 3),
                    "how": how,
                }
                for source, target, strength, how in sorted(self.links, key=_source_and_target)
            ],
            "uncovered_source": [
                w.text
                for w, c in zip(self.source_words, self.source_credit, strict=False)
                if c < 0.25 and w.role in CONTENT_ROLES
            ],
            "unexplained_rendering": [
                w.text
                for w, c in zip(self.rendering_words, self.rendering_credit, strict=False)
                if c < 0.25 and w.role in CONTENT_ROLES
            ],
            "probable_unlisted_translations": [
                [self.source_words[i].text, self.rendering_words[j].text] for i, j in self.gaps
            ],
            "recall": round(self.recall(), 4),
            "precision": round(self.precision(), 4),
            "length_factor": round(self.length_factor(), 4),
            "order": round(self.order(), 4),
            "penalties": {k: round(v, 4) for k, v in sorted(self.penalties.items())},
        }


def _coverage(items: Sequence[Word], credit: Sequence[float], ignore: Collection[int]) -> float:
    """Weighted share of credit (called several times per segment: one plain loop, same sums)."""
    total = got = 0.0
    if ignore:
        for j, word in enumerate(items):
            if j not in ignore:
                total += word.weight
                if j < len(credit):
                    got += word.weight * credit[j]
    elif len(credit) == len(items):  # the usual case: one pass, the same two sums in the same order
        for word, value in zip(items, credit, strict=True):
            weight = word.weight
            total += weight
            got += weight * value
    else:
        for word in items:
            total += word.weight
        for word, value in zip(items, credit, strict=False):
            got += word.weight * value
    if total <= 0:
        return 1.0
    return got / total


def _windowed_links(
    source_words: list[Word], rendering_words: list[Word]
) -> list[tuple[float, int, int, str]]:
    """All candidate links, or for a very long segment (a whole article on one line) the links within
    overlapping windows along the diagonal, so the work grows linearly rather than quadratically."""
    n, m = len(source_words), len(rendering_words)
    if max(n, m) <= 2 * CHUNK_WORDS:
        return candidate_links(source_words, rendering_words, LINK_MIN)
    found: dict[tuple[int, int], tuple[float, int, int, str]] = {}
    step = CHUNK_WORDS
    for s_start in range(0, n, step):
        s_stop = min(n, s_start + step)
        t_start = max(0, int(s_start * m / n) - step // 2)
        t_stop = min(m, int(s_stop * m / n) + step // 2)
        for value, i, j, how in candidate_links(
            source_words[s_start:s_stop], rendering_words[t_start:t_stop], LINK_MIN
        ):
            found[(s_start + i, t_start + j)] = (value, s_start + i, t_start + j, how)
    return list(found.values())


def match(
    source_words: Sequence[Word],
    rendering_words: Sequence[Word],
    extra: Sequence[tuple[float, int, int, str]] = (),
) -> tuple[list[Link], list[float], list[float]]:
    """Greedy one-to-one matching by strength (ties: nearer relative position first), then second uses.

    `extra`: candidate links found over several words at once (equal number mentions)."""
    n, m = len(source_words), len(rendering_words)
    # Ties go to the nearer pair: by relative position, or by absolute position when one side is cut short.
    # (Positions are divided out once per word; each distance is the same expression as written.)
    relative_source = [(i + 0.5) / n for i in range(n)]
    relative_target = [(j + 0.5) / m for j in range(m)]
    longest = max(n, m)
    candidates = []
    for value, i, j, how in [*_windowed_links(list(source_words), list(rendering_words)), *extra]:
        relative = abs(relative_source[i] - relative_target[j])
        absolute = abs(i - j) / longest
        candidates.append((-value, relative if relative <= absolute else absolute, i, j, how))
    candidates.sort()
    source_credit = [0.0] * n
    rendering_credit = [0.0] * m
    links: list[Link] = []
    for negative, _distance, i, j, how in candidates:
        if source_credit[i] == 0.0 and rendering_credit[j] == 0.0:
            source_credit[i] = rendering_credit[j] = -negative
            links.append(_make_link(Link, (i, j, -negative, how)))
    # Words left over may still be explained by an already-used counterpart (генсек -> general secretary).
    for negative, _distance, i, j, _how in candidates:
        value = -negative * SECOND_USE
        if source_credit[i] < value:
            source_credit[i] = value
        if rendering_credit[j] < value:
            rendering_credit[j] = value
    return links, source_credit, rendering_credit


def gap_pairs(
    source_words: Sequence[Word],
    rendering_words: Sequence[Word],
    links: list[Link],
    source_credit: list[float],
    rendering_credit: list[float],
) -> list[tuple[int, int]]:
    """Pair uncovered source content words with unexplained rendering content words lying between the
    same two anchor links (or the same sentence edge), nearest expected position first, one-to-one."""
    free_source = [
        i for i, w in enumerate(source_words) if source_credit[i] < 0.25 and w.role in CONTENT_ROLES
    ]
    if not free_source:
        return []
    free_target = {
        j for j, w in enumerate(rendering_words) if rendering_credit[j] < 0.25 and w.role in CONTENT_ROLES
    }
    if not free_target:
        return []
    anchors = sorted([(k.source, k.target) for k in links if k.strength >= 0.5])
    if not anchors:
        return []
    n, m = len(source_words), len(rendering_words)
    anchor_sources = [a[0] for a in anchors]
    free_targets = sorted(free_target)
    options: list[tuple[float, int, int]] = []
    for i in free_source:
        k = bisect.bisect_left(anchor_sources, i)
        low_s, low_t = anchors[k - 1] if k > 0 else (-1, -1)
        k_after = bisect.bisect_right(anchor_sources, i)
        high_s, high_t = anchors[k_after] if k_after < len(anchors) else (n, m)
        if high_t < low_t:  # crossing anchors: the gap is not well defined
            continue
        expected = low_t + (i - low_s) * (high_t - low_t) / max(1, high_s - low_s)
        start = bisect.bisect_right(free_targets, low_t)
        stop = bisect.bisect_left(free_targets, high_t)
        for j in free_targets[start:stop][:GAP_WINDOW]:
            options.append((abs(j - expected), i, j))
    options.sort()
    used_source: set[int] = set()
    used_target: set[int] = set()
    pairs = []
    for _distance, i, j in options:
        if i not in used_source and j not in used_target:
            used_source.add(i)
            used_target.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def analyse(source: str, rendering: str, source_lang: str = "ru", target_lang: str = "en") -> Analysis:
    source_words = words(source, source_lang)  # the same original often comes back with another rendering
    rendering_words = words(rendering, target_lang, cached=False)
    numbers = (
        find_numbers(source_words, source_lang, source),
        find_numbers(rendering_words, target_lang, rendering),
    )
    links, source_credit, rendering_credit = match(
        source_words, rendering_words, number_links(*numbers, source_words, rendering_words)
    )
    gaps = gap_pairs(source_words, rendering_words, links, source_credit, rendering_credit)
    return Analysis(
        source,
        rendering,
        source_words,
        rendering_words,
        links,
        source_credit,
        rendering_credit,
        gaps=gaps,
        numbers=numbers,
    )


def _settings_digest() -> str:
    """Short hash of every tunable constant and word table (thresholds, stoplists, number words, patterns),
    so changed settings change the signature."""
    import hashlib
    import re

    from toolkit.score import checks, lexical, numbers, stoplists, words

    def stable(value: object) -> object:
        if isinstance(value, (set, frozenset)):
            return sorted(map(repr, value))  # set order varies with PYTHONHASHSEED
        if isinstance(value, re.Pattern):
            return value.pattern
        return value

    values = [
        (module.__name__, name, stable(getattr(module, name)))
        for module in (sys.modules[__name__], lexical, checks, words, numbers, stoplists)
        for name in sorted(vars(module))
        if name.isupper()
        and isinstance(getattr(module, name), (int, float, str, dict, tuple, set, frozenset, re.Pattern))
        # private mutable tables are run-time caches (numbers._VALUES fills as words are met), not settings
        and not (name.startswith("_") and isinstance(getattr(module, name), (dict, set)))
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:8]


def fidelity_signature() -> str:
    return (
        f"fidelity|lex:{lexicon_id()}|match:greedy-1to1|names:translit|numbers:exact"
        f"|checks:num+name+neg+untr+interp+trunc+question+tense|order:yes|length:yes|beta:{RECALL_BETA}|settings:{_settings_digest()}"
        f"|tct:{__version__}"
    )


class Fidelity(Metric):
    """Reference-free fidelity in [0, 1] of a rendering to its source (never uses a reference)."""

    name = "fidelity"
    needs_source = True

    def __init__(self, source_lang: str = "ru", target_lang: str = "en") -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        warm_up()

    def signature(self) -> str:
        return fidelity_signature()

    def sentence_score(
        self, hypothesis: str, references: Sequence[str] | None = None, source: str | None = None
    ) -> Score:
        from toolkit.score.checks import run_checks

        if source is None:
            return Score(self.name, None, self.signature())
        analysis = analyse(source, hypothesis, self.source_lang, self.target_lang)
        run_checks(analysis)
        return Score(self.name, round(analysis.fidelity(), 4), self.signature())

    def corpus_score(
        self,
        hypotheses: Sequence[str],
        references: Sequence[Sequence[str]] | None = None,
        sources: Sequence[str] | None = None,
    ) -> Score:
        if sources is None:
            return Score(self.name, None, self.signature())
        return Score(self.name, corpus_fidelity(self._analyses(sources, hypotheses)), self.signature())

    def segment_and_corpus_scores(
        self, hypotheses: Sequence[str], sources: Sequence[str]
    ) -> tuple[list[float], Score]:
        """Per-segment fidelities and the corpus score from one pass (paired tests need both)."""
        analyses = self._analyses(sources, hypotheses)
        return [round(a.fidelity(), 4) for a in analyses], Score(
            self.name, corpus_fidelity(analyses), self.signature()
        )

    def _analyses(self, sources: Iterable[str], hypotheses: Iterable[str]) -> list[Analysis]:
        from toolkit.score.checks import run_checks

        out = []
        for source, hypothesis in zip(sources, hypotheses, strict=False):
            analysis = analyse(source, hypothesis, self.source_lang, self.target_lang)
            run_checks(analysis)
            out.append(analysis)
        return out


def segment_mass(analysis: Analysis) -> float:
    return sum(w.weight for w in analysis.source_words) + sum(w.weight for w in analysis.rendering_words)


def corpus_fidelity(analyses: Sequence[Analysis]) -> float | None:
    """Content-weighted mean of segment fidelities (a long sentence counts for more than a short one)."""
    total = sum(segment_mass(a) for a in analyses)
    if not analyses or total <= 0:
        return None
    return round(sum(a.fidelity() * segment_mass(a) for a in analyses) / total, 4)
