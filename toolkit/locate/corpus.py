"""Adding a quote to the corpus from a whole book: the located passage becomes the original.

`tct corpus add ID --original-from BOOK.txt --locate QUOTE.en` stores the span `locate` finds (its
offsets and the book's name go into the original's note and citation) and the quote as a rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.locate.finder import LocateError, Locator, quote_language

FOUND_CONFIDENCE = 0.5  # below this the passage is not taken as found


@dataclass(frozen=True)
class LocatedPassage:
    text: str
    start: int
    end: int
    confidence: float
    note: str  # where it was found, for quote.toml


def passage_from_book(
    book_text: str, quote_text: str, book_name: str, quote_name: str = ""
) -> LocatedPassage:
    """The passage of the book that the quote renders; LocateError when it is not found with confidence,
    or when the quote is in Russian (it would be stored as an English rendering)."""
    if quote_language(quote_text, quote_name or None) != "en":
        raise LocateError(
            "the quote is in Russian: a rendering to keep must be English (tct locate finds a Russian quote)",
            quote_name or None,
        )
    matches = Locator(book_text, where=book_name).locate(quote_text, top=2, where=quote_name or None)
    if not matches or matches[0].confidence < FOUND_CONFIDENCE:
        best = (
            f" (best candidate: characters {matches[0].start}-{matches[0].end}, confidence "
            f"{matches[0].confidence:.2f})"
            if matches
            else ""
        )
        raise LocateError(f"the quote was not found in {book_name}{best}; nothing added", quote_name or None)
    best = matches[0]
    note = (
        f"located by tct locate in {book_name}, characters {best.start}-{best.end} "
        f"(confidence {best.confidence:.2f})"
    )
    if best.context is not None and best.context.flags:
        note += "; " + "; ".join(flag.message for flag in best.context.flags)
    return LocatedPassage(best.text, best.start, best.end, best.confidence, note)
