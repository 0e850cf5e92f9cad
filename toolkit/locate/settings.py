"""Every number the locator uses, in one frozen dataclass that says where each value comes from."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class LocateSettings:
    """Settings of `locate`; `signature()` names them all, so a result can be reproduced."""

    # Candidate search. Keys in more than this share of the sentences are skipped (they are in every
    # window anyway); a floor keeps short originals searchable. Chosen by hand, checked on WMT21.
    common_key_share: float = 0.05
    common_key_floor: int = 50
    seeds: int = 24  # windows kept for alignment per quote (WMT21: the right one is in the first 5 nearly always)
    pad: int = 2  # sentences added on each side of a seed window
    gap_pad: int = 12  # ... when the quote has an elision inside (its pieces may lie further apart)
    # Local alignment. A bead scores length x (similarity - threshold): unrelated sentence pairs have a
    # similarity around 0.1-0.2 (WMT21, shuffled pairs), translations 0.5-0.8.
    threshold: float = 0.3
    skip_share: float = 0.5  # a skipped sentence costs this share of length x threshold
    weight_floor: float = 1.0  # idf bounds of a quote word's weight
    weight_cap: float = 8.0
    unknown_weight: float = 2.0  # a quote word none of whose keys occur in the original
    # Trimming the first and last sentence to the quoted clauses: an unmatched content word costs this
    # share of a matched one; a trimmed part must hold at least `trim_min_words` content words.
    trim_cost: float = 0.5
    trim_min_words: int = 3
    # Confidence: logistic in the match's coverage of the quote and its margin over the runner-up,
    # fitted by `scripts/eval_locate.py --calibrate` on WMT21 (positives: quotes of WMT21 refs in
    # WMT21 src; negatives: WMT23 quotes in WMT21 src, where no match is right).
    conf_bias: float = -6.0
    conf_coverage: float = 10.0
    conf_margin: float = 4.0

    def signature(self) -> str:
        digest = hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:12]
        return f"tct-locate:{digest}"


DEFAULT_SETTINGS = LocateSettings()
