"""How close an alignment is to a gold one: strict and lax bead F1 (as vecalign's score.py), link F1.

Strict and lax follow Thompson and Koehn's definitions (after Véronis and Langlais): precision is
measured over every test bead against the gold beads; recall over the gold beads that are not
insertions or deletions against the test beads that are not. A test bead is a strict hit when the same
bead is in the gold; a lax hit when it shares a source sentence with a gold bead whose target run shares
a sentence with it. Counts are pooled over documents before dividing.
Link F1 compares the sets of (source sentence, target sentence) pairs the beads imply.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

BeadLike = tuple[Sequence[int], Sequence[int]]


def _as_set(beads: Iterable[BeadLike]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(tuple(s), tuple(t)) for s, t in beads if len(s) or len(t)}


def _hits(gold: Iterable[BeadLike], test: Iterable[BeadLike]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of the test beads against the gold."""
    gold_set, test_set = _as_set(gold), _as_set(test)
    targets_of_source: dict[int, set[int]] = defaultdict(set)
    for source, target in gold_set:
        for i in source:
            targets_of_source[i].update(target)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for source, target in test_set:
        if (source, target) in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        linked = set().union(*(targets_of_source[i] for i in source)) if source else set()
        if linked & set(target):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def links(beads: Iterable[BeadLike]) -> set[tuple[int, int]]:
    return {(i, j) for source, target in beads for i in source for j in target}


def score_alignments(
    gold_docs: Sequence[Sequence[BeadLike]], test_docs: Sequence[Sequence[BeadLike]]
) -> dict:
    """Strict/lax precision, recall and F1 and link F1, pooled over the documents."""
    if len(gold_docs) != len(test_docs):
        raise ValueError("as many gold as test documents are needed")
    precision_counts = [0, 0, 0, 0]
    recall_counts = [0, 0, 0, 0]
    link_hit = link_test = link_gold = 0
    for gold, test in zip(gold_docs, test_docs, strict=True):
        for k, value in enumerate(_hits(gold, test)):
            precision_counts[k] += value
        gold_paired = [(s, t) for s, t in gold if len(s) and len(t)]
        test_paired = [(s, t) for s, t in test if len(s) and len(t)]
        for k, value in enumerate(_hits(test_paired, gold_paired)):
            recall_counts[k] += value
        gold_links, test_links = links(gold), links(test)
        link_hit += len(gold_links & test_links)
        link_test += len(test_links)
        link_gold += len(gold_links)
    precision_strict = _ratio(precision_counts[0], precision_counts[1])
    precision_lax = _ratio(precision_counts[2], precision_counts[3])
    recall_strict = _ratio(recall_counts[0], recall_counts[1])
    recall_lax = _ratio(recall_counts[2], recall_counts[3])
    link_precision = link_hit / link_test if link_test else 0.0
    link_recall = link_hit / link_gold if link_gold else 0.0
    return {
        "precision_strict": precision_strict,
        "recall_strict": recall_strict,
        "f1_strict": _f1(precision_strict, recall_strict),
        "precision_lax": precision_lax,
        "recall_lax": recall_lax,
        "f1_lax": _f1(precision_lax, recall_lax),
        "link_precision": link_precision,
        "link_recall": link_recall,
        "f1_link": _f1(link_precision, link_recall),
    }
