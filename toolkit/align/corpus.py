"""Alignments of corpus quotes: compute one, reuse a stored one that still fits, write the file; and
`check_corpus`, which validates quotes together with their alignment files (so it lives above both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.align.aligner import AlignedText, align_texts, signature
from toolkit.align.beads import Bead
from toolkit.align.store import (
    AlignmentRecord,
    alignment_problems,
    checked_alignment,
    load_alignment,
    save_alignment,
    text_sha256,
)
from toolkit.corpus import ID_PATTERN, METADATA, Problem, Quote, load_quote
from toolkit.errors import TctError
from toolkit.segment import Sentence, split_sentences
from toolkit.storage import leftovers, quote_lock


def _compute(quote: Quote, rendering_name: str) -> AlignedText:
    rendering = quote.rendering(rendering_name)
    if quote.original.text is None:
        # Nothing of the original is known: every rendering sentence stands alone (a 0-1 bead).
        target = split_sentences(rendering.text, rendering.lang)
        beads = [Bead((), (j,), 1.0) for j in range(len(target))]
        return AlignedText([], target, beads, signature(quote.original.lang, rendering.lang))
    return align_texts(quote.original.text, rendering.text, quote.original.lang, rendering.lang)


def _sentences(text: str | None, spans: list[tuple[int, int]]) -> list[Sentence]:
    return [Sentence(start, end, (text or "")[start:end]) for start, end in spans]


def aligned_from_record(record: AlignmentRecord, source_text: str | None, rendering_text: str) -> AlignedText:
    """The stored alignment as an AlignedText (call alignment_problems first: spans are trusted here)."""
    return AlignedText(
        _sentences(source_text, record.source_spans),
        _sentences(rendering_text, record.rendering_spans),
        list(record.beads),
        record.aligner,
    )


def record_from_aligned(quote: Quote, rendering_name: str, aligned: AlignedText) -> AlignmentRecord:
    rendering = quote.rendering(rendering_name)
    return AlignmentRecord(
        rendering=rendering_name,
        beads=list(aligned.beads),
        source_spans=[(s.start, s.end) for s in aligned.source_sentences],
        rendering_spans=[(s.start, s.end) for s in aligned.target_sentences],
        source_sha256=text_sha256(quote.original.text) if quote.original.text is not None else "",
        rendering_sha256=text_sha256(rendering.text),
        aligner=aligned.aligner,
    )


def _stored(quote: Quote, rendering_name: str) -> tuple[AlignmentRecord | None, list[str]]:
    if not quote.folder.is_dir():  # texts given as files (toolkit.inputs): nothing stored, nothing to read
        return None, []
    path = quote.alignment_path(rendering_name)  # refuses a link leaving the corpus
    if not path.exists():
        return None, []
    try:
        record = load_alignment(path)
    except TctError as exc:
        return None, [exc.problem]
    problems = alignment_problems(record, quote.original.text, quote.rendering(rendering_name).text)
    return (None if problems else record), problems


def align_quote(quote: Quote, rendering_name: str) -> AlignedText:
    """The alignment of one rendering with the original: the stored file when it fits the texts, else computed."""
    record, _ = _stored(quote, rendering_name)
    if record is not None:
        return aligned_from_record(record, quote.original.text, quote.rendering(rendering_name).text)
    return _compute(quote, rendering_name)


@dataclass
class AlignmentUpdate:
    """What `update_quote_alignment` did: "written", "kept-checked" (a checked file left alone).

    `problems` says why a kept checked file no longer fits its texts (a person must look at it again).
    """

    quote_id: str
    rendering: str
    action: str
    aligned: AlignedText | None
    path: str
    problems: list[str] = field(default_factory=list)


def update_quote_alignment(quote: Quote, rendering_name: str, force: bool = False) -> AlignmentUpdate:
    """Compute and write `<rendering>.align.toml`; a checked file is kept unless `force`.

    A checked alignment that no longer fits its texts is kept too (a person must look at it); the
    reason shows in `tct corpus check`.
    """
    path = quote.alignment_path(rendering_name)
    if quote.read_only:
        return AlignmentUpdate(quote.id, rendering_name, "kept-read-only", None, str(path))
    aligned = _compute(quote, rendering_name)
    # Under the quote's lock: a concurrent `corpus attach` swaps the whole folder, and a write made in
    # the old folder meanwhile would be lost with it.
    with quote_lock(quote.folder.parent, quote.id):
        checked = None if force else checked_alignment(path)
        if checked is not None:
            problems = alignment_problems(checked, quote.original.text, quote.rendering(rendering_name).text)
            return AlignmentUpdate(quote.id, rendering_name, "kept-checked", None, str(path), problems)
        save_alignment(path, record_from_aligned(quote, rendering_name, aligned), force=force)
    return AlignmentUpdate(quote.id, rendering_name, "written", aligned, str(path))


def check_corpus(root: str | Path) -> list[Problem]:
    """Every problem of every quote: metadata, encodings, ids, links leaving the corpus, alignment files
    against the texts, and leftovers of interrupted writes. One bad quote never stops the others."""
    root = Path(root)
    problems: list[Problem] = []
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        raise TctError(f"cannot read the corpus folder: {exc.strerror or exc}", root) from None
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        if not ID_PATTERN.match(entry.name):
            problems.append(Problem(repr(str(entry))[1:-1], "folder name is not a quote id"))
            continue
        if not (entry / METADATA).is_file():
            problems.append(Problem(str(entry), f"quote folder without {METADATA}"))
            continue
        try:
            problems += _quote_problems(load_quote(entry))
        except TctError as exc:
            problems.append(Problem(exc.path or str(entry), exc.problem))
        except (OSError, RecursionError, ValueError, MemoryError) as exc:  # never stop the other quotes
            problems.append(Problem(str(entry), f"cannot be checked: {type(exc).__name__}: {exc}"))
    for item in leftovers(root):
        if item.stale:
            problems.append(Problem(str(item.path), item.describe()))
    return problems


def _quote_problems(quote: Quote) -> list[Problem]:
    problems = []
    names = {r.name for r in quote.renderings}
    for align_path in sorted(quote.folder.glob("*.align.toml")):
        name = align_path.name.removesuffix(".align.toml")
        if name not in names:
            problems.append(Problem(str(align_path), f"alignment for unknown rendering {name!r}"))
            continue
        try:
            record = load_alignment(quote.alignment_path(name))
        except TctError as exc:
            problems.append(Problem(str(align_path), exc.problem))
            continue
        if record.rendering != name:
            problems.append(Problem(str(align_path), f"names rendering {record.rendering!r}, not {name!r}"))
        for message in alignment_problems(record, quote.original.text, quote.rendering(name).text):
            problems.append(Problem(str(align_path), message))
    return problems
