"""Qualifiers of a claim in Russian and English: hedges, quantifiers, modality, attribution, approximation,
restriction, extent, frequency, bounds (and contrast/condition markers, which the check only reads).

These are the words a manipulated quote changes most («некоторые историки считают» -> "all historians
agree", «возможно» -> "certainly", «якобы» dropped, «всего» dropped, «должно» -> "could"), and the words a
lexicon match cannot judge: "certainly" is a fine translation of nothing, and a poor one of «возможно».

Each word or phrase belongs to a class and carries a strength on that class's scale (`SCALES`); the
strength is an interval [strength, upper] because Russian and English cut the scale differently («должен»
is "should" or "must", «несколько» "a few" or "several"). Two qualifiers of one class agree when their
intervals overlap. `marked` says whether the word alone is good evidence: a marked qualifier with no
counterpart on the other side is a finding; an unmarked one ("just", «все», modal verbs) only answers for
a counterpart, since translators add and drop it freely.

The table below was written for tct from the grammars' lists of these classes (e.g. the Russian
"вводные слова" of certainty and source, English epistemic adverbs and modal verbs) and from the
lexicon's top translations of each Russian entry; it is not fitted to any test set. Single words are
looked up by surface form, then by lemma (pymorphy3 for Russian, lemminflect for English), so «некоторых»
is «некоторый» and "seemed" is "seem".

English "will" is read as a plain future (certain, unmarked): it renders no Russian word of the table,
but where «может» / «можно» / «сможет» is left without a partner it says the claim became certain ("may
worsen" -> "will worsen"). Its noun ("the will of the people") is left out. «по» and «согласно» before
a source of information («по официальным данным», «согласно докладу») are marked attributions; «по»
before another noun governs that noun («по добыче ... источников»).

How well the check holds up is measured by `scripts/eval_hedges.py`: qualifiers of human references
bent by rule (dropped, strengthened, weakened, or swapped for a synonym as a control).

>>> [q.cls for q in ru_qualifiers("возможно")]
['certainty']
>>> en_qualifier("certainly").strength > en_qualifier("possibly").strength
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from toolkit.lexicon.morph import en_dictionary_lemmas, en_lemmas, ru_analysis, ru_lemmas


class Qualifier(NamedTuple):
    """One reading of a qualifier: its class, its strength interval on the class scale, and whether the
    word alone is evidence (`marked`)."""

    cls: str
    strength: int
    upper: int
    marked: bool
    lemma: str  # the table entry ("по словам", "according to", "only")

    def agrees(self, other: Qualifier) -> bool:
        """Same class and overlapping strength: one may render the other. Possibility is one notion in
        both classes («можно» / "possible", «возможно» / "may")."""
        if self.cls != other.cls:
            return (
                {self.cls, other.cls} == {"certainty", "modality"}
                and self.strength <= 1
                and other.strength <= 1
            )
        return self.strength <= other.upper and other.strength <= self.upper


class Mention(NamedTuple):
    """A qualifier found in a text: character span [start, end), the words, the readings it may have."""

    start: int
    end: int
    text: str
    options: tuple[Qualifier, ...]


class Deviation(NamedTuple):
    """A qualifier changed between source and rendering: `kind` is dropped | added | changed."""

    kind: str
    cls: str
    source: Mention | None
    rendering: Mention | None


# The scale of each class, weakest first: what a strength means, in words a reader understands.
SCALES: dict[str, dict[int, str]] = {
    "certainty": {0: "unlikely", 1: "possible", 2: "probable", 3: "certain"},
    "modality": {1: "may / can", 2: "should", 3: "must"},
    "quantifier": {1: "few", 2: "some", 3: "many", 4: "most", 5: "all"},
    "frequency": {1: "rarely", 2: "sometimes", 3: "often", 4: "usually", 5: "always"},
    "attribution": {1: "a claim reported with doubt", 2: "a claim attributed to someone"},
    "approximation": {1: "approximate", 2: "exact"},
    "bound": {0: "at most", 1: "at least"},
    "restriction": {1: "only"},
    "extent": {1: "partly", 2: "mostly", 3: "fully"},
    # Read so that their words are not taken for another class; never a finding on their own.
    "contrast": {1: "contrast"},
    "condition": {1: "condition"},
    "additive": {1: "not only"},
    "time": {1: "time"},
    "total": {1: "in total"},
}

# A plain assertion is certain: a hedge dropped or added is a change, "certainly" added is not.
BARE_STRENGTH = {"certainty": 3}

# Rows: class, strength ("1" or "1-2"), "*" marked or "-" unmarked, then entries. An entry's words are
# joined by "_"; "+N" means only before a number ("около 30", "about 30"); "!" marks a phrase that is no
# qualifier at all (it hides the words inside it from the other rows: "прежде всего", "at all").
RU_TABLE = """
certainty      0    *  вряд_ли едва_ли
certainty      1    *  возможно пожалуй не_исключено не_исключен не_исключена
certainty      1-2  *  вероятно может_быть может_статься предположительно
certainty      1-2  *  наверное наверно
certainty      2    *  скорее_всего по-видимому видимо по_всей_видимости по_всей_вероятности
certainty      1-2  -  вероятность вероятности скорее
certainty      2    -  кажется похоже по-моему
certainty      2-3  *  наверняка очевидно
certainty      3    -  несомненно безусловно конечно разумеется бесспорно определенно явно без_сомнения
modality       1    -  мочь смочь можно способный
modality       1    -  может может_быть
modality       2    -  следует следовало следовало_бы стоит стоило желательно
modality       2-3  -  должен должна должно должны нужно надо необходимо нужный необходим необходима необходимы
modality       2-3  -  должно_быть
modality       3    -  обязан обязана обязаны обязанный вынужден вынуждена вынуждены пришлось приходится
certainty      2    -  должно_быть
certainty      1    -  может мочь смочь можно
quantifier     1    *  немногие немногих немногим немного мало
quantifier     1-2  *  несколько нескольких нескольким несколькими
quantifier     2    *  некоторый некоторые отдельные кое-кто кое-что кое-какие
quantifier     2    -  часть какой-то какие-то какая-то какую-то каких-то некий некая некое
quantifier     1-2  -  пара пару паре пары парой парочка парочку парочке парочки парочкой
quantifier     1-2  -  на_днях
quantifier     2-3  -  ряд
quantifier     3    *  многие многих многим многими
quantifier     3    -  много множество масса немало
quantifier     4    *  большинство большая_часть
quantifier     4-5  *  подавляющее_большинство почти_все
quantifier     5    -  весь все всё всех всем всеми каждый любой всякий целый оба обе
quantifier     2-5  -  всякий всяких всякие всяческий разный разные разных
frequency      1    -  редко изредка
frequency      2    -  иногда порой время_от_времени периодически
frequency      3    -  часто
frequency      2-3  -  нередко
frequency      3    -  не_раз не_однажды регулярно
frequency      4    -  обычно как_правило
frequency      5    -  всегда постоянно
frequency      5    -  всё_время все_время
attribution    1    *  якобы будто_бы так_называемый так_называемая так_называемое так_называемые
attribution    1    *  так_называемого так_называемой так_называемых так_называемому так_называемым так_называемую
attribution    1-2  *  говорят по_утверждению по_версии утверждается мол дескать
attribution    2    *  по_словам по_данным по_сведениям по_информации по_мнению по_оценкам сообщается
attribution    2    -  согласно в_соответствии_с
attribution    2    *  как_сообщается считается
attribution    1-2  -  утверждать уверять
attribution    2    -  сказать говорить заявить заявлять сообщить сообщать отметить отмечать подчеркнуть
attribution    2    -  подчеркивать написать писать рассказать рассказывать пояснить объяснить признать признавать
attribution    2    -  считать полагать цитировать данные источник
attribution    2    -  ответить отвечать добавить добавлять заметить замечать указать указывать уточнить уточнять
attribution    2    -  напомнить напоминать передавать говориться сообщаться
approximation  1    *  примерно+N приблизительно+N около+N порядка+N где-то+N почти+N практически+N чуть_ли_не+N
approximation  1    *  едва_ли_не+N без_малого+N что-то_около+N
approximation  1    -  примерно приблизительно почти практически чуть_ли_не едва_ли_не
approximation  1    -  с_лишним
approximation  2    -  ровно+N точно+N
bound          0    -  менее+N меньше+N не_более не_больше до+N младше+N моложе+N
bound          1    -  более+N больше+N свыше+N не_менее не_меньше старше+N
restriction    1    *  лишь только всего+N всего_лишь только_лишь исключительно
restriction    1    -  единственный единственная единственное единственные просто кроме
extent         1    *  частично отчасти в_какой-то_мере в_какой-то_степени в_некоторой_степени
extent         1    *  в_той_или_иной_степени в_той_или_иной_мере
extent         1    -  несколько немного слегка частичный
extent         2    -  в_основном главным_образом преимущественно
extent         3    -  полностью целиком совершенно вполне абсолютно совсем окончательно
contrast       1    -  но однако хотя зато впрочем тем_не_менее все_же всё_же все-таки всё-таки
condition      1    -  если если_бы в_случае при_условии
additive       1    -  не_только
time           1    -  только_что как_только лишь_только
total          1    -  всего+N в_общей_сложности итого в_целом
!                      прежде_всего больше_всего лучше_всего меньше_всего чаще_всего скорее_всего_лишь все_равно
!                      всё_равно все_еще всё_ещё всё_больше все_больше всё_меньше все_меньше хуже_всего
!                      только_бы лишь_бы как_можно если_говорить если_честно похоже_на мало_того
"""

EN_TABLE = """
certainty      0    *  unlikely doubtful hardly_likely not_likely
certainty      1    *  possibly perhaps maybe conceivably potentially
certainty      1    -  possible can can_be may_be might_be could_be may_have might_have could_have might
certainty      1-2  -  may could
certainty      2    *  probably likely presumably apparently seemingly most_likely in_all_likelihood
certainty      2    -  seem probable it_seems it_appears appears_to appeared_to looks_like i_guess i_suppose
certainty      2-3  *  evidently
certainty      2-3  -  must_be must_have
certainty      3    -  certainly surely definitely undoubtedly doubtless no_doubt without_doubt of_course
certainty      3    -  obviously clearly for_sure for_certain indeed naturally
certainty      3    -  will
modality       1    -  can could may might able be_able can_be may_be might_be could_be may_have might_have
modality       1    -  could_have
modality       2    -  should ought ought_to supposed_to
modality       2-3  -  must_be must_have
modality       3    -  must have_to has_to had_to having_to need_to needs_to needed_to required obliged
modality       3    -  forced necessary got_to
quantifier     1    *  few a_few
quantifier     1    -  a_handful_of
quantifier     1-2  *  several
quantifier     1-2  -  a_couple_of a_couple a_group_of
quantifier     2    -  some certain part_of
quantifier     2-3  -  a_number_of multiple various
quantifier     3    -  many numerous a_lot_of lots_of plenty_of much
quantifier     4    *  most majority the_majority_of most_of
quantifier     4-5  *  almost_all nearly_all virtually_all the_vast_majority
quantifier     5    -  all every everyone everybody everything each whole entire any anyone anything both
quantifier     2-5  -  all_kinds_of all_sorts_of any_kind_of every_kind_of
frequency      1    -  rarely seldom
frequency      1-2  -  occasionally
frequency      2    -  sometimes at_times from_time_to_time periodically
frequency      3    -  often frequently many_times regularly repeatedly
frequency      3    -  commonly frequent common tend_to tends_to tended_to time_and_again again_and_again
frequency      1    -  rare rarer rarest infrequently hardly_ever scarcely_ever
frequency      4    -  usually typically normally as_a_rule
frequency      5    -  always constantly
frequency      5    -  all_the_time
attribution    1    *  allegedly supposedly purportedly ostensibly so-called so_called
attribution    1-2  *  is_said_to are_said_to was_said_to were_said_to they_say it_is_said rumour_has_it rumor_has_it
attribution    1-2  *  some_say it_is_claimed it_was_claimed is_claimed_to was_claimed_to
attribution    2    *  reportedly
attribution    2    -  according_to in_accordance_with
attribution    1-2  -  claim
attribution    2    -  say tell state report note add stress emphasize emphasise explain announce declare insist
attribution    2    -  argue assert maintain mention remark write comment admit confirm quote cite believe think
attribution    2    -  consider estimate data figures sources source view opinion version
attribution    2    -  respond reply answer point_out specify clarify remind recall
approximation  1    *  about+N around+N some+N approximately+N roughly+N nearly+N almost+N close_to+N
approximation  1    *  an_estimated+N practically+N virtually+N
approximation  1    -  approximately roughly nearly almost more_or_less practically virtually in_practice odd or_so
approximation  2    -  exactly+N precisely+N
bound          0    -  less_than fewer_than under+N up_to at_most no_more_than not_more_than
bound          1    -  more_than over+N above+N at_least no_less_than not_less_than no_fewer_than
restriction    1    *  merely solely exclusively
restriction    1    -  only just alone mere simply sole single nothing_but nothing_more_than except
extent         1    *  partly partially in_part to_some_extent to_a_degree to_some_degree to_an_extent somewhat
extent         1    -  slightly a_little a_bit partial
extent         2    -  mostly mainly largely primarily predominantly
extent         3    -  fully completely entirely totally wholly absolutely utterly in_full
contrast       1    -  but however although though yet nevertheless nonetheless still
condition      1    -  if unless provided providing in_case in_the_event
additive       1    -  not_only not_just as_well_as
time           1    -  just_now only_just as_soon_as
total          1    -  total in_total altogether overall all_told in_all in_general on_the_whole
!                      at_all all_right after_all first_of_all above_all all_the_same all_but once_and_for_all
!                      all_the_more all_along all_in_all best_of_all most_of_all each_other one_another
!                      as_possible if_only the_most worst_of_all partly_cloudy partly_sunny
"""

_TOKEN = re.compile(r"\d+(?:[.,\u00a0 ]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Number words after which "около", "about" approximate a quantity (stems; digits are numbers anyway).
_RU_NUMBER = re.compile(
    r"^(одн|один|два|две|двух|тр[еиё]|четыр|пят|шест|сем|восем|девят|десят|двадцат|тридцат|сорок|"
    r"пятьдесят|шестьдесят|семьдесят|восемьдесят|девяност|ст[оа]|двест|трист|четырест|пятьсот|"
    r"тысяч|миллион|миллиард|триллион|пол(?:миллион|миллиард|триллион|тысяч|сотн)|полтор|пар[аыу]|нескольк|десятк|сотн|дюжин|лишь|половин|трет|четверт)"
)
_EN_NUMBER = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion billions trillion trillions dozen dozens half third quarter score""".split()
)


