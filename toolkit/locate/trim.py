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


def _best_prefix(clauses: list[list[Token]], quote_tokens: list[Token], settings: LocateSettings) -> int:
    """How many clauses, from the first, to keep."""
    unclaimed = list(quote_tokens)
    running, best, best_count = 0.0, float("-inf"), len(clauses)
    for count, clause in enumerate(clauses, 1):
        for token in clause:
            if not token.content:
                continue
            hit = next((q for q in unclaimed if not q.keys.isdisjoint(token.keys)), None)
            if hit is not None:
                unclaimed.remove(hit)
                running += 1.0
            else:
                running -= settings.trim_cost
        if running > best:
            best, best_count = running, count
    return best_count


def trim_edges(
    first: Sentence, first_tokens: list[Token], first_quote: list[Token],
    last: Sentence, last_tokens: list[Token], last_quote: list[Token],
    settings: LocateSettings, marked_before: bool = False, marked_after: bool = False,
) -> tuple[int, int]:
    """(start, end) of the match once its edge sentences are trimmed to the quoted clauses.

    `marked_before`/`marked_after`: the quote opens or ends with an elision, so a cut there is expected
    and a shorter dropped part is enough to make it.
    """
    start, end = first.start, last.end
    after_min = settings.trim_min_words if marked_after else settings.trim_min_words_unmarked
    before_min = settings.trim_min_words if marked_before else settings.trim_min_words_unmarked
    clauses = _clauses(last, last_tokens)
    keep = _best_prefix(clauses, last_quote, settings)
    dropped = [t for clause in clauses[keep:] for t in clause if t.content]
    if keep < len(clauses) and len(dropped) >= after_min:
        end = clauses[keep - 1][-1].end
        # keep a closing quotation mark or bracket that belongs to the kept words
        while end < last.end and last.text[end - last.start] in "»”\")]":
            end += 1
    clauses = _clauses(first, first_tokens)
    reversed_keep = _best_prefix([list(reversed(c)) for c in reversed(clauses)], first_quote, settings)
    dropped = [t for clause in clauses[: len(clauses) - reversed_keep] for t in clause if t.content]
    if reversed_keep < len(clauses) and len(dropped) >= before_min:
        candidate = clauses[len(clauses) - reversed_keep][0].start
        if candidate < end:
            start = candidate
    return start, end
