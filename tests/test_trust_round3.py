"""Round-3 findings rules (issue 12): number words, litotes and idioms of negation, qualifier lexicon.

Each rule has a faithful pair that must not be flagged and a bent one that must (sentences written for the
tests, in the manner of the false alarms read on WMT23 ref.A; none is copied from it)."""

from __future__ import annotations

import pytest
from findings import serious_flags as _flags

from toolkit.score.checks import broken_spots


# --- negation: Russian words that negate by meaning, English idioms that deny nothing, litotes
@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("Такой вежливый персонал я вижу впервые.", "I have never seen such polite staff."),
        ("Посетителей в музее было мало.", "The museum wasn't crowded."),
        ("Мы зря потратили два часа.", "We wasted two hours for nothing."),
        ("Меньше всего мне хочется спорить с соседями.", "I really don't want to argue with the neighbours."),
        ("Выбор подойдет любому покупателю.", "The selection suits every buyer, no matter what they want."),
        ("Сын ждёт каждую поездку с нетерпением.", "My son can't wait for every trip."),
        ("Настоятельно советую этот ресторан.", "I can't recommend this restaurant enough."),
        ("Рядом с домом не большой сквер.", "There is a small square next to the house."),
        ("Цвет оказался совсем не тот.", "The colour turned out completely wrong."),
        ("Ему нечего сказать журналистам.", "He has nothing to tell the journalists."),
        ("Больше я туда ни ногой.", "I will never go there again."),
        ("Он без работы не сидел.", "He kept himself busy."),
        ("Как-никак мы соседи.", "We are neighbours, after all."),
        ("Фильм «Никто не уйдёт» вышел в мае.", "The film Everybody Stays came out in May."),
        ("Заправляюсь тут два года, проблем нету.", "I have filled up here for two years without a problem."),
    ],
)
def test_a_negation_said_another_way_is_no_negation_flag(source: str, rendering: str) -> None:
    assert _flags(source, rendering, "negation") == []


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("Он не сдал экзамен.", "He passed the exam."),
        ("Посетителей было много.", "There were not many visitors."),
        ("Рядом с домом большой сквер.", "There is not a big square next to the house."),
        ("Выбор подойдет любому покупателю.", "The selection does not suit every buyer."),
        (
            "Путин подчеркнул, что моряки безупречно служат.",
            "Putin did not stress that the sailors serve flawlessly.",
        ),
    ],
)
def test_a_negation_added_or_dropped_is_still_flagged(source: str, rendering: str) -> None:
    assert _flags(source, rendering, "negation")


# --- numbers: ranges, halves, count words, ratings, regrouped digits, times
@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("Первые пять-десять минут идите медленно.", "Walk slowly for the first five-ten minutes."),
        ("Фильм идёт полтора часа.", "The film runs an hour and a half."),
        ("Пожар тушили два с половиной часа.", "The fire was fought for two and a half hours."),
        ("Граница закрыта уже три десятка лет.", "The border has been closed for three decades."),
        ("Ставлю тройку за обслуживание.", "I give the service three stars."),
        ("Кухня на пятерку.", "The food was a 5/5."),
        ("Магазин работает круглосуточно.", "The shop is open 24/7."),
        (
            "Он трехкратный чемпион и двукратный призёр.",
            "He is a three-time champion and a two-time medallist.",
        ),
        ("Команда прервала пятиматчевую серию поражений.", "The team ended a five-match losing streak."),
        ("Приют для четвероногих открыли в мае.", "A shelter for four-legged friends opened in May."),
        (
            "Миграционная служба не пустила шестерых туристов.",
            "The migration service turned away six tourists.",
        ),
        ("Сезон закончится пятнадцатого мая.", "The season ends on May 15."),
        (
            "Рынок могут покинуть несколько десятков компаний.",
            "Several dozen companies may leave the market.",
        ),
        ("Телефон: 229 62 01", "Phone: 229-6201"),
        ("Начало в 19.00 по местному времени.", "It starts at 19:00 local time."),
        ("Открыто с 10-00 до 22-00.", "Open from 10:00 a.m. to 10:00 p.m."),
    ],
)
def test_a_number_said_another_way_is_no_number_flag(source: str, rendering: str) -> None:
    assert _flags(source, rendering, "number") == []


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("Первые пять-десять минут идите медленно.", "Walk slowly for the first five-fifteen minutes."),
        ("Фильм идёт полтора часа.", "The film runs half an hour."),
        ("Пожар тушили два с половиной часа.", "The fire was fought for three and a half hours."),
        (
            "Миграционная служба не пустила шестерых туристов.",
            "The migration service turned away seven tourists.",
        ),
        ("Телефон: 229 62 01", "Phone: 229-6301"),
        ("Открыто с 10-00 до 22-00.", "Open from 10:00 a.m. to 11:00 p.m."),
        ("Команда прервала пятиматчевую серию поражений.", "The team ended a six-match losing streak."),
    ],
)
def test_a_wrong_number_is_still_flagged(source: str, rendering: str) -> None:
    assert _flags(source, rendering, "number")


def test_five_ten_is_a_range_not_fifteen() -> None:
    assert _flags("Подождите пятнадцать минут.", "Wait five-ten minutes.", "number")


