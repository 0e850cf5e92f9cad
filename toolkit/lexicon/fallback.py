"""Guesses for words the lexicon lacks: related lemmas that it does know.

Mueller lists mostly imperfective verbs and plain stems, and news text is full
of perfectives ("записал"), reflexives ("вносятся") and compounds
("госзакупки", "внешнеполитического").  Each guess is a known lemma plus the
reason, so an answer found this way still explains itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

__all__ = ["ASPECT_REWRITES", "aspect_partners", "related_lemmas"]

# Perfective -> imperfective suffix rewrites, most regular first (записать -> записывать).
ASPECT_REWRITES = (
    # with the consonant alternation of the imperfective (tried first: the plain rewrites below can hit
    # another verb): освободить -> освобождать, запретить -> запрещать, представить -> представлять
    ("дить", "ждать"), ("тить", "щать"), ("вить", "влять"), ("бить", "блять"), ("пить", "плять"),
    ("мить", "млять"),
    ("ать", "ывать"), ("ать", "ивать"), ("ить", "ять"), ("ить", "ивать"), ("ить", "ывать"),
    ("ить", "ать"), ("еть", "евать"), ("уть", "ать"), ("нуть", "ать"), ("ать", "ать"),
)  # fmt: skip
_ASPECT = ASPECT_REWRITES
# Prefixes that mostly only make a verb perfective (попытаться -> пытаться, сделаться -> делаться).
_ASPECT_PREFIXES = ("по", "с")
_PREFIXES = (
    "пере", "пред", "недо", "обез", "разо", "рас", "раз", "под", "про", "при", "над", "вос", "воз",
    "вы", "за", "на", "от", "по", "до", "из", "ис", "об", "со", "вз", "во", "у", "с", "в", "о",
)  # fmt: skip
_MIN_TAIL = 5
# Derivational rewrites, adverb -> adjective and the like (slowly -> slow, честно -> честный).
_DERIV = {
    "en": (("ily", "y"), ("ly", ""), ("iness", "y"), ("ness", ""), ("ably", "able")),
    "ru": (("о", "ый"), ("о", "ий"), ("е", "ий"), ("ость", "ый"), ("ость", "ий")),
}


def _verb_guesses(lemma: str) -> Iterator[str]:
    refl = lemma.endswith(("ся", "сь"))
    base = lemma[:-2] if refl else lemma
    if not base.endswith("ть"):
        return
    aspect = [base[: -len(old)] + new for old, new in _ASPECT if base.endswith(old) and old != new]
    aspect += [base[: -len(new)] + old for old, new in _ASPECT if base.endswith(new) and old != new]
    if refl:
        yield from (cand + "ся" for cand in aspect)  # отчитаться -> отчитываться
        yield base  # вноситься -> вносить
    yield from aspect  # записать -> записывать
    for prefix in _PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= 4:
            stem = base[len(prefix) :]
            if refl:
                yield stem + "ся"
            yield stem  # умчаться -> мчаться, проехать -> ехать
    for prefix in _PREFIXES:  # then the prefix off the other aspect: вдумываться -> вдуматься -> думать
        for cand in aspect:
            if cand.startswith(prefix) and len(cand) - len(prefix) >= 4:
                yield cand[len(prefix) :]


def aspect_partners(lemma: str, known: Callable[[str], bool]) -> list[str]:
    """Known imperfective partners of a perfective verb lemma (a suffix rewrite, then a bare aspect prefix).

    Mueller lists mostly imperfectives, so a perfective's own row is often thin or odd (освободить:
    only "exempt", "immune"); its partner's row holds the common senses (освобождать: "release", "free")."""
    refl = lemma.endswith(("ся", "сь"))
    base = lemma[:-2] if refl else lemma
    if not base.endswith("ть"):
        return []
    end = "ся" if refl else ""
    found: list[str] = []
    for old, new in _ASPECT:
        if base.endswith(old) and old != new:
            cand = base[: -len(old)] + new + end
            if known(cand):
                found.append(cand)
                break  # the first known rewrite is the partner
    for prefix in _ASPECT_PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= 4:
            cand = base[len(prefix) :] + end
            if cand not in found and known(cand):
                found.append(cand)
    return found


def _tails(lemma: str) -> Iterator[str]:
    for i in range(2, len(lemma) - _MIN_TAIL + 1):
        yield lemma[i:]  # longest tail first: внешнеполитический -> политический


def related_lemmas(word_lemmas: list[str], lang: str, known: Callable[[str], bool]) -> Iterator[str]:
    """Known lemmas related to an unknown word's lemmas, most trustworthy first."""
    seen: set[str] = set()

    def fresh(cand: str) -> bool:
        if cand in seen or cand in word_lemmas:
            return False
        seen.add(cand)
        return known(cand)

    for lemma in word_lemmas:
        if "-" in lemma:  # экс-глава -> глава, пьяняще-свежий -> свежий
            for part in reversed(lemma.split("-")):
                if len(part) >= 3 and fresh(part):
                    yield part
    if lang == "ru":
        for lemma in word_lemmas:
            for cand in _verb_guesses(lemma):
                if fresh(cand):
                    yield cand
    for lemma in word_lemmas:
        for old, new in _DERIV[lang]:
            if lemma.endswith(old) and len(lemma) - len(old) >= 3:
                cand = lemma[: -len(old)] + new
                if fresh(cand):
                    yield cand
    for lemma in word_lemmas:
        for cand in _tails(lemma.replace("-", "")):
            if fresh(cand):
                yield cand
