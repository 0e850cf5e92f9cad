"""Numbers in a segment, written in digits or words, as comparable values.

"1918", "1 000" / "1,000", "3,5" (ru) / "3.5" (en), "две" / "two", "twenty-five", "half" / "половина",
"3 млн" / "3 million" all become the same kind of value, so the number check can compare the sides.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from toolkit.score.morphology import ru_lemma
from toolkit.score.wordtypes import Word

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "half": 0.5, "hundred": 100,
}  # fmt: skip
EN_SCALES = {"thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
             "billions": 1e9, "trillion": 1e12, "trillions": 1e12, "hundreds": 100, "dozens": 12, "decade": 10, "decades": 10, "mln": 1e6, "bn": 1e9,
             "bln": 1e9, "tln": 1e12, "trln": 1e12}  # fmt: skip
RU_UNITS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200,
    "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900, "дюжина": 12, "половина": 0.5, "полтора": 1.5,
    "оба": 2, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
    "дважды": 2, "трижды": 3, "четырежды": 4,
}  # fmt: skip
RU_SCALES = {"тысяча": 1e3, "тыс": 1e3, "миллион": 1e6, "млн": 1e6, "миллиард": 1e9, "млрд": 1e9,
             "триллион": 1e12, "трлн": 1e12, "сотня": 100, "десяток": 10, "десятилетие": 10}  # fmt: skip
EN_EXTRA = {"both": 2, "twice": 2, "thrice": 3}
# Ordinals ("Пятый канал" / "Channel 5", "второй" / "2nd") and a day ("за сутки" / "in the past 24 hours")
# can stand for a number; they match one when it is there, but are never missed on their own.
RU_ORDINALS = {
    "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
    "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12, "двадцатый": 20,
    "тринадцатый": 13, "четырнадцатый": 14, "пятнадцатый": 15, "шестнадцатый": 16, "семнадцатый": 17,
    "восемнадцатый": 18, "девятнадцатый": 19, "тридцатый": 30, "сороковой": 40, "пятидесятый": 50,
    "сотый": 100, "сутки": 24,
    # A grade or a count by a noun or an adverb («на тройку» / "three stars", «поставил пятерку» / "5/5",
    # «вдвоем» / "the two of them", «двойное удовольствие» / "twice as much"; «пара» is the hedges' "a couple"):
    "двойка": 2, "тройка": 3, "четверка": 4, "пятерка": 5, "десятка": 10,
    "двойной": 2, "тройной": 3, "вдвоем": 2, "втроем": 3, "вчетвером": 4,
    "круглосуточно": 24, "круглосуточный": 24,  # "24/7", "24 hours"
}  # fmt: skip
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
}  # fmt: skip
# Vague quantities: "десятки пострадавших" is "dozens of injured", though a dozen is twelve.
VAGUE = frozenset("dozens hundreds десятки десятков десятками сотни сотен сотнями".split())
# "двухнедельный" / "two-week", "четырехлетний" / "four-year": a number as the first part of a compound.
RU_COMPOUND_HEADS = {
    "одно": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
    "девяти": 9, "десяти": 10, "двенадцати": 12, "пятнадцати": 15, "двадцати": 20, "тридцати": 30,
    "сорока": 40, "пятидесяти": 50, "полутора": 1.5, "дву": 2, "четверо": 4,
}  # fmt: skip
_RU_COMPOUND = re.compile(
    "^(" + "|".join(sorted(RU_COMPOUND_HEADS, key=len, reverse=True)) + ")"
    r"(летн|недельн|дневн|месячн|часов|минутн|кратн|этажн|комнатн|местн|тонн|процентн|метров|километров"
    r"|серийн|разов|сторонн|томн|значн|секундн|годичн|градусн|ствольн|звездочн|матчев|ног|язычн|колесн)"
)
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# "one"/"один" are as often pronouns or articles ("one of them", «один из») as numbers; so is "half".
WEAK_VALUES = {1.0, 0.5}


class NumberMention(NamedTuple):
    """A number as written in a segment (a named tuple: immutable, and cheap to make)."""

    value: float | str  # a float, or the text itself for times like "10:30"
    text: str
    start: int
    end: int
    digits: bool  # written with digits (strong evidence) rather than words
    weak: bool = False  # an ordinal, a roman numeral, "сутки", "dozens": matches, never missed alone

    def key(self) -> str:
        if isinstance(self.value, str):
            return self.value
        return f"{self.value:g}"


_DIGIT_SPACES = re.compile(r"[ \u00a0\u202f]")
_RU_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")
_EN_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_CLOCK_TIME = re.compile(r"\d{1,3}:\d{1,3}")


@lru_cache(maxsize=50_000)
def _digits_value(text: str, lang: str) -> float | str:
    """The value of a number written in digits (cached: both sides ask, the matcher once per pair)."""
    if ":" in text:
        return text  # a time; find_numbers splits it into hours and minutes
    compact = _DIGIT_SPACES.sub("", text)
    if lang == "ru":
        # Russian: comma is the decimal mark, a dot may group thousands ("1.000") or be decimal.
        if _RU_GROUPED.fullmatch(compact):
            compact = compact.replace(".", "")
        compact = compact.replace(",", ".")
    else:
        if _EN_GROUPED.fullmatch(compact):
            compact = compact.replace(",", "")
        compact = compact.replace(",", ".")
    if compact.count(".") > 1:
        return compact
    try:
        return float(compact)
    except ValueError:
        return compact


# Every inflected form of a Russian number word starts like its lemma (два/двух, тысяча/тысяч, сто/ста).
_RU_HEADS = frozenset(word[:3] for word in (*RU_UNITS, *RU_SCALES, *RU_ORDINALS))


def _ru_number_lemma(key: str) -> str:
    if key in RU_UNITS or key in RU_SCALES:
        return key
    if (
        key[:3] not in _RU_HEADS
        and key[:3] not in ("тре", "обо", "обе", "чет")
        and key[:2] not in ("дв", "ст")
    ):
        return key  # cannot be a number word: spare the morphological analyser
    return ru_lemma(key)


def _word_value(word: Word, lang: str) -> tuple[str, float] | None:
    """('unit'|'scale'|'weak', value) for a number word, else None."""
    return _form_value(word.key, word.text, lang, word.script)


def _form_value(key: str, text: str, lang: str, script: str) -> tuple[str, float] | None:
    """`_key_value` from the table of forms met (see _VALUES), or a Roman numeral in Russian text."""
    values = _value_table(lang)
    value = values.get(key, _UNSEEN)
    if value is _UNSEEN:
        value = values[key] = _key_value(key, lang, script == "cyrillic")
    if value is None and lang == "ru" and script == "latin" and text.isupper() and _ROMAN.fullmatch(text):
        return "weak", float(_roman_value(text))  # "XVI века" / "16th-century", "II квартал" / "Q2"
    return value


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in text]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


def _tens_and_unit(tens: str, unit: str) -> bool:
    """ "twenty-five" is one number; "five-ten" is a range of two."""
    return EN_UNITS.get(tens, 0) in (20, 30, 40, 50, 60, 70, 80, 90) and 1 <= EN_UNITS.get(unit, 0) <= 9


@lru_cache(maxsize=20_000)
def _range_values(key: str, lang: str) -> tuple[float, float] | None:
    """The two ends of a range written in words with a hyphen: «пять-десять», "five-ten"."""
    parts = key.split("-")
    if len(parts) != 2 or (lang == "en" and _tens_and_unit(*parts)):
        return None
    units = RU_UNITS if lang == "ru" else EN_UNITS
    lemmas = [_ru_number_lemma(part) if lang == "ru" else part for part in parts]
    if all(lemma in units and units[lemma] >= 2 for lemma in lemmas):
        return float(units[lemmas[0]]), float(units[lemmas[1]])
    return None


def _key_value(key: str, lang: str, cyrillic: bool) -> tuple[str, float] | None:
    """`_word_value` by form (every word of both sides is asked: the answers are kept in _VALUES)."""
    if lang == "en":
        parts = key.split("-")
        if len(parts) == 2 and _tens_and_unit(parts[0], parts[1]):
            return "unit", EN_UNITS[parts[0]] + EN_UNITS[parts[1]]
        if key.endswith("-and-a-half") and (parts[0] in EN_UNITS or parts[0] in ("a", "an", "hour", "day")):
            return "unit", EN_UNITS.get(parts[0], 1) + 0.5  # "one-and-a-half", "hour-and-a-half" (1.5)
        if len(parts) >= 2 and parts[0] in EN_UNITS and parts[0] != "half":
            return "unit", EN_UNITS[parts[0]]  # "four-year-old"
        if key == "dozen":
            return "weak", 12.0  # "several dozen" renders «несколько десятков» (tens), "a dozen" «десяток»
        if key in EN_UNITS:
            return "unit", EN_UNITS[key]
        if key in VAGUE:
            return "weak", 10.0 if key == "dozens" else EN_SCALES[key]  # "dozens" renders «десятки»
        if key in EN_SCALES:
            return "scale", EN_SCALES[key]
        if key == "both":
            return "weak", 2.0  # "both ... and" is no number; "both films" / «оба фильма» still match
        if key in EN_EXTRA:
            return "unit", EN_EXTRA[key]
        if key in EN_ORDINALS:
            return "weak", EN_ORDINALS[key]
        return None
    if not cyrillic:
        return None
    compound = _RU_COMPOUND.match(key)
    if compound:
        # «дву-» words are as often Latin "bi-" as "two-" («двусторонние» / "bilateral"): they match a two
        kind = "weak" if compound.group(1) == "дву" else "unit"
        return kind, RU_COMPOUND_HEADS[compound.group(1)]
    lemma = _ru_number_lemma(key)
    if key in VAGUE:
        return "weak", RU_SCALES.get(lemma, 10.0)
    if lemma in RU_UNITS:
        return "unit", RU_UNITS[lemma]
    if lemma in RU_SCALES:
        return "scale", RU_SCALES[lemma]
    if lemma in RU_ORDINALS:
        return "weak", RU_ORDINALS[lemma]
    if key.startswith("пол") and len(key) > 4 and key[3] in "-ауоиеыя" and key not in ("полный", "полная"):
        return None  # "полгода" is half a year, but "политика"/"полный" are not numbers: stay quiet
    return None


# Number-word value of each form met, per language (None for the many forms that are no number). A
# form's script is fixed by the form itself, so the form alone is the key; `_key_value` fills it.
# (Plain dicts of plain values: unlike cached calls, nothing here for the garbage collector to walk.)
_VALUES: dict[str, dict[str, tuple[str, float] | None]] = {}
_UNSEEN = object()


def _value_table(lang: str) -> dict[str, tuple[str, float] | None]:
    """This language's table of forms met (emptied if it grows past 200,000 forms)."""
    table = _VALUES.get(lang)
    if table is None or len(table) > 200_000:
        table = _VALUES[lang] = {}
    return table


