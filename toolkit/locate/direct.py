"""A quote in Russian found in a Russian original: compared word for word, through the words' lemmas.

A reader often has the quote in the original's language (a line of a Telegram post, a headline) and
wants the book's passage around it. Such a quote needs no lexicon: its words are the original's words in
other forms («власти» ~ «власть»), so candidates are ranked by how many lemmas they share with it and
the match's ends are put at the first and last word it shares, not at a clause boundary.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from toolkit.align.evidence import WORD
from toolkit.lexicon.morph import norm

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
MIN_BLOCK = 2  # words in a row that fix an end; a single word only when it is a content word


def _lemma(word: str, lexicon: Any) -> str:
    if _CYRILLIC.match(word):
        found = lexicon.lemmas(word, "ru")
        if found:
            return found[0]
    return norm(word)


def lemma_words(text: str, lexicon: Any, offset: int = 0) -> list[tuple[str, int, int]]:
    """Every word of a text as (lemma, start, end), spans shifted by `offset`."""
    return [(_lemma(m.group(), lexicon), offset + m.start(), offset + m.end()) for m in WORD.finditer(text)]


def direct_similarity(original: str, quote: str, lexicon: Any) -> float:
    """How close two Russian texts are word for word: the Dice coefficient of their lemma multisets
    (1.0: the same words, in any form and order; a neighbouring sentence taken in, or a quote of half
    of it, each lowers it). What ranks the candidates of a quote in Russian."""
    counts: dict[str, int] = {}
    for lemma, _, _ in lemma_words(original, lexicon):
        counts[lemma] = counts.get(lemma, 0) + 1
    quote_words = lemma_words(quote, lexicon)
    common = 0
    for lemma, _, _ in quote_words:
        if counts.get(lemma, 0) > 0:
            counts[lemma] -= 1
            common += 1
    total = sum(counts.values()) + common + len(quote_words)
    return 2.0 * common / total if total else 0.0


def direct_edges(
    text: str, start: int, end: int, quote: str, lexicon: Any, is_content: Any
) -> tuple[int, int]:
    """(start, end) of `text[start:end]` narrowed to the stretch the quote repeats: from the first to the
    last word of the longest common word sequences (difflib's matching blocks of lemmas) of two words or
    more, or of one content word (`is_content(word)`); unchanged when nothing matches."""
    words = lemma_words(text[start:end], lexicon, start)
    quote_words = lemma_words(quote, lexicon)
    matcher = SequenceMatcher(None, [w for w, _, _ in words], [w for w, _, _ in quote_words], autojunk=False)
    kept = [
        block
        for block in matcher.get_matching_blocks()
        if block.size >= MIN_BLOCK
        or (block.size == 1 and is_content(text[words[block.a][1] : words[block.a][2]]))
    ]
    if not kept:
        return start, end
    first, last = kept[0], kept[-1]
    new_start, new_end = words[first.a][1], words[last.a + last.size - 1][2]
    # keep a closing quotation mark, bracket or the sentence's full stop that the quote has too
    while new_end < end and text[new_end] in '»”")].!?…' and text[new_end] in quote:
        new_end += 1
    return new_start, new_end