# The English verbs of saying and thinking of the attribution rows (their Russian twins end in -ть).
_EN_SAYING = frozenset(
    """say tell state report note add stress emphasize emphasise explain announce declare insist argue
    assert maintain mention remark write comment admit confirm quote cite believe think consider estimate
    claim respond reply answer specify clarify remind recall""".split()
)

_ATTRIBUTION_NOUNS = frozenset("данные источник data figures sources source view opinion version".split())

_EN_COMPARATIVES = frozenset("more most less least fewer fewest better best worse worst".split())


class _Entry(NamedTuple):
    words: tuple[str, ...]
    before_number: bool
    qualifier: Qualifier | None  # None: a phrase that is no qualifier ("прежде всего")


def _parse(table: str) -> tuple[_Entry, ...]:
    entries: list[_Entry] = []
    for line in table.strip().splitlines():
        fields = line.split()
        if fields[0] == "!":
            entries += [_Entry(tuple(e.replace("ё", "е").split("_")), False, None) for e in fields[1:]]
            continue
        cls, strength, mark, *items = fields
        if cls not in SCALES:
            raise ValueError(f"unknown qualifier class {cls!r}")
        low, _, high = strength.partition("-")
        for item in items:
            before_number = item.endswith("+N")
            lemma = item.removesuffix("+N").replace("_", " ")
            qualifier = Qualifier(cls, int(low), int(high or low), mark == "*", lemma)
            entries.append(_Entry(tuple(lemma.replace("ё", "е").split(" ")), before_number, qualifier))
    return tuple(entries)


