"""Sentence segmentation: paragraphs (one per line) split into sentences, as character spans.

English goes through pySBD (the Golden Rules splitter: 47 of its 48 rules, razdel 32); every other
language through razdel, the best maintained splitter for Russian. A few repairs follow, each listed
in JOIN_RULES by name and kept only where it pays on material no one here wrote (razdel's own corpora,
pySBD's Golden Rules) or on the seed texts: scripts/eval_segment.py measures every one. A newline
always ends a sentence.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from toolkit.errors import UsageError


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text, by its character span in that text (so it can be found again)."""

    start: int
    end: int
    text: str


# ISO 639-1 codes plus the 639-2/3 codes people commonly use for the same languages.
KNOWN_LANGUAGES = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia
    id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt
    lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt
    qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to
    tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    rus eng deu ger fra fre ukr bel pol ces cze spa ita por nld dut hun fin swe nor dan tur ara heb
    zho chi jpn kor lat grc srp hrv bul kaz uzb aze hye geo kat lit lav est ron rum ell gre""".split()
)


def check_language(lang: str, where: str | None = None) -> str:
    """Refuse a language code we do not know (a typo like 'rus ' or 'english' should not pass silently).

    `where` names the option or file the code came from, for the error message.
    """
    if lang not in KNOWN_LANGUAGES:
        if lang.strip().lower() in KNOWN_LANGUAGES:  # codes are compared as written, so say how to write it
            raise UsageError(f"write the language code {lang!r} as {lang.strip().lower()!r}", where)
        raise UsageError(f"unknown language code {lang!r}; use an ISO 639 code such as 'ru' or 'en'", where)
    return lang


# Words after which a full stop does not end the sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset(
    """т е г гг тов т.е т.к т.н т.д т.п др пр см стр ст им тт ул д кв обл р-н напр проф акад
    ген полк подп кап канд докт зам пом нач ред изд вып т.н сов коп руб млн млрд тыс чел
    mr mrs ms dr prof gen col lt capt sgt st jr sr vs etc i.e e.g cf vol no nos pp p ed eds fig
    comrade comr tov jan feb mar apr jun jul aug sep sept oct nov dec approx ca""".split()
)
# After these a capitalised word still continues the sentence ("Тов. Сталин", "Dr. Smith").
TITLES = frozenset(
    "тов тт г гг ген проф акад mr mrs ms dr prof gen col lt capt sgt st comrade comr tov".split()
)
# Titles pySBD does not know ("Comrade. Stalin" is a mistranslated "Тов. Сталин").
PYSBD_UNKNOWN_TITLES = frozenset("comrade comr tov".split())
# Abbreviations that may end a sentence ("..., etc. The next one"): only lower-case continues them.
SENTENCE_FINAL_ABBREVIATIONS = frozenset("etc др т.д т.п".split())

_LAST_WORD = re.compile(r"(?:^|[\s(\[«\"„“'])([^\s(\[«\"„“']+?)\.\s*$")
_INITIALS = re.compile(r"(?:^|[\s(\[«\"„“'])(?:[^\W\d_]\.\s?)*[^\W\d_]\.\s*$")
_STARTS_LOWER = re.compile(r"^[\s\"'«»„“”‘’(\[—–-]*[^\W\d_]", re.UNICODE)
_YEAR_BEFORE = re.compile(r"\d(?:-[а-яё]{1,3})?\s*гг?\.\s*$")
#: A quotation shorter than this ("Voices: “Please stay! Please go!”") is kept whole; longer quoted
#: passages, which pySBD never cuts, are split into their sentences, as a reader aligning them would.
SHORT_QUOTATION = 40


def _ends_with_abbreviation(text: str) -> str | None:
    """The abbreviation or initial `text` ends with (lower-case, no final stop), or None."""
    initials = _INITIALS.search(text)
    if initials and any(ch.isupper() for ch in initials.group(0)):
        return "<initial>"
    match = _LAST_WORD.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    return word if word in ABBREVIATIONS else None


def _starts_lower(text: str) -> bool:
    match = _STARTS_LOWER.match(text)
    return bool(match) and match.group(0)[-1].islower()


# Join rules: each says whether the splitter's cut between `previous` (the sentence so far) and
# `following` (the next piece, with its leading blanks) is wrong. They are listed by name so that
# scripts/eval_segment.py can switch each off and show what it earns on razdel's own corpora.
JoinRule = Callable[[str, str, str], bool]


def _lone_punctuation(previous: str, following: str, lang: str) -> bool:
    """A piece of nothing but closing quotes or brackets (and a stop) belongs to the sentence before it.

    Opening marks («..., "...") and emoticons (~), ^)) are left alone: on razdel's corpora they start
    a sentence or stand alone more often than not.
    """
    return bool(_CLOSING_ONLY.match(following.strip()))


def _lower_case_after_question(previous: str, following: str, lang: str) -> bool:
    """After "?" or "!" a piece starting lower-case goes on the sentence ("«почему?» — спросил он",
    "“Water!” (or: “Vodka!”)"). After a full stop or an ellipsis razdel's corpora split as often as not,
    so those are left to razdel."""
    return bool(_QUESTION_END.search(previous)) and _starts_lower(following)


def _ordinal_dot(previous: str, following: str, lang: str) -> bool:
    """ "am 3. Mai": in languages that write ordinals with a stop, a number's stop ends nothing."""
    return lang in ORDINAL_DOT_LANGUAGES and bool(_ORDINAL_END.search(previous))


