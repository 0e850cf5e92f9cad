"""Sentence alignment of two texts: segment, build the bead costs, run the banded DP, widen if needed.

Small documents get the exact DP over the whole grid; long ones a band around the diagonal that is
re-centred on the path found and doubled whenever the path runs along its edge. Documents of up to
LEARN_MAX_SENTENCES sentences are aligned a second time with the word pairs the first alignment's sure
beads teach (toolkit/align/learned.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from toolkit.align import dp
from toolkit.align.beads import Bead
from toolkit.align.evidence import LexiconKeys, load_lexicon_keys, sentence_keys
from toolkit.align.learned import learn_keys
from toolkit.align.scorers import (
    BEAD_SHAPES,
    AlignerSettings,
    BeadCost,
    LengthScorer,
    PunctuationScorer,
    SharedKeyScorer,
    confidence_from_cost,
    open_ends,
)
from toolkit.lazy import lazy_module
from toolkit.resources import Resources, current, uses_resources
from toolkit.segment import Sentence, check_language, split_lines, split_sentences

np = lazy_module("numpy")  # imported on first use: `tct --help` starts without it

ALIGNER_VERSION = "tct-align/3"
#: Grids up to this many cells are aligned exactly (no band).
FULL_GRID_CELLS = 250_000
#: The most cells the DP may visit; beyond this the band stops widening (a 20k-sentence book fits).
MAX_DP_CELLS = 40_000_000
INITIAL_WIDTH = 96
EDGE_MARGIN = 6
#: Documents up to this many sentences a side get the second pass with learned keys (an article, a
#: chapter, a quote's original); a novel does not: the pass would about double its time, and re-aligning
#: only its unsure stretches still cost well over half as much again (bench_align.py, 6,700 sentences).
LEARN_MAX_SENTENCES = 1000
#: Target/source sentence-count ratios outside this range mean one side is probably partial.
PARTIAL_COUNT_RATIO = (0.8, 1.25)


@dataclass
class AlignedText:
    """Two texts cut into sentences and the beads pairing them (indices into the sentence lists)."""

    source_sentences: list[Sentence]
    target_sentences: list[Sentence]
    beads: list[Bead]
    aligner: str = ""
    notes: list[str] = field(default_factory=list)

    def bead_texts(self, bead: Bead) -> tuple[str, str]:
        """The joined source and target text of a bead."""
        return (
            " ".join(self.source_sentences[i].text for i in bead.source),
            " ".join(self.target_sentences[j].text for j in bead.target),
        )

    def to_dict(self) -> dict:
        return {
            "aligner": self.aligner,
            "source_sentences": [
                {"start": s.start, "end": s.end, "text": s.text} for s in self.source_sentences
            ],
            "target_sentences": [
                {"start": s.start, "end": s.end, "text": s.text} for s in self.target_sentences
            ],
            "beads": [
                {"source": list(b.source), "target": list(b.target), "confidence": round(b.confidence, 4)}
                for b in self.beads
            ],
        }


def _lexicon_keys(source_lang: str, target_lang: str) -> LexiconKeys | None:
    """The lexicon keys of the active Resources' lexicon (kept in it: a new lexicon, new keys)."""
    resources = current()
    table = resources.table("align:lexicon-keys")
    pair = (source_lang, target_lang)
    if pair not in table:
        table[pair] = load_lexicon_keys(source_lang, target_lang, resources.strict_lexicon)
    return table[pair]


def uses_lexicon(source_lang: str, target_lang: str, settings: AlignerSettings | None = None) -> bool:
    settings = settings or AlignerSettings()
    return settings.lexicon and _lexicon_keys(source_lang, target_lang) is not None


def signature(source_lang: str, target_lang: str, settings: AlignerSettings | None = None) -> str:
    """Everything that changes the beads, so an alignment can be reproduced."""
    settings = settings or AlignerSettings()
    lexicon = "yes" if uses_lexicon(source_lang, target_lang, settings) else "no"
    return f"{ALIGNER_VERSION}|{source_lang}-{target_lang}|lexicon={lexicon}|{settings.signature()}"