def find_numbers(words: list[Word], lang: str, text: str) -> list[NumberMention]:
    """Number mentions, multi-word ones combined ("twenty five", "3 млн", "two hundred")."""
    mentions: list[NumberMention] = []
    i = 0
    count = len(words)
    values = _value_table(lang)  # (if `_form_value` empties it meanwhile, a miss here asks it again)
    ru = lang == "ru"
    while i < count:
        word = words[i]
        found = None
        if "-" in word.key and word.script != "digit":
            ends = _range_values(word.key, lang)
            if ends is not None:
                mentions.extend(NumberMention(v, word.text, word.start, word.end, False) for v in ends)
                i += 1
                continue
        if word.script != "digit":
            # Most words are no number at all: one table look-up each (`_form_value` for a form not met
            # yet, or for a Latin word in Russian text, which may be a Roman numeral).
            found = values.get(word.key, _UNSEEN)
            if found is _UNSEEN or (found is None and ru and word.script == "latin"):
                found = _form_value(word.key, word.text, lang, word.script)
            if found is None:
                i += 1
                continue
        elif _CLOCK_TIME.fullmatch(word.text):
            # A time ("17:47") or a score ("1:2", written "1–2" in English): two numbers.
            # "5:47 PM" against "17 часов 47 минут": compare hours (24-hour) and minutes as numbers.
            hours, minutes = (int(x) for x in word.text.split(":"))
            after = words[i + 1].key if i + 1 < len(words) else ""
            if after in ("pm", "p", "p.m.", "p.m") and hours < 12 and len(word.text.split(":")[1]) == 2:
                hours += 12
            mentions.append(NumberMention(float(hours), word.text, word.start, word.end, True))
            mentions.append(NumberMention(float(minutes), word.text, word.start, word.end, True))
            i += 1
            continue
        if found is None:  # digits
            value: float | str = _digits_value(word.text, lang)
            start, end, j = word.start, word.end, i + 1
            if isinstance(value, float) and j < len(words) and not text[end : words[j].start].strip():
                following = _word_value(words[j], lang)
                if following and following[0] == "scale":
                    value *= following[1]
                    end = words[j].end
                    j += 1
            # A rating's or a rate's denominator ("4/5", "10/10", "24/7" has none) is a scale, no claim.
            denominator = word.start and text[word.start - 1] == "/" and text[: word.start - 1][-1:].isdigit()
            weak = (
                bool(denominator)
                and (value in (5.0, 10.0, 100.0) or (value == 7.0 and text[: word.start - 1].endswith("24")))
                and text[end : end + 1] != "/"
            )
            mentions.append(NumberMention(value, text[start:end], start, end, True, weak=weak))
            i = j
            continue
        if found[0] == "weak":
            mentions.append(NumberMention(float(found[1]), word.text, word.start, word.end, False, weak=True))
            i += 1
            continue
        total, current = 0.0, 0.0
        start, end, j = word.start, word.end, i
        while j < len(words):
            got = _word_value(words[j], lang)
            if got is not None and got[0] == "weak":
                got = None
            if got is None or (j > i and text[end : words[j].start].strip(" -")):
                # "and" inside English numbers ("two hundred and five") is allowed
                nxt = _word_value(words[j + 1], lang) if j + 1 < len(words) else None
                if (
                    lang == "en"
                    and words[j].key == "and"
                    and nxt
                    and nxt[0] == "unit"
                    and current >= 100
                    and not text[end : words[j].start].strip()
                ):
                    end = words[j].end
                    j += 1
                    continue
                break
            kind, value = got
            if kind == "unit":
                if value == 100 and current:
                    current *= 100
                else:
                    current += value
            else:
                total += (current or 1) * value
                current = 0.0
            end = words[j].end
            j += 1
        total += current
        # "decades" alone is vague; "three decades" is «три десятка лет» or «три десятилетия», 30
        weak = found[0] == "scale" and (word.key.startswith("decade") or word.key.startswith("десятилет"))
        mentions.append(NumberMention(total, text[start:end], start, end, False, weak=weak))
        i = j
    if lang == "en" and "half" in text:
        return _and_a_half(mentions, words, text, ("and", "a"))
    if ru and "половин" in text:
        return _and_a_half(mentions, words, text, ("с",))
    return mentions


