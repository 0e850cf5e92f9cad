"""The shipped ru-en lexicon: inflected lookups both ways, prob(), names, `tct lexicon`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.lexicon import (
    LexiconDataMissing,
    Translation,
    load_lexicon,
    name_similarity,
    tokenize_words,
    transliterate,
)
from toolkit.lexicon.lexicon import Lexicon
from toolkit.lexicon.mueller import cross_reference, dictd_number, parse_article, parse_phrases

runner = CliRunner()


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def top(lex: Lexicon, word: str, lang: str = "ru", k: int = 3) -> list[str]:
    return [t.translation for t in lex.translations(word, lang, limit=k)]


@pytest.mark.parametrize(
    ("word", "wanted"),
    [
        ("партии", {"party"}),
        ("власти", {"power", "authority"}),
        ("городах", {"city"}),
        ("рабочих", {"worker", "work"}),
        ("шли", {"go", "walk"}),
        ("необъятную", {"immense", "vast"}),
    ],
)
def test_inflected_russian_forms(lex: Lexicon, word: str, wanted: set[str]) -> None:
    assert wanted & set(top(lex, word)), top(lex, word, k=10)


@pytest.mark.parametrize(
    ("word", "wanted"),
    [("went", {"идти", "пойти", "ходить"}), ("elections", {"выборы"}), ("cities", {"город"})],
)
def test_reverse_direction(lex: Lexicon, word: str, wanted: set[str]) -> None:
    assert wanted & set(top(lex, word, "en")), top(lex, word, "en", k=10)


def test_translations_are_ranked_and_explained(lex: Lexicon) -> None:
    found = lex.translations("партии", limit=5)
    assert len(found) == 5
    assert all(isinstance(t, Translation) for t in found)
    assert [t.prob for t in found] == sorted((t.prob for t in found), reverse=True)
    assert all(0.0 < t.prob <= 1.0 for t in found)
    assert {t.origin for t in found} <= {"dictionary", "corpus", "both"}
    assert found[0].origin == "both" and found[0].via == "партия"
    assert lex.translations("партии", limit=1) == found[:1]


def test_lemmas(lex: Lexicon) -> None:
    assert lex.lemmas("городах", "ru")[0] == "город"
    assert lex.lemmas("шли", "ru")[0] in {"идти", "слать"} and "идти" in lex.lemmas("шли", "ru")
    assert lex.lemmas("went", "en") == ["go"]
    assert lex.lemmas("left", "en")[:2] == ["leave", "left"]
    with pytest.raises(ValueError):
        lex.lemmas("word", "de")


def test_prob_is_symmetric_in_meaning(lex: Lexicon) -> None:
    good = lex.prob("партии", "parties")
    assert good > 0.5
    assert good == pytest.approx(lex.prob("партия", "party"))
    assert lex.prob("партии", "city") == 0.0
    assert lex.prob("необъятную", "immense") > lex.prob("необъятную", "small")
    assert lex.prob("zzzz", "qqqq") == 0.0


def test_content_words(lex: Lexicon) -> None:
    assert lex.is_content_word("партии", "ru")
    assert not lex.is_content_word("и", "ru")
    assert not lex.is_content_word("которые", "ru")
    assert lex.is_content_word("elections", "en")
    assert not lex.is_content_word("the", "en")
    assert not lex.is_content_word("2021", "en")
    assert not lex.is_content_word("—", "ru")


@pytest.mark.parametrize(
    ("word", "via", "wanted"),
    [
        ("отчитался", "отчитываться", {"account", "report"}),
        ("госзакупки", "закупка", {"procurement", "purchase"}),
        ("экс-садовника", "садовник", {"gardener"}),
    ],
)
def test_unknown_words_fall_back_to_a_related_lemma(
    lex: Lexicon, word: str, via: str, wanted: set[str]
) -> None:
    found = lex.translations(word, limit=5)
    assert found and all(t.via == via for t in found)
    assert wanted & {t.translation for t in found}
    assert found[0].prob <= 0.5  # a guess never looks as sure as a direct entry


@pytest.mark.parametrize(
    ("lemma", "partner"),
    [("освободить", "освобождать"), ("попытаться", "пытаться"), ("представить", "представлять"),
     ("записать", "записывать"), ("избавить", "избавлять")],
)  # fmt: skip
def test_perfective_verbs_find_their_imperfective_partner(lex: Lexicon, lemma: str, partner: str) -> None:
    assert lex.aspect_partners(lemma)[:1] == [partner]


def test_perfective_reads_through_its_partner_when_scoring() -> None:
    from toolkit.score import score_pair

    segment = score_pair("Сталин попытался освободить его.", "Stalin tried to release him.")
    omitted = {flag.text for flag in segment.flags if flag.type == "omission"}
    assert not omitted & {"попытался", "освободить"}


def test_unknown_word_has_no_translations(lex: Lexicon) -> None:
    assert lex.translations("щщщъъъ") == []
    assert lex.translations("", "en") == []


def test_missing_data_is_a_clear_runtime_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconDataMissing, match="build_lexicon") as info:
        load_lexicon(tmp_path / "absent.tsv.gz")
    assert isinstance(info.value, RuntimeError)


def test_transliteration() -> None:
    assert transliterate("Свердлов").lower() == "sverdlov"
    assert transliterate("Жуков").lower() == "zhukov"
    assert transliterate("Троцкий").lower() in {"trotsky", "trotskiy"}
    assert transliterate("Зиновьев").lower() == "zinoviev"
    assert transliterate("Хрущёв").lower() == "khrushchev"
    assert transliterate("Москва, 2021") == "Moskva, 2021"


def _transliterate_letter_by_letter(text: str) -> str:
    """The plain definition: each letter spelt from its neighbours (what `transliterate` must equal)."""
    from toolkit.lexicon.translit import _translit_char

    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1].lower() if i > 0 else ""
        nxt = text[i + 1].lower() if i + 1 < len(text) else ""
        after = text[i + 2] if i + 2 < len(text) else ""
        if ch.lower() == "й":
            at_end = not (text[i + 1].isalpha() if i + 1 < len(text) else False)
        else:
            at_end = not after.isalpha()
        if prev and not text[i - 1].isalpha():
            prev = ""
        out.append(_translit_char(ch, prev, nxt, at_end))
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЕЁИЙЬЫЪЖ -'.1x", max_size=12))
def test_transliteration_equals_the_letter_by_letter_definition(text: str) -> None:
    assert transliterate(text) == _transliterate_letter_by_letter(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeiy", max_size=9), st.text(alphabet="abcdeiy", max_size=9), st.integers(0, 5))
def test_bounded_edit_distance_is_exact_up_to_its_limit(a: str, b: str, limit: int) -> None:
    from toolkit.lexicon.translit import levenshtein

    distance = levenshtein(a, b)
    assert levenshtein(a, b, limit) == (distance if distance <= limit else limit + 1)


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("Свердлов", "Sverdlov"),
        ("Сталина", "Stalin"),
        ("Сталину", "Stalin's"),
        ("Троцкого", "Trotskiy"),
        ("Хрущёва", "Hrushchev"),
        ("Зиновьев", "Zinovyev"),
        ("Ельцин", "Eltsin"),
    ],
)
def test_name_similarity_high(ru: str, en: str) -> None:
    assert name_similarity(ru, en) >= 0.9


@pytest.mark.parametrize(("ru", "en"), [("Свердлов", "Molotov"), ("Жуков", "Stalin"), ("Ленин", "Trotsky")])
def test_name_similarity_low(ru: str, en: str) -> None:
    assert name_similarity(ru, en) < 0.5


def test_tokenize_words() -> None:
    assert tokenize_words("Экс-глава региона, 2021 г.", "ru") == ["Экс-глава", "региона", "2021", "г"]
    assert tokenize_words("Stalin's men didn't", "en") == ["Stalin", "'s", "men", "did", "n't"]
    assert tokenize_words("The U.S. and the UN.", "en") == ["The", "U.S.", "and", "the", "UN"]


def test_abbreviations_are_not_pronouns(lex: Lexicon) -> None:
    assert lex.lemmas("US", "en")[0] == lex.lemmas("U.S.", "en")[0] == "u.s."
    assert top(lex, "U.S.", "en", k=1) == ["сша"]
    assert "u.s." in top(lex, "США")
    assert lex.translations("Navalny", "en") == []  # a name is not guessed from "naval"


def test_mueller_parser() -> None:
    assert dictd_number("BZ") == 89
    article = "party\n   _I  [x]\n      1. _n. партия; the Communist Party Коммунистическая партия\n   _II _n.\n         1) отряд, команда\n"  # noqa: E501
    assert parse_article("party", article) == [["партия"], ["отряд", "команда"]]
    assert parse_article("cause", "'cause\n   [kɘz] _уст. = because\n") == []
    assert cross_reference("'cause", "'cause\n   [kɘz] _уст. = because\n") == "because"
    assert cross_reference("party", article) is None


def test_mueller_reads_more_of_an_article() -> None:
    # a capitalised headword line is the headword ("China" is indexed as "china")
    assert parse_article("china", "China\n   [x] _a. китайский\n") == [["китайский"]]
    # an editorial note is not a translation
    become = "become\n   [x] _v. 1) употр. как глагол-связка делаться, становиться; he became a doctor он стал врачом"
    assert parse_article("become", become) == [["делаться", "становиться"]]
    # «см.» points to another article, with or without a sense number
    assert cross_reference("biz", "biz\n   [bɪz] _разг. см. business\n") == "business"
    assert cross_reference("comfy", "comfy\n   [x] _разг. см. comfortable 1\n") == "comfortable"
    assert cross_reference("affiliation", "affiliation\n [x] _n. 1) приём в члены {см. affiliate}\n") is None
    # phrases of the headword and function words translate the headword; others do not
    trace = "trace\n 1) след; to keep trace of smth. следить за чем-л.; without a trace бесследно"
    assert parse_phrases("trace", trace) == [["бесследно"]]
    base = "base\n 2. _v. 2) базировать; to base oneself upon smth. опираться на что-л."
    assert parse_phrases("base", base) == [["опираться на что-л"]]
    assert parse_phrases("think", "think\n 1) думать; thought over обдумал", frozenset({"thought"})) == [
        ["обдумал"]
    ]


def test_dictionary_items_keep_their_citation_form(lex: Lexicon) -> None:
    """Mueller writes «устав» (statute); pymorphy3's likeliest lemma of that form is «устать»."""
    assert "statute" in top(lex, "Устава", k=5)
    assert "charter" in top(lex, "устав", k=15)


