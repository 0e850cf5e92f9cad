"""Matching one segment pair: words of both sides paired one-to-one by translation strength, the credit
each word earns, and the unverified pairs (lexicon gaps) between them. `Analysis` holds the result and
turns it into the fidelity number; the checks (toolkit/score/checks.py) read it and never change it.

Words of both sides are matched by translation strength (lexicon over lemmas, names by transliteration,
digits exactly, near-synonyms through WordNet); coverage of the source (recall) and of the rendering
(precision) are weighted by content (names and numbers weigh most, function words nothing). Their
F-score is corrected for a length mismatch and for scrambled word order; the checks' penalties then
scale it down. Every step leaves evidence behind.
"""

from __future__ import annotations

import bisect
import math
import operator
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from toolkit.score.lexical import candidate_links, phrase_matches, related_pairs, well_known
from toolkit.score.numbers import NumberMention, find_numbers, number_links
from toolkit.score.settings import DEFAULT_SETTINGS, FidelitySettings
from toolkit.score.words import CONTENT_ROLES, Word, words


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
    # The share of the gap credit each pair earns (`gap_weights`, parallel to `gaps`).
    gap_weights: tuple[float, ...] = ()
    # Number mentions of the source and the rendering (matched as wholes, then checked).
    numbers: tuple[list[NumberMention], list[NumberMention]] | None = None
    # Uncovered source words (unexplained rendering words) with something on the other side that may
    # stand for them: a free word in the same gap, or a gap that crossing links leave undefined. Such a
    # word is a lexicon gap, never an omission (addition) on its own.
    unclear_source: frozenset[int] = frozenset()
    unclear_rendering: frozenset[int] = frozenset()
    # (i, j): a rendering word that is a WordNet antonym of a sure translation of source word i.
    antonyms: list[tuple[int, int]] = field(default_factory=list)
    settings: FidelitySettings = DEFAULT_SETTINGS
    # Terms fidelity() and evidence() both read, made once: an Analysis is never changed once made (the
    # checks' penalties and ignored words make a new one through dataclasses.replace).
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def _gap_credit(self) -> float:
        value = self._memo.get("gap_credit")
        if value is None:
            value = min(1.0, self.settings.gap_credit * _coverage(self.source_words, self.source_credit, ()))
            self._memo["gap_credit"] = value
        return value

    def _effective(self, side: int) -> list[float]:
        """Credits with the gap pairs' partial credit: side 0 the source's, 1 the rendering's (shared)."""
        credit = self._memo.get(side)
        if credit is None:
            credit = list(self.rendering_credit if side else self.source_credit)
            if self.gaps:  # (the gap credit is worth computing only when there are gaps to give it to)
                value = self._gap_credit()
                weights = self.gap_weights or (1.0,) * len(self.gaps)
                for pair, weight in zip(self.gaps, weights, strict=True):
                    k = pair[side]
                    if value * weight > credit[k]:
                        credit[k] = value * weight
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
        about settings.length_log_ratio (log) longer than Russian."""
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
            excess = (
                abs(math.log(rendering_length / source_length) - self.settings.length_log_ratio)
                - self.settings.length_tolerance
            )
            # A short segment's ratio says little ("Почему?" / "Why?"): trusted in proportion to its length.
            trust = min(1.0, (source_length + rendering_length) / self.settings.length_trusted)
            value = math.exp(-self.settings.length_slope * trust * max(0.0, excess))
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
        strong = [(k.target, k.source) for k in self.links if k.strength >= self.settings.anchor_min]
        strong.sort(key=_first)
        sources = [source for _, source in strong]
        if len(sources) < 4:
            return 1.0
        # Adjacent rendering links whose source words are near each other: phrases moved whole keep this.
        near = sum(1 for a, b in zip(sources, sources[1:], strict=False) if -2 <= a - b <= 2)
        local = near / (len(sources) - 1)
        sample = sources[:: max(1, len(sources) // self.settings.order_sample)]  # bounded for huge lines
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
        settings = self.settings
        beta2 = settings.recall_beta**2
        f_score = (1 + beta2) * recall * precision / (beta2 * precision + recall)
        order_factor = 1.0 - settings.order_weight * max(0.0, 0.75 - self.order()) / 0.75
        # Each unexplained rendering word costs a little on its own, whatever the sentence length: ratios
        # alone barely move when one word is slipped into a long sentence.
        unexplained = sum(
            w.weight * (1.0 - c)
            for j, (w, c) in enumerate(zip(self.rendering_words, rendering_credit, strict=True))
            if j not in self.ignored and w.role in CONTENT_ROLES  # w.is_content, without a call per word
        )
        value = f_score * self.length_factor() * order_factor
        value *= math.exp(-settings.addition_cost * min(unexplained, settings.cost_cap))
        # A run of uncovered source words is how a dropped clause looks; scattered gaps are lexicon gaps.
        run = min(self.longest_uncovered_run(source_credit), settings.cost_cap)
        value *= math.exp(-settings.omission_run_cost * max(0, run - settings.run_free))
        # Likewise a run of unexplained rendering words is how an inserted clause looks.
        run = min(self.longest_unexplained_run(rendering_credit), settings.cost_cap)
        value *= math.exp(-settings.addition_run_cost * max(0, run - settings.run_free))
        # The coverage product on a reader's scale (see FidelitySettings.coverage_exponent); the findings'
        # penalties then apply in full, so a flagged sentence reads below a faithful one.
        value = value**settings.coverage_exponent if value > 0 else 0.0
        for factor in self.penalties.values():
            value *= factor
        return max(0.0, min(1.0, value))

    def longest_uncovered_run(self, credit: list[float] | None = None) -> int:
        """Most consecutive uncovered source content words (function words in between do not break it)."""
        if credit is None:
            credit = self.effective_source_credit()
        covered = self.settings.covered
        longest = current = 0
        for word, value in zip(self.source_words, credit, strict=True):
            if word.role not in CONTENT_ROLES:  # not word.is_content (a property call per word)
                continue
            current = current + 1 if value < covered else 0
            if current > longest:
                longest = current
        return longest

    def longest_unexplained_run(self, credit: list[float] | None = None) -> int:
        """Most consecutive unexplained rendering content words (ignored words break a run)."""
        if credit is None:
            credit = self.effective_rendering_credit()
        covered = self.settings.covered
        longest = current = 0
        ignored = self.ignored
        for j, (word, value) in enumerate(zip(self.rendering_words, credit, strict=True)):
            if j in ignored:
                current = 0
                continue
            if word.role not in CONTENT_ROLES:
                continue
            current = current + 1 if value < covered else 0
            if current > longest:
                longest = current
        return longest

    def evidence(self) -> dict:
        """Matched pairs with strengths, uncovered source words, unexplained rendering words."""
        source_words, rendering_words = self.source_words, self.rendering_words
        covered = self.settings.covered
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
                if c < covered and w.role in CONTENT_ROLES
            ],
            "unexplained_rendering": [
                w.text
                for w, c in zip(self.rendering_words, self.rendering_credit, strict=False)
                if c < covered and w.role in CONTENT_ROLES
            ],
            # Probable correspondences the lexicon does not know: credited in the score, never flagged.
            "unverified_pairs": [
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
    source_words: list[Word], rendering_words: list[Word], settings: FidelitySettings
) -> list[tuple[float, int, int, str]]:
    """All candidate links, or for a very long segment (a whole article on one line) the links within
    overlapping windows along the diagonal, so the work grows linearly rather than quadratically."""
    n, m = len(source_words), len(rendering_words)
    step = settings.chunk_words
    if max(n, m) <= 2 * step:
        return candidate_links(source_words, rendering_words, settings.link_min)
    found: dict[tuple[int, int], tuple[float, int, int, str]] = {}
    for s_start in range(0, n, step):
        s_stop = min(n, s_start + step)
        t_start = max(0, int(s_start * m / n) - step // 2)
        t_stop = min(m, int(s_stop * m / n) + step // 2)
        for value, i, j, how in candidate_links(
            source_words[s_start:s_stop], rendering_words[t_start:t_stop], settings.link_min
        ):
            found[(s_start + i, t_start + j)] = (value, s_start + i, t_start + j, how)
    return list(found.values())


def match(
    source_words: Sequence[Word],
    rendering_words: Sequence[Word],
    extra: Sequence[tuple[float, int, int, str]] = (),
    settings: FidelitySettings = DEFAULT_SETTINGS,
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
    for value, i, j, how in [*_windowed_links(list(source_words), list(rendering_words), settings), *extra]:
        relative = abs(relative_source[i] - relative_target[j])
        absolute = abs(i - j) / longest
        candidates.append((-value, relative if relative <= absolute else absolute, i, j, how))
    candidates.sort()
    source_credit = [0.0] * n
    rendering_credit = [0.0] * m
    links: list[Link] = []
    sure, sure_credit = settings.anchor_min, settings.sure_credit
    for negative, _distance, i, j, how in candidates:
        if source_credit[i] == 0.0 and rendering_credit[j] == 0.0:
            value = -negative
            # The strength ranked the candidates; a sure link, once chosen, accounts for both words.
            source_credit[i] = rendering_credit[j] = sure_credit if value >= sure else value
            links.append(_make_link(Link, (i, j, value, how)))
    # Words left over may still be explained by an already-used counterpart (генсек -> general secretary).
    second_use = settings.second_use
    for negative, _distance, i, j, _how in candidates:
        value = -negative * second_use
        if source_credit[i] < value:
            source_credit[i] = value
        if rendering_credit[j] < value:
            rendering_credit[j] = value
    return links, source_credit, rendering_credit


def _free(words_: Sequence[Word], credit: Sequence[float], covered: float) -> list[int]:
    return [k for k, w in enumerate(words_) if credit[k] < covered and w.role in CONTENT_ROLES]


def synonym_links(
    source_words: Sequence[Word],
    rendering_words: Sequence[Word],
    source_credit: list[float],
    rendering_credit: list[float],
    settings: FidelitySettings,
) -> tuple[list[Link], list[tuple[int, int]]]:
    """Links between words still free on both sides whose relation the lexicon shows only through
    WordNet (a near-synonym or derivative of a translation: необъятную ~ "unlimited" through "immense"),
    and the antonym pairs found on the way (рост ~ "decrease" through "increase")."""
    free_source = _free(source_words, source_credit, settings.covered)
    free_target = _free(rendering_words, rendering_credit, settings.covered)
    if not free_source or not free_target:
        return [], []
    found = related_pairs(
        [source_words[i] for i in free_source],
        [rendering_words[j] for j in free_target],
        settings.synonym_translations,
        settings.chunk_words,
    )
    links: list[Link] = []
    antonyms: list[tuple[int, int]] = []
    used_source: set[int] = set()
    used_target: set[int] = set()
    for a, b, kind in found:
        i, j = free_source[a], free_target[b]
        if kind == "antonym":
            antonyms.append((i, j))
        elif i not in used_source and j not in used_target:
            used_source.add(i)
            used_target.add(j)
            links.append(_make_link(Link, (i, j, settings.synonym_strength, "wordnet")))
    return links, antonyms


def phrase_credit(
    source_words: Sequence[Word],
    rendering_words: Sequence[Word],
    source_credit: list[float],
    rendering_credit: list[float],
    settings: FidelitySettings,
) -> None:
    """Credit the words of each multi-word expression rendered as a unit («во время» / "during", «провёл
    встречу» / "met"): none of them is left uncovered, and the English word that renders them is
    explained. (No link: the English word is often a function word, which anchors nothing.)"""
    sure = settings.sure_credit
    for span, j in phrase_matches(list(source_words), list(rendering_words)):
        for i in span:
            if source_credit[i] < sure:
                source_credit[i] = sure
        if rendering_credit[j] < sure:
            rendering_credit[j] = sure


def gap_pairs(
    source_words: Sequence[Word],
    rendering_words: Sequence[Word],
    links: list[Link],
    source_credit: list[float],
    rendering_credit: list[float],
    settings: FidelitySettings = DEFAULT_SETTINGS,
) -> tuple[list[tuple[int, int]], frozenset[int], frozenset[int]]:
    """Unverified pairs: uncovered source content words with unexplained rendering content words lying
    between the same two anchor links (or next to the partners of their neighbours, where crossing
    links leave the gap undefined: «необъятную власть» / "unlimited authority"), nearest expected
    position first, one-to-one.

    Also returned: the source and rendering words that had any candidate on the other side, or no
    well-defined gap at all (the checks never call those omissions or additions)."""
    covered = settings.covered
    free_source = _free(source_words, source_credit, covered)
    free_target = set(_free(rendering_words, rendering_credit, covered))
    anchors = sorted([(k.source, k.target) for k in links if k.strength >= settings.anchor_min])
    if not free_source or not free_target or not anchors:
        return [], frozenset(), frozenset()
    n, m = len(source_words), len(rendering_words)
    anchor_sources = [a[0] for a in anchors]
    partner = dict(anchors)
    free_targets = sorted(free_target)
    options: list[tuple[float, int, int]] = []
    unclear_source: set[int] = set()
    unclear_target: set[int] = set()
    for i in free_source:
        k = bisect.bisect_left(anchor_sources, i)
        low_s, low_t = anchors[k - 1] if k > 0 else (-1, -1)
        k_after = bisect.bisect_right(anchor_sources, i)
        high_s, high_t = anchors[k_after] if k_after < len(anchors) else (n, m)
        candidates: list[tuple[float, int]] = []
        if high_t >= low_t:
            expected = low_t + (i - low_s) * (high_t - low_t) / max(1, high_s - low_s)
            start = bisect.bisect_right(free_targets, low_t)
            stop = bisect.bisect_left(free_targets, high_t)
            candidates = [(abs(j - expected), j) for j in free_targets[start:stop][: settings.gap_window]]
        else:
            unclear_source.add(i)  # crossing anchors: the gap is not well defined
        if not candidates:
            # Next to the partner of a linked neighbour: a modifier moved with its head.
            for neighbour in (i - 1, i + 1, i - 2, i + 2):
                j0 = partner.get(neighbour)
                if j0 is None:
                    continue
                for j in (j0 - 1, j0 + 1, j0 - 2, j0 + 2):
                    if j in free_target:
                        candidates.append((2.0 + abs(j - j0), j))
        if candidates:
            unclear_source.add(i)
            unclear_target.update(j for _, j in candidates)
        options.extend((distance, i, j) for distance, j in candidates)
    options.sort()
    used_source: set[int] = set()
    used_target: set[int] = set()
    pairs = []
    for _distance, i, j in options:
        if i not in used_source and j not in used_target:
            used_source.add(i)
            used_target.add(j)
            pairs.append((i, j))
    return sorted(pairs), frozenset(unclear_source), frozenset(unclear_target)


def gap_weight(source: Word, target: Word, settings: FidelitySettings) -> float:
    """How much of the gap credit an unverified pair earns: all of it when one word is unknown or rare to
    the lexicon (a gap in what tct knows), `known_pair_credit` of it when the lexicon knows both well and
    neither translates the other (evidence of a change: «рост» / "decrease"), none for a name (a name is
    matched by its spelling or not at all)."""
    if source.role == "name" or target.role == "name":
        return 0.0
    known = settings.well_known_translations
    if known and well_known(source.key, "ru", known) and well_known(target.key, "en", known):
        return settings.known_pair_credit
    return 1.0


def analyse(
    source: str,
    rendering: str,
    source_lang: str,
    target_lang: str,
    settings: FidelitySettings = DEFAULT_SETTINGS,
) -> Analysis:
    """Match one segment pair (the words, links, credits and unverified pairs every check reads)."""
    source_words = words(source, source_lang)  # the same original often comes back with another rendering
    rendering_words = words(rendering, target_lang, cached=False)
    numbers = (
        find_numbers(source_words, source_lang, source),
        find_numbers(rendering_words, target_lang, rendering),
    )
    links, source_credit, rendering_credit = match(
        source_words, rendering_words, number_links(*numbers, source_words, rendering_words), settings
    )
    phrase_credit(source_words, rendering_words, source_credit, rendering_credit, settings)
    extra, antonyms = synonym_links(source_words, rendering_words, source_credit, rendering_credit, settings)
    for link in extra:
        source_credit[link.source] = rendering_credit[link.target] = link.strength
    links = links + extra
    gaps, unclear_source, unclear_rendering = gap_pairs(
        source_words, rendering_words, links, source_credit, rendering_credit, settings
    )
    return Analysis(
        source,
        rendering,
        source_words,
        rendering_words,
        links,
        source_credit,
        rendering_credit,
        gaps=gaps,
        gap_weights=tuple(gap_weight(source_words[i], rendering_words[j], settings) for i, j in gaps),
        numbers=numbers,
        unclear_source=unclear_source,
        unclear_rendering=unclear_rendering,
        antonyms=antonyms,
        settings=settings,
    )


def segment_mass(analysis: Analysis) -> float:
    """A segment's weight among others: the content weight of both sides (the rendering's words the
    translator answers for only). The one definition every aggregate uses."""
    ignored = analysis.ignored
    return sum(w.weight for w in analysis.source_words) + sum(
        w.weight for j, w in enumerate(analysis.rendering_words) if j not in ignored
    )
