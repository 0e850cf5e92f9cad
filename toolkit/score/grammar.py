"""English a word was cut out of: word pairs grammar does not allow, beyond checks.broken_spots' table.

A lone word dropped from a rendering is evidence only when something shows it (round 2: flagging every
lone word with no counterpart put a major flag on about a fifth of the human references). Broken English
where the word stood is such evidence. `checks.broken_spots` has the article, preposition and auxiliary
pairs; this module adds the pairs a dropped verb, subject or noun leaves behind:

- a modal straight before an article ("leaders must a culture"), a subject pronoun before an article,
  "that" or a preposition ("I that Bryant's");
- a possessive determiner before a preposition, article or punctuation ("retaining their in the");
- a statement (ending in ".") opened by an auxiliary or a bare past tense: its subject is gone ("Was
  shown by a survey", "Can easily be done", "Welcomed the adoption");
- "when / because / although ..." straight before an auxiliary: the clause's subject is gone ("when was
  detained");
- a subject pronoun with a verb that does not agree ("I is", "they has"), an auxiliary before a modal
  ("is should");
- "'s" before a modal or an auxiliary ("Bryant's shouldn't"), "for to" before a verb, "this a", a
  doubled comma, "between" with nothing after it, "and" / "or" / "of" before a full stop, and the capital
  "A" before a preposition (the older
  table spares every capital "A" for initials such as "A. Vanik").

A table of English grammar, not fitted to a data set: in 3,723 human reference segments (WMT21 ref.A and
ref.B, WMT23 ref.A) these pairs fire on a handful, each a slip of the reference itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence
from functools import lru_cache

from toolkit.lexicon.morph import en_dictionary_lemmas
from toolkit.score.lexical import known_well
from toolkit.score.matching import Analysis

Span = tuple[int, int]

# How far (in words, on either side) a dropped word's linked neighbours and its broken spot may lie: the
# word order of a translation moves a word a few places (an adjective after its noun, a verb after its
# object: «три года назад разорвали ОАЭ» / "were [severed] by the United Arab Emirates ... three years
# ago"); round 2 used 2, which missed such cases. Three words either side is still one phrase.
DROP_REACH = 3
_REACH_ORDER = (-1, 1, -2, 2, -3, 3)

_TOKENS = re.compile(r"\w+(?:['’]\w+)*-?|[,;:!?.)(\"“”«»]")
_ARTICLES = frozenset(("the", "a", "an"))
_PREPOSITIONS = frozenset("of in on at by with from for into than about".split())
# Prepositions the older table does not list after an article ("the between").
_MORE_PREPOSITIONS = frozenset(
    "between during against among within despite via upon onto across towards toward throughout".split()
)
_POSSESSIVES = frozenset("his their its my our your".split())  # not "her": also an object ("told her the")
# "will" and "may" are nouns and a month as well: only straight after a subject pronoun or a name.
_MODALS = frozenset("can could should would must might shall".split())
_SOMETIMES_MODAL = frozenset(("will", "may"))
_SUBJECT_PRONOUNS = frozenset("i he she we they".split())
_AFTER_SUBJECT = _ARTICLES | frozenset("that of by with from about than".split())
_CONTRACTED_AUXILIARIES = """didn't doesn't isn't wasn't weren't aren't can't couldn't won't hasn't haven't
hadn't shouldn't wouldn't""".split()
_OPENING_AUXILIARIES = frozenset(
    "is are was were can could should would has had".split()
    + _CONTRACTED_AUXILIARIES
    + [word.replace("'", "’") for word in _CONTRACTED_AUXILIARIES]  # typographic apostrophes too
)
_SUBORDINATORS = frozenset("when because although though while if since whereas unless".split())
_AUXILIARIES = frozenset("is are was were has had".split())
_AFTER_POSSESSIVE_S = (
    _MODALS | _AUXILIARIES | frozenset("shouldn't can't won't wouldn't couldn't mustn't isn't wasn't".split())
)
# Before a subject pronoun these ask a question ("is he a member"): the pronoun is no subject cut short.
_INVERTING = _AUXILIARIES | _MODALS | _SOMETIMES_MODAL | frozenset("do does did have be been".split())
# A subject pronoun with a verb form that does not agree with it ("I is", "they has", "he are"): words
# shuffled or cut around it (after an inverting word it asks a question: "were he", "if he were").
_DISAGREEING = {
    "i": frozenset(("is", "are", "has")),
    "we": frozenset(("is", "has", "was")),
    "they": frozenset(("is", "has", "was")),
    "you": frozenset(("is", "has")),
    "he": frozenset(("are", "have", "were")),
    "she": frozenset(("are", "have", "were")),
}
_DEMONSTRATIVES = frozenset(("this", "these", "those"))
_OPENERS = frozenset('"“«(')
_QUOTES = frozenset('"“”«»')


