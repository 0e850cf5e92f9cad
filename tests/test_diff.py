"""Word diff (lossless, case-insensitive) and lining up two renderings through their original."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.align.beads import Bead
from toolkit.diff import (
    DiffOp,
    compose_through_source,
    fill_rows,
    render_word_diff,
    similarity,
    tokenize,
    word_diff,
)

# Latin, Cyrillic, CJK, digits, punctuation, odd whitespace: the texts users actually paste.
ALPHABET = st.sampled_from(list("abcAB Сталин власть 。漢字 123 .,;:!?-'’\"«»…\n\t\u00a0"))
TEXTS = st.text(ALPHABET, max_size=60) | st.text(max_size=40)
WORDS = st.lists(st.sampled_from(["power", "Power", "immense", "authority", "власть", ",", "."]), max_size=12)


@given(TEXTS)
def test_tokenize_is_lossless(text: str) -> None:
    assert "".join(tokenize(text)) == text


@settings(max_examples=300)
@given(TEXTS, TEXTS)
def test_word_diff_reconstructs_both_sides(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert "".join(op.a for op in ops) == a
    assert "".join(op.b for op in ops) == b
    for op in ops:
        assert op.op in ("equal", "replace", "insert", "delete")
        assert op.a or op.b
        if op.op == "insert":
            assert not op.a
        if op.op == "delete":
            assert not op.b
        if op.op == "replace":
            assert op.a and op.b


@given(st.lists(st.sampled_from(["power", "Power", "immense", "authority", ",", " ", "  "]), max_size=12))
def test_identical_up_to_case_and_spacing_is_all_equal(tokens: list[str]) -> None:
    a = "".join(tokens)
    b = re.sub(r"\s+", lambda m: m.group() + "\t", a.upper())
    assert [op.op for op in word_diff(a, b)] == (["equal"] if a else [])


@given(WORDS, WORDS)
def test_no_two_changes_in_a_row(a_words: list[str], b_words: list[str]) -> None:
    ops = word_diff(" ".join(a_words), " ".join(b_words))
    for first, second in zip(ops, ops[1:], strict=False):
        assert first.op == "equal" or second.op == "equal"


def test_phrase_change_is_one_replace() -> None:
    ops = word_diff(
        "concentrated immense power in his hands", "concentrated unlimited authority in his hands"
    )
    assert ops == [
        DiffOp("equal", "concentrated ", "concentrated "),
        DiffOp("replace", "immense power", "unlimited authority"),
        DiffOp("equal", " in his hands", " in his hands"),
    ]
    assert render_word_diff(ops) == "concentrated [-immense power-]{+unlimited authority+} in his hands"


def test_case_difference_is_equal_but_kept() -> None:
    ops = word_diff("General Secretary", "general secretary")
    assert [op.op for op in ops] == ["equal"]
    assert ops[0].a == "General Secretary" and ops[0].b == "general secretary"


def test_similarity_bounds() -> None:
    assert similarity(word_diff("a b c", "a b c")) == 1.0
    assert similarity(word_diff("a b c", "x y z")) == 0.0
    assert similarity(word_diff("", "")) == 1.0


def test_compose_one_to_one() -> None:
    beads = [Bead((0,), (0,)), Bead((1,), (1,))]
    rows = compose_through_source(2, beads, beads)
    assert [(r.source_ids, r.a_ids, r.b_ids) for r in rows] == [((0,), (0,), (0,)), ((1,), (1,), (1,))]


def test_compose_joins_sources_that_share_a_bead_in_either_alignment() -> None:
    # A renders 0 and 1 in one sentence; B renders them separately; source 2 is omitted by B.
    beads_a = [Bead((0, 1), (0,)), Bead((2,), (1,))]
    beads_b = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ())]
    rows = compose_through_source(3, beads_a, beads_b)
    assert [(r.source_ids, r.a_ids, r.b_ids) for r in rows] == [((0, 1), (0,), (0, 1)), ((2,), (1,), ())]


def test_compose_places_insertions_before_the_next_original_sentence() -> None:
    beads_a = [Bead((), (0,)), Bead((0,), (1,)), Bead((1,), (2,)), Bead((), (3,))]
    beads_b = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]
    rows = compose_through_source(2, beads_a, beads_b)
    assert [(r.source_ids, r.a_ids, r.b_ids) for r in rows] == [
        ((), (0,), ()),
        ((0,), (1,), (0,)),
        ((), (), (1,)),
        ((1,), (2,), (2,)),
        ((), (3,), ()),
    ]


@given(
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=8),
    st.lists(st.integers(0, 2), max_size=8),
)
def test_compose_covers_every_sentence_once_in_order(
    shape_a: list[tuple[int, int]], targets_b: list[int]
) -> None:
    """Random monotone alignments of the same source: every sentence of each side lands in exactly one row."""
    n_source = sum(s for s, _ in shape_a)

    def beads_from(shape: list[tuple[int, int]]) -> list[Bead]:
        beads, i, j = [], 0, 0
        for s, t in shape:
            if s or t:
                beads.append(Bead(tuple(range(i, i + s)), tuple(range(j, j + t))))
            i, j = i + s, j + t
        return beads

    beads_a = beads_from(shape_a)
    # B: one bead per source sentence, with a varying number of target sentences
    shape_b = [(1, targets_b[k % len(targets_b)] if targets_b else 1) for k in range(n_source)]
    beads_b = beads_from(shape_b)
    rows = compose_through_source(n_source, beads_a, beads_b)
    n_a = sum(len(b.target) for b in beads_a)
    n_b = sum(len(b.target) for b in beads_b)
    assert [i for r in rows for i in r.source_ids] == list(range(n_source))
    assert [j for r in rows for j in r.a_ids] == list(range(n_a))
    assert [k for r in rows for k in r.b_ids] == list(range(n_b))


def test_fill_rows_texts_and_ops() -> None:
    rows = compose_through_source(1, [Bead((0,), (0,))], [Bead((0,), (0,))])
    (row,) = fill_rows(rows, ["необъятную власть"], ["immense power"], ["unlimited authority"])
    assert row.source == "необъятную власть"
    assert row.to_dict()["ops"] == [{"op": "replace", "a": "immense power", "b": "unlimited authority"}]