def first_length_ratio(lengths_source: np.ndarray, lengths_target: np.ndarray) -> float:
    """The target/source length ratio to start from, before any sentence is paired.

    The whole documents' ratio is right when both sides hold the same passage; when their sentence
    counts differ a lot one side is probably partial (a quote, a fragment of the original) and the
    totals say nothing, so we assume equal lengths until the first alignment tells us better.
    """
    n, m = len(lengths_source), len(lengths_target)
    total_source, total_target = float(lengths_source.sum()), float(lengths_target.sum())
    if total_source <= 0 or total_target <= 0:
        return 1.0
    if not looks_partial(n, m):
        return total_target / total_source
    return 1.0


def looks_partial(n: int, m: int) -> bool:
    """Whether one side probably holds only part of the other (a quote, a fragment of the original):
    sentence counts that differ by more than a quarter."""
    return not PARTIAL_COUNT_RATIO[0] <= m / max(n, 1) <= PARTIAL_COUNT_RATIO[1]


def ratio_from_path(
    path: list[tuple[int, int, int, int]], lengths_source: np.ndarray, lengths_target: np.ndarray
) -> float | None:
    """The length ratio over the sentences a first alignment paired (None if it paired too little)."""
    paired = [(i0, i1, j0, j1) for i0, i1, j0, j1 in path if i1 > i0 and j1 > j0]
    if not paired:
        return None
    source = sum(float(lengths_source[i0:i1].sum()) for i0, i1, _, _ in paired)
    target = sum(float(lengths_target[j0:j1].sum()) for _, _, j0, j1 in paired)
    if source < 20 or target < 20:
        return None
    return target / source


def build_cost(
    source: list[str],
    target: list[str],
    source_lang: str,
    target_lang: str,
    settings: AlignerSettings,
    ratio: float | None = None,
    learned: tuple[list[list[str]], list[list[str]]] | None = None,
) -> BeadCost:
    """The DP's cost function; `learned` adds keys per source and target sentence (learned.py)."""
    lengths_source = np.asarray([len(s) for s in source], dtype=np.float64)
    lengths_target = np.asarray([len(t) for t in target], dtype=np.float64)
    if ratio is None:
        ratio = first_length_ratio(lengths_source, lengths_target)
    length = LengthScorer(
        lengths_source,
        lengths_target,
        settings.variance,
        ratio,
        source_open=open_ends(source),
        target_open=open_ends(target),
    )
    lexical = None
    if settings.lexical_weight > 0:
        lexicon = _lexicon_keys(source_lang, target_lang) if settings.lexicon else None
        extra = lexicon.keys if lexicon is not None else None
        source_keys = sentence_keys(source, source_lang, extra)
        target_keys = sentence_keys(target, target_lang, extra)
        if learned is not None:
            for keys, more in zip(source_keys, learned[0], strict=True):
                keys.extend(more)
            for keys, more in zip(target_keys, learned[1], strict=True):
                keys.extend(more)
        lexical = SharedKeyScorer(
            source_keys,
            target_keys,
            settings.lexicon_lexical_weight if lexicon is not None else settings.lexical_weight,
            settings.mismatch_penalty,
            settings.mismatch_saturation,
        )
    punctuation = None
    if settings.punctuation_weight > 0:
        punctuation = PunctuationScorer(source, target, settings.punctuation_weight)
    return BeadCost(length, lexical, settings, punctuation, partial=looks_partial(len(source), len(target)))


