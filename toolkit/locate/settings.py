"""Every number the locator uses, in one frozen dataclass that says where each value comes from."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from toolkit.digest import short_digest


@dataclass(frozen=True)
class LocateSettings:
    """Settings of `locate`; `signature()` names them all, so a result can be reproduced."""

    # Candidate search. Keys in more than this share of the sentences are skipped (they are in every
    # window anyway); a floor keeps short originals searchable. Chosen by hand, checked on WMT21.
    common_key_share: float = 0.05
    common_key_floor: int = 50
    seeds: int = (
        24  # windows kept for alignment per quote (WMT21: the right one is in the first 5 nearly always)
    )
    # A quote of up to this many units (sentences, or pieces between elisions) is short: it gets more
    # sentences seeded by words, fallback candidates and (with no elision) the re-ranking below. A short
    # loose rendering (a one-line review) has too few words for the window search alone (round 3).
    short_quote_units: int = 2
    # Sentences seeded word by word (`search.sentence_seeds`), for short quotes (a loose one-line
    # rendering whose few words are common) and, fewer, for longer ones. BM25's usual
    # k1 = 1.2, b = 0.75 (Robertson and Zaragoza 2009); keys in up to a fifth of the sentences read.
    sentence_seeds_short: int = 48
    sentence_seeds_long: int = 12
    seed_common_share: float = 0.2
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    # Re-ranking (finder.Locator._rerank): a short quote with no elision has its best `rerank_pool`
    # candidates ranked by the fidelity scorer's matching plus the search score relative to the best
    # one's times `rerank_score_weight` (measured on WMT21/23 over seeds 7, 11, 13, 17; the fidelity
    # alone overturns right answers of clear margin). A quote in Russian is re-ranked at any length.
    rerank_pool: int = 8
    rerank_score_weight: float = 0.5
    # The best this many candidates also enter the re-ranking less an edge sentence (`_narrower`).
    rerank_narrower: int = 3
    # A short quote also gets this many placements around sentences by words as candidates (`_fallback`).
    fallback_sentences: int = 16
    pad: int = 2  # sentences added on each side of a seed window
    gap_pad: int = 12  # ... when the quote has an elision inside (its pieces may lie further apart)
    # Local alignment. A bead scores evidence - threshold x length (paired words of both sides against
    # all their content words): a word needs a partner more often than `threshold` to pay its way;
    # translations pair 0.5-0.8 of their words through the lexicon (WMT21), neighbouring sentences on
    # the same topic 0.1-0.3. A bead of 3 or 4 sentences pays `merge_cost` words more per extra one.
    threshold: float = 0.4
    outside_share: float = (
        0.25  # an original's words outside the stretch paired with the quote count this much
    )
    merge_cost: float = 1.0  # per extra sentence or unit of a bead
    # Each quote word aligned earns this: the whole quote is what was quoted, so a weakly matched
    # first or last sentence is kept rather than left outside the local alignment.
    unit_bonus: float = 0.25
    skip_share: float = 0.5  # a skipped sentence or quote unit costs this share of threshold x its words
    elision_skip_share: float = 0.1  # ... a sentence skipped where the quote marks an elision
    weight_floor: float = 1.0  # idf bounds of a quote word's weight
    weight_cap: float = 8.0
    unknown_weight: float = 2.0  # a quote word none of whose keys occur in the original
    # Trimming the first and last sentence to the quoted clauses: an unmatched content word costs this
    # share of a matched one; a trimmed part must hold at least `trim_min_words` content words.
    trim_cost: float = 0.5
    trim_min_words: int = 3  # when the quote marks its cut with an elision ("...in his hands...")
    trim_min_words_unmarked: int = 10
    # Edge decisions (toolkit/locate/edges.py): the aligner's Gale-Church length model. Ratio 1.0 and
    # variance 4.0 per character as the aligner assumes for a partial text (AlignerSettings.variance);
    # DEMETR ru dev pairs (not WMT) measure 0.97 and 2.7. A length cost is -log of a two-sided normal
    # tail, in the same units as a bead's word gain times `length_weight`.
    length_ratio: float = 1.0
    length_variance: float = 4.0
    length_weight: float = 1.0
    # An unaligned edge unit is attached to the next sentence when their lengths lie within |z| = 1.5
    # (cost 2.0: 87% of true pairs) and the bead's word gain is no worse than that of this many
    # unpaired words (a short sentence the lexicon does not cover; a long unrelated one is far below).
    extend_length_cost: float = 2.0
    extend_deficit: float = 3.0
    # Confidence: logistic in the match's coverage of the quote, its margin over the runner-up and
    # log(1 + its alignment score) (the evidence in absolute terms: a long quote only partly in the
    # original has a low coverage but a strong match), fitted by `scripts/eval_locate.py --calibrate`
    # on WMT21 (positives: 300 quotes of WMT21 refs in WMT21 src; negatives: 150 WMT23 quotes in WMT21
    # src, where no match is right; seed 7). WMT23 checks it (a fit there gives nearly the same weights).
    conf_bias: float = -8.842
    conf_coverage: float = 7.33
    conf_margin: float = 3.457
    conf_evidence: float = 1.893

    def signature(self) -> str:
        digest = short_digest(asdict(self), 12)
        return f"tct-locate:{digest}"


DEFAULT_SETTINGS = LocateSettings()
