"""`tct locate` with a quote in Russian: matched to the original directly, word for word (lemmas), its ends
at the quote's first and last word, said so in the output; refused as a rendering by `corpus add`."""

from __future__ import annotations

import json

from paths import SEED_CORPUS
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.lexicon import load_lexicon
from toolkit.locate import LocateError, Locator, direct_similarity, locate, quote_language
from toolkit.locate.corpus import passage_from_book
from toolkit.locate.keys import Keyer

runner = CliRunner()
LENIN = SEED_CORPUS / "lenin-letter-to-congress"


def _book() -> str:
    texts = [
        (folder / "original.ru.txt").read_text("utf-8").strip()
        for folder in sorted(SEED_CORPUS.iterdir())
        if (folder / "original.ru.txt").is_file()
    ]
    return "\n".join(texts)


def test_quote_language() -> None:
    assert quote_language("Stalin concentrated immense power in his hands.") == "en"
    assert quote_language("Сталин сосредоточил в своих руках необъятную власть.") == "ru"
    for text, said in (
        ("Die Katze sitzt auf der Matte, und der Hund liegt unter dem Tisch in der Küche.", "German"),
        ("Кіт сидить на килимку, а собака лежить під столом.", "Ukrainian"),
        ("这是一个完全不同的句子，没有任何俄语或英语单词。", "neither English nor Russian"),
    ):
        try:
            quote_language(text)
        except LocateError as error:
            assert said in str(error)
        else:
            raise AssertionError(f"{text!r} was not refused")


def test_a_russian_quote_is_found_to_the_word() -> None:
    book = _book()
    locator = Locator(book)
    quote = "сосредоточил в своих руках необъятную власть"  # inside a sentence, no elision marked
    best = locator.locate(quote)[0]
    assert best.text == quote and best.quote_language == "ru" and best.confidence >= 0.9
    assert best.context is not None and best.context.flags[0].kinds == ("qualifier",)
    # other forms of the same words («власти» for «власть») are the same lemmas
    inflected = locator.locate("сосредоточил в руках необъятной власти")[0]
    assert inflected.start == best.start and inflected.end == best.end


def test_direct_similarity_prefers_the_same_words() -> None:
    lexicon = load_lexicon()
    quote = "Отличная концертная площадка."
    assert direct_similarity("Отличную концертную площадку!", quote, lexicon) == 1.0
    assert direct_similarity("Отличная площадка. Приезжали на концерт.", quote, lexicon) < 0.6


def test_cli_says_the_quote_is_russian(tmp_path) -> None:
    quote = tmp_path / "q.ru.txt"
    quote.write_text(
        "и я не уверен, сумеет ли он всегда достаточно осторожно пользоваться этой властью\n", "utf-8"
    )
    result = runner.invoke(app, ["locate", str(quote), str(LENIN / "original.ru.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["quote_language"] == "ru" and data["matched"] == "directly" and data["found"]
    assert data["matches"][0]["quote_language"] == "ru"
    text = runner.invoke(app, ["locate", str(quote), str(LENIN / "original.ru.txt")])
    assert "quote language: ru, matched directly" in text.stdout
    german = tmp_path / "q.de.txt"
    german.write_text(
        "Die Katze sitzt auf der Matte, und der Hund liegt unter dem Tisch in der Küche.\n", "utf-8"
    )
    refused = runner.invoke(app, ["locate", str(german), str(LENIN / "original.ru.txt")])
    assert refused.exit_code == 1 and "looks German" in refused.stderr and "Traceback" not in refused.output


def test_corpus_add_refuses_a_russian_quote() -> None:
    original = (LENIN / "original.ru.txt").read_text("utf-8")
    try:
        passage_from_book(original, "сосредоточил в своих руках необъятную власть", "book.ru.txt", "q.txt")
    except LocateError as error:
        assert "must be English" in str(error)
    else:
        raise AssertionError("a Russian quote was accepted as a rendering")
    assert locate("сосредоточил в своих руках необъятную власть", original)[0].start > 0


def test_a_short_russian_number_word_keeps_its_number_key_beside_its_lemmas() -> None:
    """«два» has no cognate key (too short): its '#2' must still be indexed, with its '@' lemma."""
    keys, content = Keyer(load_lexicon()).word("два", "ru")
    assert content and "#2" in keys and "@два" in keys