RU_ENTRIES = _parse(RU_TABLE)
EN_ENTRIES = _parse(EN_TABLE)


def _index(entries: tuple[_Entry, ...]) -> dict[str, list[_Entry]]:
    """Entries by first word, longest first (a phrase wins over the word it starts with)."""
    index: dict[str, list[_Entry]] = {}
    for entry in entries:
        index.setdefault(entry.words[0].replace("ё", "е"), []).append(entry)
    for rows in index.values():
        rows.sort(key=lambda e: -len(e.words))
    return index


_INDEX = {"ru": _index(RU_ENTRIES), "en": _index(EN_ENTRIES)}


def _key(word: str) -> str:
    return word.lower().replace("ё", "е").replace("’", "'")


def _options(entries: list[_Entry], length: int = 1, before_number: bool | None = None) -> list[Qualifier]:
    return [
        e.qualifier
        for e in entries
        if len(e.words) == length
        and e.qualifier is not None
        and (before_number is None or not e.before_number)
    ]


def ru_qualifiers(lemma_or_phrase: str) -> tuple[Qualifier, ...]:
    """Every reading of a Russian word or phrase (its form or its lemma), marked readings first."""
    return _lookup(lemma_or_phrase, "ru")


def en_qualifiers(lemma_or_phrase: str) -> tuple[Qualifier, ...]:
    """Every reading of an English word or phrase (its form or its lemma), marked readings first."""
    return _lookup(lemma_or_phrase, "en")


