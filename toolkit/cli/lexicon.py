"""`tct lexicon`: what the shipped Russian-English lexicon knows about one word."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from toolkit.cli.common import fail, print_json
from toolkit.cli.output import emit_table, is_json, output_options
from toolkit.lexicon import LexiconDataMissing, guess_lang, load_lexicon


@output_options
def lexicon(
    word: Annotated[str, typer.Argument(help="A word as it occurs in text: партии, власти, went.")],
    from_lang: Annotated[
        str | None,
        typer.Option(
            "--from", help="Language of WORD: ru or en (default: guessed from the script).", metavar="ru|en"
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many translations to show.")] = 10,
) -> None:
    """Translations of WORD with their probability and where the evidence comes from.

    A Russian word also reads through its family at a lower weight, as the "via lemma" column says:
    the other aspect of a verb (сумеет: уметь), another part of speech (осторожно: осторожность).

    \b
    tct lexicon партии
    tct lexicon went --from en --json
    """
    if not word.strip():
        raise fail("WORD is empty: give a word such as партии or went", 2)
    lang = from_lang.strip().lower() if from_lang is not None else guess_lang(word)
    if lang not in ("ru", "en"):
        raise fail(f"--from: unknown language {from_lang!r}, use ru or en", 2)
    try:
        lex = load_lexicon()
    except LexiconDataMissing as exc:
        raise fail(str(exc), 1) from None
    found = lex.translations(word, source_lang=lang, limit=limit)
    if is_json():
        print_json(
            [
                {"translation": t.translation, "prob": t.prob, "origin": t.origin, "via": t.via,
                 "relation": t.relation or "lemma"}
                for t in found
            ]
        )  # fmt: skip
        if not found:
            raise typer.Exit(1)
        return
    shown = word if len(word) <= 40 else word[:37] + "..."
    if not found:
        tried = ", ".join(
            lemma if len(lemma) <= 40 else lemma[:37] + "..." for lemma in lex.lemmas(word, lang)
        )
        raise fail(f"{shown!r}: not in the lexicon ({lang}; lemmas tried: {tried})", 1)
    other = "en" if lang == "ru" else "ru"
    table = Table(title=f"{shown} ({lang} → {other})", title_justify="left")
    table.add_column("translation")
    table.add_column("prob", justify="right")
    table.add_column("origin")
    table.add_column("via lemma")
    for t in found:
        table.add_row(
            t.translation, f"{t.prob:.3f}", t.origin, t.via + (f" ({t.relation})" if t.relation else "")
        )
    emit_table(table)
