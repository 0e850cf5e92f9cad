"""The phrase table (toolkit/lexicon/phrases.py): multi-word expressions credited as a unit, the words that
are no evidence of a drop, and the lone-word omission rule they make possible (r4-lexicon, issue 12)."""

from __future__ import annotations

import dataclasses

import pytest

from toolkit.lexicon.phrases import load_phrases, phrase_lemma
from toolkit.score import score_pair
from toolkit.score.checks import lone_word_levels
from toolkit.score.fidelity import checked_analysis
from toolkit.score.settings import DEFAULT_SETTINGS


def _serious(source: str, rendering: str) -> list[tuple[str, str]]:
    return [
        (f.type, f.text) for f in score_pair(source, rendering).flags if f.severity in ("major", "critical")
    ]


def _uncovered(source: str, rendering: str) -> list[str]:
    return score_pair(source, rendering).evidence["uncovered_source"]


def test_the_shipped_table_holds_expressions_and_drop_rates():
    phrases = load_phrases()
    assert phrases is not None
    assert "during" in phrases.english(("в", "время"))  # Mueller's «во время», the corpus's too
    assert phrase_lemma("во") == "в"
    # A copula-like verb is left without a counterpart far more often than a content verb.
    assert phrases.drop_rate("оказаться") > 0.3 > 0.1 > phrases.drop_rate("заявить")


@pytest.mark.parametrize(
    ("source", "rendering", "word"),
    [
        (
            "Во время встречи министр говорил о бюджете.",
            "During the meeting the minister spoke about the budget.",
            "время",
        ),
        ("Он выступил в качестве эксперта.", "He spoke as an expert.", "качестве"),
    ],
)
def test_an_expression_rendered_as_a_unit_is_covered(source, rendering, word):
    assert word not in _uncovered(source, rendering)


def test_an_expression_is_not_credited_by_a_rendering_without_its_english():
    assert "время" in _uncovered(
        "Во время встречи министр говорил о бюджете.", "The minister spoke about the budget."
    )


@pytest.mark.parametrize(
    ("source", "faithful", "dropped", "word"),
    [
        (
            "Президент подписал важный указ.",
            "The president signed an important decree.",
            "The president signed a decree.",
            "важный",
        ),
        (
            "Министр посетил новую больницу в городе.",
            "The minister visited the new hospital in the city.",
            "The minister visited the hospital in the city.",
            "новую",
        ),
        (
            "Врачи спасли жизнь раненому солдату.",
            "Doctors saved the life of a wounded soldier.",
            "Doctors saved the life of a soldier.",
            "раненому",
        ),
    ],
)
def test_a_lone_word_dropped_between_its_rendered_neighbours_is_an_omission(source, faithful, dropped, word):
    assert _serious(source, faithful) == []
    flags = [f for f in score_pair(source, dropped).flags if f.type == "omission"]
    assert [(f.text, f.severity) for f in flags] == [(word, "major")]
    assert flags[0].gloss and flags[0].rendering_span is not None  # where it should stand, and what it says


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("Атмосферное давление составит 750 мм.", "Atmospheric pressure will be 750 mm."),  # a support verb
        (
            "Напомним, что матч состоится в августе.",
            "The match will take place in August.",
        ),  # a discourse opener
        (
            "Вид на жительство получили через рождение ребенка.",
            "They got residency through childbirth.",
        ),  # compound
        ("Он выступил против нового закона.", "He spoke against the new law."),  # a function-word rendering
    ],
)
def test_words_rendered_by_nothing_are_no_evidence(source, rendering):
    assert [t for t, _ in _serious(source, rendering) if t == "omission"] == []


def test_the_rule_can_be_switched_off_and_its_levels_read():
    source, dropped = "Президент подписал важный указ.", "The president signed a decree."
    off = dataclasses.replace(DEFAULT_SETTINGS, lone_word_level=-1)
    analysis, checked = checked_analysis(source, dropped, settings=off)
    assert not [f for f in checked.flags if f.type == "omission"]
    levels = lone_word_levels(analysis, checked.found)
    assert max(level for level, _place in levels.values()) >= DEFAULT_SETTINGS.lone_word_level


def test_mining_finds_an_expression_no_word_translates_and_reads_drop_rates():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", path)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    lines = [
        ("переговоров", "talks", "министр", "minister", "выступил", "spoke"),
        ("визита", "visit", "президент", "president", "подписал", "signed"),
        ("матча", "match", "тренер", "coach", "поругался", "argued"),
        ("суда", "trial", "адвокат", "lawyer", "заплакал", "wept"),
        ("встречи", "meeting", "посол", "ambassador", "улыбнулся", "smiled"),
        ("выборов", "election", "губернатор", "governor", "уехал", "left"),
    ]
    pairs = []
    for topic, topic_en, who, who_en, did, did_en in lines:
        source = f"В ходе {topic} {who} {did}."
        pairs += [
            (source, f"During the {topic_en} the {who_en} {did_en}."),
            (source, f"The {who_en} {did_en} during the {topic_en}."),
        ]
    pairs += [
        (f"Цена в магазине составила {k} рублей.", f"The price in the shop was {k} rubles.")
        for k in range(40)
    ]  # "during" is rare
    mined, rates = builder.mine_phrases(pairs, {})
    assert "during" in mined.get(("в", "ход"), set()) | mined.get(("ход",), set())
    assert not [gram for gram, english in mined.items() if "during" in english and "ход" not in gram]
    assert rates["цена"] == (0.0, 40)  # "price" renders it every time
    assert rates["составить"][0] == 1.0  # "was" is no counterpart: a light verb