def ru_qualifier(lemma_or_phrase: str) -> Qualifier | None:
    found = ru_qualifiers(lemma_or_phrase)
    return found[0] if found else None


def en_qualifier(lemma_or_phrase: str) -> Qualifier | None:
    found = en_qualifiers(lemma_or_phrase)
    return found[0] if found else None


def _lookup(text: str, lang: str) -> tuple[Qualifier, ...]:
    mentions = find_qualifiers(text, lang, context=False)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(text.strip()):
        return mentions[0].options
    return ()


def _is_number(key: str, lang: str) -> bool:
    if key[:1].isdigit():
        return True
    return bool(_RU_NUMBER.match(key)) if lang == "ru" else key in _EN_NUMBER


@lru_cache(maxsize=50_000)
def _word_entries(key: str, lang: str) -> tuple[_Entry, ...]:
    """Single-word entries for a form: by the form itself, else by its lemmas."""
    index = _INDEX[lang]
    found = [e for e in index.get(key, ()) if len(e.words) == 1]
    if found:
        return tuple(found)
    if lang == "en" and key in _EN_COMPARATIVES:
        return ()  # "more" is not "many", "less" not "little"
    lemmas = [lemma for lemma, _ in ru_lemmas(key)] if lang == "ru" else list(en_lemmas(key))
    for lemma in lemmas:
        found = [e for e in index.get(lemma.replace("ё", "е"), ()) if len(e.words) == 1]
        if found:
            return tuple(found)
    return ()


