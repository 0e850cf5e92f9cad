"""Trim a match's first and last sentence to the clauses the quote renders.

A quote often starts or stops inside a sentence ("...concentrated immense power in his hands" of
«..., сосредоточил в своих руках необъятную власть, и я не уверен, ...»). Clause by clause from the
quoted side, each original word whose keys meet an unclaimed quote word gains 1 (and claims that word,
so a repeated «власть» is not evidence twice) and each other content word loses `trim_cost`; the cut
is placed where that running score peaks. A cut that drops fewer than `trim_min_words` content words is
not made (`trim_min_words_unmarked` when the quote does not mark the cut with "..."), so a lexicon gap in a short final clause does not clip a whole sentence.
"""

from __future__ import annotations

import re

from toolkit.locate.keys import Token
from toolkit.locate.settings import LocateSettings
from toolkit.segment import Sentence

CLAUSE_END = re.compile(r"\s*[,;:—–(]\s*|\s+-\s+")


def _clauses(sentence: Sentence, tokens: list[Token]) -> list[list[Token]]:
    """The sentence's tokens grouped by clause (split at commas, semicolons, colons and dashes)."""
    cuts = [sentence.start + m.start() for m in CLAUSE_END.finditer(sentence.text)]
    groups: list[list[Token]] = [[]]
    k = 0
    for token in tokens:
        while k < len(cuts) and cuts[k] < token.start:
            if groups[-1]:
                groups.append([])
            k += 1
        groups[-1].append(token)
    return [g for g in groups if g]


def _clause_scores(
    clauses: list[list[Token]], quote_tokens: list[Token], settings: LocateSettings
) -> list[float]:
    """Per clause: +1 per word pairing a free quote word, -trim_cost per other content word."""
    unclaimed = list(quote_tokens)
    out = []
    for clause in clauses:
        score = 0.0
        for token in clause:
            if not token.content:
                continue
            hit = next((q for q in unclaimed if not q.keys.isdisjoint(token.keys)), None)
            if hit is not None:
                unclaimed.remove(hit)
                score += 1.0
            else:
                score -= settings.trim_cost
        out.append(score)
    return out


def _best_range(scores: list[float], fixed_start: bool, fixed_end: bool) -> tuple[int, int]:
    """Clause range [a, b) with the highest total (the widest among equals); a = 0 / b = len if fixed."""
    n = len(scores)
    best, best_range = float("-inf"), (0, n)
    for a in [0] if fixed_start else range(n):
        total = 0.0
        for b in range(a + 1, n + 1):
            total += scores[b - 1]
            if fixed_end and b != n:
                continue
            if total > best or (total == best and b - a > best_range[1] - best_range[0]):
                best, best_range = total, (a, b)
    return best_range


def _content(clauses: list[list[Token]]) -> int:
    return sum(1 for clause in clauses for t in clause if t.content)


def trim_edges(
    first: Sentence,
    first_tokens: list[Token],
    first_quote: list[Token],
    last: Sentence,
    last_tokens: list[Token],
    last_quote: list[Token],
    settings: LocateSettings,
    marked_before: bool = False,
    marked_after: bool = False,
) -> tuple[int, int]:
    """(start, end) of the match once its edge sentences are trimmed to the quoted clauses.

    `marked_before`/`marked_after`: the quote opens or ends with an elision, so a cut there is expected
    and a shorter dropped part is enough to make it.
    """
    start, end = first.start, last.end
    after_min = settings.trim_min_words if marked_after else settings.trim_min_words_unmarked
    before_min = settings.trim_min_words if marked_before else settings.trim_min_words_unmarked
    if first == last:
        clauses = _clauses(first, first_tokens)
        a, b = _best_range(_clause_scores(clauses, first_quote, settings), False, False)
        first_clauses = last_clauses = clauses
    else:
        first_clauses = _clauses(first, first_tokens)
        a, _ = _best_range(_clause_scores(first_clauses, first_quote, settings), False, True)
        last_clauses = _clauses(last, last_tokens)
        _, b = _best_range(_clause_scores(last_clauses, last_quote, settings), True, False)
    if b < len(last_clauses) and _content(last_clauses[b:]) >= after_min:
        end = last_clauses[b - 1][-1].end
        # keep a closing quotation mark or bracket that belongs to the kept words
        while end < last.end and last.text[end - last.start] in '»”")]':
            end += 1
    if a > 0 and _content(first_clauses[:a]) >= before_min and first_clauses[a][0].start < end:
        start = first_clauses[a][0].start
    return start, end
