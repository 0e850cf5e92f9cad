"""The bead dynamic programme: the cheapest monotone chain of beads through a band of the sentence grid.

Cell (i, j) means "the first i source and the first j target sentences are aligned". A bead of shape
(a, b) ends at (i, j) and covers source sentences [i-a, i) and target sentences [j-b, j). The caller
supplies the cost of every bead shape as a function; this module knows nothing of texts, languages or
scorers (the layout follows vecalign's dp_utils: a small core that takes a cost function).

Memory is linear in the document: each source row i keeps only a window of `width` target positions
starting at `band_start[i]`, so the back-pointers take (n+1) * width bytes and the cost arrays are
computed one chunk of rows at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from toolkit.lazy import lazy_module

np = lazy_module("numpy")  # imported on first use: `tct --help` starts without it


#: cost(a, b, i, j) -> costs of the beads of shape (a, b) ending at cells (i, j); i and j are int
#: arrays that broadcast together (i a column, j a block). Cells where the bead would start before
#: the grid (i < a or j < b) may get any value: the core ignores them.
CostFunction = Callable[[int, int, "np.ndarray", "np.ndarray"], "np.ndarray"]

#: Rows of cost arrays computed at a time (bounds the memory of the cost arrays).
_CHUNK_CELLS = 1 << 18


def best_path(
    n_source: int,
    n_target: int,
    shapes: Sequence[tuple[int, int]],
    cost: CostFunction,
    band_start: np.ndarray,
    width: int,
) -> list[tuple[int, int, int, int]] | None:
    """The cheapest bead chain from (0, 0) to (n_source, n_target) inside the band.

    Returns beads as (i_start, i_end, j_start, j_end), in order, or None when the band does not
    connect the two corners. `band_start[i]` is the first target position of row i's window.
    """
    shapes = list(shapes)
    width = max(1, int(width))
    band_start = np.asarray(band_start, dtype=np.int64)
    offsets = np.arange(width, dtype=np.int64)
    # (0, 1) beads stay within a row, so they are solved per row with a running minimum (below);
    # every other shape reads rows already finished. Other pure-insertion shapes are not supported.
    insertion = shapes.index((0, 1)) if (0, 1) in shapes else -1
    if any(a == 0 and (a, b) != (0, 1) for a, b in shapes):
        raise ValueError("the only shape with no source sentence may be (0, 1)")
    max_a = max(a for a, _ in shapes)
    # Every shape that reads an earlier row is handled in one stacked operation per row: the last
    # max_a rows live in a ring buffer, each padded with an infinite cell at both ends, so that a
    # clipped index falls on "unreachable" instead of needing a mask.
    reading = np.asarray([n for n, (a, _) in enumerate(shapes) if a > 0], dtype=np.int64)
    reading_number = reading.astype(np.int8)
    reading_a = np.asarray([shapes[n][0] for n in reading], dtype=np.int64)
    reading_b = np.asarray([shapes[n][1] for n in reading], dtype=np.int64)
    ring = np.full((max_a + 1, width + 2), np.inf)
    flat_ring = ring.reshape(-1)
    unreachable = max_a  # slot kept all-infinite, for rows before the first
    back = np.full((n_source + 1, width), -1, dtype=np.int8)
    chunk_rows = max(1, _CHUNK_CELLS // width)
    reading_costs = np.zeros((len(reading), 0, width))
    insertion_costs = np.zeros((0, width))
    chunk_first = 0
    slot_of = np.zeros(n_source + 1, dtype=np.int64)

    for i in range(n_source + 1):
        if i == 0 or i - chunk_first >= chunk_rows:
            chunk_first = i
            last = min(n_source + 1, i + chunk_rows)
            row_ids = np.arange(i, last, dtype=np.int64)[:, None]
            cols = band_start[i:last, None] + offsets[None, :]
            block = [
                np.broadcast_to(np.asarray(cost(a, b, row_ids, cols), dtype=np.float64), cols.shape)
                for a, b in shapes
            ]
            reading_costs = np.stack([block[n] for n in reading])
            if insertion >= 0:
                insertion_costs = block[insertion]
        first = int(band_start[i])
        limit = min(width, n_target - first + 1)  # offsets past the last target position are void
        row = i - chunk_first
        slot_of[i] = i % max_a
        # Cell (i, first + k) extends cell (i - a, first + k - b): offset k + shift - b in that row.
        earlier = i - reading_a
        valid_earlier = earlier >= 0
        slots = np.where(valid_earlier, slot_of[np.maximum(earlier, 0)], unreachable)
        shift = first - band_start[np.maximum(earlier, 0)] - reading_b + 1
        index = np.clip(offsets[None, :] + shift[:, None], 0, width + 1) + (slots * (width + 2))[:, None]
        candidates = flat_ring[index] + reading_costs[:, row, :]
        pick = candidates.argmin(axis=0)
        best = candidates[pick, offsets]
        choice = reading_number[pick]
        choice[best == np.inf] = -1
        if i == 0 and first == 0:
            best[0] = 0.0
            choice[0] = -1
        best[limit:] = np.inf
        choice[limit:] = -1
        if insertion >= 0 and limit > 1:
            # D[j] = min(X[j], D[j-1] + c[j]) is D[j] = P[j] + min_{k<=j} (X[k] - P[k]) with P the
            # running sum of c: one vectorised pass instead of a loop over j.
            step = insertion_costs[row, :limit].copy()
            step[0] = 0.0
            running = np.cumsum(step)
            current = best[:limit]
            with np.errstate(invalid="ignore"):
                chained = running + np.minimum.accumulate(current - running)
            improved = chained < current - 1e-9
            current[improved] = chained[improved]
            choice[:limit][improved] = insertion
        ring[slot_of[i], 1:-1] = best
        back[i] = choice

    end = n_target - band_start[n_source]
    if not 0 <= end < width or not np.isfinite(ring[slot_of[n_source], 1 + end]):
        return None
    beads: list[tuple[int, int, int, int]] = []
    i, j = n_source, n_target
    while i > 0 or j > 0:
        number = int(back[i, j - band_start[i]])
        if number < 0:  # pragma: no cover - a finite end cost always has a chain behind it
            return None
        a, b = shapes[number]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def band_around(path_rows: np.ndarray, n_target: int, width: int) -> np.ndarray:
    """Window starts for rows 0..n centred on `path_rows[i]` (a target position per row)."""
    width = min(width, n_target + 1)
    start = np.rint(np.asarray(path_rows, dtype=np.float64)).astype(np.int64) - width // 2
    return np.clip(start, 0, n_target + 1 - width)


def touches_edge(
    beads: list[tuple[int, int, int, int]], band_start: np.ndarray, width: int, n_target: int, margin: int
) -> bool:
    """Whether the path runs within `margin` of a band edge that is not the grid's edge."""
    for i0, i1, j0, j1 in beads:
        for i, j in ((i0, j0), (i1, j1)):
            k = j - band_start[i]
            if (k < margin and band_start[i] > 0) or (
                k >= width - margin and band_start[i] + width <= n_target
            ):
                return True
    return False