def _after_abbreviation(previous: str, following: str, lang: str) -> bool:
    """An abbreviation ("т.е.", "тов.", "i.e.") ends no sentence unless a capital follows it, and a
    title not even then ("Тов. Сталин", "Comrade. Stalin").

    An acronym in capitals ("в ТТ." for технические требования) is no abbreviation of ours (тт. is
    "товарищи"), and "1950-х гг." ends a sentence like "1922 г." does, unless a century in Roman
    numerals follows ("в 50-х гг. XX века").
    """
    abbreviation = _ends_with_abbreviation(previous)
    if abbreviation is None or abbreviation == "<initial>":
        return False
    written = _LAST_WORD.search(previous).group(1)  # type: ignore[union-attr]  # found just above
    if len(written) > 1 and written.isupper():
        return False
    if abbreviation in SENTENCE_FINAL_ABBREVIATIONS:
        return False
    if abbreviation in ("г", "гг") and _YEAR_BEFORE.search(previous):
        return bool(_ROMAN_CENTURY.match(following))
    return abbreviation in TITLES or not following.strip()[:1].isupper()


def _after_title(previous: str, following: str, lang: str) -> bool:
    """A title pySBD does not know ("Comrade.", "Tov.") goes on into the name after it."""
    match = _LAST_WORD.search(previous)
    return bool(match) and match.group(1).lower() in PYSBD_UNKNOWN_TITLES


JOIN_RULES: dict[str, JoinRule] = {
    "lone_punctuation": _lone_punctuation,
    "lower_case_after_question": _lower_case_after_question,
    "ordinal_dot": _ordinal_dot,
    "abbreviation": _after_abbreviation,
    "title": _after_title,
}
#: The repairs on top of razdel (every language but English) and on top of pySBD (English). Each earns
#: its place on razdel's corpora or on pySBD's Golden Rules and the seed texts (scripts/eval_segment.py).
RAZDEL_REPAIRS = ("lone_punctuation", "lower_case_after_question", "ordinal_dot", "abbreviation")
PYSBD_REPAIRS = ("title",)
_CLOSING_ONLY = re.compile(r"^[»”\"’')\]]+$")
_QUESTION_END = re.compile(r"[?!][\"»”’')\]]*\s*$")
_ROMAN_CENTURY = re.compile(r"\s*[IVXLC]+\b")


def _should_join(previous: str, following: str, lang: str, rules: tuple[str, ...]) -> bool:
    """Whether the splitter's break between two pieces of one line is wrong."""
    if not following.strip():
        return True
    return any(JOIN_RULES[name](previous, following, lang) for name in rules)


# razdel never ends a sentence on "1922 г."; it does end one when a typical sentence opening follows
# ("... в 2003 г. Её читали."), while "в 1922 г. Сталин стал ..." goes on.
_YEAR_END = re.compile(
    r"\d\s?гг?\.\s+(?=(?:Он|Она|Оно|Они|Её|Ее|Его|Их|Это|Этот|Эта|Эти|Но|А|И|В|Во|На|С|По|После|Однако"
    r"|Так|Тогда|Затем|Потом|Там|Здесь|Мы|Я|Вы|Когда|Как|Уже|Ещё|Еще|К|Из|За|При)\b)"
)


# Sentence ends razdel does not know: CJK full-width stops (no space follows them), the Arabic question
# mark, the Devanagari danda.
_OTHER_ENDS = re.compile(r"[؟।॥]+(?=\s)")
# CJK full-width stops end sentences only in CJK text: in a Russian text they sit inside quotations.
_CJK_ENDS = re.compile(r"[。！？]+[」』”）)]*|[؟।॥]+(?=\s)")
CJK_LANGUAGES = frozenset("zh ja ko zho chi jpn kor".split())
# Languages that write ordinals with a full stop ("am 3. Mai", "a 19. század"): "3." ends no sentence.
ORDINAL_DOT_LANGUAGES = frozenset("de da nb no nn fi hu cs sk sl hr sr bs pl tr et lv lt is".split())
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,3}\.\s*$")
# An ellipsis standing for omitted text before a quoted sentence ("as follows: ... “It is proposed"):
# pySBD keeps the two together, a reader aligning them does not.
_ELLIPSIS_BEFORE_QUOTE = re.compile(r"(?:\.\.\.|…)\s+(?=[«“„\"][^\W\d_])")
# A closing quotation mark pySBD put at the start of the next sentence ('time." That is' cut as
# 'time.' + '" That is'): it goes back to the sentence it closes.
_LEADING_CLOSE = re.compile(r"[\"”»’']+(?=\s)")
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}


