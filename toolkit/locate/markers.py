"""Words that change what the words around them mean: qualifiers, contrasts, negations, conditions, attributions.

A quote cut just before «и я не уверен, сумеет ли он...» or «но...» or «если...» says something the
author did not. Two sources: the scorer's qualifier table (`toolkit.score.hedges.find_qualifiers`:
hedges, attribution, restriction, frequency, contrast, condition...), and a small table of tct-locate's
own for what that table leaves out on purpose (negation, first-person doubt such as «не уверен»); its
entries are word forms or lemmas in the key form of `toolkit.lexicon.morph.norm` (lower case, ё -> е),
phrases as word sequences.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.align.evidence import WORD
from toolkit.lexicon.morph import norm, ru_lemma
from toolkit.score.hedges import find_qualifiers

QUALIFIER, CONTRAST, NEGATION, CONDITION, ATTRIBUTION = (
    "qualifier", "contrast", "negation", "condition", "attribution",
)  # fmt: skip

# Phrases first (longest wins), then single words; a single word matches its form or its lemma.
_PHRASES: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): kind
    for kind, phrases in {
        QUALIFIER: (
            "не уверен",
            "не уверена",
            "не уверены",
            "не знаю",
            "может быть",
            "может статься",
            "вряд ли",
            "едва ли",
            "до некоторой степени",
            "в какой-то мере",
            "по крайней мере",
            "скорее всего",
            "как будто",
            "не совсем",
            "не вполне",
            "не всегда",
            "не только",
        ),
        CONTRAST: ("тем не менее", "все же", "все-таки", "и все же", "с другой стороны", "в то же время"),
        CONDITION: (
            "при условии",
            "в случае",
            "если бы",
            "только если",
            "лишь бы",
            "разве что",
            "при том что",
        ),
        ATTRIBUTION: (
            "по словам",
            "по мнению",
            "по данным",
            "как говорит",
            "как пишет",
            "как утверждает",
            "как считает",
            "как сообщает",
            "по сообщению",
            "по утверждению",
            "по версии",
            "по одной из версий",
        ),
    }.items()
    for phrase in phrases
}
_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "возможно вероятно кажется по-видимому видимо отчасти почти лишь только "
        "наверное пожалуй сомневаться сомнение казаться предположительно".split(),
        QUALIFIER,
    ),
    **dict.fromkeys("но однако зато впрочем хотя правда напротив наоборот несмотря".split(), CONTRAST),
    **dict.fromkeys("не ни нет никогда никто ничто ничего нельзя отнюдь".split(), NEGATION),
    **dict.fromkeys("если ежели коли условие".split(), CONDITION),
    **dict.fromkeys(
        "считать утверждать заявить заявлять сказать говорить писать сообщить сообщать полагать "
        "думать признать признавать уверять".split(),
        ATTRIBUTION,
    ),
}
_LONGEST = max(len(p) for p in _PHRASES)
# The scorer's qualifier classes as cut kinds; unmarked qualifiers (modal verbs, «все») only when their
# class changes a claim by itself.
_HEDGE_KINDS = {"attribution": ATTRIBUTION, "contrast": CONTRAST, "condition": CONDITION}
_UNMARKED_KEPT = {"attribution", "contrast", "condition", "restriction", "frequency", "extent"}


@dataclass(frozen=True)
class Marker:
    """A marker found in a text: its kind, the words as written, and their span in that text."""

    kind: str
    words: str
    start: int
    end: int


def find_markers(text: str, limit_words: int | None = None) -> list[Marker]:
    """Markers in the first `limit_words` words of `text` (all words when None), in text order."""
    words = list(WORD.finditer(text))
    if limit_words is not None and len(words) > limit_words:
        text = text[: words[limit_words - 1].end()]
    own = _own_markers(text)
    for mention in find_qualifiers(text, "ru"):
        if any(m.start < mention.end and mention.start < m.end for m in own):
            continue
        reading = next((q for q in mention.options if q.marked or q.cls in _UNMARKED_KEPT), None)
        if reading is not None:
            own.append(
                Marker(_HEDGE_KINDS.get(reading.cls, QUALIFIER), mention.text, mention.start, mention.end)
            )
    return sorted(own, key=lambda m: m.start)


def _own_markers(text: str) -> list[Marker]:
    found = list(WORD.finditer(text))
    keys = [norm(m.group()) for m in found]
    out: list[Marker] = []
    i = 0
    while i < len(found):
        for size in range(min(_LONGEST, len(found) - i), 0, -1):
            phrase = tuple(keys[i : i + size])
            kind = (
                _PHRASES.get(phrase)
                if size > 1
                else _WORDS.get(phrase[0]) or _WORDS.get(ru_lemma(found[i].group()))
            )
            if kind:
                start, end = found[i].start(), found[i + size - 1].end()
                out.append(Marker(kind, text[start:end], start, end))
                i += size
                break
        else:
            i += 1
    return out
