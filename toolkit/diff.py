"""Word-level comparison of two renderings, and lining them up sentence by sentence through their original.

The word diff is lossless: the `a` parts of the ops join to the first text and the `b` parts to the
second, byte for byte, so a reader can always see exactly what each rendering says.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.align import AlignedText, align_quote, align_sentences, align_texts
from toolkit.align.beads import Bead
from toolkit.corpus import Quote

#: A word (letters, digits, joined by apostrophes or hyphens), a run of whitespace, or one other character.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|[^\w\s]", re.UNICODE)

OPS = ("equal", "replace", "insert", "delete")


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks; `"".join(tokenize(t)) == t` always."""
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    # Compare case-folded; any run of whitespace counts the same, so re-wrapped text is not a difference.
    return " " if token.isspace() else token.casefold()


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff: `a` is the first text's part, `b` the second's (either may be empty)."""

    op: str
    a: str
    b: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "a": self.a, "b": self.b}


#: Above this many token pairs (after trimming the common ends) the quadratic matcher is not run and the
#: differing middle is shown as one change: aligned segments are sentences, far below it.
MAX_DIFF_CELLS = 4_000_000


def word_diff(a: str, b: str) -> list[DiffOp]:
    """The word-level differences between `a` and `b` (case and whitespace amount are not differences)."""
    tokens_a, tokens_b = tokenize(a), tokenize(b)
    keys_a, keys_b = [_key(t) for t in tokens_a], [_key(t) for t in tokens_b]
    head = 0
    while head < min(len(keys_a), len(keys_b)) and keys_a[head] == keys_b[head]:
        head += 1
    tail = 0
    while tail < min(len(keys_a), len(keys_b)) - head and keys_a[-1 - tail] == keys_b[-1 - tail]:
        tail += 1
    end_a, end_b = len(keys_a) - tail, len(keys_b) - tail
    raw = [DiffOp("equal", "".join(tokens_a[:head]), "".join(tokens_b[:head]))] if head else []
    if (end_a - head) * (end_b - head) > MAX_DIFF_CELLS:
        raw.append(_change("".join(tokens_a[head:end_a]), "".join(tokens_b[head:end_b])))
    else:
        matcher = difflib.SequenceMatcher(None, keys_a[head:end_a], keys_b[head:end_b], autojunk=False)
        raw += [
            DiffOp(tag, "".join(tokens_a[head + i1 : head + i2]), "".join(tokens_b[head + j1 : head + j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    if tail:
        raw.append(DiffOp("equal", "".join(tokens_a[end_a:]), "".join(tokens_b[end_b:])))
    return _merge(raw)


def _merge(ops: list[DiffOp]) -> list[DiffOp]:
    """Join changes separated only by whitespace ("immense power" -> "unlimited authority" is one change)."""
    merged: list[DiffOp] = []
    for op in ops:
        if merged and op.op != "equal":
            previous = merged[-1]
            if previous.op != "equal":
                merged[-1] = _change(previous.a + op.a, previous.b + op.b)
                continue
            if len(merged) >= 2 and previous.a.isspace() and previous.b.isspace():
                before = merged[-2]
                if before.op != "equal":
                    merged[-2:] = [_change(before.a + previous.a + op.a, before.b + previous.b + op.b)]
                    continue
        merged.append(op)
    return merged


def _change(a: str, b: str) -> DiffOp:
    return DiffOp("replace" if a and b else "delete" if a else "insert", a, b)


def similarity(ops: Sequence[DiffOp]) -> float:
    """Share of non-space characters that the two sides have in common (1.0 for identical texts)."""
    same = sum(len("".join(op.a.split())) + len("".join(op.b.split())) for op in ops if op.op == "equal")
    total = sum(len("".join(op.a.split())) + len("".join(op.b.split())) for op in ops)
    return 1.0 if total == 0 else same / total


def render_word_diff(ops: Sequence[DiffOp]) -> str:
    """Plain-text diff in the style of `git diff --word-diff`: [-deleted-]{+inserted+}."""
    parts = []
    for op in ops:
        if op.op == "equal":
            parts.append(op.a)
            continue
        if op.a:
            parts.append(f"[-{op.a}-]")
        if op.b:
            parts.append(f"{{+{op.b}+}}")
    return "".join(parts)


# --- lining up two renderings through their original -------------------------------------------------


@dataclass
class ComparedRow:
    """One row of a side-by-side comparison: original sentences and the sentences of A and B rendering them.

    `source_ids` is empty for text that renders no known original sentence.
    """

    source_ids: tuple[int, ...]
    a_ids: tuple[int, ...]
    b_ids: tuple[int, ...]
    source: str | None = None
    a: str = ""
    b: str = ""
    ops: list[DiffOp] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_ids": list(self.source_ids),
            "a": self.a,
            "a_ids": list(self.a_ids),
            "b": self.b,
            "b_ids": list(self.b_ids),
            "ops": [op.to_dict() for op in self.ops],
        }


def _source_groups(n_source: int, alignments: Sequence[Sequence[Bead]]) -> list[int]:
    """Group number of each source sentence: sentences that share a bead in any alignment share a group."""
    parent = list(range(n_source))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for beads in alignments:
        for bead in beads:
            for i in bead.source[1:]:
                parent[find(i)] = find(bead.source[0])
    roots: dict[int, int] = {}
    groups = []
    for i in range(n_source):
        root = find(i)
        groups.append(roots.setdefault(root, len(roots)))
    return groups


def compose_through_source(
    n_source: int, beads_a: Sequence[Bead], beads_b: Sequence[Bead]
) -> list[ComparedRow]:
    """Rows pairing A's and B's sentences that render the same original sentence(s).

    Original sentences joined by a bead of either alignment form one row, so the row is the smallest
    unit both alignments agree on. Sentences without an original (insertions) get rows of their own, placed
    before the next row of the original; insertions of A and B at the same place share a row.
    """
    groups = _source_groups(n_source, (beads_a, beads_b))
    n_groups = max(groups) + 1 if groups else 0
    rows_source: list[list[int]] = [[] for _ in range(n_groups)]
    for i, group in enumerate(groups):
        rows_source[group].append(i)
    # slot 2k holds insertions before group k, slot 2k+1 the group itself; slot 2*n_groups trailing insertions
    slots: list[list[list[int]]] = [[[], []] for _ in range(2 * n_groups + 1)]
    for side, beads in enumerate((beads_a, beads_b)):
        pending: list[int] = []
        for bead in beads:
            if not bead.source:
                pending.extend(bead.target)
                continue
            group = groups[bead.source[0]]
            slots[2 * group][side].extend(pending)
            pending = []
            slots[2 * group + 1][side].extend(bead.target)
        slots[2 * n_groups][side].extend(pending)
    rows = []
    for number, (a_ids, b_ids) in enumerate(slots):
        source_ids = tuple(rows_source[number // 2]) if number % 2 else ()
        if source_ids or a_ids or b_ids:
            rows.append(ComparedRow(source_ids, tuple(sorted(a_ids)), tuple(sorted(b_ids))))
    return rows


def fill_rows(
    rows: list[ComparedRow],
    source_sentences: Sequence[str] | None,
    a_sentences: Sequence[str],
    b_sentences: Sequence[str],
) -> list[ComparedRow]:
    """Put the sentence texts into the rows and compute each row's word diff between A and B."""
    for row in rows:
        if row.source_ids and source_sentences is not None:
            row.source = " ".join(source_sentences[i] for i in row.source_ids)
        row.a = " ".join(a_sentences[i] for i in row.a_ids)
        row.b = " ".join(b_sentences[i] for i in row.b_ids)
        row.ops = word_diff(row.a, row.b)
    return rows