def _split_at(line: str, start: int, stop: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Cut line[start:stop] after every match of `pattern`, trimming blanks off the pieces."""
    cuts = [match.end() for match in pattern.finditer(line, start, stop) if match.end() < stop]
    return _pieces(line, [start, *cuts, stop])


def _pieces(line: str, bounds: list[int]) -> list[tuple[int, int]]:
    """The non-blank pieces between consecutive `bounds`, without their surrounding blanks."""
    pieces = []
    for begin, end in zip(bounds, bounds[1:], strict=False):
        text = line[begin:end]
        if text.strip():
            left = begin + len(text) - len(text.lstrip())
            pieces.append((left, begin + len(text.rstrip())))
    return pieces


_SEGMENTERS = threading.local()


def _english_segmenter():  # noqa: ANN202 - pysbd's Segmenter, imported on first use
    """One per thread: a Segmenter keeps the text it is splitting on itself, so two threads sharing one
    (Dask's threaded workers) split each other's text."""
    found = getattr(_SEGMENTERS, "english", None)
    if found is None:
        import pysbd

        found = _SEGMENTERS.english = pysbd.Segmenter(language="en", clean=False)
    return found


#: pySBD's time grows with the square of a line's length: longer lines are cut at razdel's surest
#: boundaries (a full stop after a plain lower-case word, a capital after it) into windows this long.
PYSBD_WINDOW = 3000
_SAFE_CUT = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])")


def _pysbd_bounds(line: str, start: int, stop: int) -> list[int]:
    """pySBD's sentence starts inside line[start:stop] (start included).

    pySBD reads everything between two "--" as one parenthesis and never splits it: "income -- how rich
    countries are on average. And you see ... Wales -- the poorest" came back as one 578-character
    sentence (a WMT21 talk). It is shown two em dashes instead, the same length, so every offset holds.
    Likewise a window with an odd number of straight double quotes: pySBD pairs them anyway and keeps the
    stretch between one quotation's end and the next one's start whole (a WMT23 paragraph lost 14 sentence
    ends), so there they are shown as a mark pySBD does not pair.
    """
    view = line.replace("--", "\u2014\u2014")
    if line.count('"', start, stop) % 2:  # an unbalanced straight quote pairs with the wrong one
        view = view[:start] + view[start:stop].replace('"', "\u02ba") + view[stop:]
    bounds = [start]
    position = start
    for segment in _english_segmenter().segment(view[start:stop]):
        found = view.find(segment.strip(), position, stop) if segment.strip() else -1
        if found < 0:
            continue
        if line[start:found].strip() and found != bounds[-1]:  # not the window's own first sentence
            bounds.append(found)
        position = found + len(segment.strip())
    return bounds


def _windows(line: str) -> list[tuple[int, int, bool]]:
    """(start, end, whether the start is a hard cut) of the windows pySBD reads a long line in.

    A window ends at a safe sentence boundary when there is one; a stretch with none (a megabyte with no
    full stop) is cut at a blank, and that hard cut is no sentence boundary.
    """
    if len(line) <= PYSBD_WINDOW:
        return [(0, len(line), False)]
    windows: list[tuple[int, int, bool]] = []
    begin, hard = 0, False
    safe = [match.end() for match in _SAFE_CUT.finditer(line)]
    position = 0
    while len(line) - begin > PYSBD_WINDOW:
        while position < len(safe) and safe[position] - begin < PYSBD_WINDOW:
            position += 1
        candidates = safe[max(0, position - 1) : position + 1]
        fitting = [cut for cut in candidates if begin < cut <= begin + 2 * PYSBD_WINDOW]
        if fitting:
            cut, next_hard = fitting[0] if fitting[0] - begin >= PYSBD_WINDOW // 2 else fitting[-1], False
        else:
            blank = line.rfind(" ", begin + 1, begin + PYSBD_WINDOW)
            cut, next_hard = (blank if blank > begin else begin + PYSBD_WINDOW), True
        windows.append((begin, cut, hard))
        begin, hard = cut, next_hard
    windows.append((begin, len(line), hard))
    return windows


def _split_long_quotations(line: str, start: int, stop: int) -> list[int]:
    """Sentence starts inside quotations longer than SHORT_QUOTATION that pySBD kept whole (it never
    cuts inside quotation marks); a reader aligning a quoted passage pairs its sentences one by one."""
    cuts = []
    text = line[start:stop]
    for position, mark in enumerate(text):
        closing = _QUOTE_PAIRS.get(mark)
        if closing is None or (mark == '"' and position and not text[position - 1].isspace()):
            continue
        end = text.find(closing, position + 1)
        end = len(text) if end < 0 else end
        if end - position <= SHORT_QUOTATION:
            continue
        inner = _pysbd_bounds(line, start + position + 1, start + end)
        # As for razdel (the short_quotation rule): no cut in the first SHORT_QUOTATION characters.
        cuts.extend(cut for cut in inner[1:] if cut - (start + position) > SHORT_QUOTATION)
    return cuts


# A line with no stop, question or exclamation mark but at its end, and no list marker ("2)", "•"), is one
# sentence for pySBD too: it is not asked (a file of 100,000 short lines would take a minute).
_INNER_END = re.compile(r"[.!?…][\"'”’)\]]*\s+\S|\d\)|[•⁃]")


def _split_english(line: str) -> list[tuple[int, int]]:
    if not _INNER_END.search(line):
        return _pieces(line, [0, len(line)])
    bounds = [0]
    for begin, end, hard in _windows(line):
        for first in _pysbd_bounds(line, begin, end)[1 if hard else 0 :]:
            if first > bounds[-1]:
                bounds.append(first)
    bounds.append(len(line))
    pieces = _pieces(line, bounds)
    pieces = [
        part
        for start, stop in pieces
        for part in _pieces(line, sorted({start, stop, *_split_long_quotations(line, start, stop)}))
    ]
    pieces = [part for start, stop in pieces for part in _split_at(line, start, stop, _ELLIPSIS_BEFORE_QUOTE)]
    moved: list[tuple[int, int]] = []
    for start, stop in pieces:
        close = _LEADING_CLOSE.match(line, start)
        if moved and close and close.end() < stop:
            moved[-1] = (moved[-1][0], close.end())
            start = close.end() + len(line[close.end() : stop]) - len(line[close.end() : stop].lstrip())
        moved.append((start, stop))
    return moved


def _split_line(line: str, lang: str, rules: tuple[str, ...] | None = None) -> list[tuple[int, int]]:
    if lang == "en":
        pieces = _split_english(line)
        rules = PYSBD_REPAIRS if rules is None else rules
    else:
        from razdel import sentenize

        pieces = [(piece.start, piece.stop) for piece in sentenize(line)]
        rules = RAZDEL_REPAIRS if rules is None else rules
    other_ends = _CJK_ENDS if lang in CJK_LANGUAGES else _OTHER_ENDS
    pieces = [part for start, stop in pieces for part in _split_at(line, start, stop, other_ends)]
    if lang == "ru":
        pieces = [part for start, stop in pieces for part in _split_at(line, start, stop, _YEAR_END)]
    merged: list[tuple[int, int]] = []
    for start, stop in pieces:
        if merged and _should_join(
            line[merged[-1][0] : merged[-1][1]], line[merged[-1][1] : stop], lang, rules
        ):
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def split_sentences(text: str, lang: str, rules: tuple[str, ...] | None = None) -> list[Sentence]:
    """Split `text` into sentences; a line break always ends a sentence (one paragraph per line).

    `rules` names the join rules to apply (JOIN_RULES; the default is the language's list), so an
    evaluation can measure each repair on its own.
    """
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for start, stop in _split_line(line, lang, rules):
                sentences.append(Sentence(offset + start, offset + stop, line[start:stop]))
        offset += len(line) + 1
    return sentences


def split_lines(text: str) -> list[Sentence]:
    """One sentence per non-blank line (for pre-segmented input), spans without surrounding blanks."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            sentences.append(Sentence(start, start + len(stripped), stripped))
        offset += len(line) + 1
    return sentences


def presplit_warning(text: str, lang: str, sample: int = 200) -> str | None:
    """A warning when a file given as one sentence per line looks like paragraphs instead.

    Checks the first `sample` non-blank lines (a huge line is judged on its first 2,000 characters).
    """
    all_lines = text.split("\n")
    if all_lines and all_lines[-1] == "":
        all_lines.pop()
    lines = [line for line in all_lines if line.strip()][:sample]
    if not lines:
        return None
    blank = len(all_lines) - sum(1 for line in all_lines if line.strip())
    if blank:
        return f"--presplit, but {blank} blank line(s) are skipped: bead numbers count non-blank lines only"
    multi = 0
    for line in lines:
        head = line[:2000]
        if len(line) > 2000 or len(_split_line(head, lang)) >= 3:
            multi += 1
    if multi / len(lines) > 0.2 or multi >= 5:
        return (
            f"--presplit, but {multi} of the first {len(lines)} lines look like paragraphs (several "
            "sentences, or over 2,000 characters); drop --presplit to split them"
        )
    return None
