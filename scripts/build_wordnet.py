#!/usr/bin/env python3
"""Rebuild toolkit/data/wordnet_en.tsv.gz, the compact English WordNet 3.0 relations tct ships.

Input (read-only, nothing else): ../shared/data/wordnet-3.0/data.{noun,verb,adj,adv} and
index.{noun,verb,adj,adv} (for the order of a word's senses) (Princeton WordNet 3.0; its licence is the header of each data file and is copied,
as it requires, into the shipped file). Output: one gzip'd text file, byte-identical
on every rebuild (sorted output, gzip header without time stamp).

What is kept (single-word lemmas only: tct matches words one by one):
- synsets that give a word something (2+ kept words, or a synset-level link), as lists of words;
- synset-level links: similar-to (&, adjectives), verb groups ($), also-see (^) where it is
  synset-level;
- per word: its synsets grouped by sense rank (index.*: most frequent sense first), its lemma-level links (derivationally related +, pertainym or
  "derived from adjective" \\, also-see ^ where lemma-level) and its antonyms (! on the word,
  plus, for a satellite adjective, the antonyms of its similar-to head: immense -> large ->
  small; each antonym with the other words of its synset).

    python scripts/build_wordnet.py [--data ../shared/data] [--out toolkit/data]
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDNET_FILE = "wordnet_en.tsv.gz"
FORMAT_LINE = "#tct-wordnet v1"
POS_FILES = ("noun", "verb", "adj", "adv")
SYNSET_LINKS = {"&", "$"}  # always synset-level
LEMMA_LINKS = {"+", "\\", "^"}  # lemma-level when source/target is not 0000 ("^" is either)
ANTONYM = "!"


def log(msg: str) -> None:
    print(msg, flush=True)


def _word(raw: str) -> str | None:
    """WordNet's spelling of a lemma as tct keys it, or None for multi-word lemmas."""
    if "(" in raw:  # adjective position markers: "elect(p)"
        raw = raw[: raw.index("(")]
    word = raw.lower()
    if "_" in word or not word or not any(ch.isalpha() for ch in word):
        return None
    return word


def read_licence(path: Path) -> list[str]:
    """The licence block at the head of a WordNet data file (lines starting with two spaces)."""
    lines = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("  "):
                break
            text = line[2:].rstrip()
            number, _, rest = text.partition(" ")
            lines.append(rest.rstrip() if number.isdigit() else text)
    while lines and not lines[-1]:
        lines.pop()
    return lines


Synset = tuple[list[str | None], list[tuple[str, str, int, int]], bool]


