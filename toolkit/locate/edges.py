"""Sentence-level boundary decisions at the two ends of a local alignment, where word evidence is thin.

The local alignment keeps a sentence only when its words pay their way. At the ends of a quote that
fails two ways (the boundary misses `scripts/eval_locate.py --misses` lists):
- a short edge sentence the lexicon cannot pair ("Then nothing." for «Дальше уже ничего.», "Perry's
  the best!" for «Отличный мастер Пери!») is left out, although the quote says it is part of one
  unbroken passage and the sentence next to the match has the right length;
- an edge bead takes one sentence too many (a neighbouring sentence on the same topic pairs a few
  words: the headline «Путин прибыл в Санкт-Петербург на Главный парад ВМФ России» before the
  quoted headline and sentence that say the same).
Both are decided with the aligner's length model (Gale and Church: the English length is normal around
`length_ratio` x the Russian length, variance `length_variance` x length) next to the word evidence.
A unit separated from the match by an elision mark is never attached: the original may skip anything
there.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from toolkit.locate.keys import Token
from toolkit.locate.local import Bead, LocalAlignment, bead_gain
from toolkit.locate.quote import Unit
from toolkit.locate.settings import LocateSettings

TokensOf = Callable[[int], list[Token]]


def length_cost(quote_chars: int, original_chars: int, settings: LocateSettings) -> float:
    """-log P(the lengths | the pair is a translation): Gale and Church's two-sided normal tail."""
    expected = original_chars * settings.length_ratio
    spread = math.sqrt(settings.length_variance * max((expected + quote_chars) / 2.0, 1.0))
    z = abs(quote_chars - expected) / spread
    return -math.log(max(math.erfc(z / math.sqrt(2.0)), 1e-300))


def _quote_chars(units: list[Unit], numbers: tuple[int, ...]) -> int:
    return sum(len(units[i].text) for i in numbers)


def refine_edges(
    alignment: LocalAlignment,
    units: list[Unit],
    weights: list[list[float]],
    tokens_of: TokensOf,
    sentence_chars: Callable[[int], int],
    n_sentences: int,
    settings: LocateSettings,
) -> LocalAlignment:
    """The alignment with weak edge beads shrunk and unaligned edge units attached where the length fits."""
    beads = list(alignment.beads)
    beads = _shrink(beads, units, weights, tokens_of, sentence_chars, settings)
    beads = _extend(beads, units, weights, tokens_of, sentence_chars, n_sentences, settings)
    if beads == list(alignment.beads):
        return alignment
    first, last = beads[0].sentences[0], beads[-1].sentences[-1]
    used = {s for bead in beads for s in bead.sentences}
    skipped = tuple(s for s in range(first + 1, last) if s not in used)
    return LocalAlignment(alignment.score, tuple(beads), skipped)


def _score(
    bead_units: tuple[int, ...],
    sentences: tuple[int, ...],
    units: list[Unit],
    weights: list[list[float]],
    tokens_of: TokensOf,
    sentence_chars: Callable[[int], int],
    settings: LocateSettings,
) -> tuple[float, Bead]:
    """Word gain (as the local alignment counts it) less the length cost, and the bead itself."""
    a, b = bead_units[0], bead_units[-1] + 1
    similarity, recall, gain = bead_gain(
        units[a:b], weights[a:b], [tokens_of(s) for s in sentences], settings
    )
    cost = length_cost(_quote_chars(units, bead_units), sum(sentence_chars(s) for s in sentences), settings)
    return gain - settings.length_weight * cost, Bead(bead_units, sentences, similarity, recall)


def _shrink(beads, units, weights, tokens_of, sentence_chars, settings) -> list[Bead]:  # noqa: ANN001
    """Cut a first or last bead of several sentences down to the run of them that scores best.

    The end that touches the next bead stays, unless the quote marks an elision there (then the
    sentences dropped on that side become a gap of the match, as the local alignment would skip them).
    """
    for side in {0, len(beads) - 1}:
        bead = beads[side]
        k = len(bead.sentences)
        if k < 2:
            continue
        keep_left = side > 0 and not units[beads[side - 1].units[-1]].gap_after
        keep_right = side < len(beads) - 1 and not units[bead.units[-1]].gap_after
        best, best_bead = _score(
            bead.units, bead.sentences, units, weights, tokens_of, sentence_chars, settings
        )
        for i in range(1 if keep_left else k):
            for j in range(k if keep_right else i + 1, k + 1):
                if (i, j) == (0, k):
                    continue
                score, smaller = _score(
                    bead.units, bead.sentences[i:j], units, weights, tokens_of, sentence_chars, settings
                )
                if score > best:
                    best, best_bead = score, smaller
        beads[side] = best_bead
    return beads


def _extend(beads, units, weights, tokens_of, sentence_chars, n_sentences, settings) -> list[Bead]:  # noqa: ANN001
    """Attach unaligned edge units, one to one, to the sentences next to the match when the lengths fit
    and the words do not speak against it (a deficit of at most `extend_deficit` unpaired words)."""
    floor = -settings.threshold * settings.extend_deficit
    limit = settings.extend_length_cost

    def fits(unit: int, sentence: int) -> Bead | None:
        cost = length_cost(len(units[unit].text), sentence_chars(sentence), settings)
        if cost > limit:
            return None
        score, bead = _score((unit,), (sentence,), units, weights, tokens_of, sentence_chars, settings)
        return bead if score + settings.length_weight * cost >= floor else None

    # before the match
    while beads[0].units[0] > 0 and beads[0].sentences[0] > 0:
        unit, sentence = beads[0].units[0] - 1, beads[0].sentences[0] - 1
        if units[unit].gap_after:
            break
        bead = fits(unit, sentence)
        if bead is None:
            break
        beads.insert(0, bead)
    # after the match
    while beads[-1].units[-1] < len(units) - 1 and beads[-1].sentences[-1] < n_sentences - 1:
        unit, sentence = beads[-1].units[-1] + 1, beads[-1].sentences[-1] + 1
        if units[unit - 1].gap_after:
            break
        bead = fits(unit, sentence)
        if bead is None:
            break
        beads.append(bead)
    return beads
