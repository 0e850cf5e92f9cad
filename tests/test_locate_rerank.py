"""`tct locate` round 3: word-by-word sentence seeds, one-sentence fallback candidates, and the re-ranking
of a short quote's candidates by the scorer's lexical matching."""

from __future__ import annotations

from dataclasses import replace

import pytest
from paths import SHARED

from toolkit.lexicon import load_lexicon
from toolkit.locate import DEFAULT_SETTINGS, Locator
from toolkit.locate.quote import parse_quote
from toolkit.locate.search import sentence_seeds


@pytest.fixture(scope="module")
def lexicon():  # noqa: ANN201
    return load_lexicon().warm_up()


@pytest.fixture(scope="module")
def wmt23(lexicon) -> Locator:  # noqa: ANN001
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    lines = (SHARED / "data" / "wmt23-ru-en" / "src.ru").read_text("utf-8").split("\n")
    return Locator("\n".join(line for line in lines if line.strip()), lexicon)


def test_sentence_seeds_prefer_the_short_line_that_holds_the_words(lexicon) -> None:  # noqa: ANN001
    long = (
        "Вчера в городе прошло заседание совета, на котором обсуждали ремонт дорог, бюджет, школы, "
        "больницы, транспорт и многое другое, благодарю всех участников за работу."
    )
    filler = ["Погода была хорошая.", "Мы гуляли по парку.", "Вечером пошёл дождь."] * 5
    locator = Locator("\n".join([long, *filler, "Благодарю за ремонт!", *filler]), lexicon)
    quote = locator.keyer.tokens("Thanks for the repair!", "en")
    keys = [token.keys for token in quote if token.content]
    seeds = sentence_seeds(locator.index, keys, 2, DEFAULT_SETTINGS)
    assert locator.index.sentences[seeds[0]].text == "Благодарю за ремонт!"
    assert locator.index.sentences[seeds[1]].text == long  # found too, but below the short line


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("We visited 2 times, everything was great!", "Приезжали 2 раза, всё отлично!"),
        ("So reports Channel 5.", 'Об этом пишет "Пятый канал".'),
    ],
)
def test_a_loose_one_line_rendering_is_found_among_review_lines(wmt23, quote, source) -> None:  # noqa: ANN001
    best = wmt23.locate(quote)[0]
    assert best.text == source
    assert best.confidence < 0.5  # found, but the tool does not claim it is sure
    # Without the fallback candidates and the re-ranking (round 2's search) another line comes first.
    old = replace(
        DEFAULT_SETTINGS,
        fallback_sentences=0,
        short_quote_units=0,
        sentence_seeds_short=0,
        sentence_seeds_long=0,
    )
    wmt23.settings = old
    try:
        assert wmt23.locate(quote)[0].text != source
    finally:
        wmt23.settings = DEFAULT_SETTINGS


def test_a_short_quote_of_two_sentences_gets_two_sentence_fallbacks(lexicon) -> None:  # noqa: ANN001
    # One notion of a short quote (`short_quote_units`): a two-sentence quote gets fallback
    # candidates too, each as many consecutive sentences as it has units, one bead each.
    locator = Locator(
        "Погода была тёплой. Море было спокойным. В горах шёл снег. Лес стоял тихо. Погода испортилась.",
        lexicon,
    )
    units = list(parse_quote("The weather was warm. The sea was calm.", locator.keyer).units)
    assert len(units) == 2 and locator._short(units)
    _, by_words = locator._candidates(units)
    fallbacks = locator._fallback(units, by_words, [])
    assert fallbacks
    for alignment in fallbacks:
        first, second = alignment.beads
        assert first.units == (0,) and second.units == (1,)
        assert second.sentences[0] == first.sentences[0] + 1
    assert not locator._short(units + units)  # four units: a long quote