def align_sentences(
    source: list[str],
    target: list[str],
    source_lang: str,
    target_lang: str,
    settings: AlignerSettings | None = None,
) -> list[Bead]:
    """Pair runs of source sentences with runs of target sentences (1-1 ... 4-1, 2-2, 1-0 and 0-1 beads)."""
    settings = settings or AlignerSettings()
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    cost = build_cost(source, target, source_lang, target_lang, settings)
    path = _banded_path(n, m, cost)
    # Re-estimate the length ratio from the sentences actually paired, and align again if it moved.
    better_ratio = ratio_from_path(path, cost.length.source_lengths, cost.length.target_lengths)
    if better_ratio is not None and abs(math.log(better_ratio / cost.length.ratio)) > 0.05:
        cost.length.ratio = better_ratio
        path = _banded_path(n, m, cost)
    confidences = _confidences(path, cost)
    learned = None
    if cost.lexical is not None and settings.learn_min_count > 0 and max(n, m) <= LEARN_MAX_SENTENCES:
        learned = learn_keys(source, target, path, confidences, settings)
    if learned is not None:
        cost = build_cost(source, target, source_lang, target_lang, settings, cost.length.ratio, learned)
        path = _banded_path(n, m, cost)
        confidences = _confidences(path, cost)
    return [
        Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(confidence, 4))
        for (i0, i1, j0, j1), confidence in zip(path, confidences, strict=True)
    ]


def _bead_costs(cost: BeadCost, beads: list[tuple[int, int, int, int]]) -> np.ndarray:
    """The costs of many beads at once, one vectorised call per bead shape."""
    out = np.zeros(len(beads))
    by_shape: dict[tuple[int, int], list[int]] = {}
    for number, (i0, i1, j0, j1) in enumerate(beads):
        by_shape.setdefault((i1 - i0, j1 - j0), []).append(number)
    for (a, b), numbers in sorted(by_shape.items()):
        ends_i = np.asarray([beads[k][1] for k in numbers], dtype=np.int64)
        ends_j = np.asarray([beads[k][3] for k in numbers], dtype=np.int64)
        out[numbers] = np.asarray(cost(a, b, ends_i, ends_j), dtype=np.float64)
    return out


def _alternatives(path: list[tuple[int, int, int, int]], k: int) -> list[tuple[list[tuple], list[int]]]:
    """The nearest rivals of bead k: (beads that would replace it, neighbours they would also replace)."""
    i0, i1, j0, j1 = path[k]
    rivals: list[tuple[list[tuple], list[int]]] = []
    if i1 > i0 and j1 > j0:
        skips = [(i, i + 1, j0, j0) for i in range(i0, i1)] + [(i1, i1, j, j + 1) for j in range(j0, j1)]
        rivals.append((skips, []))
        for shed, rest in (
            ((i0 + 1, i1, j0, j1), (i0, i0 + 1, j0, j0)),
            ((i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1)),
            ((i0, i1, j0 + 1, j1), (i0, i0, j0, j0 + 1)),
            ((i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1)),
        ):
            if (
                shed[1] > shed[0]
                and shed[3] > shed[2]
                and (shed[1] - shed[0], shed[3] - shed[2]) in BEAD_SHAPES
            ):
                rivals.append(([shed, rest], []))
        return rivals
    for other in (k - 1, k + 1):
        if 0 <= other < len(path):
            o0, o1, p0, p1 = path[other]
            merged = (min(i0, o0), max(i1, o1), min(j0, p0), max(j1, p1))
            if o1 > o0 and p1 > p0 and (merged[1] - merged[0], merged[3] - merged[2]) in BEAD_SHAPES:
                rivals.append(([merged], [other]))
    return rivals


def _confidences(path: list[tuple[int, int, int, int]], cost: BeadCost) -> list[float]:
    """How sure each bead is, from the margin over the nearest alternatives the DP turned down.

    A paired bead is compared with leaving its sentences unpaired and with shedding an end sentence;
    an unpaired sentence with joining the bead before or after it. The margin (in cost units, about
    log-odds) goes through a logistic, so 0.5 means "a coin flip"; a bead with no alternative at all
    keeps a confidence from its own cost.
    """
    own = _bead_costs(cost, path)
    rivals = [_alternatives(path, k) for k in range(len(path))]
    flat = [bead for bead_rivals in rivals for beads, _ in bead_rivals for bead in beads]
    flat_costs = iter(_bead_costs(cost, flat))
    confidences = []
    for k, bead_rivals in enumerate(rivals):
        margins = []
        for beads, neighbours in bead_rivals:
            replaced = own[k] + sum(own[other] for other in neighbours)
            margins.append(sum(next(flat_costs) for _ in beads) - replaced)
        if margins:
            margin = max(-50.0, min(50.0, min(margins)))
            confidences.append(float(1.0 / (1.0 + math.exp(-margin))))
        else:
            confidences.append(confidence_from_cost(float(own[k])))
    return confidences


