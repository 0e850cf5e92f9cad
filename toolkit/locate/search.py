"""Candidate search: which windows of the original share the most (and the rarest) keys with the quote.

Only the postings of the quote's own keys are read, and keys common to a large share of the sentences
are skipped, so the work per quote follows the quote's rare words rather than the original's length.
"""

from __future__ import annotations

from toolkit.locate.index import OriginalIndex
from toolkit.locate.settings import LocateSettings


def seed_windows(index: OriginalIndex, keys: set[str], width: int, settings: LocateSettings) -> list[int]:
    """First sentences of the best windows of `width` sentences, best first (ties: earlier first)."""
    import numpy as np

    n = len(index)
    if not n or not keys:
        return []
    limit = max(settings.common_key_floor, int(settings.common_key_share * n))
    parts, weights = [], []
    for key in sorted(keys):
        found = index.postings.get(key)
        if found is None or len(found) > limit:
            continue
        parts.append(found)
        weights.append(np.full(len(found), index.idf(key)))
    if not parts:
        return []
    per_sentence = np.bincount(np.concatenate(parts), weights=np.concatenate(weights), minlength=n)
    width = max(1, min(width, n))
    running = np.concatenate(([0.0], np.cumsum(per_sentence)))
    windows = running[width:] - running[:-width]  # windows[s] = sum of sentences s .. s+width-1
    windows = np.maximum(windows, 0.0)
    k = min(settings.seeds, len(windows))
    top = np.argpartition(-windows, k - 1)[:k] if k < len(windows) else np.arange(len(windows))
    top = [int(s) for s in top if windows[s] > 0.0]
    # The best single sentences too: a long quote's pieces may each sit alone, far apart.
    k_single = min(settings.seeds // 2, n)
    single = np.argpartition(-per_sentence, k_single - 1)[:k_single] if k_single < n else np.arange(n)
    top += [int(s) for s in single if per_sentence[s] > 0.0]
    scored = {s: float(max(windows[min(s, len(windows) - 1)], per_sentence[s])) for s in top}
    return sorted(scored, key=lambda s: (-scored[s], s))


def regions(starts: list[int], width: int, pad: int, n: int) -> list[tuple[int, int]]:
    """Sentence ranges [a, b) around each seed window, overlapping ones merged (up to a bounded size)."""
    spans = sorted((max(0, s - pad), min(n, s + width + pad)) for s in starts)
    cap = 3 * (width + 2 * pad)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] and b - merged[-1][0] <= cap:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
