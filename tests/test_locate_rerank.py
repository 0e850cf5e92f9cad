"""`tct locate` round 3: word-by-word sentence seeds, one-sentence fallback candidates, and the re-ranking
of a short quote's candidates by the scorer's lexical matching."""

from __future__ import annotations

from dataclasses import replace

import pytest
from paths import SHARED

from toolkit.lexicon import load_lexicon
from toolkit.locate import DEFAULT_SETTINGS, Locator
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
    old = replace(DEFAULT_SETTINGS, fallback_sentences=0, rerank_units=0, sentence_seeds_short=0)
    wmt23.settings = old
    try:
        assert wmt23.locate(quote)[0].text != source
    finally:
        wmt23.settings = DEFAULT_SETTINGS
