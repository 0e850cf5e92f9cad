"""Broken English as positive evidence of a dropped word (toolkit/score/grammar.py, checks._broken_omissions).

The sentences are DEMETR-like (a word cut out of a literal translation) and written for these tests; the
well-formed ones are ordinary English a translator writes, which must never count as broken."""

from __future__ import annotations

import pytest

from toolkit.score import score_pair
from toolkit.score.checks import broken_spots
from toolkit.score.grammar import extra_spots, repeated


def _serious(source: str, rendering: str, kind: str | None = None) -> list:
    flags = score_pair(source, rendering, with_evidence=False).flags
    return [f for f in flags if f.severity in ("major", "critical") and (kind is None or f.type == kind)]


@pytest.mark.parametrize(
    "text",
    [
        "Leaders must a culture of innovation create.",  # a verb cut out
        "I that Bryant's ego shouldn't be hurt.",
        "Norwich lost their chances of retaining their in the Premier League.",
        "Was shown by a survey conducted by a research company.",  # the subject cut out
        "Is stated in a message on the official website.",
        "Welcomed the adoption of additional measures.",
        "This happened in 2016, when was detained along with another deputy mayor.",
        "I knew that Bryant's shouldn't be hurt by any trash-talk.",
        "Putting the tour online for to see is a great way to learn.",
        "This a good opportunity to see the northern lights.",
        "The conversation between and Vladimir Zelensky took place.",
        "A of two cats helping an injured dog has become popular.",
        "Novosti have an RIA in that in possible Russia, quotes still idea this I is even 2020 him.",
        "Ahead be fun, technologies many is should while learning of scaffolding.",
        "The region is bordered by the Sahel to the north and the Atlantic Ocean to the south and.",
        "Putin arrived in St. Petersburg for the Main Parade of .",
    ],
)
def test_the_english_a_dropped_word_leaves_is_broken(text: str) -> None:
    assert extra_spots(text)
    assert broken_spots(text)  # checks reads these spots too


@pytest.mark.parametrize(
    "text",
    [
        "Can a party be a power based on violence against its own class?",  # a question: modal first
        "What could a man do against them?",
        "Is he a scammer?",
        "During the interview that is he a member of the party, was asked.",  # "is he a": inverted
        "And that whole story of his about going off to the sea.",  # "of his" stands alone
        "He will be in Moscow on Monday, and she will in all likelihood follow.",
        "Rescuers carried A. Vanik to an ambulance.",
        "The will of the people is clear, and they will go.",
        "Carolina prospect Jack Drury will in all likelihood play in Sweden.",
        "Let's see what happens when the session is over.",
        "He said that he uses it to sculpt out of.",
        "The only comment I have is that if he were here, were he asked, he would agree.",
        "Used cars are sold here, and the price is fair.",
        "When he was detained, he said nothing.",
        "It was decided in May that they would meet in June.",
    ],
)
def test_well_formed_english_is_not_broken(text: str) -> None:
    assert extra_spots(text) == ()


def test_a_title_is_not_a_cut() -> None:
    source = "Он продюсировал «Ледниковый период», «Хортона» и «Роботов»."
    rendering = "He produced Ice Age, Horton Hears a Who, and Robots."
    assert broken_spots(rendering)  # the older table's "a" + "who"
    assert _serious(source, rendering, "garbled") == []


def test_a_doubled_word_is_a_slip_not_a_dropped_word() -> None:
    text = "It was conducted last year by the the National Institute."
    (spot,) = broken_spots(text)
    assert repeated(text, spot)
    source = "Его провел в прошлом году Национальный институт."
    assert _serious(source, text, "garbled") == []


@pytest.mark.parametrize(
    ("source", "faithful", "dropped", "word", "spot"),
    [
        (
            "Это показал опрос, проведенный компанией социологических исследований Vilmorus.",
            "This was shown by a survey conducted by the sociological research company Vilmorus.",
            "This was by a survey conducted by the sociological research company Vilmorus.",
            "показал",
            "was by",
        ),
        (
            "Я знал, что самолюбие Брайанта не должно быть задето.",
            "I knew that Bryant's ego shouldn't be hurt.",
            "I that Bryant's ego shouldn't be hurt.",
            "знал",
            "I that",
        ),
    ],
)
def test_a_verb_dropped_where_the_english_breaks_is_an_omission_with_both_spans(
    source: str, faithful: str, dropped: str, word: str, spot: str
) -> None:
    assert _serious(source, faithful) == []
    (flag,) = _serious(source, dropped, "omission")
    assert flag.text == word and source[slice(*flag.source_span)] == word
    assert flag.rendering_span is not None and dropped[slice(*flag.rendering_span)] == spot
    assert flag.gloss


def test_a_lone_broken_spot_with_no_word_to_name_is_garbled() -> None:
    source = "Об этом говорится в сообщении на официальном сайте Министерства обороны."
    faithful = "This is stated in a message on the official website of the Ministry of Defense."
    dropped = "Is stated in a message on the official website of the Ministry of Defense."
    assert _serious(source, faithful) == []
    (flag,) = _serious(source, dropped)
    assert flag.type == "garbled" and dropped[slice(*flag.rendering_span)] == "Is stated"