def _superlative_most(keys: list[str], k: int) -> bool:
    """ "the most", "most important": a superlative, not the quantifier "most"."""
    if k and keys[k - 1] in ("the", "a", "an"):
        return True  # "the most", "a most charming": a superlative or an intensifier
    following = keys[k + 1] if k + 1 < len(keys) else ""
    if not following or following == "of":
        return False
    parts = en_dictionary_lemmas(following)
    return bool(parts) and ("ADJ" in parts or "ADV" in parts) and "NOUN" not in parts


def find_qualifiers(text: str, lang: str, context: bool = True) -> list[Mention]:
    """The qualifiers of `text` in order, each with its span and readings (longest phrase first).

    `context=False` looks a word up as it stands (no "+N" condition, no superlative test)."""
    return list(_find_qualifiers(text, lang, context))


@lru_cache(maxsize=4096)
def _find_qualifiers(text: str, lang: str, context: bool) -> tuple[Mention, ...]:
    """`find_qualifiers`, kept per text: an original comes back with each of its renderings."""
    if lang not in _INDEX:
        return ()
    index = _INDEX[lang]
    tokens = [(m.start(), m.end(), _key(m.group())) for m in _TOKEN.finditer(text)]
    keys = [t[2] for t in tokens]
    out: list[Mention] = []
    k = 0
    while k < len(tokens):
        key = keys[k]
        matched: _Entry | None = None
        for entry in index.get(key, ()):
            size = len(entry.words)
            if size == 1:
                break  # phrases come first in each row list
            if tuple(keys[k : k + size]) == entry.words:
                if entry.before_number and context and not _number_after(keys, k + size, lang):
                    continue
                matched = entry
                break
        if matched is not None:
            size = len(matched.words)
            if matched.qualifier is not None:
                options = _options([e for e in index[key] if e.words == matched.words], size)
                out.append(_mention(text, tokens, k, size, options))
            k += size
            continue
        if lang == "ru" and key in ("по", "согласно") and context:
            reach = _attribution_after(keys, k, RU_ATTRIBUTION_NOUNS if key == "по" else RU_DOCUMENT_NOUNS)
            if reach:
                qualifier = Qualifier("attribution", 2, 2, True, "по словам" if key == "по" else "согласно")
                out.append(_mention(text, tokens, k, reach + 1, [qualifier]))
                k += reach + 1
                continue
        entries = _word_entries(key, lang)
        if not entries:
            k += 1
            continue
        options = [
            e.qualifier
            for e in entries
            if e.qualifier is not None
            and not (e.before_number and context and not _number_after(keys, k + 1, lang))
        ]
        if options and lang == "en" and key == "most" and context and _superlative_most(keys, k):
            options = []
        if options and lang == "en" and key == "will" and context and _will_is_noun(keys, k):
            options = []
        if options and lang == "en" and key in _EN_ANY and context and _any_is_some(text, keys, k):
            options = [Qualifier("quantifier", 2, 5, False, key)]
        if options:
            out.append(_mention(text, tokens, k, 1, options))
        k += 1
    return tuple(out)


