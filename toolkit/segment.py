"""Sentence segmentation: paragraphs (one per line) split into sentences, as character spans.

razdel does the splitting for every language: it is the best maintained splitter for Russian and, being
rule-based on punctuation and case, handles English as well as the alternatives we tried (see
scripts/eval_align.py). A second pass repairs what it gets wrong on quoted political prose: initials
("Y.M. Sverdlov", "Ю. Н. Жуков"), abbreviations and titles ("т.е.", "тов.", "i.e.", "Comrade. Stalin"),
bracketed insertions ("[...]") and stray closing punctuation, all of which belong to the sentence around
them. A newline always ends a sentence.
"""

from __future__ import annotations

import re
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
# Abbreviations that may end a sentence ("..., etc. The next one"): only lower-case continues them.
SENTENCE_FINAL_ABBREVIATIONS = frozenset("etc др т.д т.п".split())

_LAST_WORD = re.compile(r"(?:^|[\s(\[«\"„“'])([^\s(\[«\"„“']+?)\.\s*$")
_INITIALS = re.compile(r"(?:^|[\s(\[«\"„“'])(?:[^\W\d_]\.\s?)*[^\W\d_]\.\s*$")
_STARTS_LOWER = re.compile(r"^[\s\"'«»„“”‘’(\[—–-]*[^\W\d_]", re.UNICODE)
_ONLY_PUNCTUATION = re.compile(r"^[\W_]*$")
_YEAR_BEFORE = re.compile(r"\d\s*гг?\.\s*$")
#: A quotation shorter than this that razdel cut inside ("Voices: “Please stay! Please go!”") is kept
#: whole; longer quoted passages are split into their own sentences, as a reader aligning them would.
SHORT_QUOTATION = 40
_BRACKET_ELLIPSIS = re.compile(r"^[\[(]\s*(?:\.\.\.|…)\s*[\])]")


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


def _joins_quotation(previous: str) -> bool:
    """Whether `previous` ends inside a short quotation it opened itself."""
    opened = max(previous.rfind(q) for q in "«„“")
    if opened < 0:
        return False
    closed = max(previous.rfind(q, opened + 1) for q in "»”")
    if previous[opened] == "“" and previous.count("“") <= previous.count("”"):
        return False  # “ may close a „ quotation: count pairs rather than trust the last mark
    return closed < 0 and len(previous) - opened <= SHORT_QUOTATION


def _should_join(previous: str, following: str, lang: str = "") -> bool:
    """Whether razdel's break between two pieces of one line is wrong."""
    stripped = following.strip()
    if not stripped:
        return True
    if _ONLY_PUNCTUATION.match(stripped) and not _BRACKET_ELLIPSIS.match(stripped):
        return True  # a lone closing quote or bracket belongs to the sentence before it
    if _starts_lower(following):
        return True
    if _joins_quotation(previous):
        return True
    if lang in ORDINAL_DOT_LANGUAGES and _ORDINAL_END.search(previous):
        return True
    abbreviation = _ends_with_abbreviation(previous)
    if abbreviation is None:
        return False
    if abbreviation == "<initial>":
        # "Y.M. Sverdlov", "A. A. Zhdanov": initials are followed by a capitalised name. A single
        # capital at the very end of a longer sentence ("... plan B.") is rare in this prose.
        return True
    if abbreviation in SENTENCE_FINAL_ABBREVIATIONS:
        return False
    if abbreviation in ("г", "гг") and _YEAR_BEFORE.search(previous):
        return False  # "в 1922 г." ends a sentence as often as not; "г. Москва" does not
    return abbreviation in TITLES or not stripped[:1].isupper()


# razdel never ends a sentence on "1922 г."; it does end one when a typical sentence opening follows
# ("... в 2003 г. Её читали."), while "в 1922 г. Сталин стал ..." goes on.
_YEAR_END = re.compile(
    r"\d\s?гг?\.\s+(?=(?:Он|Она|Оно|Они|Её|Ее|Его|Их|Это|Этот|Эта|Эти|Но|А|И|В|Во|На|С|По|После|Однако"
    r"|Так|Тогда|Затем|Потом|Там|Здесь|Мы|Я|Вы|Когда|Как|Уже|Ещё|Еще|К|Из|За|При)\b)"
)


# Sentence ends razdel does not know: CJK full-width stops (no space follows them), the Arabic question
# mark, the Devanagari danda.
_OTHER_ENDS = re.compile(r"[。！？]+[」』”）)]*|[؟।॥]+(?=\s)")
# Languages that write ordinals with a full stop ("am 3. Mai", "a 19. század"): "3." ends no sentence.
ORDINAL_DOT_LANGUAGES = frozenset("de da nb no nn fi hu cs sk sl hr sr bs pl tr et lv lt is".split())
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,3}\.\s*$")


def _split_at(line: str, start: int, stop: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Cut line[start:stop] after every match of `pattern`, trimming blanks off the pieces."""
    cuts = [match.end() for match in pattern.finditer(line, start, stop) if match.end() < stop]
    bounds = [start, *cuts, stop]
    pieces = []
    for begin, end in zip(bounds, bounds[1:], strict=False):
        text = line[begin:end]
        if text.strip():
            left = begin + len(text) - len(text.lstrip())
            pieces.append((left, begin + len(text.rstrip())))
    return pieces


def _split_line(line: str, lang: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    pieces = [(piece.start, piece.stop) for piece in sentenize(line)]
    pieces = [part for start, stop in pieces for part in _split_at(line, start, stop, _OTHER_ENDS)]
    if lang == "ru":
        pieces = [part for start, stop in pieces for part in _split_at(line, start, stop, _YEAR_END)]
    merged: list[tuple[int, int]] = []
    for start, stop in pieces:
        if merged and _should_join(line[merged[-1][0] : merged[-1][1]], line[merged[-1][1] : stop], lang):
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """Split `text` into sentences; a line break always ends a sentence (one paragraph per line)."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for start, stop in _split_line(line, lang):
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
