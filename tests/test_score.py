"""toolkit.score: checks on small made-up pairs, fidelity ordering, missing originals, sacrebleu wrappers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import SEED_CORPUS as SEED
from sacrebleu.metrics import BLEU, CHRF, TER

from toolkit.corpus import Corpus, load_quote
from toolkit.score import Flag, RenderingScore, SegmentScore, score_lines, score_pair, score_quote
from toolkit.score.compare import paired_bootstrap
from toolkit.score.numbers import compare_numbers, find_numbers
from toolkit.score.pair import LineCountError
from toolkit.score.reference import ReferenceMetric, paired_significance
from toolkit.score.words import words

LENIN_RU = (
    "Тов. Сталин, сделавшись генсеком, сосредоточил в своих руках необъятную власть, и я не уверен, "
    "сумеет ли он всегда достаточно осторожно пользоваться этой властью."
)
LENIN_EN = (
    "Comrade Stalin, having become Secretary-General, has unlimited authority concentrated in his hands, "
    "and I am not sure whether he will always be capable of using that authority with sufficient caution."
)


def types(segment: SegmentScore) -> set[str]:
    return {flag.type for flag in segment.flags}


def flags_of(segment: SegmentScore, kind: str) -> list[Flag]:
    return [flag for flag in segment.flags if flag.type == kind]


def test_changed_number_is_flagged():
    good = score_pair("В 1918 году в партии было две фракции.", "In 1918 the party had two factions.")
    bad = score_pair("В 1918 году в партии было две фракции.", "In 1919 the party had two factions.")
    assert "number" not in types(good)
    assert [f.text for f in flags_of(bad, "number")][:1] == ["1918"]
    assert flags_of(bad, "number")[0].severity == "critical"
    assert bad.fidelity < good.fidelity


def test_number_words_and_digits_compare_by_value():
    ru = "Три года назад две тысячи человек получили 3,5 млн рублей."
    en = "Three years ago two thousand people received 3.5 million roubles."
    source = find_numbers(words(ru, "ru"), "ru", ru)
    rendering = find_numbers(words(en, "en"), "en", en)
    assert compare_numbers(source, rendering) == ([], [])
    assert sorted(m.key() for m in source) == ["2000", "3", "3.5e+06"]


def test_number_with_a_scale_word_is_matched_as_one_value():
    # "13,3 тысячи" and "13,300" are one number: matched, not an omission of "тысячи" and of "13,3".
    ru = "Из них 13,3 тысячи человек умерли, еще 1,5 тыс. вылечились."
    good = score_pair(ru, "Of those, 13,300 people died, and another 1500 recovered.")
    bad = score_pair(ru, "Of those, 13,300 people died, and another 1600 recovered.")
    matched = {(m["source"], m["rendering"]) for m in good.evidence["matched"] if m["how"] == "number"}
    assert matched == {("13,3", "13,300"), ("1,5", "1500")}
    assert not types(good) & {"number", "omission"}
    assert [f.text for f in flags_of(bad, "number")] == ["1,5 тыс"]
    assert good.fidelity > 0.9 > bad.fidelity


@pytest.mark.parametrize(
    ("ru", "same", "changed"),
    [
        ("За последние сутки умерли 13 пациентов.", "In the past 24 hours, 13 patients died.", None),
        ("Выделят еще $1 трлн.", "Another $1 tln will be provided.", "Another $1 bln will be provided."),
        ("Реал уступил Сити со счетом 1:2.", "Real lost to City 1–2.", "Real lost to City 1–3."),
        (
            "Пострадал четырехлетний ребенок.",
            "A four-year-old child was injured.",
            "A five-year-old child was injured.",
        ),
        ("Сообщил Пятый канал.", "Channel 5 reported.", None),
        ("Корабль XVI века.", "A 16th-century ship.", None),
        ("Погибли 13 человек, десятки пострадали.", "13 people were killed and dozens injured.", None),
        ("Он трижды завоевал Кубок.", "He won the Cup three times.", "He won the Cup twice."),
    ],
)
def test_numbers_written_differently_on_each_side(ru: str, same: str, changed: str | None):
    assert "number" not in types(score_pair(ru, same))
    if changed is not None:
        assert "number" in types(score_pair(ru, changed))


def test_changed_name_is_flagged_and_transliteration_accepted():
    ru = "Свердлов встретился с Троцким в Москве."
    same = score_pair(ru, "Sverdlov met Trotsky in Moscow.")
    changed = score_pair(ru, "Molotov met Trotsky in Moscow.")
    assert "name" not in types(same)
    names = flags_of(changed, "name")
    assert names and names[0].text == "Свердлов" and names[0].severity == "critical"
    assert changed.fidelity < same.fidelity


def test_dropped_negation_is_flagged():
    ru = "Он никогда не говорил об этом на собрании."
    kept = score_pair(ru, "He never spoke about it at the meeting.")
    dropped = score_pair(ru, "He spoke about it at the meeting.")
    assert "negation" not in types(kept)
    assert flags_of(dropped, "negation")[0].severity == "critical"
    assert dropped.fidelity < kept.fidelity


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("Школа № 30 ликует.", "School No. 30 is jubilant."),
        (
            "Решение не было бы поддержано ни УЕФА, ни ФИФА.",
            "The decision wouldn't be supported by either UEFA or FIFA.",
        ),
        ("Водитель не справился с управлением.", "The driver lost control."),
        ("Доступ к сети отсутствовал.", "There was no network access."),
        ("Не раз видела это.", "More than once I have seen it."),
        ("Зарплата не менее 2 миллионов евро.", "A salary of no less than 2 million euros."),
    ],
)
def test_negations_said_another_way_are_not_flagged(ru: str, en: str):
    assert "negation" not in types(score_pair(ru, en))


def test_months_and_common_acronyms_are_not_names():
    segment = score_pair(
        "В ДТП 26 июля пострадал ребенок.", "A child was injured in an accident on Sunday, July 26."
    )
    assert "name" not in types(segment)


def test_without_counts_as_a_negation_of_a_gerund():
    segment = score_pair("Они могли болтать, не работая.", "They could chatter without working.")
    assert "negation" not in types(segment)


def test_square_brackets_are_an_interpolation_not_an_addition():
    segment = score_pair(
        "Когда он стал главой СССР, всё изменилось.",
        "When he [Stalin] became the head of the USSR, everything changed.",
    )
    interpolations = flags_of(segment, "interpolation")
    assert [f.text for f in interpolations] == ["[Stalin]"]
    assert not any("Stalin" in f.text for f in flags_of(segment, "addition") + flags_of(segment, "name"))


def test_unexplained_parenthetical_is_an_interpolation():
    segment = score_pair(
        "Может ли партия быть властью, опирающейся на насилие в отношении своего класса?",
        "Can a party be a power based on violence against its own class (the very class it is supposed to represent)?",
    )
    assert any(f.text.startswith("(the very class") for f in flags_of(segment, "interpolation"))


def test_ellipsis_truncation_reports_what_was_cut():
    segment = score_pair(
        LENIN_RU,
        "Comrade Stalin, having become general secretary, concentrated immense power in his hands...",
    )
    truncation = flags_of(segment, "truncation")
    assert truncation and truncation[0].severity in ("major", "critical")
    assert "уверен" in truncation[0].text
    assert "negation" not in types(segment)  # the cut-off "не" is part of the truncation


def test_cyrillic_left_in_the_rendering_is_untranslated():
    segment = score_pair(
        "Дипломатические отношения с Катаром разорвали.", "Diplomatic отношения with Qatar were severed."
    )
    assert flags_of(segment, "untranslated")[0].text == "отношения"


def test_faithful_rendering_scores_above_corrupted_ones():
    faithful = score_pair(LENIN_RU, LENIN_EN).fidelity
    truncated = score_pair(
        LENIN_RU, "Comrade Stalin, having become Secretary-General, has unlimited authority."
    ).fidelity
    unrelated = score_pair(
        LENIN_RU, "The weather in Moscow will be cloudy on Monday with light rain."
    ).fidelity
    padded = score_pair(
        LENIN_RU, LENIN_EN[:-1] + ", and the weather in Moscow will be cloudy on Monday with light rain."
    ).fidelity
    assert faithful > truncated
    assert faithful > padded
    assert faithful > unrelated + 0.4
    assert 0.0 <= unrelated <= faithful <= 1.0


def test_segment_and_flag_shapes():
    data = score_pair("Он не пришёл.", "He came.").to_dict()
    assert set(data) == {
        "source",
        "rendering",
        "source_ids",
        "rendering_ids",
        "fidelity",
        "flags",
        "evidence",
    }
    assert set(data["flags"][0]) == {
        "type",
        "text",
        "severity",
        "side",
        "detail",
        "source_span",
        "rendering_span",
        "gloss",
    }
    assert data["flags"][0]["source_span"] == [3, 5]  # «не», marked in the original
    assert {"matched", "uncovered_source", "unexplained_rendering"} <= set(data["evidence"])
    with pytest.raises(ValueError):
        Flag("bogus", "x", "minor")


def test_score_pair_is_deterministic():
    assert score_pair(LENIN_RU, LENIN_EN).to_dict() == score_pair(LENIN_RU, LENIN_EN).to_dict()


# --- quotes with missing or partial originals -----------------------------------------------------

QUOTE_TOML = """id = "{id}"
title = "t"
author = "a"
year = 1953

