"""`tct locate` round 2: edge decisions by length, number words and names as anchors, distinct
candidates, every seed quote found alone and planted, and a quote that is not there."""

from __future__ import annotations

import pytest
from paths import SEED_CORPUS

from toolkit.corpus import Corpus
from toolkit.lexicon import load_lexicon
from toolkit.locate import Locator, Span
from toolkit.locate.keys import Keyer
from toolkit.locate.local import Bead, LocalAlignment

REVIEWS = (
    "Было бы лучше.\n"
    "Дальше уже ничего.\n"
    "Когда пришёл в сам ресторан, то выяснилось, что столик не был забронирован.\n"
    "Еда вкусная.\n"
    "Отличный сервис.\n"
    "Замечательный кукольный театр.\n"
    "Часто ходим на разные представления.\n"
    'Сегодня были на Спектакле "Царевна-лягушка".\n'
    "Хороший бассейн!"
)


@pytest.fixture(scope="module")
def lexicon():  # noqa: ANN201
    return load_lexicon().warm_up()


def test_short_edge_sentence_without_word_evidence_is_attached_by_length(lexicon) -> None:
    quote = "Then nothing. When I got to the restaurant, it turned out that the table hadn't been reserved."
    best = Locator(REVIEWS, lexicon).locate(quote)[0]
    assert best.text.startswith("Дальше уже ничего.") and best.text.endswith("не был забронирован.")
    assert len(best.links) == 2


def test_nothing_is_attached_across_an_elision_mark(lexicon) -> None:
    quote = (
        "Then nothing. ... When I got to the restaurant, it turned out that the table hadn't been reserved."
    )
    best = Locator(REVIEWS, lexicon).locate(quote)[0]
    assert best.text.startswith("Когда пришёл")


def test_an_elided_sentence_is_a_gap_not_the_end_of_the_match(lexicon) -> None:
    best = Locator(REVIEWS, lexicon).locate(
        "A great puppet theater. ... Today we went to see The Frog Princess."
    )[0]
    assert best.text.startswith("Замечательный") and best.text.endswith('"Царевна-лягушка".')
    assert [gap.text for gap in best.gaps] == ["Часто ходим на разные представления."]


def test_number_words_and_names_are_anchors(lexicon) -> None:
    keyer = Keyer(lexicon)
    assert "#40" in keyer.word("сорок", "ru")[0] and "#40" in keyer.word("forty", "en")[0]
    assert "#5" in keyer.word("Пятый", "ru")[0]
    assert keyer.word("Perry's", "en")[0] & keyer.word("Пери", "ru")[0]  # the name, without doubled letters
    assert "=navy" in keyer.word("navy's", "en")[0]
    assert (
        not keyer.word("They", "en")[1] and keyer.word("Lenin", "en")[1]
    )  # a name, not a capitalised "they"
    original = "Парад прошёл в Кронштадте.\nВМФ России в этом году получит сорок кораблей и судов\nПогода была хорошей."
    best = Locator(original, lexicon).locate("The Russian Navy will receive 40 ships this year")[0]
    assert best.text == "ВМФ России в этом году получит сорок кораблей и судов"


def test_candidates_are_distinct_places(lexicon) -> None:
    """Two seed regions that overlap align the quote to the same place twice: it is kept once (the
    copy would take a top-5 slot and leave the best match no margin over the runner-up)."""
    locator = Locator(REVIEWS, lexicon)

    def alignment(score: float, first: int, last: int) -> LocalAlignment:
        return LocalAlignment(score, (Bead((0,), tuple(range(first, last + 1)), 1.0, 1.0),), ())

    ranked = [alignment(9.0, 2, 3), alignment(9.0, 2, 3), alignment(5.0, 3, 4), alignment(4.0, 6, 6)]
    assert [a.score for a in locator._distinct(ranked)] == [9.0, 4.0]
    matches = Locator("\n".join([REVIEWS] * 3), lexicon).locate("A great pool!", top=5)
    for k, later in enumerate(matches):
        assert all(later.overlap(earlier) == 0.0 for earlier in matches[:k])


def test_span_overlap() -> None:
    assert Span(0, 10, "").overlap(Span(5, 15, "")) == pytest.approx(5 / 15)
    assert Span(0, 10, "").overlap(Span(10, 20, "")) == 0.0
    assert Span(3, 3, "").overlap(Span(3, 3, "")) == 0.0


def _seed_renderings() -> list[tuple[str, str, str]]:
    out = []
    for quote in Corpus(SEED_CORPUS).quotes():
        if quote.original.text:
            out += [(quote.id, quote.original.text.strip(), r.text) for r in quote.renderings]
    return out


def test_every_seed_quote_is_found_in_its_original_and_planted_in_unrelated_text(lexicon) -> None:
    """Found: the top match lies inside the original (0.8 of it) and covers 0.3 of it or more (a post
    may render more than the short original it is compared with: the Mukhin post holds ten sentences)."""
    renderings = _seed_renderings()
    assert len(renderings) >= 8
    for name, original, rendering in renderings:
        filler = "\n".join(o for n, o, _ in renderings if n != name)
        middle = filler.index("\n", len(filler) // 2)
        planted = filler[:middle] + "\n" + original + filler[middle:]
        for text, offset in ((original, 0), (planted, middle + 1)):
            best = Locator(text, lexicon).locate(rendering)[0]
            inside = max(0, min(best.end, offset + len(original)) - max(best.start, offset))
            assert inside >= 0.3 * len(original), (name, best.text[:80])
            assert inside >= 0.8 * (best.end - best.start), (name, best.text[:80])


def test_a_quote_that_is_not_there_gets_weak_candidates(lexicon, shared) -> None:
    """In a long original some passages share a word or two: they are offered, each with a low confidence."""
    original = (shared / "data" / "wmt21-ru-en" / "src.ru").read_text("utf-8")
    quote = "The restaurant was terrible and the table was dirty, so we will never come back to this place."
    matches = Locator(original, lexicon).locate(quote)
    assert len(matches) == 5 and all(m.confidence < 0.5 for m in matches)
