"""`locate`: find where in a long Russian original an English quote comes from.

Index the original once (inverted index of lexicon, number and cognate keys per sentence), seed
windows from the quote's rare keys, align the quote locally to each window, trim the edges to the
quoted clauses, and report the best spans with a calibrated confidence and the context of the cut.
A quote in Russian (a line of a Telegram post to be found in the book) is matched the same way through
the words' own lemmas instead of their translations ("matched directly").
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from toolkit.errors import TctError
from toolkit.language import LANGUAGE_NAMES, guess_language
from toolkit.lexicon import load_lexicon
from toolkit.locate.context import cut_context
from toolkit.locate.direct import direct_edges, direct_similarity
from toolkit.locate.edges import refine_edges
from toolkit.locate.index import OriginalIndex, Progress, build_index
from toolkit.locate.keys import Keyer
from toolkit.locate.local import Bead, LocalAlignment, align_local, bead_gain, unit_weights
from toolkit.locate.match import Gap, Match, SentenceLink, Span
from toolkit.locate.quote import ParsedQuote, Unit, parse_quote
from toolkit.locate.search import regions, seed_windows, sentence_seeds
from toolkit.locate.settings import DEFAULT_SETTINGS, LocateSettings
from toolkit.locate.trim import trim_edges
from toolkit.score.matching import analyse

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LETTER = re.compile(r"[^\W\d_]")
MIN_CYRILLIC_SHARE = 0.5  # of an original's letters (Russian prose with Latin names and titles: 0.9+)


class LocateError(TctError):
    """The quote or the original cannot be searched (empty, wrong language)."""


def cyrillic_share(text: str, sample: int = 200_000) -> float:
    """Share of the letters (in the first `sample` characters) that are Cyrillic."""
    head = text[:sample]
    letters = len(_LETTER.findall(head))
    return len(_CYRILLIC.findall(head)) / letters if letters else 0.0


def quote_language(text: str, where: str | None = None) -> str:
    """ "en" or "ru": the language the quote is searched in; LocateError for any other.

    A quote of mostly Cyrillic letters is Russian (Ukrainian and Belarusian letters refuse it); a Latin
    one is English unless its function words say German, French, Spanish, Italian, Portuguese or Dutch
    (`toolkit.language`, eight words or more: shorter ones are taken as English)."""
    guess = guess_language(text)
    if guess.lang in ("uk", "be") or (guess.lang and guess.lang not in ("en", "ru")):
        name = LANGUAGE_NAMES.get(guess.lang, guess.lang)
        raise LocateError(f"the quote looks {name}; tct locate takes an English or a Russian quote", where)
    if guess.script == "other":
        raise LocateError(
            f"the quote is {guess.describe()}, neither English nor Russian; tct locate takes an English or a "
            "Russian quote",
            where,
        )
    return "ru" if cyrillic_share(text) > MIN_CYRILLIC_SHARE else "en"


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class Locator:
    """An original, indexed once, in which any number of quotes can be located.

    >>> locator = Locator("Тов. Сталин сосредоточил в своих руках необъятную власть.")
    >>> locator.locate("Stalin concentrated immense power in his hands")[0].start
    0
    """

    def __init__(
        self,
        original_text: str,
        lexicon: Any | None = None,
        settings: LocateSettings = DEFAULT_SETTINGS,
        progress: Progress | None = None,
        where: str | None = None,
    ) -> None:
        if not original_text.strip():
            raise LocateError("the original is empty", where)
        share = cyrillic_share(original_text)
        if share < MIN_CYRILLIC_SHARE:
            raise LocateError(
                f"the original does not look Russian ({share:.0%} of its letters are Cyrillic); "
                "tct locate searches a Russian original for an English quote",
                where,
            )
        if lexicon is None:
            lexicon = load_lexicon().warm_up()
        self.lexicon = lexicon
        self.settings = settings
        self.keyer = Keyer(lexicon)
        self.index: OriginalIndex = build_index(original_text, self.keyer, progress)

    @property
    def text(self) -> str:
        return self.index.text

    def locate(self, quote_text: str, top: int = 5, where: str | None = None) -> list[Match]:
        """The best `top` spans for the quote, best first; the first carries the context of the cut."""
        if not quote_text.strip():
            raise LocateError("the quote is empty", where)
        lang = quote_language(quote_text, where)
        quote = parse_quote(quote_text, self.keyer, lang)
        units = list(
            quote.units
        )  # a unit with no searchable word ("Then nothing.") may still be placed by length
        if not any(u.tokens for u in units):
            raise LocateError("the quote has no words to search for", where)
        found, by_words = self._candidates(units)
        # A short quote's candidates are re-ranked, so more of them are made into matches; a quote in
        # Russian is re-ranked at any length (word for word, which is cheap and exact).
        elided = any(u.gap_after for u in units)
        rerank = not elided and (self._short(units) or lang == "ru")
        used = min(len(found), max(top, self.settings.rerank_pool) if rerank else top)
        fallback = self._fallback(units, by_words, found[:used]) if rerank and self._short(units) else []
        candidates = found[:used] + fallback
        if not candidates:
            return []
        scores = [c.score for c in candidates] + [c.score for c in found[used : used + 1]]
        weights = self._weights(units)
        total_weight = sum(sum(w) for w in weights)
        matches = []
        for rank, alignment in enumerate(candidates):
            # Edge decisions move a match's ends, never its score: only the matches returned need them.
            alignment = refine_edges(
                alignment, units, weights, self._tokens, self._chars, len(self.index), self.settings
            )
            others = max((s for k, s in enumerate(scores) if k != rank), default=0.0)
            matches.append((alignment, self._match(quote, units, alignment, others, total_weight, False)))
            if rerank and rank < self.settings.rerank_narrower:
                for narrower in self._narrower(alignment, units, weights):  # the same margin as its parent
                    matches.append((narrower, self._match(quote, units, narrower, others, total_weight)))
        if rerank and len(matches) > 1:
            matches = self._rerank(quote_text, matches, lang)
            kept: list[tuple[LocalAlignment, Match]] = []
            for item in matches:  # a candidate and a narrower copy of it: the better one only
                if all(item[1].overlap(other) == 0.0 for _, other in kept):
                    kept.append(item)
            matches = kept
        out = [match for _, match in matches[:top]]
        if out:
            out[0] = replace(
                out[0],
                context=cut_context(
                    self.index,
                    out[0].start,
                    out[0].end,
                    matches[0][0].beads[0].sentences[0],
                    matches[0][0].beads[-1].sentences[-1],
                    quote,
                ),
            )
        return out

    def _narrower(
        self, alignment: LocalAlignment, units: list[Unit], weights: list[list[float]]
    ) -> list[LocalAlignment]:
        """The alignment less the first or the last sentence of an edge bead of several sentences.

        A sentence next to a short quote's source that shares a word with it is taken in by the
        search (a one-line review and the line after it that says "good people" too); whether it
        belongs is left to the re-ranking, which weighs the source words the quote leaves unexplained.
        """
        out = []
        beads = list(alignment.beads)
        for side, cut in ((0, slice(1, None)), (len(beads) - 1, slice(None, -1))):
            bead = beads[side]
            if len(bead.sentences) < 2:
                continue
            sentences = bead.sentences[cut]
            a, b = bead.units[0], bead.units[-1] + 1
            similarity, recall, _ = bead_gain(
                units[a:b], weights[a:b], [self._tokens(s) for s in sentences], self.settings
            )
            changed = list(beads)
            changed[side] = Bead(bead.units, sentences, similarity, recall)
            first, last = changed[0].sentences[0], changed[-1].sentences[-1]
            skipped = tuple(s for s in alignment.skipped if first < s < last)
            out.append(LocalAlignment(alignment.score, tuple(changed), skipped))
        return out

    def _rerank(
        self, quote_text: str, matches: list[tuple[LocalAlignment, Match]], lang: str = "en"
    ) -> list[tuple[LocalAlignment, Match]]:
        """A short quote's candidates re-ranked by the fidelity scorer's full lexical matching.

        The key search pairs words through the lexicon's likeliest translations only; in a text of
        near-identical review lines a loose one-line rendering ("A great pool!") then scores about as
        well against several lines. The scorer's matching also reads WordNet synonyms, morphology,
        numbers and the words between matched pairs, and weighs what each side leaves unexplained, in
        both directions; it ranks, next to the search's own score (relative to the best candidate's,
        times `rerank_score_weight`), so that a clearly better alignment is not overturned. A quote in
        Russian is ranked by `direct_similarity` instead.
        """
        best = max(alignment.score for alignment, _ in matches) or 1.0
        weight = self.settings.rerank_score_weight

        def key(item: tuple[LocalAlignment, Match]) -> float:
            alignment, match = item
            if lang == "ru":
                closeness = direct_similarity(match.text, quote_text, self.lexicon)
            else:
                closeness = analyse(match.text, quote_text, "ru", "en").fidelity()
            return closeness + weight * alignment.score / best

        keyed = [(key(item), k, item) for k, item in enumerate(matches)]
        keyed.sort(key=lambda t: (-t[0], t[1]))
        return [item for _, _, item in keyed]

    # ------------------------------------------------------------------ steps
    def _weights(self, units: list[Unit]) -> list[list[float]]:
        idf = {key: self.index.idf(key) for unit in units for token in unit.tokens for key in token.keys}
        return [unit_weights(unit, idf, self.settings) for unit in units]

    def _short(self, units: list[Unit]) -> bool:
        """A short quote (`LocateSettings.short_quote_units`): more seeds by words, fallback candidates,
        and (with no elision) the re-ranking."""
        return len(units) <= self.settings.short_quote_units

    def _candidates(self, units: list[Unit]) -> tuple[list[LocalAlignment], list[int]]:
        """The local alignments found from the seeds, best first, and the sentences seeded by words."""
        settings, index = self.settings, self.index
        weights = self._weights(units)
        keys = {key for unit in units for key in unit.keys}
        width = min(len(units), 8)
        pad = settings.gap_pad if any(u.gap_after for u in units[:-1]) else settings.pad
        token_keys = [token.keys for unit in units for token in unit.tokens]
        short = self._short(units)
        extra = settings.sentence_seeds_short if short else settings.sentence_seeds_long
        starts = seed_windows(index, keys, width, settings)
        seen = set(starts)
        by_words = sentence_seeds(index, token_keys, extra, settings)
        starts += [s for s in by_words if s not in seen]
        found: list[LocalAlignment] = []
        for a, b in regions(starts, width, pad, len(index)):
            numbers = list(range(a, b))
            sentence_tokens = [self._tokens(s) for s in numbers]
            sentence_keys = [index.sentence_keys[s] for s in numbers]
            alignment = align_local(units, weights, numbers, sentence_keys, sentence_tokens, settings)
            if alignment is not None:
                found.append(alignment)
        found.sort(key=lambda c: (-c.score, c.beads[0].sentences[0]))
        found = self._distinct(found)
        return found, by_words

    def _fallback(
        self, units: list[Unit], seeds: list[int], used: list[LocalAlignment]
    ) -> list[LocalAlignment]:
        """Candidates for a short quote where the local alignment found none: around each of the best
        sentences by words (`sentence_seeds`) outside the candidates in use, as many consecutive
        sentences as the quote has units, one bead each (the placement with the best total gain, which
        may be negative), for the re-ranking to weigh. A loose rendering whose lexicon pairs are too few
        to pay their way would otherwise never be a candidate at all (nor would a line inside a found
        alignment too weak to be among those in use)."""
        weights = self._weights(units)
        covered = {s for a in used for b in a.beads for s in b.sentences}
        k, n = len(units), len(self.index)
        out = []
        for number in seeds:
            if number in covered:
                continue
            best: LocalAlignment | None = None
            for first in range(max(0, number - k + 1), min(number, n - k) + 1):
                if any(s in covered for s in range(first, first + k)):
                    continue
                beads, total = [], 0.0
                for i in range(k):
                    similarity, recall, gain = bead_gain(
                        units[i : i + 1], weights[i : i + 1], [self._tokens(first + i)], self.settings
                    )
                    beads.append(Bead((i,), (first + i,), similarity, recall))
                    total += gain
                if best is None or total > best.score:
                    best = LocalAlignment(total, tuple(beads), ())
            if best is not None:
                out.append(best)
            if len(out) >= self.settings.fallback_sentences:
                break
        return out

    def _distinct(self, ranked: list[LocalAlignment]) -> list[LocalAlignment]:
        """The candidates less those overlapping a better one: seeds of two nearby windows can align the
        quote to the same place twice, which would crowd the top list and leave the best no margin."""
        sentences = self.index.sentences
        kept: list[tuple[Span, LocalAlignment]] = []
        for alignment in ranked:
            first, last = (
                sentences[alignment.beads[0].sentences[0]],
                sentences[alignment.beads[-1].sentences[-1]],
            )
            span = Span(first.start, last.end, "")
            if all(span.overlap(other) == 0.0 for other, _ in kept):
                kept.append((span, alignment))
        return [alignment for _, alignment in kept]

    def _chars(self, number: int) -> int:
        sentence = self.index.sentences[number]
        return sentence.end - sentence.start

    def _tokens(self, number: int):  # noqa: ANN202 - list[Token]
        sentence = self.index.sentences[number]
        return self.keyer.tokens(sentence.text, "ru", sentence.start)

    def _match(
        self,
        quote: ParsedQuote,
        units: list[Unit],
        alignment: LocalAlignment,
        other_score: float,
        total_weight: float,
        with_context: bool = False,
    ) -> Match:
        index, settings = self.index, self.settings
        weights = self._weights(units)
        first_bead, last_bead = alignment.beads[0], alignment.beads[-1]
        first_n, last_n = first_bead.sentences[0], last_bead.sentences[-1]
        first_quote = [t for i in first_bead.units for t in units[i].tokens]
        last_quote = [t for i in last_bead.units for t in units[i].tokens]
        if quote.lang == "ru":  # the quote's own words fix the ends, to the word
            start, end = direct_edges(
                index.text,
                index.sentences[first_n].start,
                index.sentences[last_n].end,
                quote.text,
                self.lexicon,
                lambda word: self.lexicon.is_content_word(word, "ru"),
            )
        else:
            start, end = trim_edges(
                index.sentences[first_n],
                self._tokens(first_n),
                first_quote,
                index.sentences[last_n],
                self._tokens(last_n),
                last_quote,
                settings,
                marked_before=units[first_bead.units[0]].gap_before,
                marked_after=units[last_bead.units[-1]].gap_after,
            )
        links = []
        for bead in alignment.beads:
            s_start = max(start, index.sentences[bead.sentences[0]].start)
            s_end = min(end, index.sentences[bead.sentences[-1]].end)
            q_units = [units[i] for i in bead.units]
            links.append(
                SentenceLink(
                    " … ".join(u.text for u in q_units),
                    q_units[0].start,
                    q_units[-1].end,
                    s_start,
                    s_end,
                    round(bead.similarity, 4),
                )
            )
        gaps = tuple(
            Gap(index.sentences[s].start, index.sentences[s].end, index.sentences[s].text)
            for s in alignment.skipped
        )
        found = sum(
            bead.recall * sum(weights[i][k] for i in bead.units for k in range(len(weights[i])))
            for bead in alignment.beads
        )
        coverage = found / total_weight if total_weight else 0.0
        margin = (alignment.score - other_score) / alignment.score if alignment.score > 0 else -1.0
        confidence = _logistic(
            settings.conf_bias
            + settings.conf_coverage * coverage
            + settings.conf_margin * max(-1.0, margin)
            + settings.conf_evidence * math.log1p(max(0.0, alignment.score))
        )
        context = cut_context(index, start, end, first_n, last_n, quote) if with_context else None
        return Match(
            start,
            end,
            index.text[start:end],
            round(confidence, 4),
            round(alignment.score, 4),
            round(coverage, 4),
            tuple(links),
            gaps,
            context,
            quote.lang,
        )


def locate(
    quote_text: str,
    original_text: str,
    top: int = 5,
    lexicon: Any | None = None,
    settings: LocateSettings = DEFAULT_SETTINGS,
) -> list[Match]:
    """Where in `original_text` (Russian) the English `quote_text` comes from: the best spans, best first.

    For many quotes in one original, build a `Locator` once and call its `locate`.

    >>> original = ("Вступление. Тов. Сталин, сделавшись генсеком, сосредоточил в своих руках необъятную "
    ...     "власть, и я не уверен, сумеет ли он всегда достаточно осторожно пользоваться этой властью.")
    >>> best = locate("Stalin, having become general secretary, concentrated immense power in his hands...",
    ...               original)[0]
    >>> original[best.start:best.end]
    'Тов. Сталин, сделавшись генсеком, сосредоточил в своих руках необъятную власть'
    >>> best.context.flags[0].kinds
    ('qualifier',)
    """
    return Locator(original_text, lexicon, settings).locate(quote_text, top)