def _bare_past(token: str) -> bool:
    """A past tense that is only a verb to lemminflect ("welcomed", not "used" as an adjective too)."""
    low = token.lower()
    if not low.endswith("ed"):
        return False
    lemmas = en_dictionary_lemmas(low)
    return set(lemmas) == {"VERB"}


def _sentences(tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """(first, last) token indices of each sentence, cut at . ! ? (the last keeps its end mark)."""
    out = []
    first = 0
    for k, (token, _start, _end) in enumerate(tokens):
        if token in ".!?":
            out.append((first, k))
            first = k + 1
    if first < len(tokens):
        out.append((first, len(tokens) - 1))
    return out


def extra_spots(text: str) -> tuple[Span, ...]:
    """Character spans of the word pairs above in an English text (empty for well-formed English)."""
    return _extra_spots(text)


@lru_cache(maxsize=4096)
def _extra_spots(text: str) -> tuple[Span, ...]:
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKENS.finditer(text)]
    out: list[Span] = []
    sentences = _sentences(tokens)
    for first, last in sentences:
        opener = first
        while opener <= last and tokens[opener][0] in _OPENERS:
            opener += 1
        if opener >= last:
            continue
        word, start, _end = tokens[opener]
        nxt = tokens[opener + 1][0].lower()
        statement = tokens[last][0] == "."
        if statement and word[:1].isupper():
            low = word.lower()
            if (
                low in _OPENING_AUXILIARIES
                or low in _DEMONSTRATIVES
                and nxt in _ARTICLES
                or _bare_past(word)
                and nxt in _ARTICLES
            ):
                out.append((start, tokens[opener + 1][2]))
    # "Can a party be ...?", "What could a man do?": in a question a modal stands before its subject
    asked = {k for first, last in sentences if tokens[last][0] == "?" for k in range(first, last)}
    for k in range(len(tokens) - 1):
        token, start, _end = tokens[k]
        low = token.lower()
        following = tokens[k + 1][0]
        nxt = following.lower()
        previous = tokens[k - 1][0] if k else ""
        span = (start, tokens[k + 1][2])
        if (
            low in _MODALS
            and k not in asked
            and previous not in ("", *_OPENERS)
            and nxt in _ARTICLES  # (not a preposition: "she will in all likelihood", "can in principle")
            or low in _SOMETIMES_MODAL
            and k not in asked
            and (previous.lower() in _SUBJECT_PRONOUNS or previous[:1].isupper() and k > 1)
            and nxt in _ARTICLES
            or low in _SUBJECT_PRONOUNS
            and nxt in _AFTER_SUBJECT
            and previous.lower() not in _INVERTING  # a question ("is he a member"): no subject cut short
            or low in _POSSESSIVES
            and previous.lower() != "of"  # "a friend of his in Moscow"
            and (nxt in _PREPOSITIONS or nxt in _ARTICLES or nxt in (",", ";", ".", ")"))
            or low in _ARTICLES
            and nxt in _MORE_PREPOSITIONS
            or token == "A"
            and (nxt in _PREPOSITIONS or nxt in _ARTICLES)
            or low in _SUBORDINATORS
            and nxt in _AUXILIARIES
            and k > 0
            and previous not in _QUOTES
            or (low.endswith("'s") or low.endswith("’s"))
            and nxt in _AFTER_POSSESSIVE_S
            and low not in ("let's", "let’s", "it's", "it’s", "that's", "that’s", "what's", "what’s")
            or low in _DISAGREEING
            and nxt in _DISAGREEING[low]
            and previous.lower() not in _INVERTING | {"if"}
            or low in _AUXILIARIES  # "is should": an auxiliary never takes a modal after it
            and nxt in _MODALS | _SOMETIMES_MODAL
            or low == "for"
            and nxt == "to"
            or token == ","
            and following == ","
            or low == "between"
            and nxt in (",", ".", "and", "or")
            or low in ("and", "or")  # a list or a clause cut off at its end ("to the south and.")
            and token.islower()
            and nxt in (".", "!", "?")
            or low == "of"  # a noun cut off ("the Main Parade of ."), not "made of."
            and nxt in (".", "!", "?")
            and previous.lower() not in _STRANDED_OF
        ):
            out.append(span)
    return tuple(sorted(set(out)))