def _and_a_half(
    mentions: list[NumberMention], words: list[Word], text: str, joint: tuple[str, ...]
) -> list[NumberMention]:
    """ "two and a half" is 2.5, «два с половиной» too, "an hour and a half" 1.5 («полтора часа»): the
    half joins what is before it."""
    out: list[NumberMention] = []
    starts = {w.start: k for k, w in enumerate(words)}
    size = len(joint)
    for mention in mentions:
        k = starts.get(mention.start)
        if mention.value != 0.5 or mention.digits or k is None or k <= size:
            out.append(mention)
            continue
        if tuple(w.key for w in words[k - size : k]) != joint:
            out.append(mention)
            continue
        before = words[k - size - 1]
        if out and out[-1].end == before.end and isinstance(out[-1].value, float):
            previous = out.pop()
            joined = text[previous.start : mention.end]
            out.append(previous._replace(value=previous.value + 0.5, text=joined, end=mention.end))
        elif before.role == "content" and joint != ("с",):  # («с половиной группы» is half the group)
            out.append(mention._replace(value=1.5, text=text[before.start : mention.end], start=before.start))
        else:
            out.append(mention)
    return out


def compare_numbers(
    source: list[NumberMention], rendering: list[NumberMention]
) -> tuple[list[NumberMention], list[NumberMention]]:
    """Mentions of each side with no equal value on the other side (weak word numbers excused)."""
    source_keys = [m.key() for m in source]  # each mention's key made once
    rendering_keys = [m.key() for m in rendering]
    source_only = _unmatched(source, source_keys, rendering_keys)
    rendering_only = _unmatched(rendering, rendering_keys, source_keys)

    def strong(m: NumberMention) -> bool:
        return not m.weak and (m.digits or not (isinstance(m.value, float) and m.value in WEAK_VALUES))

    return [m for m in source_only if strong(m)], [m for m in rendering_only if strong(m)]


