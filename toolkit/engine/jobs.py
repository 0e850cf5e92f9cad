"""The work units the engine ships to workers: score a chunk of line-aligned rows, align one document pair.

Top-level functions only, so worker processes and Dask workers can unpickle them by name.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any


def load_resources() -> None:
    """Worker initializer: load the lexicon once per process (scoring runs without it if it is missing)."""
    try:
        from toolkit.score.lexical import get_lexicon
    except ImportError:
        get_lexicon = None
    if get_lexicon is not None:
        get_lexicon()  # caches the lexicon, or the reason it is missing, for the scorer
        return
    try:
        from toolkit.lexicon import load_lexicon
    except ImportError:
        return
    # The scorer degrades without a lexicon; the CLI has already said so in the main process.
    with contextlib.suppress(RuntimeError):
        load_lexicon()


def _score_lines() -> Any:
    """The scoring engineer's streaming scorer when it is installed, else the stand-in below."""
    try:
        from toolkit.score import score_lines
    except ImportError:
        return baseline_score_lines
    return score_lines


def baseline_score_lines(
    src_lines: Sequence[str] | None,
    hyp_lines: Sequence[str],
    ref_lines_list: Sequence[Sequence[str]],
    **_: Any,
) -> Iterator[dict[str, Any]]:
    """A small pure stand-in with the same shape as `toolkit.score.score_lines`: chrF and length ratio."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    for number, hyp in enumerate(hyp_lines):
        record: dict[str, Any] = {"hyp_chars": len(hyp)}
        if src_lines is not None:
            source = src_lines[number]
            record["length_ratio"] = round(len(hyp) / len(source), 4) if source else None
        if ref_lines_list:
            refs = [refs[number] for refs in ref_lines_list]
            record["chrf"] = round(chrf.sentence_score(hyp, refs).score, 4)
        yield record


def score_chunk(
    rows: list[tuple[str, ...]],
    has_source: bool = True,
    options: dict[str, Any] | None = None,
    formatter: Callable[[dict[str, Any]], str] | None = None,
) -> str:
    """Score rows of (source?, hypothesis, reference...) and return one output line per row: the row's
    JSON object (sorted keys), or `formatter(row)` (a top-level function, so workers can import it).

    Serialising here, in the worker, keeps the parent light and makes the bytes identical on every engine.
    """
    columns = list(zip(*rows, strict=True)) if rows else []
    offset = 1 if has_source else 0
    src = list(columns[0]) if has_source and columns else None
    hyp = list(columns[offset]) if columns else []
    refs = [list(column) for column in columns[offset + 1 :]]
    records = _score_lines()(src, hyp, refs, **(options or {}))
    if formatter is not None:
        return "".join(formatter(record) + "\n" for record in records)
    return "".join(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" for record in records)
