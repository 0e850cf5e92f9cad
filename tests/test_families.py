"""Russian word families, the lemma the lexicon knows, and names as pymorphy3 tags them."""

from __future__ import annotations

import pytest

from toolkit.lexicon import is_proper_name, load_lexicon
from toolkit.lexicon.families import ASPECT, DERIVATION, family
from toolkit.lexicon.lexicon import FAMILY_WEIGHTS, Lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def known(*words: str):
    return set(words).__contains__


@pytest.mark.parametrize(
    ("lemma", "member", "relation"),
    [
        ("осторожно", "осторожный", DERIVATION),  # adverb ~ adjective
        ("осторожно", "осторожность", DERIVATION),  # adverb ~ noun
        ("осторожность", "осторожно", DERIVATION),
        ("сделаться", "делаться", ASPECT),  # perfective prefix taken off
        ("суметь", "уметь", ASPECT),
        ("освободить", "освобождать", ASPECT),  # suffix rewrite with the consonant alternation
        ("записывать", "записать", ASPECT),  # and back
        ("отстранение", "отстранить", DERIVATION),  # verbal noun ~ verb
        ("решить", "решение", DERIVATION),
        ("китай", "китайский", DERIVATION),  # relational adjective
        ("российский", "россия", DERIVATION),
        ("государство", "государственный", DERIVATION),
        ("прежний", "по-прежнему", DERIVATION),
    ],
)
def test_family_members(lemma: str, member: str, relation: str) -> None:
    assert (member, relation) in family(lemma, known(member))


@pytest.mark.parametrize(
    ("lemma", "stranger"),
    [
        ("пол", "полный"),  # floor is not full
        ("делать", "деление"),  # to do is not division
        ("писать", "списать"),  # a prefix is never put on
        ("уметь", "суметь"),
        ("делать", "переделать"),
        ("осторожно", "осторожний"),  # not a word: pymorphy3 guesses, but the lexicon must know it
    ],
)
def test_family_strangers(lemma: str, stranger: str) -> None:
    assert stranger not in {m for m, _ in family(lemma, known(stranger))}


def test_people_have_no_family() -> None:
    assert family("зеленский", known("зелень")) == []  # a surname, not an adjective of greenery
    assert family("китай", known("китайский")) == [("китайский", DERIVATION)]  # a place keeps its own


def test_family_needs_the_lexicon_to_know_the_member() -> None:
    assert family("осторожно", known()) == []
    assert family("", known("а")) == []


def test_aspect_partners_come_first() -> None:
    found = family("избавить", known("избавление", "избавлять"))
    assert found == [("избавлять", ASPECT), ("избавление", DERIVATION)]


def test_words_read_through_their_family(lex: Lexicon) -> None:
    """The widening is visible through the look-ups the scorer uses: translations(), the per-lemma
    rows and prob(), at FAMILY_WEIGHTS of the member's own values."""
    caution = {t.translation: t for t in lex.translations("осторожно", limit=50)}
    assert "caution" in caution and caution["caution"].relation == DERIVATION
    assert caution["caution"].via == "осторожность"
    assert "chinese" in {t.translation for t in lex.translations("Китая", limit=5)}
    row = lex._sym_cached("китай")
    assert row["chinese"] == pytest.approx(lex.own_row("китайский")["chinese"] * FAMILY_WEIGHTS[DERIVATION])
    assert "chinese" not in lex.own_row("китай")
    assert lex.prob("Китая", "Chinese") > 0.1
    able = {t.translation: t for t in lex.translations("сумеет", limit=20)}
    assert "able" in able


def test_own_translations_outrank_the_family(lex: Lexicon) -> None:
    found = lex.translations("Китая", limit=2)
    assert found[0].translation == "china" and found[0].relation == ""


def test_unknown_word_prefers_a_family_member_to_a_compound_tail(lex: Lexicon) -> None:
    """«отстранению» is «отстранение» (remove, suspend), not «ранение» (wound)."""
    found = lex.translations("отстранению", limit=10)
    assert found and all(t.via != "ранение" for t in found)
    assert found[0].via == "отстранить"


def test_lemmas_the_lexicon_knows_come_first(lex: Lexicon) -> None:
    lemmas = lex.lemmas("осторожно", "ru")
    assert lemmas[0] in lex._raw("ru")
    for word in ("шли", "стали", "мира", "партии"):
        found = lex.lemmas(word, "ru")
        known_flags = [lemma in lex._raw("ru") for lemma in found]
        assert known_flags == sorted(known_flags, reverse=True), found


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Сталина", True),
        ("Китая", True),
        ("Госдепа", True),
        ("Зальцбергер", True),
        ("Берия", True),
        ("Устава", False),
        ("Пленума", False),
        ("Российский", False),
        ("Правда", False),
        ("party", False),
        ("", False),
    ],
)
def test_is_proper_name(lex: Lexicon, word: str, name: bool) -> None:
    assert lex.is_proper_name(word) is name
    assert is_proper_name(word) is name
