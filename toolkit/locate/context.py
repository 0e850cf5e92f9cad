"""What surrounds a match: the sentence before and after, and whether the cut drops words that matter.

A flag is raised when the original goes on, right after the quote's last word, with a qualifier,
contrast, negation, condition or attribution (in the rest of the cut sentence, or at the head of the
next one), or when the quote starts inside a sentence whose cut-off head holds one.
"""

from __future__ import annotations

from toolkit.locate.index import OriginalIndex
from toolkit.locate.markers import CONDITION, CONTRAST, QUALIFIER, find_markers
from toolkit.locate.match import Context, CutFlag
from toolkit.locate.quote import ParsedQuote

TAIL_WORDS = 12  # words of a cut sentence's rest searched for markers
HEAD_WORDS = 3  # words at the head of the next sentence («Но», «Однако», «Впрочем, ...»)
NEXT_KINDS = (CONTRAST, QUALIFIER, CONDITION)  # a next sentence's negation is not about the quote
SHOWN_WORDS = 12


def _shown(text: str, words: int = SHOWN_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _flag(side: str, text: str, kinds_allowed: tuple[str, ...] | None, limit: int) -> CutFlag | None:
    markers = [m for m in find_markers(text, limit) if kinds_allowed is None or m.kind in kinds_allowed]
    if not markers:
        return None
    kinds = tuple(dict.fromkeys(m.kind for m in markers))
    shown = _shown(text.lstrip(" ,;:—–-"))
    if side == "after":
        message = (
            f"the original continues: «{shown}» ({', '.join(kinds)}: {', '.join(m.words for m in markers)})"
        )
    else:
        message = f"the original has before it: «{shown}» ({', '.join(kinds)}: {', '.join(m.words for m in markers)})"
    return CutFlag(side, kinds, tuple(m.words for m in markers), shown, message)


def cut_context(
    index: OriginalIndex, start: int, end: int, first: int, last: int, quote: ParsedQuote
) -> Context:
    """Sentence before and after the match, with the flags of the cut."""
    text, sentences = index.text, index.sentences
    first_s, last_s = sentences[first], sentences[last]
    head = text[first_s.start : start]  # the cut-off start of the first sentence ('' when not cut)
    tail = text[end : last_s.end]  # the rest of the last sentence
    before = sentences[first - 1].text if first > 0 else ""
    after = sentences[last + 1].text if last + 1 < len(sentences) else ""
    flags = []
    if tail.strip(' .!?…»"”)'):
        flag = _flag("after", tail, None, TAIL_WORDS)
    else:
        flag = _flag("after", after, NEXT_KINDS, HEAD_WORDS) if after else None
    if flag is not None:
        flags.append(flag)
    if head.strip():
        words = head.split()
        flag = _flag("before", " ".join(words[-TAIL_WORDS:]), None, None)
        if flag is not None:
            flags.append(flag)
    before_text = (before + " " + head).strip() if head.strip() else before
    after_text = (tail + " " + after).strip() if tail.strip(" .") else after
    return Context(before_text, after_text, tuple(flags))
