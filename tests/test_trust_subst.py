"""Substitutions with positive evidence (issue 12, round 3): a name of the rendering standing where a name of
the original has no counterpart, and an opposite under a negation on both sides.

Each rule has a faithful pair that must not be flagged and a bent one that must (sentences written for the
tests in the manner of DEMETR's perturbations and of WMT's false alarms; none is copied from them)."""

from __future__ import annotations

import pytest
from findings import serious_flags as _flags

# --- a stray rendering name beside a source name (or capitalised word) that nothing accounts for
NAMES = [
    (
        "Туристы приехали на Галапагосские острова в мае.",
        "Tourists came to the Galapagos Islands in May.",
        "Tourists came to Finland in May.",
        "Галапагосские",
    ),
    (
        "Видео с двумя кошками сняли в Краснодарском крае.",
        "The video of two cats was shot in the Krasnodar Territory.",
        "The video of two cats was shot in Brazil.",
        "Краснодарском",
    ),
    (
        "Об этом говорится на официальном сайте Министерства обороны.",
        "This is stated on the official website of the Ministry of Defense.",
        "This is stated on the official website of Gazprom.",
        "Министерства",
    ),
    # an acronym whose gap partner stands right beside the silent name, and no initials of its words
    (
        "Об этом говорится на официальном сайте Министерства обороны.",
        "This is stated on the official website of the MoD.",
        "This is stated on the official website of KO.",
        "Министерства",
    ),
    # a capitalised word rendered by a run with a word no dictionary has: no common-noun paraphrase
    (
        "На севере регион ограничен Сахелем, а на западе океаном.",
        "In the north the region is bordered by the Sahel, and in the west by the ocean.",
        "In the north the region is bordered by the Baltic Sea, and in the west by the ocean.",
        "Сахелем",
    ),
]


@pytest.mark.parametrize(("source", "faithful", "bent", "word"), NAMES)
def test_replaced_name_is_critical(source: str, faithful: str, bent: str, word: str) -> None:
    assert not _flags(source, faithful, "name")
    flags = _flags(source, bent, "name")
    assert [f.severity for f in flags] == ["critical"]
    assert flags[0].text == word and "another name" in flags[0].detail
    assert flags[0].source_span is not None and flags[0].rendering_span is not None


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        # an acronym of common words for a lexicon gap («реанимации» / "ICU") beside a ministry's name
        (
            "Ранее глава Минздрава Михаил Мурашко назвал число россиян в реанимации.",
            "Earlier, the head of the Ministry of Health Mikhail Murashko gave the number of Russians in the ICU.",
        ),
        # a dictionary word for the name's paraphrase
        (
            "Ранее глава Минздрава Михаил Мурашко назвал число россиян в больницах.",
            "Earlier, the Health Ministry's head Mikhail Murashko gave the number of Russians in hospitals.",
        ),
        # a title translated
        (
            "Актриса снялась в фильме «Секреты Лос-Анджелеса».",
            "The actress starred in the film L.A. Confidential.",
        ),
    ],
)
def test_no_replaced_name_for_paraphrases(source: str, rendering: str) -> None:
    assert not [f for f in _flags(source, rendering, "name") if "another name" in f.detail]


# --- an opposite under a negation on both sides has the original's polarity: a substitution
def test_opposite_under_both_negations_is_a_substitution() -> None:
    source = "Животные в парке дикие, поэтому не нужно кормить их."
    assert not _flags(source, "The animals in the park are wild, so there is no need to feed them.")
    flags = _flags(source, "The animals in the park are wild, so there is no need to starve them.")
    assert [(f.type, f.severity, f.text) for f in flags] == [("substitution", "major", "кормить")]


def test_opposite_under_both_negations_inverts_a_result() -> None:
    # «не победила» / "did not lose": a draw or a defeat told as a draw or a win (test_trust_rules.py
    # asserted this was a paraphrase; its one-negation case, "lost", stays there)
    flags = _flags("В том матче моя команда не победила.", "In that game, my team did not lose.")
    assert [(f.type, f.text) for f in flags] == [("substitution", "победила")]


def test_opposite_under_one_negation_is_still_a_paraphrase() -> None:
    assert not _flags("Он не смог выиграть матч.", "He failed to win the match.")
    assert not _flags("Он смог выиграть матч.", "He did not lose the match.")
    flags = _flags("Он не смог выиграть матч.", "He could not lose the match.")
    assert [(f.type, f.text) for f in flags] == [("substitution", "выиграть")]


# --- a source word credited only through another word's counterpart (a second use) has no rendering of
# its own: its opposite at its place is a substitution
def test_opposite_of_a_word_with_only_a_second_use() -> None:
    source = "В воскресенье парады в честь Дня военно-морского флота России прошли в Санкт-Петербурге."
    assert not _flags(source, "On Sunday, parades in honor of Russian Navy Day were held in St. Petersburg.")
    flags = _flags(
        source, "On Sunday, parades in disrespect of Russian Navy Day were held in St. Petersburg."
    )
    assert [(f.type, f.severity, f.text) for f in flags] == [("substitution", "major", "честь")]