def path_centres(beads: list[tuple[int, int, int, int]], n_source: int) -> np.ndarray:
    """The target position of the path in every source row (the mean where a row holds several;
    interpolated inside beads that span several source rows)."""
    total = np.zeros(n_source + 1)
    count = np.zeros(n_source + 1)
    for i0, i1, j0, j1 in beads:
        for i, j in ((i0, j0), (i1, j1)):
            total[i] += j
            count[i] += 1
    rows = np.flatnonzero(count)
    return np.interp(np.arange(n_source + 1), rows, total[rows] / count[rows])


def monotone_anchors(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of (source, target) anchors increasing on both sides (crossing ones are noise)."""
    anchors = sorted(set(anchors))
    tails: list[int] = []  # tails[k]: index of the smallest target ending a chain of length k + 1
    previous = [-1] * len(anchors)
    for index, (_, j) in enumerate(anchors):
        lo, hi = 0, len(tails)
        while lo < hi:  # first chain whose end is not below j (strictly increasing targets)
            mid = (lo + hi) // 2
            if anchors[tails[mid]][1] < j:
                lo = mid + 1
            else:
                hi = mid
        if lo > 0:
            previous[index] = tails[lo - 1]
        if lo == len(tails):
            tails.append(index)
        else:
            tails[lo] = index
    chain = []
    index = tails[-1] if tails else -1
    while index >= 0:
        chain.append(anchors[index])
        index = previous[index]
    chain.reverse()
    # Two anchors in one source row would make the chain non-increasing on that side.
    return [anchor for k, anchor in enumerate(chain) if k == 0 or anchor[0] > chain[k - 1][0]]


def anchored_centres(anchors: list[tuple[int, int]], n_source: int, n_target: int) -> np.ndarray:
    """Target position per source row, linear between the anchors (and the grid's corners)."""
    points = [(0, 0), *[(i + 0.5, j + 0.5) for i, j in anchors], (n_source, n_target)]
    rows = np.asarray([p[0] for p in points], dtype=np.float64)
    cols = np.asarray([p[1] for p in points], dtype=np.float64)
    return np.interp(np.arange(n_source + 1, dtype=np.float64), rows, cols)
