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


def sentence_seeds(
    index: OriginalIndex, token_keys: list[frozenset[str]], k: int, settings: LocateSettings
) -> list[int]:
    """The `k` sentences that best match the quote word by word, scored as BM25 scores a document.

    Each quote word counts once, at the idf of its rarest key the sentence has (the window sums above
    count every key of a word, so a word with a lexicon, a stem and a cognate key weighs three times),
    and the sum is damped by the sentence's length (Robertson's BM25 with binary term frequency): a
    short review line that holds two of a short quote's words outranks a long news sentence that
    holds the same two among thirty others. Keys common to many sentences are read too (with their
    low idf) up to `seed_common_share`, since a short loose rendering may have nothing rarer.
    """
    import numpy as np

    n = len(index)
    if not n or not token_keys or k <= 0:
        return []
    limit = max(settings.common_key_floor, int(settings.seed_common_share * n))
    total = np.zeros(n)
    for keys in token_keys:
        best = np.zeros(n)
        for idf, key in sorted((index.idf(key), key) for key in keys):
            found = index.postings.get(key)
            if found is not None and len(found) <= limit:
                best[found] = idf  # ascending idf: the rarest key a sentence has is written last
        total += best
    lengths = np.asarray(index.content_words, dtype=float)
    mean = float(lengths.mean()) or 1.0
    k1, b = settings.bm25_k1, settings.bm25_b
    total *= (k1 + 1.0) / (1.0 + k1 * (1.0 - b + b * lengths / mean))
    k = min(k, n)
    top = np.argpartition(-total, k - 1)[:k] if k < n else np.arange(n)
    return sorted((int(s) for s in top if total[s] > 0.0), key=lambda s: (-total[s], s))


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