def _unmatched(mentions: list[NumberMention], keys: list[str], other_keys: list[str]) -> list[NumberMention]:
    """Mentions left over when each is paired with an equal value of the other side, one to one."""
    remaining = list(other_keys)
    left: list[NumberMention] = []
    for mention, key in zip(mentions, keys, strict=True):
        if key in remaining:
            remaining.remove(key)
        else:
            left.append(mention)
    return left


def number_links(
    source: list[NumberMention],
    rendering: list[NumberMention],
    source_words: list[Word],
    rendering_words: list[Word],
) -> list[tuple[float, int, int, str]]:
    """(1.0, i, j, "number") for the words of equal number mentions whose words differ: "13,3 тысячи" ~
    "13,300", "1,5 тыс." ~ "1500", "две" ~ "2" (word-for-word matching cannot see these values)."""
    if not source or not rendering:
        return []
    by_key: dict[str, list[NumberMention]] = {}
    for mention in rendering:
        by_key.setdefault(mention.key(), []).append(mention)
    out = []
    for mention in source:
        for other in by_key.get(mention.key(), ()):
            for i in _indices(source_words, mention):
                for j in _indices(rendering_words, other):
                    out.append((1.0, i, j, "number"))
    return out


def _indices(words: list[Word], mention: NumberMention) -> list[int]:
    """Words of a mention that carry weight (the scale after digits is a function word: "640 тысяч")."""
    return [k for k, w in enumerate(words) if mention.start <= w.start < mention.end and w.role != "function"]