# Words after which English leaves "of" stranded at the end of a clause ("what it is made of", "the one we
# spoke of", "all that he is capable of"): the verbs and adjectives that govern "of", so nothing was cut.
_STRANDED_OF = frozenset(
    "out made think thought thinking heard hear speak spoke spoken talk talked dream dreamed dreamt "
    "approve approved disapprove consist consists consisted rid sort kind afraid scared proud aware "
    "capable fond tired sick ashamed full certain sure short fear jealous suspicious worthy guilty "
    "accused convinced".split()
)


def repeated(text: str, spot: Span) -> bool:
    """A spot that is one word written twice ("the the", "of of"): a slip of the pen, nothing dropped."""
    pair = text[spot[0] : spot[1]].lower().split()
    return len(pair) == 2 and pair[0] == pair[1]


_NOT_AFTER_ARTICLE = (
    _PREPOSITIONS
    | _ARTICLES
    | _AUXILIARIES
    | frozenset("to and or but that who which will would its their his".split())
)


def in_title(text: str, spot: Span) -> bool:
    """A spot whose second word is capitalised: inside a title ("Horton Hears a Who"), not a cut."""
    pair = text[spot[0] : spot[1]].split()
    return len(pair) == 2 and pair[1][:1].isupper()


def agreement_slip(text: str, spot: Span) -> bool:
    """ "a" / "an" before a word of the wrong sound ("an conference", "a idea"): a spelling slip as often as
    a dropped adjective ("an [old] man"), so not evidence of a dropped word unless one belongs right
    there (an article before a preposition or an auxiliary is another matter: "an [attempt] to")."""
    pair = text[spot[0] : spot[1]].lower().split()
    return len(pair) == 2 and pair[0] in ("a", "an") and pair[1] not in _NOT_AFTER_ARTICLE


def dropped_at(
    analysis: Analysis, spots: Sequence[Span], blocked: Collection[int], min_prob: float
) -> list[tuple[Span, int | None]]:
    """For each broken spot (repetitions and titles left out), the source word that was dropped there, or None
    (article agreement slips only with a word placed right at them).

    The word: a Russian content word the lexicon knows well (best translation at `min_prob` or more),
    with no counterpart and not in `blocked` (paired with a free rendering word, or reported), whose
    linked neighbours (up to `DROP_REACH` words either side) put it within `DROP_REACH` rendering words
    of the spot. Source words are taken in order, each spot once ("who has than 1 million" for «более 1
    млн»)."""
    settings = analysis.settings
    starts = [w.start for w in analysis.rendering_words]
    text = analysis.rendering_text
    kept = [spot for spot in spots if not repeated(text, spot) and not in_title(text, spot)]
    reach = [1 if agreement_slip(text, spot) else DROP_REACH for spot in kept]
    spot_words = [bisect_left(starts, start) for start, _end in kept]
    target_of = {k.source: k.target for k in analysis.links if k.strength >= settings.covered}
    placed: dict[Span, int] = {}
    for i, word in enumerate(analysis.source_words):
        if (
            word.role not in ("content", "light")
            or word.script != "cyrillic"
            or analysis.source_credit[i] >= settings.covered
            or i in blocked
            or not known_well(word.key, min_prob)
        ):
            continue
        near = [target_of[i + d] for d in _REACH_ORDER if i + d in target_of]
        for spot, j, most in zip(kept, spot_words, reach, strict=True):
            if spot not in placed and any(abs(j - t) <= most for t in near):
                placed[spot] = i
                break
    return [
        (spot, placed.get(spot))
        for spot, most in zip(kept, reach, strict=True)
        if spot in placed or most == DROP_REACH
    ]
