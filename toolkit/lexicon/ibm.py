"""A small fast_align-style aligner (IBM Model 1 + diagonal prior), EM in numpy.

Used by scripts/build_lexicon.py instead of eflomal because eflomal's Gibbs
sampler seeds itself from /dev/urandom and offers no seed, so two builds would
not give the same bytes.  EM has no randomness at all: same input, same output.
Dictionary pairs enter as Dirichlet pseudo-counts in the M-step, so the
aligner already knows that "партия" and "party" go together.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.lazy import lazy_module

np = lazy_module("numpy")  # imported on first use: `tct --help` starts without it


__all__ = ["NULL_ID", "train_ibm"]

NULL_ID = 0  # source id 0 is the empty word; real source words start at 1


def _links(
    src: Sequence[Sequence[int]], trg: Sequence[Sequence[int]], diag: float, p_null: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """All (source position, target token) candidate links with their distortion weight."""
    l_src, l_trg, l_tok, l_w = [], [], [], []
    tok_base = 0
    for s_ids, t_ids in zip(src, trg, strict=True):
        m, n = len(s_ids), len(t_ids)
        if m == 0 or n == 0:
            continue
        s_arr = np.asarray((NULL_ID, *s_ids), dtype=np.int32)
        t_arr = np.asarray(t_ids, dtype=np.int32)
        i_pos = (np.arange(m) + 0.5) / m
        j_pos = (np.arange(n) + 0.5) / n
        w = np.exp(-diag * np.abs(i_pos[None, :] - j_pos[:, None]))  # n x m
        w *= (1.0 - p_null) / w.sum(axis=1, keepdims=True)
        w = np.concatenate([np.full((n, 1), p_null), w], axis=1)  # n x (m+1)
        l_src.append(np.tile(s_arr, n))
        l_trg.append(np.repeat(t_arr, m + 1))
        l_tok.append(np.repeat(np.arange(tok_base, tok_base + n, dtype=np.int32), m + 1))
        l_w.append(w.ravel().astype(np.float32))
        tok_base += n
    return (
        np.concatenate(l_src),
        np.concatenate(l_trg),
        np.concatenate(l_tok),
        np.concatenate(l_w),
        tok_base,
    )


def train_ibm(
    src: Sequence[Sequence[int]],
    trg: Sequence[Sequence[int]],
    n_trg: int,
    prior: dict[tuple[int, int], float] | None = None,
    iterations: int = 6,
    diag: float = 4.0,
    p_null: float = 0.08,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """EM for p(target word | source word); returns (src ids, trg ids, expected counts).

    `src`/`trg` are sentences of word ids (source ids >= 1, target ids >= 0);
    `prior` adds pseudo-counts to chosen (src id, trg id) pairs in every M-step.
    The counts come from the last E-step and exclude the prior.
    """
    l_src, l_trg, l_tok, l_w, n_tok = _links(src, trg, diag, p_null)
    keys = l_src.astype(np.int64) * n_trg + l_trg
    del l_trg
    uniq, pair_idx = np.unique(keys, return_inverse=True)
    del keys
    pair_idx = pair_idx.astype(np.int32)
    pair_src = (uniq // n_trg).astype(np.int64)
    pair_trg = (uniq % n_trg).astype(np.int64)
    n_src = int(pair_src.max()) + 1
    alpha = np.zeros(len(uniq))
    if prior:
        pk = np.fromiter((s * n_trg + t for s, t in prior), dtype=np.int64, count=len(prior))
        pv = np.fromiter(prior.values(), dtype=np.float64, count=len(prior))
        pos = np.searchsorted(uniq, pk)
        ok = (pos < len(uniq)) & (uniq[np.minimum(pos, len(uniq) - 1)] == pk)
        alpha[pos[ok]] = pv[ok]
    t = np.ones(len(uniq))
    counts = np.zeros(len(uniq))
    for _ in range(iterations):
        w = t[pair_idx] * l_w
        norm = np.bincount(l_tok, weights=w, minlength=n_tok)
        post = w / norm[l_tok]
        counts = np.bincount(pair_idx, weights=post, minlength=len(uniq))
        smoothed = counts + alpha
        totals = np.bincount(pair_src, weights=smoothed, minlength=n_src)
        t = smoothed / totals[pair_src]
    return pair_src, pair_trg, counts