def rows_from_direct_alignment(beads: Sequence[Bead]) -> list[ComparedRow]:
    """Rows from an alignment of A (as source) with B (as target), for texts without a known original."""
    return [ComparedRow((), tuple(b.source), tuple(b.target)) for b in beads]


@dataclass
class Comparison:
    """Two renderings side by side, row by row, with word diffs; `source` is None where unknown."""

    a_name: str
    b_name: str
    rows: list[ComparedRow]
    through_source: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a_name,
            "b": self.b_name,
            "through_source": self.through_source,
            "segments": [row.to_dict() for row in self.rows],
        }


def compare_renderings(
    quote: Quote,
    a_name: str,
    b_name: str,
    aligned_a: AlignedText | None = None,
    aligned_b: AlignedText | None = None,
) -> Comparison:
    """A and B aligned through the original (composing their alignments), or directly when it is missing.
    `aligned_a`/`aligned_b`: the renderings' alignments with the original when the caller has them already."""
    a_text, b_text = quote.rendering(a_name), quote.rendering(b_name)
    aligned_a = aligned_a if aligned_a is not None else align_quote(quote, a_name)
    aligned_b = aligned_b if aligned_b is not None else align_quote(quote, b_name)
    a_sentences = [s.text for s in aligned_a.target_sentences]
    b_sentences = [s.text for s in aligned_b.target_sentences]
    source = [s.text for s in aligned_a.source_sentences]
    if source and len(aligned_b.source_sentences) == len(source):
        rows = compose_through_source(len(source), aligned_a.beads, aligned_b.beads)
        return Comparison(a_name, b_name, fill_rows(rows, source, a_sentences, b_sentences), True)
    beads = align_sentences(a_sentences, b_sentences, a_text.lang, b_text.lang)
    rows = rows_from_direct_alignment(beads)
    return Comparison(a_name, b_name, fill_rows(rows, None, a_sentences, b_sentences), False)


def compare_texts(
    a_text: str,
    b_text: str,
    source_text: str | None = None,
    source_lang: str = "ru",
    target_lang: str = "en",
    a_name: str = "a",
    b_name: str = "b",
) -> Comparison:
    """Two arbitrary texts: aligned through `source_text` when given, else directly as same-language texts."""
    if source_text is not None:
        aligned_a = align_texts(source_text, a_text, source_lang, target_lang)
        aligned_b = align_texts(source_text, b_text, source_lang, target_lang)
        source = [s.text for s in aligned_a.source_sentences]
        rows = compose_through_source(len(source), aligned_a.beads, aligned_b.beads)
        a_sentences = [s.text for s in aligned_a.target_sentences]
        b_sentences = [s.text for s in aligned_b.target_sentences]
        return Comparison(a_name, b_name, fill_rows(rows, source, a_sentences, b_sentences), True)
    aligned = align_texts(a_text, b_text, target_lang, target_lang)
    rows = rows_from_direct_alignment(aligned.beads)
    a_sentences = [s.text for s in aligned.source_sentences]
    b_sentences = [s.text for s in aligned.target_sentences]
    return Comparison(a_name, b_name, fill_rows(rows, None, a_sentences, b_sentences), False)