_EN_WILL_NOUN_BEFORE = frozenset(
    "the a his her their its my our your free political good ill own last of people's goodwill".split()
)


def _will_is_noun(keys: list[str], k: int) -> bool:
    """ "the will of the people", "free will", "against his will": the noun, not the future's "will"."""
    return (k and keys[k - 1] in _EN_WILL_NOUN_BEFORE) or (k + 1 < len(keys) and keys[k + 1] in ("of", "to"))


_EN_ANY = frozenset(("any", "anyone", "anything", "anybody"))
_EN_ANY_LICENSORS = frozenset(("if", "whether", "not", "n't", "no", "never", "without", "hardly"))


def _any_is_some(text: str, keys: list[str], k: int) -> bool:
    """ "any" in a question, a condition or under a negation is English's "some" («какие-то проекты?» /
    "any projects?"), not "all"."""
    return text.rstrip(" )\"'»”").endswith("?") or not _EN_ANY_LICENSORS.isdisjoint(keys[max(0, k - 5) : k])


_SKIP_BEFORE_NUMBER = {
    "ru": frozenset("в во на за до с со по из от к через".split()),
    "en": frozenset("a an the of in for to over".split()),
}


# «по его словам», «по данным МВД», «по одной из версий»: "по" and, within three words, one of these.
RU_ATTRIBUTION_NOUNS = frozenset(
    "слово данные данный сведение информация мнение оценка версия утверждение сообщение источник заявление"
    " подсчет расчет прогноз свидетельство показание заключение отчет доклад".split()
)
# «согласно заключению», «согласно сюжету AstanaTV»: «согласно» before a source of information is an
# attribution as marked as «по данным»; before a rule («согласно закону», «согласно которому») it is
# "under", and stays an unmarked reading of the table.
RU_DOCUMENT_NOUNS = RU_ATTRIBUTION_NOUNS | frozenset(
    "исследование опрос сюжет публикация статья запись материал расследование".split()
)


