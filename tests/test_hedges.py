"""Hedges, quantifiers, modality, attribution, approximation and restriction: what manipulated quotes change.

Each triple: a Russian sentence, a faithful English rendering, and one with a qualifier bent (strength or
source of the claim changed, or the qualifier dropped or added). Written for these tests, on topics of
news and history, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from toolkit.score import score_pair
from toolkit.score.hedges import (
    EN_ENTRIES,
    RU_ENTRIES,
    SCALES,
    compare_qualifiers,
    en_qualifier,
    en_qualifiers,
    find_qualifiers,
    ru_qualifier,
    ru_qualifiers,
)

TRIPLES = [
    (
        "Некоторые историки считают, что реформа провалилась.",
        "Some historians believe that the reform failed.",
        "All historians agree that the reform failed.",
    ),
    (
        "Возможно, министр подаст в отставку на следующей неделе.",
        "The minister may resign next week.",
        "The minister will certainly resign next week.",
    ),
    (
        "По словам очевидцев, полиция применила слезоточивый газ.",
        "According to eyewitnesses, the police used tear gas.",
        "The police used tear gas.",
    ),
    (
        "Он якобы получил взятку от подрядчика.",
        "He allegedly took a bribe from the contractor.",
        "He took a bribe from the contractor.",
    ),
    (
        "В результате пожара погибли всего два человека.",
        "Only two people died in the fire.",
        "Two people died in the fire.",
    ),
    (
        "Этот закон должен вступить в силу в январе.",
        "This law must take effect in January.",
        "This law could take effect in January.",
    ),
    (
        "В митинге приняли участие около трёх тысяч человек.",
        "About three thousand people took part in the rally.",
        "Three thousand people took part in the rally.",
    ),
    (
        "Большинство жителей поддержали строительство моста.",
        "Most residents supported the construction of the bridge.",
        "A few residents supported the construction of the bridge.",
    ),
    (
        "Вероятно, выборы перенесут на осень.",
        "The elections will probably be postponed until autumn.",
        "The elections will be postponed until autumn.",
    ),
    (
        "Не исключено, что цены вырастут ещё сильнее.",
        "It is possible that prices will rise even further.",
        "Prices will rise even further.",
    ),
    (
        "Компания лишь частично выполнила свои обязательства.",
        "The company only partly fulfilled its obligations.",
        "The company fulfilled its obligations.",
    ),
    (
        "Многие эксперты сомневаются в этих цифрах.",
        "Many experts doubt these figures.",
        "Few experts doubt these figures.",
    ),
    (
        "Иногда поезда опаздывают на несколько минут.",
        "Sometimes trains are a few minutes late.",
        "Trains are always a few minutes late.",
    ),
    (
        "Говорят, что директор уже уволился.",
        "They say the director has already resigned.",
        "The director has already resigned.",
    ),
    (
        "Учёные, по-видимому, нашли причину болезни.",
        "Scientists have apparently found the cause of the disease.",
        "Scientists have found the cause of the disease.",
    ),
    (
        "Эти меры могут снизить инфляцию.",
        "These measures can reduce inflation.",
        "These measures must reduce inflation.",
    ),
    (
        "Почти половина бюджета ушла на оборону.",
        "Almost half of the budget went to defence.",
        "Half of the budget went to defence.",
    ),
    (
        "Только треть опрошенных доверяет правительству.",
        "Only a third of those polled trust the government.",
        "A third of those polled trust the government.",
    ),
    (
        "Министр наверняка знал о нарушениях.",
        "The minister surely knew about the violations.",
        "The minister possibly knew about the violations.",
    ),
    (
        "Все участники встречи подписали заявление.",
        "All the participants of the meeting signed the statement.",
        "Some participants of the meeting signed the statement.",
    ),
    (
        "Следует отметить, что проект часто критикуют.",
        "It should be noted that the project is often criticised.",
        "It should be noted that the project is rarely criticised.",
    ),
    (
        "По данным министерства, безработица снизилась.",
        "According to the ministry, unemployment has fallen.",
        "Unemployment has fallen.",
    ),
    (
        "Рабочие должны покинуть здание до полуночи.",
        "The workers must leave the building before midnight.",
        "The workers may leave the building before midnight.",
    ),
    (
        "Он, кажется, ошибся.",
        "He seems to have been mistaken.",
        "He was certainly mistaken.",
    ),
    (
        "Против реформы выступают примерно 40 процентов опрошенных.",
        "About 40 percent of respondents oppose the reform.",
        "Exactly 40 percent of respondents oppose the reform.",
    ),
    (
        "Полиция задержала нескольких подозреваемых.",
        "The police detained several suspects.",
        "The police detained the suspects.",
    ),
]


@pytest.mark.parametrize(("russian", "faithful", "bent"), TRIPLES, ids=[t[0][:30] for t in TRIPLES])
def test_bent_qualifier_is_a_major_hedge_flag_with_spans(russian: str, faithful: str, bent: str) -> None:
    flags = [f for f in score_pair(russian, bent).flags if f.type == "hedge"]
    assert flags, f"no hedge flag for {bent!r}"
    assert all(f.severity == "major" for f in flags)
    for flag in flags:
        assert flag.source_span or flag.rendering_span
        if flag.source_span:
            start, end = flag.source_span
            assert russian[start:end].strip()
        if flag.rendering_span:
            start, end = flag.rendering_span
            assert bent[start:end].strip()


@pytest.mark.parametrize(("russian", "faithful", "bent"), TRIPLES, ids=[t[0][:30] for t in TRIPLES])
def test_faithful_rendering_has_no_serious_flag(russian: str, faithful: str, bent: str) -> None:
    scored = score_pair(russian, faithful)
    serious = [f for f in scored.flags if f.severity in ("major", "critical")]
    assert not serious, serious


def test_enough_triples_of_every_kind() -> None:
    assert len(TRIPLES) >= 20
    kinds = set()
    for russian, _faithful, bent in TRIPLES:
        source, rendering = find_qualifiers(russian, "ru"), find_qualifiers(bent, "en")
        kinds.update(d.cls for d in compare_qualifiers(source, rendering))
    assert {"certainty", "quantifier", "modality", "attribution", "approximation", "restriction"} <= kinds


def test_strength_is_ordered_within_a_class() -> None:
    assert en_qualifier("some").strength < en_qualifier("most").strength < en_qualifier("all").strength
    assert (
        en_qualifier("possibly").strength
        < en_qualifier("probably").strength
        < en_qualifier("certainly").strength
    )
    may = next(q for q in en_qualifiers("may") if q.cls == "modality")
    should, must = en_qualifier("should"), next(q for q in en_qualifiers("must") if q.cls == "modality")
    assert may.strength < should.strength < must.strength


def test_russian_readings_by_lemma_and_phrase() -> None:
    assert ru_qualifier("некоторых").cls == "quantifier"  # by lemma
    assert ru_qualifier("возможно").strength == 1
    assert [q.cls for q in ru_qualifiers("не исключено")] == ["certainty"]  # a hedge, not a negation
    assert ru_qualifier("стол") is None


def test_ne_isklyucheno_is_not_a_negation() -> None:
    flags = score_pair(
        "Не исключено, что завод закроют.", "It is possible that the plant will be closed."
    ).flags
    assert not [f for f in flags if f.type == "negation"]


def test_context_conditions() -> None:
    # «около» approximates a number only; "the most important" is a superlative, not the quantifier.
    assert not find_qualifiers("Он стоял около дома.", "ru")
    assert [m.text for m in find_qualifiers("Было около 30 человек.", "ru")] == ["около"]
    assert not find_qualifiers("This is the most important question.", "en")
    assert [m.text for m in find_qualifiers("По его словам, всё готово.", "ru")][0] == "По его словам"


def test_tables_are_well_formed() -> None:
    for entries in (RU_ENTRIES, EN_ENTRIES):
        for entry in entries:
            if entry.qualifier is not None:
                q = entry.qualifier
                assert q.cls in SCALES and q.strength <= q.upper
