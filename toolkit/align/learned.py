"""Translation keys a document teaches about itself: word pairs that keep landing in the same sure beads.

A first alignment from lengths, punctuation, numbers and cognates is right most of the time; the beads it
is sure of are a small parallel corpus of the document's own words. A source word and a target word that
turn up together in several of those beads, and seldom apart, are very likely translations ("Seil" and
"corde", "Nacht" and "nuit"), so a second alignment may use them as shared keys. The idea is hunalign's
realign mode (Varga et al. 2005), without its dictionary: nothing but the two texts is needed, for any
language pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from toolkit.align.evidence import latin_fold, words
from toolkit.align.scorers import AlignerSettings

#: A bead at least this sure is a training example (the evaluations' "high" confidence band).
SURE_CONFIDENCE = 0.9
#: Words shorter than this say little (articles, prepositions) and are never learned.
MIN_WORD = 3


def _word_sets(texts: Sequence[str]) -> list[set[str]]:
    return [
        {latin_fold(token) for token in words(text) if token[0].isalpha() and len(token) >= MIN_WORD}
        for text in texts
    ]


def learn_keys(
    source: Sequence[str],
    target: Sequence[str],
    path: Sequence[tuple[int, int, int, int]],
    confidences: Sequence[float],
    settings: AlignerSettings,
) -> tuple[list[list[str]], list[list[str]]] | None:
    """Keys `@word>word` for every source and target sentence, from the word pairs of the sure beads
    (None when nothing was learned). Time linear in the document: pairs are counted only between words
    frequent enough to be learned and rare enough to mean something."""
    source_words, target_words = _word_sets(source), _word_sets(target)
    sure = [
        (set().union(*source_words[i0:i1]), set().union(*target_words[j0:j1]))
        for (i0, i1, j0, j1), confidence in zip(path, confidences, strict=True)
        if confidence >= SURE_CONFIDENCE and i1 > i0 and j1 > j0
    ]
    source_count: Counter[str] = Counter(w for s, _ in sure for w in s)
    target_count: Counter[str] = Counter(w for _, t in sure for w in t)
    most = settings.learn_max_share * len(sure)
    least = settings.learn_min_count

    def eligible(count: Counter[str]) -> set[str]:
        return {w for w, c in count.items() if least <= c <= most}

    source_eligible, target_eligible = eligible(source_count), eligible(target_count)
    together: Counter[tuple[str, str]] = Counter()
    for s, t in sure:
        targets = t & target_eligible
        for a in s & source_eligible:
            together.update((a, b) for b in targets)
    best: dict[str, tuple[float, str]] = {}
    for (a, b), count in together.items():
        if count < least or a == b:  # the same word on both sides is a cognate key already
            continue
        dice = 2.0 * count / (source_count[a] + target_count[b])
        if dice >= settings.learn_min_dice and (dice, b) > best.get(a, (0.0, "")):
            best[a] = (dice, b)
    if not best:
        return None
    key_of = {a: f"@{a}>{b}" for a, (_, b) in best.items()}
    keys_of_target: dict[str, list[str]] = {}
    for a, (_, b) in best.items():
        keys_of_target.setdefault(b, []).append(key_of[a])
    source_keys = [sorted(key_of[w] for w in ws if w in key_of) for ws in source_words]
    target_keys = [sorted(k for w in ws for k in keys_of_target.get(w, ())) for ws in target_words]
    return source_keys, target_keys
