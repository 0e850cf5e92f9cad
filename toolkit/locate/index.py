"""An inverted index over an original's sentences: key -> the sentences that have it.

Built once per original (the cost is one look-up per distinct word form); a quote is then searched by
reading the postings of its own keys only, so the work per quote follows the quote's rare words, not
the length of the book.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from toolkit.locate.keys import Keyer
from toolkit.segment import Sentence, split_sentences

Progress = Callable[[int, int], None]  # (characters done, characters in all)


@dataclass
class OriginalIndex:
    """The original's sentences, their key sets, and the postings of every key."""

    text: str
    sentences: list[Sentence]
    sentence_keys: list[frozenset[str]]
    content_words: list[int]  # content words per sentence
    postings: dict[str, Any]  # key -> numpy array of sentence numbers, ascending
    keyer: Keyer
    n_words: int
    _idf: dict[str, float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.sentences)

    def df(self, key: str) -> int:
        """In how many sentences the key occurs."""
        found = self.postings.get(key)
        return 0 if found is None else len(found)

    def idf(self, key: str) -> float:
        """log(N / df): a key in every sentence says nothing, a key in one sentence says a lot."""
        value = self._idf.get(key)
        if value is None:
            df = self.df(key)
            value = self._idf[key] = math.log((len(self.sentences) + 1) / df) if df else 0.0
        return value


def build_index(text: str, keyer: Keyer, progress: Progress | None = None) -> OriginalIndex:
    """Split the original into sentences and index each sentence's keys (Russian side of the lexicon)."""
    import numpy as np

    sentences = split_sentences(text, "ru")
    postings_lists: dict[str, list[int]] = {}
    all_keys: list[frozenset[str]] = []
    content_words: list[int] = []
    n_words = 0
    step = max(1, len(sentences) // 200)
    for number, sentence in enumerate(sentences):
        keys, content = keyer.sentence_keys(sentence.text, "ru")
        all_keys.append(keys)
        content_words.append(content)
        n_words += sentence.text.count(" ") + 1
        for key in keys:
            found = postings_lists.get(key)
            if found is None:
                postings_lists[key] = [number]
            else:
                found.append(number)
        if progress is not None and number % step == 0:
            progress(sentence.end, len(text))
    if progress is not None:
        progress(len(text), len(text))
    postings = {key: np.asarray(ids, dtype=np.int32) for key, ids in postings_lists.items()}
    return OriginalIndex(text, sentences, all_keys, content_words, postings, keyer, n_words)