def test_cli_json_shape() -> None:
    result = runner.invoke(app, ["lexicon", "партии", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 3
    assert data[0]["translation"] == "party"
    assert all(set(item) >= {"translation", "prob", "origin"} for item in data)
    assert [d["prob"] for d in data] == sorted((d["prob"] for d in data), reverse=True)


def test_cli_guesses_language_and_prints_table() -> None:
    result = runner.invoke(app, ["lexicon", "elections"])
    assert result.exit_code == 0, result.output
    assert "выборы" in result.stdout


def test_cli_unknown_word_exits_1() -> None:
    result = runner.invoke(app, ["lexicon", "щщщъъъ"])
    assert result.exit_code == 1
    result = runner.invoke(app, ["lexicon", "щщщъъъ", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_cli_unknown_language_exits_2() -> None:
    result = runner.invoke(app, ["lexicon", "party", "--from", "de"])
    assert result.exit_code == 2
    assert "de" in result.output


def test_ibm_em_learns_a_toy_lexicon() -> None:
    from toolkit.lexicon.ibm import train_ibm

    # ids: ru 1=дом 2=большой 3=кот; en 0=house 1=big 2=cat
    src = [[1], [2, 1], [2, 3], [3]] * 3
    trg = [[0], [1, 0], [1, 2], [2]] * 3
    s, t, c = train_ibm(src, trg, n_trg=3)
    counts = {(int(a), int(b)): float(x) for a, b, x in zip(s, t, c, strict=True)}
    assert counts[(1, 0)] > counts[(1, 1)]  # дом -> house, not big
    assert counts[(3, 2)] > counts[(3, 1)]  # кот -> cat
    again = train_ibm(src, trg, n_trg=3)[2]
    assert (again == c).all()  # no randomness: same input, same numbers


def test_abbreviations_are_looked_up_as_the_words_they_stand_for() -> None:
    from toolkit.lexicon import load_lexicon

    lex = load_lexicon()
    assert "comrade" in [t.translation for t in lex.translations("Тов", "ru", limit=3)]
    assert {"general", "secretary"} <= {t.translation for t in lex.translations("генсеком", "ru", limit=5)}
    assert lex.prob("райкома", "committee") > 0
    # Common one-letter words keep their word reading.
    assert "век" not in lex.lemmas("в", "ru")


def test_english_dictionary_lemmas_equal_lemminflects_own_answer() -> None:
    """en_dictionary_lemmas reads lemminflect's tables directly (no deep copies): same answers."""
    from lemminflect import getAllLemmas

    from toolkit.lexicon.morph import en_dictionary_lemmas

    for word in ("went", "better", "saw", "elections", "left", "us", "leaves", "stalin", "'s", "n't", ""):
        assert en_dictionary_lemmas(word) == getAllLemmas(word), word