def read_synsets(folder: Path) -> dict[str, Synset]:
    """key "offset+pos" -> (words by position, pointers (symbol, target key, source no, target no),
    whether it is a satellite adjective)."""
    synsets: dict[str, Synset] = {}
    for name in POS_FILES:
        with open(folder / f"data.{name}", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ", 1)[0].split()
                offset, pos = fields[0], fields[2]
                pos = "a" if pos == "s" else pos  # pointers name satellites' file as "a" too
                n_words = int(fields[3], 16)
                words = [_word(fields[4 + 2 * k]) for k in range(n_words)]
                at = 4 + 2 * n_words
                n_pointers = int(fields[at])
                pointers = []
                for k in range(n_pointers):
                    symbol, target, target_pos, numbers = fields[at + 1 + 4 * k : at + 5 + 4 * k]
                    target_pos = "a" if target_pos == "s" else target_pos
                    pointers.append((symbol, target + target_pos, int(numbers[:2], 16), int(numbers[2:], 16)))
                satellite = fields[2] == "s"
                synsets[offset + pos] = (words, pointers, satellite)
    return synsets


def read_sense_ranks(folder: Path) -> dict[tuple[str, str], int]:
    """(word, synset key) -> the sense's rank for that word and part of speech, 1 = most frequent
    (index.* list a lemma's synsets in order of their tagged frequency)."""
    ranks: dict[tuple[str, str], int] = {}
    for name in POS_FILES:
        with open(folder / f"index.{name}", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma, pos, n_synsets = fields[0], fields[1], int(fields[2])
                pos = "a" if pos == "s" else pos
                for rank, offset in enumerate(fields[len(fields) - n_synsets :], start=1):
                    ranks[(lemma, offset + pos)] = rank
    return ranks


def build(folder: Path) -> tuple[list[str], list[str], dict[str, str]]:
    """(synset lines, word lines, counts) of the shipped file."""
    synsets = read_synsets(folder)
    ranks = read_sense_ranks(folder)

    def kept_words(key: str) -> list[str]:
        return sorted({w for w in synsets[key][0] if w})

    synset_links: dict[str, set[str]] = defaultdict(set)
    word_links: dict[str, set[str]] = defaultdict(set)
    antonyms: dict[str, set[str]] = defaultdict(set)
    word_synsets: dict[str, set[str]] = defaultdict(set)

    def lemma_antonyms(key: str, position: int | None) -> set[str]:
        """Antonyms of the word at `position` of synset `key` (all its words if None), with synset mates."""
        found: set[str] = set()
        for symbol, target, source_no, target_no in synsets[key][1]:
            if symbol != ANTONYM or (position is not None and source_no != position):
                continue
            words = synsets[target][0]
            if 0 < target_no <= len(words) and words[target_no - 1]:
                found.add(words[target_no - 1])  # type: ignore[arg-type]
            found.update(kept_words(target))
        return found

    for key, (words, pointers, satellite) in synsets.items():
        for word in words:
            if word:
                word_synsets[word].add(key)
        for symbol, target, source_no, target_no in pointers:
            if target not in synsets:
                continue
            if symbol in SYNSET_LINKS or (symbol in LEMMA_LINKS and source_no == 0):
                synset_links[key].add(target)
            elif symbol in LEMMA_LINKS:
                source = words[source_no - 1] if 0 < source_no <= len(words) else None
                target_words = synsets[target][0]
                linked = target_words[target_no - 1] if 0 < target_no <= len(target_words) else None
                if source and linked and linked != source:
                    word_links[source].add(linked)
        for position, word in enumerate(words, start=1):
            if not word:
                continue
            antonyms[word] |= lemma_antonyms(key, position)
            if satellite:  # indirect antonyms through the head(s) this satellite is similar to
                for symbol, target, _, _ in pointers:
                    if symbol == "&" and target in synsets:
                        antonyms[word] |= lemma_antonyms(target, None)

    # Synsets worth shipping: they give some word a synonym, or carry a link.
    linked_targets = {t for targets in synset_links.values() for t in targets}
    shipped = sorted(
        key
        for key in synsets
        if kept_words(key) and (len(kept_words(key)) > 1 or synset_links.get(key) or key in linked_targets)
    )
    ids = {key: k for k, key in enumerate(shipped)}
    synset_lines = []
    for key in shipped:
        links = sorted(ids[t] for t in synset_links.get(key, ()) if t in ids and t != key)
        synset_lines.append(" ".join(kept_words(key)) + ("\t" + " ".join(map(str, links)) if links else ""))

    word_lines = []
    for word in sorted(word_synsets):
        # Synsets grouped by sense rank (the most frequent sense of each part of speech first),
        # groups separated by commas: a reader can keep a word's first senses only.
        by_rank: dict[int, list[int]] = defaultdict(list)
        for key in word_synsets[word]:
            if key in ids:
                by_rank[ranks.get((word, key), 99)].append(ids[key])
        own = ",".join(" ".join(map(str, sorted(by_rank[r]))) for r in sorted(by_rank))
        links = sorted(word_links.get(word, set()) - {word})
        opposite = sorted(antonyms.get(word, set()) - {word})
        if not (own or links or opposite):
            continue
        word_lines.append(f"{word}\t{own}\t{' '.join(links)}\t{' '.join(opposite)}")
    counts = {"synsets": str(len(synset_lines)), "words": str(len(word_lines))}
    return synset_lines, word_lines, counts


def write(
    path: Path, licence: list[str], synset_lines: list[str], word_lines: list[str], counts: dict
) -> None:
    buf = io.StringIO()
    buf.write(f"{FORMAT_LINE}\tsynsets={counts['synsets']}\twords={counts['words']}\n")
    buf.write("# Derived from Princeton WordNet 3.0 by scripts/build_wordnet.py; its licence follows.\n")
    for line in licence:
        buf.write(f"# {line}".rstrip() + "\n")
    buf.write("# Format: @synsets: WORD WORD...[<TAB>LINKED SYNSET NUMBERS]; line k (from 0) is synset k.\n")
    buf.write(
        "# @words: WORD<TAB>SYNSET NUMBERS BY SENSE RANK (comma between ranks)<TAB>LINKED WORDS<TAB>ANTONYMS.\n"
    )
    buf.write("@synsets\n")
    for line in synset_lines:
        buf.write(line + "\n")
    buf.write("@words\n")
    for line in word_lines:
        buf.write(line + "\n")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "toolkit" / "data")
    args = ap.parse_args()
    start = time.time()
    folder = args.data / "wordnet-3.0"
    if not (folder / "data.noun").is_file():
        raise SystemExit(f"{folder}: WordNet 3.0 data files not found")
    licence = read_licence(folder / "data.adj")
    synset_lines, word_lines, counts = build(folder)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / WORDNET_FILE
    write(path, licence, synset_lines, word_lines, counts)
    log(f"wrote {path.name}: {counts['synsets']} synsets, {counts['words']} words, "
        f"{path.stat().st_size / 1024:.0f} KiB, {time.time() - start:.1f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