# --- qualifiers: table entries and readings
@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("Есть ли у вас какие-то планы на лето?", "Do you have any plans for the summer?"),
        (
            "Вероятность снижения ставки выше, чем её повышения.",
            "The rate is more likely to be cut than raised.",
        ),
        ("Предположительно, так решат и в суде.", "The court will presumably decide the same."),
        (
            "В той или иной степени с этим согласны 40% опрошенных.",
            "40% of those polled agree with this to some extent.",
        ),
        ("Но видимо есть на то причины.", "But I guess there are reasons for it."),
        ("Отказались помогать, мол, не их работа.", "They refused to help, they said it wasn't their job."),
        ("Каждый найдет здесь что-то необходимое.", "Everyone can find something here."),
        ("Почти как в кино, только скромнее.", "Almost like in the movies, but more modest."),
        ("На площади есть парочка кафе.", "There are a few cafes on the square."),
    ],
)
def test_a_qualifier_said_another_way_is_no_hedge_flag(source: str, rendering: str) -> None:
    assert _flags(source, rendering, "hedge") == []


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("У некоторых из вас есть планы на лето.", "All of you have plans for the summer."),
        ("Предположительно, так решат и в суде.", "The court will certainly decide the same."),
        (
            "В той или иной степени с этим согласны 40% опрошенных.",
            "40% of those polled fully agree with this.",
        ),
        # «мол» is reported speech ("they said"); «якобы» still doubts what is reported
        (
            "Отказались помогать, якобы это не их работа.",
            "They refused to help, they said it wasn't their job.",
        ),
        ("Он приедет только в пятницу.", "He will come on Friday."),
    ],
)
def test_a_qualifier_changed_is_still_flagged(source: str, rendering: str) -> None:
    assert _flags(source, rendering, "hedge")


# --- broken English: a sentence glued into another
@pytest.mark.parametrize(
    "text",
    [
        "Their sixth film, Just Go with It, is in production.",
        "He said: We will go there tomorrow.",
        'He said "We will go there tomorrow."',
        "They made You Don't Mess with the Zohan.",
    ],
)
def test_a_capitalised_pronoun_in_a_title_or_after_punctuation_is_no_broken_spot(text: str) -> None:
    assert broken_spots(text) == []


def test_a_sentence_glued_into_another_is_a_broken_spot() -> None:
    assert broken_spots("The draft was prepared according to It anticipates a new law.")


@pytest.mark.parametrize(
    "text",
    [
        "This is the house he grew up in.",
        "It is what the wall is made of.",
        "They came from far away.",
        "He ran out of time because of the rain, instead of waiting in front of us.",
        "They want to have a say.",
    ],
)
def test_a_stranded_preposition_is_no_broken_spot(text: str) -> None:
    assert broken_spots(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "This is stated on the official website of .",
        "A video of a dog in has become popular.",
        "The plan for of the city was approved.",
    ],
)
def test_a_preposition_left_without_its_noun_is_a_broken_spot(text: str) -> None:
    assert broken_spots(text)


def test_a_name_dropped_where_the_english_stops_at_a_place_is_an_omission() -> None:
    source = "Об этом говорится в сообщении на официальном сайте Министерства обороны."
    assert _flags(source, "This is stated in a message on the official website of .", "omission")
    assert (
        _flags(source, "This is stated in a message on the official website of the Ministry of Defense.")
        == []
    )


# --- truncation needs a tail with nothing in its place; a first name and a surname are one person
def test_a_tail_rendered_in_words_the_lexicon_cannot_place_is_no_truncation() -> None:
    source = "Темой мультфильма были мечи, магия и большое количество нарисованных драконов."
    assert (
        _flags(source, "The subject of the cartoon was swords, sorcery, and a lot of illustrated dragons.")
        == []
    )


def test_a_rendering_that_stops_early_is_still_a_truncation() -> None:
    source = (
        "Темой мультфильма были мечи, магия, старинные замки, короли, рыцари и большое количество драконов."
    )
    assert _flags(source, "The subject of the cartoon was swords.", "truncation")


def test_a_person_dropped_next_to_a_matched_place_is_a_name_flag() -> None:
    source = "Глава г.о. Серпухов Сергей Никитенко совершил рабочий объезд территорий."
    dropped = "The head of the Serpukhov urban district completed a working excursion of the territories."
    kept = "The head of the Serpukhov urban district Sergei Nikitenko completed a working excursion of the territories."
    assert _flags(source, dropped, "name")
    assert _flags(source, kept, "name") == []


def test_about_before_a_number_is_the_preposition_when_the_original_says_o() -> None:
    assert _flags("Это история о двух школьниках.", "It is a story about two schoolboys.", "hedge") == []
    assert _flags("Пришли тридцать человек.", "About thirty people came.", "hedge")


def test_an_acronym_written_in_latin_capitals_letter_for_letter_is_no_missing_name() -> None:
    source = "17 февраля в ЦДЛ пройдет творческий вечер писателя."
    assert _flags(source, "An evening with a writer will take place on February 17 in the CDL.", "name") == []
    assert _flags(source, "An evening with a writer will take place on February 17.", "name")
