"""Build parallel/ from the seed material in ../shared (post.txt, QUOTES.md, originals/).

Run from the repository root: `python scripts/build_seed_corpus.py [--shared ../shared] [--out parallel]`.
Only the quoted passages are taken from the post, exactly as they stand there; the blog's commentary is not.
Existing alignment files are left alone.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from toolkit.corpus import Original, Quote, Rendering, save_quote

MUKHIN = ("Убийство Сталина и Берии (The Murder of Stalin and Beria)", "Yu. I. Mukhin", 2002)
HISTORIAN = (
    "Essay on Stalin's constitutional reform of 1936 (not located)",
    "unknown Russian historian (possibly Aleksandr Eliseev; not confirmed)",
    None,
)

#: id -> (title, author, year, note)
METADATA: dict[str, tuple[str, str, int | str | None, str]] = {
    "artem-telegram-6953": (
        "Telegram post 6953, channel t_artm",
        "«Товарищ Артём» (Comrade Artem)",
        "2023-2024",
        "",
    ),
    "mukhin-party-control": (*MUKHIN, ""),
    "mukhin-railway": (*MUKHIN, ""),
    "mukhin-dual-power": (*MUKHIN, ""),
    "mukhin-unofficial-structure": (*MUKHIN, ""),
    "mukhin-stalin-background": (*MUKHIN, ""),
    "mukhin-secretariat-sverdlov": (*MUKHIN, ""),
    "mukhin-trotsky-on-appointment": (*MUKHIN, "Mukhin's sentence introducing a quotation of L. D. Trotsky."),
    "mukhin-power-without-position": (
        *MUKHIN,
        "Contains Lenin's line from the 'Letter to the Congress' (see quote lenin-letter-to-congress).",
    ),
    "mukhin-afraid-of-leader": (*MUKHIN, ""),
    "historian-constitutional-reform": (*HISTORIAN, "Cites Yu. N. Zhukov, «Иной Сталин»."),
    "stalin-hostile-elections": (
        "Remark on the elections under the 1936 Constitution",
        "J. V. Stalin",
        1936,
        "",
    ),
    "historian-join-the-terror": (*HISTORIAN, "Same essay as historian-constitutional-reform."),
    "stalin-1926-party-dictatorship": (
        "К вопросам ленинизма (Concerning Questions of Leninism), section on the dictatorship of the party",
        "J. V. Stalin",
        1926,
        "",
    ),
    "mukhin-politburo-1941": (*MUKHIN, ""),
    "mukhin-scalpel-xix-congress": (*MUKHIN, ""),
    "historian-presidium-1952": (
        "Essay on the XIX Party Congress (not located), quoting the 1952 report on the new party charter",
        "unknown Russian historian",
        None,
        "The report quoted inside is of October 1952.",
    ),
    "plenum-1952-stalin-resigns": (
        "Зачем на самом деле Сталин хотел уйти в отставку в 1952 году (Rambler Weekend)",
        "unknown (Rambler Weekend)",
        None,
        "On the plenum of October 1952.",
    ),
    "beria-passport-memo": ("Memo to G. M. Malenkov on passport restrictions", "L. P. Beria", 1953, ""),
    "lenin-letter-to-congress": ("Письмо к съезду (Letter to the Congress)", "V. I. Lenin", 1922, ""),
}

#: Quotes whose lines in the post are one paragraph broken by pasting (the breaks fall inside sentences).
JOINED = {"historian-presidium-1952"}

POST_TRANSLATOR = "unknown (the English version quoted in the blog post; translator not named)"


def quote_lines(quotes_md: str) -> dict[str, str]:
    """id -> the 'seed lines' cell of QUOTES.md."""
    table: dict[str, str] = {}
    for line in quotes_md.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"[a-z0-9][a-z0-9-]*", cells[0]) and cells[0] != "id":
            table[cells[0]] = cells[1]
    return table


def line_numbers(cell: str) -> list[int]:
    numbers: list[int] = []
    for part in re.findall(r"\d+(?:-\d+)?", cell):
        first, _, last = part.partition("-")
        numbers.extend(range(int(first), int(last or first) + 1))
    return numbers


def post_passage(quote_id: str, cell: str, post_lines: list[str]) -> tuple[str, str]:
    """The quote's English text from the post and a note on where it stands."""
    if quote_id == "lenin-letter-to-congress":
        line = post_lines[75 - 1]
        match = re.search(r"“(Comrade\. Stalin[^”]*)”", line)
        if not match:
            raise SystemExit("post.txt line 75 no longer holds Lenin's line")
        return match.group(1) + "\n", "seed post line 75, the quotation inside the Mukhin passage"
    numbers = line_numbers(cell)
    lines = [post_lines[n - 1].rstrip("\n") for n in numbers]
    paragraphs = [line for line in lines if line.strip()]
    if quote_id in JOINED:
        note = f"seed post lines {cell}; its line breaks fall inside sentences and are joined with spaces"
        return " ".join(p.strip() for p in paragraphs) + "\n", note
    return "\n".join(paragraphs) + "\n", f"seed post line{'s' if len(numbers) > 1 else ''} {cell}"


def build(shared: Path, out: Path) -> list[Quote]:
    post_lines = (shared / "seed" / "post.txt").read_text(encoding="utf-8").splitlines()
    cells = quote_lines((shared / "seed" / "QUOTES.md").read_text(encoding="utf-8"))
    originals = shared / "originals"
    quotes = []
    for quote_id, cell in cells.items():
        title, author, year, note = METADATA[quote_id]
        info = json.loads((originals / f"{quote_id}.json").read_text(encoding="utf-8"))
        ru_path = originals / f"{quote_id}.ru.txt"
        status = {"not_found": "missing"}.get(info["status"], info["status"])
        if status != "missing" and not ru_path.is_file():
            raise SystemExit(f"{ru_path}: status {status} but no text")
        citation = info.get("author_title", "")
        original = Original(
            lang=info.get("original_lang", "ru"),
            status=status,
            file="original.ru.txt" if status != "missing" else None,
            text=ru_path.read_text(encoding="utf-8") if status != "missing" else None,
            missing=list(info.get("missing", [])),
            citation=citation,
            urls=list(info.get("urls", [])),
            note=info.get("source_note", ""),
        )
        text, where = post_passage(quote_id, cell, post_lines)
        renderings = [
            Rendering(
                name="post",
                lang="en",
                file="post.en.txt",
                text=text,
                translator=POST_TRANSLATOR,
                published_in="the seed blog post (shared/seed/post.txt)",
                note=where,
            )
        ]
        published = originals / f"{quote_id}.en-published.txt"
        if published.is_file():
            renderings.append(
                Rendering(
                    name="published",
                    lang="en",
                    file="published.en.txt",
                    text=published.read_text(encoding="utf-8"),
                    translator="Progress Publishers (Soviet translation)",
                    published_in="V. I. Lenin, Collected Works, vol. 36 (Moscow: Progress Publishers)",
                    note="as reproduced on a wiki mirror of Wikipedia's article 'Lenin's Testament'",
                )
            )
        quote = Quote(quote_id, title, author, year, original, renderings, out / quote_id, note)
        save_quote(quote)
        quotes.append(quote)
    return quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("parallel"))
    args = parser.parse_args()
    quotes = build(args.shared, args.out)
    with_original = sum(q.original.text is not None for q in quotes)
    print(f"wrote {len(quotes)} quotes to {args.out} ({with_original} with an original text)")


if __name__ == "__main__":
    main()
