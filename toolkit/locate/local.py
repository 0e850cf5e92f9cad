"""Local alignment of a quote's units to a window of the original (Smith-Waterman over sentences).

A quote aligns to a window, not to the whole text: the alignment may start and end anywhere, a quote
sentence the original lacks is skipped at a cost, and after an elision the original's sentences are
skipped cheaply (not for free: a weak first unit must not pull the match across half a book). Beads
are 1-1, 1-2 and 1-3 (one quote sentence renders two or three: headlines run together) and 2-1, 3-1
(units in one original sentence: a translator's merge, or an elision inside one sentence).
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.locate.keys import Token
from toolkit.locate.quote import Unit
from toolkit.locate.settings import LocateSettings

# (units consumed, sentences consumed) of each move; (1, 0) and (0, 1) are skips.
_MOVES = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1))


@dataclass(frozen=True)
class Bead:
    """Units `units` of the quote render sentences `sentences` (numbers in the original)."""

    units: tuple[int, ...]
    sentences: tuple[int, ...]
    similarity: float
    recall: float  # weighted share of the units' words found in the sentences


@dataclass(frozen=True)
class LocalAlignment:
    score: float
    beads: tuple[Bead, ...]
    skipped: tuple[int, ...]  # original sentences inside the match left out by the quote


def unit_weights(unit: Unit, idf: dict[str, float], settings: LocateSettings) -> list[float]:
    """A weight per content word: its rarest key's idf in the original, bounded."""
    out = []
    for token in unit.tokens:
        best = max((idf.get(key, 0.0) for key in token.keys), default=0.0)
        if best <= 0.0:
            out.append(settings.unknown_weight)
        else:
            out.append(min(max(best, settings.weight_floor), settings.weight_cap))
    return out


def _pair(
    units: list[Unit], weights: list[list[float]], sentence_tokens: list[list[Token]], outside: float
) -> tuple[float, float, float, float]:
    """(similarity, recall, evidence, length) of some units against some sentences.

    Quote words and original words are paired one to one (an original word takes the first free quote
    word it shares a key with), so a topic word repeated in a neighbouring sentence is not evidence
    twice. Evidence = paired quote words (by weight, in units of the mean weight) + paired original
    words; length = all content words of both sides.
    """
    quote = [
        (token, weight)
        for unit, unit_w in zip(units, weights, strict=True)
        for token, weight in zip(unit.tokens, unit_w, strict=True)
    ]
    by_key: dict[str, list[int]] = {}
    for k, (token, _) in enumerate(quote):
        for key in token.keys:
            by_key.setdefault(key, []).append(k)
    claimed: set[int] = set()
    n_original = paired = 0
    first = last = -1  # content words of the sentences, numbered; the first and last paired one
    for tokens in sentence_tokens:
        for token in tokens:
            if not token.content:
                continue
            for key in token.ordered:  # '=' (lexicon) before '^' (stem) before '~' (cognate)
                free = next((k for k in by_key.get(key, ()) if k not in claimed), None)
                if free is not None:
                    claimed.add(free)
                    paired += 1
                    last = n_original
                    first = n_original if first < 0 else first
                    break
            n_original += 1
    # Words outside the paired stretch count half: a short quote of a long sentence is a local match.
    inside = last - first + 1 if first >= 0 else 0
    n_original_weighted = inside + outside * (n_original - inside)
    total = sum(w for _, w in quote)
    found = sum(quote[k][1] for k in claimed)
    recall = found / total if total else 0.0
    evidence = recall * len(quote) + paired
    length = float(len(quote) + n_original_weighted)
    return (evidence / length if length else 0.0), recall, evidence, length


def bead_gain(
    units: list[Unit],
    weights: list[list[float]],
    sentence_tokens: list[list[Token]],
    settings: LocateSettings,
) -> tuple[float, float, float]:
    """(similarity, recall, gain) of a bead: what it adds to a local alignment's score."""
    similarity, recall, evidence, length = _pair(units, weights, sentence_tokens, settings.outside_share)
    gain = (
        evidence - settings.threshold * length - settings.merge_cost * (len(units) + len(sentence_tokens) - 2)
    )
    gain += settings.unit_bonus * sum(len(u.tokens) for u in units)
    return similarity, recall, gain


def align_local(
    units: list[Unit],
    weights: list[list[float]],
    sentence_numbers: list[int],
    sentence_keys: list[frozenset[str]],
    sentence_tokens: list[list[Token]],
    settings: LocateSettings,
) -> LocalAlignment | None:
    """The best-scoring local alignment of the units to these consecutive sentences, or None."""
    n, m = len(units), len(sentence_numbers)
    if not n or not m:
        return None
    tau = settings.threshold
    unit_len = [len(u.tokens) for u in units]
    sent_len = [sum(1 for t in tokens if t.content) for tokens in sentence_tokens]
    cache: dict[tuple[int, int, int, int], tuple[float, float, float]] = {}

    def bead(i: int, di: int, j: int, dj: int) -> tuple[float, float, float]:
        key = (i, di, j, dj)
        found = cache.get(key)
        if found is None:
            found = cache[key] = bead_gain(
                units[i : i + di], weights[i : i + di], sentence_tokens[j : j + dj], settings
            )
        return found

    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best, best_cell = 0.0, (0, 0)
    for i in range(n + 1):
        for j in range(m + 1):
            here, move = 0.0, None
            for di, dj in _MOVES:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                if di and dj:
                    gain = bead(pi, di, pj, dj)[2]
                elif di:  # the quote's unit is not in the original
                    gain = -settings.skip_share * tau * unit_len[pi]
                else:  # the original's sentence is not in the quote: cheap after an elision
                    elided = 0 < i < n and units[i - 1].gap_after
                    share = settings.elision_skip_share if elided else settings.skip_share
                    gain = -share * tau * sent_len[pj]
                if back[pi][pj] is None and (pi, pj) != (0, 0) and score[pi][pj] == 0.0 and not (di and dj):
                    continue  # a local alignment starts with a bead, never with a skip
                value = score[pi][pj] + gain
                if value > here:
                    here, move = value, (di, dj)
            score[i][j] = here
            back[i][j] = move
            if here > best:
                best, best_cell = here, (i, j)
    if best <= 0.0:
        return None
    beads: list[Bead] = []
    skipped: list[int] = []
    i, j = best_cell
    while back[i][j] is not None and score[i][j] > 0.0:
        di, dj = back[i][j]  # type: ignore[misc]
        i, j = i - di, j - dj
        if di and dj:
            sim, recall, _ = bead(i, di, j, dj)
            beads.append(Bead(tuple(range(i, i + di)), tuple(sentence_numbers[j : j + dj]), sim, recall))
        elif dj:
            skipped.append(sentence_numbers[j])
    beads.reverse()
    # Skips before the first bead or after the last are not part of the match.
    first, last = beads[0].sentences[0], beads[-1].sentences[-1]
    inside = tuple(sorted(s for s in skipped if first < s < last))
    return LocalAlignment(best, tuple(beads), inside)
