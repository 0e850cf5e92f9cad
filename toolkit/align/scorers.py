"""Bead costs for the DP: a Gale-Church length model, shared-key (lexical) evidence and shape priors.

Every cost is roughly a negative log-probability, so terms add up and a bead's cost also gives its
confidence. Each scorer works on whole blocks of cells at once (numpy), from prefix sums over the
sentences, so a bead of several sentences costs no more to score than a 1-1 bead.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass

from toolkit.lazy import lazy_module

np = lazy_module("numpy")  # imported on first use: `tct --help` starts without it
sparse = lazy_module("scipy.sparse")
special = lazy_module("scipy.special")


BEAD_SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1),
)  # fmt: skip


@dataclass(frozen=True)
class AlignerSettings:
    """Every setting that changes an alignment (recorded in the aligner signature)."""

    # Gale and Church's variance per character was 6.8; 4.0 fits our three evaluation sets better
    # (scripts/eval_align.py: Text+Berg de-fr, hunalign hu-en, WMT21 ru-en).
    variance: float = 4.0
    merge_penalty: float = 2.3  # 1-2 and 2-1 beads: -log(0.089 / 0.89), Gale and Church's priors
    double_merge_penalty: float = 4.4  # 2-2
    triple_penalty: float = 4.6  # 1-3 and 3-1
    # 1-4 and 4-1: a sentence cut at every colon and semicolon (Text+Berg's French tables of contents
    # and addresses). Text+Berg 001-002 gain alike anywhere from 6.5 to 8 (eval_align.py); 7 is
    # about -log(0.001), rarer than a 1-3 as Gale and Church's counts would have it.
    quadruple_penalty: float = 7.0
    skip_penalty: float = 4.0  # 1-0 and 0-1 beads: near -log(0.0099 / 0.89), lowered a little (eval)
    # A skip before the first or after the last sentence of the other side: a quote that covers more or
    # less than the known original leaves whole runs unmatched at its ends, which is no sign of error.
    # Only when one side looks partial (sentence counts outside PARTIAL_COUNT_RATIO of each other):
    # between two whole texts an edge skip is as unlikely as any other (Text+Berg, WMT21: eval_align).
    edge_skip_penalty: float = 1.5
    lexical_weight: float = 6.0  # cost bonus for a bead whose sentences share every key
    # The same bonus when the bilingual lexicon adds translation keys: they are surer evidence than
    # cognate prefixes, so they may outweigh the length model more often.
    lexicon_lexical_weight: float = 9.0
    # Keys the document shares across its two sides that a paired bead holds without their partner are
    # evidence against it (the names and numbers point elsewhere), which Dice alone ignores: a bead
    # costs up to this much more for the unshared part of its keys...
    mismatch_penalty: float = 1.0
    # ...reached once its keys weigh this much (about four keys seen once on each side of a
    # 300-sentence document, log(1 + 600 / 2) each). eval_align.py: the gain on every set is flat
    # from 15 to 30 and from 0.5 to 1.5; Text+Berg, WMT21 noisy and literary, both seeds, gain.
    mismatch_saturation: float = 20.0
    # A second alignment with translation keys the first one teaches (toolkit/align/learned.py): a word
    # pair counts when it shares at least learn_min_count sure beads, its Dice over them reaches
    # learn_min_dice, and neither word is in more than learn_max_share of them (function words
    # co-occur with everything: learning them cost Text+Berg 003 0.909 -> 0.869). 0 switches it off.
    # eval_align.py: every set gains or keeps its figure (Text+Berg, hu-en, WMT21 noisy and literary,
    # both seeds). Dice 0.3 to 0.7 and counts 3 or 4 give about the same; a count of 2 or a share of
    # 0.2 costs the short Text+Berg 003 (95 sentences, few sure beads), a share of 0.05 loses most of
    # the WMT21 gain.
    learn_min_count: int = 3
    learn_min_dice: float = 0.5
    learn_max_share: float = 0.1
    lexicon: bool = True  # use the Russian-English lexicon when installed
    punctuation_weight: float = 2.0  # cost per mismatched class of punctuation (?, !, quotes, brackets, :;)

    def signature(self) -> str:
        parts = [f"{k}={v}" for k, v in sorted(asdict(self).items())]
        return "|".join(parts)


def shape_penalty(a: int, b: int, settings: AlignerSettings) -> float:
    if a == 0 or b == 0:
        return settings.skip_penalty
    if (a, b) == (1, 1):
        return 0.0
    if {a, b} == {1, 2}:
        return settings.merge_penalty
    if (a, b) == (2, 2):
        return settings.double_merge_penalty
    if max(a, b) == 4:
        return settings.quadruple_penalty
    return settings.triple_penalty


_TERMINAL = ".!?;\"”»’')]"


def open_ends(sentences: list[str]) -> tuple[bool, bool]:
    """Whether a text starts mid-sentence and whether it stops mid-sentence (a cut quotation).

    An initial lower-case letter or ellipsis marks a cut start; a final sentence with no closing
    punctuation, or ending in an ellipsis, a cut end. The cut sentence is only part of what the other
    side translated, so its length is a lower bound.
    """
    if not sentences:
        return False, False
    first, last = sentences[0].lstrip(), sentences[-1].rstrip()
    letters = [ch for ch in first[:20] if ch.isalpha()]
    open_start = first.startswith(("...", "…")) or bool(letters and letters[0].islower())
    open_end = last.endswith(("...", "…")) or not last.endswith(tuple(_TERMINAL))
    return open_start, open_end


def _prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


class LengthScorer:
    """Gale and Church (1993): the target length is normal around c * source length, variance s2 * length.

    c is the document's own length ratio, so no language-pair table is needed.
    """

    def __init__(
        self,
        source_lengths: np.ndarray,
        target_lengths: np.ndarray,
        variance: float,
        ratio: float,
        source_open: tuple[bool, bool] = (False, False),
        target_open: tuple[bool, bool] = (False, False),
    ) -> None:
        self.source_open = source_open
        self.target_open = target_open
        self.source_lengths = source_lengths
        self.target_lengths = target_lengths
        self.source = _prefix(source_lengths)
        self.target = _prefix(target_lengths)
        self.ratio = ratio
        self.variance = variance

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        n, m = len(self.source) - 1, len(self.target) - 1
        ls = self.source[np.clip(i, 0, n)] - self.source[np.clip(i - a, 0, n)]
        lt = self.target[np.clip(j, 0, m)] - self.target[np.clip(j - b, 0, m)]
        expected = ls * self.ratio
        difference = lt - expected
        # A bead holding a cut first or last sentence: that side's length is only a lower bound.
        source_cut = self._cut(self.source_open, i, a, n)
        target_cut = self._cut(self.target_open, j, b, m)
        if source_cut is not None:
            difference = np.where(source_cut, np.minimum(difference, 0.0), difference)
        if target_cut is not None:
            difference = np.where(target_cut, np.maximum(difference, 0.0), difference)
        # In place, the same operations as -(log 2 + log_ndtr(-|d| / sqrt(s2 * max((e + lt) / 2, 1)))).
        spread = np.asarray(expected + lt, dtype=np.float64)
        spread *= 0.5
        np.maximum(spread, 1.0, out=spread)
        spread *= self.variance
        np.sqrt(spread, out=spread)
        z = np.asarray(np.abs(difference), dtype=np.float64)
        z /= spread
        np.negative(z, out=z)
        cost = np.asarray(special.log_ndtr(z), dtype=np.float64)
        cost += math.log(2.0)
        return np.negative(cost, out=cost)

    @staticmethod
    def _cut(open_ends: tuple[bool, bool], end: np.ndarray, size: int, total: int) -> np.ndarray | None:
        open_start, open_end = open_ends
        if not (open_start or open_end) or size == 0:
            return None
        cut = np.zeros(np.shape(end), dtype=bool)
        if open_start:
            cut |= end - size == 0
        if open_end:
            cut |= end == total
        return cut


#: How many (source, target) sentence pairs sharing a key the lexical scorer keeps, per sentence.
PAIRS_PER_SENTENCE = 60


class SharedKeyScorer:
    """Dice overlap of weighted keys between the two sides of a bead, turned into a cost bonus.

    Keys are weighted by inverse document frequency; keys so common that they would pair almost every
    sentence with every other are dropped (they carry no information and would fill memory).
    """

    def __init__(
        self,
        source_keys: list[list[str]],
        target_keys: list[list[str]],
        weight: float,
        mismatch_penalty: float = 0.0,
        mismatch_saturation: float = 1.0,
    ) -> None:
        self.weight = weight
        self.mismatch_penalty = mismatch_penalty
        self.mismatch_saturation = mismatch_saturation
        self.n, self.m = len(source_keys), len(target_keys)
        source_sets = [set(keys) for keys in source_keys]
        target_sets = [set(keys) for keys in target_keys]
        df_source: Counter[str] = Counter(k for keys in source_sets for k in keys)
        df_target: Counter[str] = Counter(k for keys in target_sets for k in keys)
        total = self.n + self.m
        # Rarest keys first until the sentence pairs they create fill a budget linear in the document,
        # so memory stays linear however repetitive the text (a frequent key says little anyway).
        budget = PAIRS_PER_SENTENCE * total + 2000
        vocabulary: dict[str, int] = {}
        weights: list[float] = []
        candidates = sorted((df_source[k] * df_target[k], k) for k in df_source.keys() & df_target.keys())
        # Keys found in exactly one sentence on each side pin that pair together: anchors for the band.
        # Only numbers and names/cognates: a lexicon translation seen once on each side is too often
        # a coincidence of two different words.
        unique = {k for pairs, k in candidates if pairs == 1 and k[0] in "#~"}
        first_source = {k: row for row, keys in enumerate(source_sets) for k in keys if k in unique}
        first_target = {k: row for row, keys in enumerate(target_sets) for k in keys if k in unique}
        self.anchors = sorted((first_source[k], first_target[k]) for k in unique)
        for pairs, key in candidates:
            budget -= pairs
            if budget < 0:
                break
            vocabulary[key] = len(weights)
            weights.append(math.log(1.0 + total / (df_source[key] + df_target[key])))
        key_weight = np.asarray(weights, dtype=np.float64)

        def total_weight(sets: list[set[str]]) -> np.ndarray:
            # Only keys seen on both sides of the document count: a Russian word whose transliteration
            # matches nothing in the English text is no evidence either way.
            # Numbers are the exception: a number nothing on the other side repeats is a sign of an
            # omission or addition, so it counts (with the weight of a key seen once).
            lone_number = math.log(1.0 + total)
            return np.asarray(
                [
                    sum(
                        weights[vocabulary[k]] if k in vocabulary else lone_number * (k[0] == "#")
                        for k in keys
                    )
                    for keys in sets
                ],
                dtype=np.float64,
            )

        self.source_weight = _prefix(total_weight(source_sets))
        self.target_weight = _prefix(total_weight(target_sets))

        def matrix(sets: list[set[str]]) -> sparse.csr_matrix:
            rows, cols = [], []
            for row, keys in enumerate(sets):
                for key in keys:
                    col = vocabulary.get(key)
                    if col is not None:
                        rows.append(row)
                        cols.append(col)
            data = np.sqrt(key_weight[cols]) if cols else np.zeros(0)
            return sparse.csr_matrix((data, (rows, cols)), shape=(len(sets), max(1, len(weights))))

        shared = (matrix(source_sets) @ matrix(target_sets).T).tocsr()
        shared.sort_indices()
        # Row prefix sums of the sparse shared-weight matrix, flattened: the weight shared by source
        # sentence r with target sentences [0, c) is cum[searchsorted(flat, r * stride + c)] - cum[start_r].
        self.stride = self.m + 2
        row_of = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(shared.indptr))
        self.flat = row_of * self.stride + shared.indices.astype(np.int64)
        self.cumulative = _prefix(shared.data)
        self.row_start = shared.indptr.astype(np.int64)
        self._block: tuple[np.ndarray, np.ndarray, dict] | None = None

    def shared_before(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Weight shared by source sentence `rows` with target sentences [0, cols)."""
        rows = np.clip(rows, 0, max(self.n - 1, 0))
        cols = np.clip(cols, 0, self.m)
        position = np.searchsorted(self.flat, rows * self.stride + cols)
        return self.cumulative[position] - self.cumulative[self.row_start[rows]]

    def _shared_before_cached(self, i: np.ndarray, j: np.ndarray, q: int, d: int) -> np.ndarray:
        """shared_before(i - q, j - d), remembered while the DP asks about the same block of cells
        (every bead shape needs some of the same twelve arrays)."""
        if self._block is None or self._block[0] is not i or self._block[1] is not j:
            self._block = (i, j, {})
        found = self._block[2].get((q, d))
        if found is None:
            rows = np.broadcast_to(i - q, np.broadcast(i, j).shape)
            found = self._block[2][(q, d)] = self.shared_before(rows, j - d)
        return found

    def overlap(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Dice overlap in [0, 1] of the bead covering source [i-a, i) and target [j-b, j)."""
        return self._overlap_and_weight(a, b, i, j)[0]

    def _overlap_and_weight(
        self, a: int, b: int, i: np.ndarray, j: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Dice overlap of the bead and the weight of the keys on its two sides (shared or not)."""
        if a == 0 or b == 0 or self.n == 0 or self.m == 0:
            shape = np.broadcast(i, j).shape
            return np.zeros(shape), np.zeros(shape)
        shared = np.zeros(np.broadcast(i, j).shape)
        for q in range(1, a + 1):
            shared += self._shared_before_cached(i, j, q, 0) - self._shared_before_cached(i, j, q, b)
        n, m = self.n, self.m
        source_total = self.source_weight[np.clip(i, 0, n)] - self.source_weight[np.clip(i - a, 0, n)]
        target_total = self.target_weight[np.clip(j, 0, m)] - self.target_weight[np.clip(j - b, 0, m)]
        denominator = source_total + target_total
        with np.errstate(invalid="ignore", divide="ignore"):
            dice = np.where(denominator > 0, 2.0 * shared / denominator, 0.0)
        return np.clip(dice, 0.0, 1.0), denominator

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The bonus for the shared keys, less the cost of the unshared ones (saturating)."""
        dice, weight = self._overlap_and_weight(a, b, i, j)
        cost = dice * -self.weight
        if self.mismatch_penalty > 0:
            unshared = np.minimum(weight, self.mismatch_saturation)
            unshared *= self.mismatch_penalty / self.mismatch_saturation
            dice -= 1.0
            unshared *= dice
            cost -= unshared  # + penalty * (1 - dice) * min(1, weight / saturation)
        return cost


PUNCTUATION_CLASSES = ("?", "!", '«»“”„"', "([", ":", ";")


class PunctuationScorer:
    """Question marks, exclamations, quotation marks, brackets, colons and semicolons tend to survive
    translation; a bead whose sides disagree on them costs a little more."""

    def __init__(self, source: list[str], target: list[str], weight: float) -> None:
        self.weight = weight

        def counts(texts: list[str]) -> np.ndarray:
            table = np.zeros((len(texts) + 1, len(PUNCTUATION_CLASSES)))
            for row, text in enumerate(texts, 1):
                table[row] = [sum(text.count(ch) for ch in chars) for chars in PUNCTUATION_CLASSES]
            # float32 columns: small counts are exact, and half the memory traffic of the DP's blocks.
            return np.ascontiguousarray(np.cumsum(table, axis=0).T.astype(np.float32))

        self.source, self.target = counts(source), counts(target)
        used = (self.source[:, -1] + self.target[:, -1]) > 0
        self.columns = [column for column in range(len(PUNCTUATION_CLASSES)) if used[column]]

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        n, m = self.source.shape[1] - 1, self.target.shape[1] - 1
        i_end, i_start = np.clip(i, 0, n), np.clip(i - a, 0, n)
        j_end, j_start = np.clip(j, 0, m), np.clip(j - b, 0, m)
        total = np.zeros(np.broadcast(i, j).shape, dtype=np.float32)
        for column in self.columns:  # classes the texts use at all; one 2-D pass each
            source, target = self.source[column], self.target[column]
            on_source = source[i_end] - source[i_start]
            on_target = target[j_end] - target[j_start]
            total += np.abs(on_source - on_target) / (1.0 + on_source + on_target)
        return self.weight * total


class BeadCost:
    """The DP's cost function: shape prior + length cost + lexical bonus (skips get the prior alone)."""

    def __init__(
        self,
        length: LengthScorer,
        lexical: SharedKeyScorer | None,
        settings: AlignerSettings,
        punctuation: PunctuationScorer | None = None,
        partial: bool = True,
    ):
        # Whether one text may cover only part of the other, so that skips at the ends are cheap.
        self.edge_skip = settings.edge_skip_penalty if partial else settings.skip_penalty
        self.length = length
        self.lexical = lexical
        self.punctuation = punctuation
        self.settings = settings

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        shape = np.broadcast(i, j).shape
        penalty = shape_penalty(a, b, self.settings)
        if a == 0 or b == 0:
            n = len(self.length.source) - 1
            m = len(self.length.target) - 1
            at_edge = (i == 0) | (i == n) if a == 0 else (j == 0) | (j == m)
            return np.broadcast_to(np.where(at_edge, self.edge_skip, penalty), shape)
        cost = self.length(a, b, i, j)  # a fresh array: the terms below add in place
        if cost.shape != shape:
            cost = np.broadcast_to(cost, shape).copy()
        cost += penalty
        if self.lexical is not None:
            cost += self.lexical(a, b, i, j)
        if self.punctuation is not None:
            cost += self.punctuation(a, b, i, j)
        return np.broadcast_to(cost, shape)


def confidence_from_cost(cost: float) -> float:
    """Map a bead cost (about -log p, 0 for a perfect 1-1 bead) to a confidence in [0, 1]."""
    return float(1.0 / (1.0 + math.exp(min(50.0, cost - 2.0))))