[original]
lang = "ru"
status = "{status}"
{file}
missing = [{missing}]

[[renderings]]
name = "post"
lang = "en"
file = "post.en.txt"
"""


def make_quote(
    root: Path, quote_id: str, status: str, original: str | None, rendering: str, missing: str
) -> Path:
    folder = root / quote_id
    folder.mkdir(parents=True)
    file_line = 'file = "original.ru.txt"' if original is not None else ""
    (folder / "quote.toml").write_text(
        QUOTE_TOML.format(id=quote_id, status=status, file=file_line, missing=missing), encoding="utf-8"
    )
    if original is not None:
        (folder / "original.ru.txt").write_text(original + "\n", encoding="utf-8")
    (folder / "post.en.txt").write_text(rendering + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    make_quote(
        root,
        "partial-memo",
        "partial",
        "Следует отметить, что такой практики паспортных ограничений не существует ни в одной стране.",
        "The established restrictions on free movement cause fair criticism on the part of citizens. "
        "It should be noted that such a practice of passport restrictions does not exist in any country.",
        '"opening sentence, \\"The established restrictions on free movement cause fair criticism on the part of citizens.\\""',
    )
    make_quote(
        root,
        "lost-original",
        "missing",
        None,
        "Stalin said many things. Nobody wrote them down.",
        '"everything"',
    )
    return root


def test_partial_original_unaligned_sentence_is_no_original_not_addition(small_corpus: Path):
    (score,) = score_quote(Corpus(small_corpus).quote("partial-memo"))
    assert isinstance(score, RenderingScore)
    first = score.segments[0]
    assert first.source is None and first.fidelity is None
    assert types(first) == {"no_original"}
    assert not any(f.type == "addition" and "restrictions on free" in f.text for f in score.flags)
    assert score.fidelity is not None and score.fidelity > 0.5


def test_missing_original_every_segment_no_original(small_corpus: Path):
    (score,) = score_quote(Corpus(small_corpus).quote("lost-original"))
    assert score.fidelity is None
    assert score.segments and all(s.fidelity is None and types(s) == {"no_original"} for s in score.segments)


def test_original_cut_mid_sentence_is_not_an_addition(corpus_copy: Path):
    (score,) = score_quote(Corpus(corpus_copy).quote("stalin-1926-party-dictatorship"))
    assert not any(f.type == "addition" and "working class" in f.text for f in score.flags)
    assert any(f.type == "no_original" and "working class" in f.text for f in score.flags)


# --- line-aligned scoring and sacrebleu wrappers ---------------------------------------------------


def test_score_lines_streams_and_checks_lengths():
    rows = list(
        score_lines(["Он пришёл.", "Она ушла."], ["He came.", "She left."], [["He came.", "She went away."]])
    )
    keys = {"segment", "fidelity", "flags", "source_sentences", "rendering_sentences", "bleu", "chrf", "ter"}
    assert [set(r) for r in rows] == [keys] * 2
    assert [r["segment"] for r in rows] == [1, 2]
    assert rows[0]["chrf"] == round(CHRF().sentence_score("He came.", ["He came."]).score, 4)
    with pytest.raises(LineCountError) as info:
        list(score_lines(["a", "b"], ["x"]))
    assert info.value.stream == 1 and info.value.line == 2


def test_reference_wrappers_equal_sacrebleu():
    hyps = ["The cat sat on the mat.", "A dog barked loudly at night."]
    refs = [["The cat was sitting on the mat.", "A dog was barking loudly at night."]]
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("chrf++", CHRF(word_order=2)), ("ter", TER())):
        ours = ReferenceMetric(name).corpus_score(hyps, refs)
        assert ours.score == round(metric.corpus_score(hyps, refs).score, 4)
        assert ours.signature == str(metric.get_signature())
    sentence = ReferenceMetric("chrf").sentence_score(hyps[0], [refs[0][0]])
    assert sentence.score == round(CHRF().sentence_score(hyps[0], [refs[0][0]]).score, 4)
    bleu = ReferenceMetric("bleu").sentence_score(hyps[0], [refs[0][0]])
    assert bleu.score == round(BLEU(effective_order=True).sentence_score(hyps[0], [refs[0][0]]).score, 4)
    assert "eff:yes" in bleu.signature


def test_paired_tests_are_reproducible():
    refs = [["the cat sat on the mat", "a dog ran in the park", "birds sing at dawn"] * 4]
    a = ["the cat sat on a mat", "a dog ran in a park", "birds sing at night"] * 4
    b = ["cat mat", "dog", "birds"] * 4
    first = paired_significance([("a", a), ("b", b)], refs)
    assert first == paired_significance([("a", a), ("b", b)], refs)
    assert first["chrF2"][1]["p_value"] < 0.05
    result = paired_bootstrap([0.9, 0.8, 0.85, 0.95], [0.5, 0.4, 0.6, 0.45])
    assert result["difference"] < 0 and result["p_value"] < 0.05
    assert paired_bootstrap([0.5], [0.6])["p_value"] is None


def test_brackets_flagged_even_where_the_original_is_unknown(corpus_copy: Path):
    (score,) = score_quote(Corpus(corpus_copy).quote("plenum-1952-stalin-resigns"))
    last = score.segments[-1]
    assert last.fidelity is None
    assert {f.type for f in last.flags} == {"no_original", "interpolation"}
    assert any(f.text == "[and give in]" for f in last.flags)


def test_times_and_hyphenated_number_words_compare_by_value():
    assert not any(
        f.type == "number"
        for f in score_pair("В 17 часов 47 минут поступило сообщение.", "At 5:47 PM, a report came in.").flags
    )
    assert not any(
        f.type == "number"
        for f in score_pair("Пострадала 4-летняя девочка.", "A four-year-old girl was injured.").flags
    )
    changed = score_pair("В 17 часов 47 минут поступило сообщение.", "At 5:45 PM, a report came in.")
    assert any(f.type == "number" for f in changed.flags)


def test_fast_name_similarity_agrees_with_the_lexicon_wherever_it_matters():
    """The scorer's pruned, per-word-cached name similarity must give the lexicon's value whenever that
    value is high enough to link two words (NAME_MIN), and never link what the lexicon would not."""
    from toolkit.lexicon.translit import name_similarity
    from toolkit.score.lexical import NAME_MIN, _name_similarity

    russian = ["сталина", "троцкий", "хрущев", "зиновьева", "ельцину", "навальный", "москве", "ооо", "ия"]
    english = ["stalin", "trotsky", "khrushchev", "zinoviev", "yeltsin", "navalny", "moscow", "stalin's", "x"]
    checked = 0
    for ru in russian:
        for en in english:
            expected = name_similarity(ru, en)
            got = _name_similarity(ru, en)
            assert got == (expected if expected >= NAME_MIN else 0.0), (ru, en, got, expected)
            checked += expected >= NAME_MIN
    assert checked >= 6  # the true pairs do link


def test_one_analysis_per_russian_form_serves_lemmas_names_and_tense():
    from toolkit.lexicon.morph import ru_analysis, ru_lemmas
    from toolkit.score.morphology import ru_is_future, ru_lemma

    for cache in (ru_analysis, ru_lemmas, ru_is_future, ru_lemma):
        cache.cache_clear()
    ru_lemmas("сделает")
    ru_is_future("сделает")
    ru_lemma("сделает")
    assert ru_analysis.cache_info().misses == 1
    assert ru_is_future("сделает") and ru_lemma("сделает") == "сделать"


def test_signature_does_not_change_as_words_are_met():
    from toolkit.score.fidelity import fidelity_signature

    before = fidelity_signature()
    score_pair(
        "Двенадцать тысяч сорок человек пришли в 17:30.", "Twelve thousand and forty people came at 5:30 PM."
    )
    assert fidelity_signature() == before


# --- findings a fact-checker can trust (issue 12) --------------------------------------------------------
def test_dropped_clause_with_ne_is_one_omission_with_a_gloss():
    ru = (
        "Министерство считает необходимым упразднить паспортные ограничения в городах, "
        "как не вызывающиеся необходимостью."
    )
    scored = score_pair(ru, "The Ministry considers it necessary to abolish passport restrictions in cities.")
    assert "negation" not in types(scored)  # nothing is inverted in what was rendered
    omissions = flags_of(scored, "omission")
    assert len(omissions) == 1
    start, end = omissions[0].source_span
    assert ru[start:end] == "как не вызывающиеся необходимостью"
    assert omissions[0].gloss.startswith("as not")


def test_lexicon_gap_is_an_unverified_pair_not_two_flags():
    scored = score_pair("Хабаровчане вышли на улицы.", "Khabarovsk residents took to the streets.")
    assert not [f for f in scored.flags if f.type in ("omission", "addition")]
    assert "unverified_pairs" in scored.evidence


def test_capitalised_common_noun_is_not_a_name():
    scored = score_pair(
        "В проекте Устава предлагается упразднить Политбюро.",
        "The draft Charter proposes to abolish the Politburo.",
    )
    assert "name" not in types(scored)


def test_number_and_name_flags_mark_both_sides():
    ru, en = "Весной 1938 года Ягода был расстрелян.", "In the spring of 1937 Yezhov was shot."
    scored = score_pair(ru, en)
    number = flags_of(scored, "number")[0]
    assert ru[slice(*number.source_span)] == "1938" and en[slice(*number.rendering_span)] == "1937"
    name = flags_of(scored, "name")[0]
    assert ru[slice(*name.source_span)] == "Ягода" and en[slice(*name.rendering_span)] == "Yezhov"


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("Увеличение цен продолжилось в марте.", "The decrease in prices continued in March."),
        ("Он выиграл выборы.", "He lost the election."),
    ],
)
def test_antonym_of_a_sure_translation_is_a_major_substitution(ru: str, en: str):
    found = flags_of(score_pair(ru, en), "substitution")
    assert found and found[0].severity == "major" and found[0].source_span and found[0].rendering_span


def test_faithful_sentence_reads_as_faithful_and_ranks_above_a_bent_one():
    faithful = score_pair(LENIN_RU, LENIN_EN).fidelity
    bent = score_pair(LENIN_RU, LENIN_EN.replace("he will always", "he will never")).fidelity
    assert faithful >= 0.85 and bent < faithful


def test_quote_score_states_its_coverage():
    quote = load_quote(SEED / "historian-presidium-1952")
    (rendering,) = score_quote(quote)
    data = rendering.to_dict()
    assert data["checked_segments"] < data["segment_count"]
    assert (
        data["coverage"]
        == f"{data['checked_segments']} of {data['segment_count']} sentences checked against an original"
    )


def test_every_flag_of_the_seed_corpus_has_a_span():
    for name in ("beria-passport-memo", "stalin-1926-party-dictatorship", "lenin-letter-to-congress"):
        for rendering in score_quote(load_quote(SEED / name)):
            for flag in rendering.flags:
                assert flag.source_span or flag.rendering_span, flag


def test_fidelity_signature_is_stable_across_hash_seeds():
    """The settings digest reads word tables and rules; neither may carry set order or an address."""
    code = "from toolkit.score.fidelity import fidelity_signature; print(fidelity_signature())"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=SEED.parent,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_an_empty_side_is_one_finding_over_the_other():
    dropped = score_pair("Он пришёл вчера домой.", "")
    assert [(f.type, f.source_span) for f in dropped.flags] == [("omission", (0, 22))]
    assert dropped.flags[0].gloss
    added = score_pair("", "He came.")
    assert [(f.type, f.rendering_span) for f in added.flags] == [("addition", (0, 8))]


def test_a_number_that_repeats_a_digit_group_is_checked_not_a_crash() -> None:
    """«1.1» holds the group "1" twice; the rendering has it once (and in 11): a number finding, not a
    ValueError from the digit-group pool."""
    scored = score_pair("Индекс вырос на 1.1 пункта, до 11.", "The index rose by 1 point to 11.")
    assert [(f.type, f.text) for f in scored.flags] == [("number", "1.1")]