def _attribution_after(keys: list[str], k: int, nouns: frozenset[str] = RU_ATTRIBUTION_NOUNS) -> int:
    """How many words after «по» («согласно») reach an attribution noun (0: none within three words)."""
    for step in range(1, 4):
        if k + step >= len(keys):
            return 0
        if any(lemma in nouns for lemma, _ in ru_lemmas(keys[k + step])):
            return step
        if "NOUN" in ru_analysis(keys[k + step])[1]:
            return 0  # «по добыче ... источников энергии»: «по» governs another noun
    return 0


def _number_after(keys: list[str], k: int, lang: str) -> bool:
    """A number within the next two words, looking past a preposition or article ("всего в трех
    фильмах", "about a dozen")."""
    if k < len(keys) and keys[k] in _SKIP_BEFORE_NUMBER[lang]:
        k += 1
    return k < len(keys) and _is_number(keys[k], lang)


def _mention(
    text: str, tokens: list[tuple[int, int, str]], k: int, size: int, options: list[Qualifier]
) -> Mention:
    start, end = tokens[k][0], tokens[k + size - 1][1]
    ordered = tuple(sorted(dict.fromkeys(options), key=lambda q: not q.marked))
    return Mention(start, end, text[start:end], ordered)


# Classes whose change is a finding (the others are read so that their words are not misread).
CHECKED_CLASSES = frozenset(
    (
        "certainty",
        "modality",
        "quantifier",
        "frequency",
        "attribution",
        "approximation",
        "bound",
        "restriction",
        "extent",
    )
)


def compare_qualifiers(source: list[Mention], rendering: list[Mention]) -> list[Deviation]:
    """What changed between the qualifiers of a source and its rendering.

    1. Each source qualifier takes the nearest rendering qualifier it agrees with: marked ones take
       marked ones first, then unmarked ones their partners (unmarked first), then the marked ones left
       any partner (so «якобы» takes "allegedly" before «сказал» does, and «сказал» takes "said" before
       «по словам» does).
    2. Qualifiers of one class left on both sides with disjoint strengths are a change («возможно» /
       "certainly", «некоторые» / "all"), when one is marked or they lie two steps apart.
    3. A marked qualifier left alone is dropped or added, unless the plain assertion it stands against
       already agrees with it (certainty: "certainly" added to a plain statement is no change).
    """
    n, m = max(1, len(source)), max(1, len(rendering))

    def near(i: int, j: int) -> bool:
        # A whole article on one line: only qualifiers at about the same place can answer for each other.
        return abs(j - i * m / n) <= PAIR_WINDOW

    free = list(range(len(rendering)))
    paired: set[int] = set()

    def marked(mention: Mention) -> bool:
        return any(q.marked for q in mention.options)

    def agreeing(i: int) -> list[int]:
        """The free rendering qualifiers that may render source qualifier i, nearest first."""
        found = [
            j
            for j in free
            if near(i, j) and any(a.agrees(b) for a in source[i].options for b in rendering[j].options)
        ]
        return sorted(found, key=lambda j: (abs(j - i * m / n), j))

    # Four passes, so that a word pairs with its own kind: (1) a marked qualifier with a marked one
    # («Предположительно ... могли» / "could presumably": presumably, then could); (2) an unmarked one
    # with a partner of its own kind (a verb of saying with a verb of saying, unmarked partners first:
    # «пояснил» takes "explained", «сможет» takes "able"); (3) the marked ones left with any partner;
    # (4) the unmarked ones left with any partner. Otherwise «по его словам» takes the "explained" of
    # «пояснил» and is never missed, and «вероятно» takes the "able" of «сможет».
    def take(i: int, partners: list[int]) -> None:
        if partners:
            free.remove(partners[0])
            paired.add(i)

    for i in [i for i in range(len(source)) if marked(source[i])]:
        take(i, [j for j in agreeing(i) if marked(rendering[j])])
    for i in [i for i in range(len(source)) if not marked(source[i])]:
        kind = _kind(source[i])
        partners = [j for j in agreeing(i) if _kind(rendering[j]) == kind]
        take(i, sorted(partners, key=lambda j: marked(rendering[j])))
    for i in [i for i in range(len(source)) if marked(source[i]) and i not in paired]:
        take(i, agreeing(i))
    for i in [i for i in range(len(source)) if i not in paired]:
        take(i, agreeing(i))
    left = [i for i in range(len(source)) if i not in paired]
    left_source = [source[i] for i in left]
    left_rendering = [rendering[j] for j in free]
    position = {id(rendering[j]): j for j in free}
    deviations: list[Deviation] = []
    for i, mention in zip(left, list(left_source), strict=True):
        for other in left_rendering:
            if not near(i, position[id(other)]):
                continue
            shared = {
                a.cls
                for a in mention.options
                for b in other.options
                if a.cls == b.cls and a.cls in CHECKED_CLASSES and _clearly_apart(a, b)
            }
            if shared:
                cls = min(shared, key=lambda c: [q.cls for q in mention.options].index(c))
                deviations.append(Deviation("changed", cls, mention, other))
                left_source.remove(mention)
                left_rendering.remove(other)
                break
    for mention in left_source:
        cls = _alone(mention)
        if cls:
            deviations.append(Deviation("dropped", cls, mention, None))
    for mention in left_rendering:
        cls = _alone(mention)
        if cls:
            deviations.append(Deviation("added", cls, None, mention))
    return sorted(deviations, key=lambda d: (d.source or d.rendering).start)


