"""Summaries of quotes for listings: sizes, sentence counts, alignment state."""

from __future__ import annotations

from typing import Any

from toolkit.corpus import Quote
from toolkit.segment import split_sentences


def quote_summary(quote: Quote) -> dict[str, Any]:
    """The JSON object `tct corpus list --json` prints for one quote."""
    original = quote.original
    text = original.text or ""
    return {
        "id": quote.id,
        "title": quote.title,
        "author": quote.author,
        "year": quote.year,
        "original": {
            "lang": original.lang,
            "status": original.status,
            "chars": len(text.strip()),
            "sentences": len(split_sentences(text, original.lang)) if text else 0,
            "missing": list(original.missing),
        },
        "renderings": [
            {
                "name": r.name,
                "lang": r.lang,
                "chars": len(r.text.strip()),
                "sentences": len(split_sentences(r.text, r.lang)),
                "translator": r.translator,
                "aligned": quote.alignment_path(r.name).is_file(),
            }
            for r in quote.renderings
        ],
    }