def _length_diagonal(length: LengthScorer, n: int, m: int) -> np.ndarray:
    """Per source row, the target position where the character counts of both sides agree.

    Merges and splits keep characters, so this follows the true path far better than the straight
    sentence-count diagonal; only long omissions or insertions pull the path away from it.
    """
    total_source, total_target = length.source[-1], length.target[-1]
    if total_source <= 0 or total_target <= 0:
        return np.arange(n + 1, dtype=np.float64) * (m / n)
    wanted = length.source * (total_target / total_source)
    return np.searchsorted(length.target, wanted).astype(np.float64).clip(0, m)


def _initial_centres(cost: BeadCost, n: int, m: int) -> np.ndarray:
    """Where to centre the band: through the sentence pairs pinned by keys unique on both sides
    (numbers, names, rare words) when there are enough of them, else along the character diagonal."""
    diagonal = _length_diagonal(cost.length, n, m)
    if cost.lexical is None:
        return diagonal
    anchors = dp.monotone_anchors(cost.lexical.anchors)
    # Too few anchors, or a chain that keeps only a small share of them, is not to be trusted.
    if len(anchors) < max(5, n // 200) or len(anchors) < 0.5 * len(cost.lexical.anchors):
        return diagonal
    return dp.anchored_centres(anchors, n, m)


def _banded_path(n: int, m: int, cost: BeadCost) -> list[tuple[int, int, int, int]]:
    if (n + 1) * (m + 1) <= FULL_GRID_CELLS:
        path = dp.best_path(n, m, BEAD_SHAPES, cost, np.zeros(n + 1, dtype=np.int64), m + 1)
        assert path is not None  # the whole grid is always connected
        return path
    max_width = min(m + 1, max(INITIAL_WIDTH, MAX_DP_CELLS // (n + 1)))
    width = min(max_width, INITIAL_WIDTH)
    centres = _initial_centres(cost, n, m)
    while True:
        start = dp.band_around(centres, m, width)
        path = dp.best_path(n, m, BEAD_SHAPES, cost, start, width)
        if path is None:
            if width >= max_width:
                return _fallback_path(n, m)
            width = min(max_width, width * 2)
            continue
        if width >= max_width or not dp.touches_edge(path, start, width, m, EDGE_MARGIN):
            return path
        # The path ran along the band's edge, so the band cut off the best path: follow the path found
        # and widen the band.
        centres = dp.path_centres(path, n)
        width = min(max_width, width * 2)


def _fallback_path(n: int, m: int) -> list[tuple[int, int, int, int]]:
    """1-1 beads then skips: used only if the widest band allowed cannot connect the corners."""
    common = min(n, m)
    path = [(k, k + 1, k, k + 1) for k in range(common)]
    path += [(i, i + 1, m, m) for i in range(common, n)]
    path += [(n, n, j, j + 1) for j in range(common, m)]
    return path


@uses_resources
def align_texts(
    source_text: str,
    target_text: str,
    source_lang: str,
    target_lang: str,
    presplit: bool = False,
    settings: AlignerSettings | None = None,
    *,
    resources: Resources | None = None,
) -> AlignedText:
    """Split both texts into sentences (or take one per line with `presplit`) and align them (with the
    lexicon and caches of `resources`, else the active ones: `toolkit.resources`)."""
    check_language(source_lang)
    check_language(target_lang)
    if presplit:
        source_sentences, target_sentences = split_lines(source_text), split_lines(target_text)
    else:
        source_sentences = split_sentences(source_text, source_lang)
        target_sentences = split_sentences(target_text, target_lang)
    beads = align_sentences(
        [s.text for s in source_sentences],
        [s.text for s in target_sentences],
        source_lang,
        target_lang,
        settings,
    )
    return AlignedText(
        source_sentences, target_sentences, beads, signature(source_lang, target_lang, settings)
    )