def _kind(mention: Mention) -> str:
    """What part an attribution plays: "verb" (of saying or thinking: «заявил», "explained"), "noun" (a
    source named: «источник», "data") or "marker" («по словам», "according to", «якобы»); "word" for
    every other class. A Russian verb of saying is rendered by an English one, «по словам» by
    "according to", so an unmarked word first looks for a partner of its own part."""
    for q in mention.options:
        if q.cls == "attribution":
            if q.lemma in _EN_SAYING or re.search(r"(ть|ться|чь)$", q.lemma):
                return "verb"
            return "noun" if q.lemma in _ATTRIBUTION_NOUNS else "marker"
    return "word"


PAIR_WINDOW = 30  # qualifiers apart, in a long text, beyond which one cannot answer for another

# Classes whose unmarked words are loose (quantities said roughly: «всякие» / "all kinds of", «много» /
# "several"): two of them must lie two steps apart to be a change. In the other classes any two
# readings that cannot render each other are a change («должно» / "could", «часто» / "sometimes":
# frequency is strict, which costs no human reference a flag; its words stay unmarked, since marking
# «часто»/«редко» flagged 3 more of DEMETR's 51 human references and 4 of WMT23's).
LOOSE_CLASSES = frozenset(("quantifier",))


def _clearly_apart(a: Qualifier, b: Qualifier) -> bool:
    """Two readings of one class that cannot render each other (for the loose classes: one of them
    marked, or two steps apart)."""
    gap = max(a.strength - b.upper, b.strength - a.upper)
    return gap >= 1 and (a.marked or b.marked or gap >= 2 or a.cls not in LOOSE_CLASSES)


def _alone(mention: Mention) -> str | None:
    """The class in which a qualifier with no counterpart is a finding, or None: a marked reading of a
    checked class, and no reading that the plain assertion standing in its place already agrees with
    ("certainly" added to a plain statement changes nothing)."""
    found = None
    for q in mention.options:
        if q.cls not in CHECKED_CLASSES:
            continue  # «всего 30» may be "a total of 30": that reading would have found "total"
        bare = BARE_STRENGTH.get(q.cls)
        if bare is not None and q.strength <= bare <= q.upper:
            return None
        if q.marked and found is None:
            found = q.cls
    return found


def describe(qualifier: Qualifier) -> str:
    """ "possible", "some to many": the strength in the class's words."""
    scale = SCALES[qualifier.cls]
    low, high = scale.get(qualifier.strength, ""), scale.get(qualifier.upper, "")
    return low if low == high else f"{low} to {high}"
