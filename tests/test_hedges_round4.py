"""Round 4's hedge rules, each with a faithful pair that must not be flagged and a bent pair that must be
flagged major; and a smoke run of scripts/eval_hedges.py, the perturbation suite that measures them.

The sentences were written for these tests (news and history topics), not taken from an evaluation set.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from toolkit.score import score_pair
from toolkit.score.hedges import find_qualifiers

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

# (rule, Russian, faithful English, bent English)
PAIRS = [
    (
        "a verb of saying takes the verb, so a dropped «по его словам» is seen",
        "Врач пояснил, что сахар, по его словам, не опасен.",
        "The doctor explained that sugar, according to him, is not dangerous.",
        "The doctor explained that sugar is not dangerous.",
    ),
    (
        "a marked hedge waits for a marked partner: «вероятно» does not take the 'able' of «сможет»",
        "Партия, вероятно, сможет снова сформировать коалицию.",
        "The party will probably be able to form a coalition again.",
        "The party will be able to form a coalition again.",
    ),
    (
        "'will' is a plain future, not a rendering of «может»",
        "Это решение может ухудшить отношения двух стран.",
        "This decision may worsen relations between the two countries.",
        "This decision will worsen relations between the two countries.",
    ),
    (
        "«смочь» is a modal of possibility",
        "Команды смогут провести матч в августе.",
        "The teams will be able to play the match in August.",
        "The teams will play the match in August.",
    ),
    (
        "'may be' after a modal of necessity is a modal too",
        "Предложение должен принять конгресс.",
        "The proposal must be passed by Congress.",
        "The proposal may be passed by Congress.",
    ),
    (
        "«согласно» before a source of information is an attribution",
        "Согласно докладу комиссии, ущерб превысил миллион рублей.",
        "According to the commission's report, the damage exceeded a million roubles.",
        "The damage exceeded a million roubles.",
    ),
    (
        "«старше N» bounds a figure from below",
        "Для граждан старше 65 лет режим самоизоляции продлен.",
        "For citizens over 65 the self-isolation regime has been extended.",
        "For citizens under 65 the self-isolation regime has been extended.",
    ),
    (
        "frequency is strict: one step on its scale is a change",
        "Проект часто критикуют.",
        "The project is often criticised.",
        "The project is sometimes criticised.",
    ),
    (
        "«частичный» is 'partial'",
        "Принц взял на себя частичную ответственность за провал.",
        "The prince took partial responsibility for the failure.",
        "The prince was fully responsible for the failure.",
    ),
    (
        "a Russian verb of reporting takes the English one, so «по данным» has to be rendered",
        "Как сообщает агентство, по его данным, пострадавших нет.",
        "The agency reports that, according to its data, nobody was hurt.",
        "The agency reports that nobody was hurt.",
    ),
    (
        "an added 'it is claimed' puts the claim in someone else's mouth",
        "Министр подал в отставку после скандала.",
        "The minister resigned after the scandal.",
        "It is claimed that the minister resigned after the scandal.",
    ),
    (
        "an added 'some say' puts the claim in someone else's mouth",
        "Министр подал в отставку после скандала.",
        "The minister resigned after the scandal.",
        "Some say the minister resigned after the scandal.",
    ),
    (
        "«младше N» bounds a figure from above",
        "Детям младше 12 лет вход запрещен.",
        "Children under 12 are not allowed in.",
        "Children over 12 are not allowed in.",
    ),
]


def _serious(russian: str, english: str) -> list:
    return [f for f in score_pair(russian, english).flags if f.severity in ("major", "critical")]


@pytest.mark.parametrize(("rule", "russian", "faithful", "bent"), PAIRS, ids=[p[0][:40] for p in PAIRS])
def test_faithful_pair_is_not_flagged(rule: str, russian: str, faithful: str, bent: str) -> None:
    assert not _serious(russian, faithful), rule


@pytest.mark.parametrize(("rule", "russian", "faithful", "bent"), PAIRS, ids=[p[0][:40] for p in PAIRS])
def test_bent_pair_is_a_major_hedge_flag(rule: str, russian: str, faithful: str, bent: str) -> None:
    hedges = [f for f in score_pair(russian, bent).flags if f.type == "hedge"]
    assert hedges and all(f.severity == "major" for f in hedges), rule


def test_will_the_noun_is_no_qualifier() -> None:
    assert not find_qualifiers("It was the will of the people.", "en")
    assert not find_qualifiers("He acted against his own will.", "en")
    assert [m.text for m in find_qualifiers("Prices will rise.", "en")] == ["will"]


def test_po_before_another_noun_is_no_attribution() -> None:
    text = "Полигоны станут площадками по добыче возобновляемых источников энергии."
    assert not [m for m in find_qualifiers(text, "ru") if m.text.lower().startswith("по ")]
    assert [m.text for m in find_qualifiers("По официальным данным, жертв нет.", "ru")] == [
        "По официальным данным"
    ]


def test_soglasno_before_a_rule_is_no_marked_attribution() -> None:
    # «согласно закону» is "under the law": not flagged when rendered so
    assert not _serious(
        "Согласно закону, выборы проводятся раз в пять лет.",
        "Under the law, elections are held every five years.",
    )


def test_exemptions_and_their_limits() -> None:
    # «на днях» is "a few days ago"; "partly cloudy" is the weather, not an extent
    assert not _serious(
        "Мэр на днях вернулся из командировки.", "The mayor returned from a business trip a few days ago."
    )
    assert not _serious("Завтра ожидается переменная облачность.", "Tomorrow will be partly cloudy.")
    bent = score_pair(
        "Компания выполнила свои обязательства.", "The company partly fulfilled its obligations."
    )
    assert [f for f in bent.flags if f.type == "hedge" and f.severity == "major"]


def _eval_hedges():
    spec = importlib.util.spec_from_file_location("eval_hedges", ROOT / "scripts" / "eval_hedges.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_suite_edits_are_english_and_keep_the_reference() -> None:
    evaluation = _eval_hedges()
    items = list(
        evaluation.items_of(
            "wmt21A",
            0,
            "По словам очевидцев, возможно, погибли около 30 человек.",
            "According to witnesses, possibly about 30 people died.",
        )
    )
    made = {(i.cls, i.kind): i.rendering for i in items}
    assert made[("attribution", "untouched")] == "According to witnesses, possibly about 30 people died."
    assert made[("attribution", "drop")] == "Possibly about 30 people died."
    assert made[("certainty", "strengthen")] == "According to witnesses, certainly about 30 people died."
    assert made[("certainty", "harmless")] == "According to witnesses, perhaps about 30 people died."
    assert made[("approximation", "drop")] == "According to witnesses, possibly 30 people died."
    assert made[("approximation", "strengthen")] == "According to witnesses, possibly exactly 30 people died."
    # a class whose cue the source lacks is not edited
    assert not [i for i in items if i.cls == "quantifier"]


@pytest.mark.skipif(not (DATA / "wmt21-ru-en" / "src.ru").exists(), reason="needs ../shared/data")
def test_eval_hedges_smoke_run() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert _eval_hedges().main(["--split", "dev", "--limit", "60", "--json"]) == 0
    summary = json.loads(out.getvalue())["summary"]["dev"]["all"]
    assert summary["bent"]["n"] > 0 and summary["untouched"]["n"] > 0
    assert 0.0 <= summary["bent"]["share"] <= 1.0
    assert summary["bent"]["flagged"] <= summary["bent"]["n"]
