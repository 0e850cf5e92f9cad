#!/usr/bin/env python3
"""Measure the shipped lexicon: precision@k both ways, coverage, sizes, load time.

    python scripts/eval_lexicon.py [--data ../shared/data] [--misses]

Precision@k: a word counts as a hit at k if any acceptable translation (by
lemma) is among its top k; the word lists in scripts/data/ were written for
tct and are not taken from the training data.  Coverage: share of
content-word tokens that get at least one translation, on WMT21 src.ru
(in-sample: WMT21 is training data) and on the DEMETR ru source sentences
(out-of-sample, used only here, never for building).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.lexicon.lexicon import LEXICON_PATH, Lexicon  # noqa: E402
from toolkit.lexicon.links import phrase_link  # noqa: E402
from toolkit.lexicon.morph import en_lemmas, norm, ru_lemmas  # noqa: E402
from toolkit.lexicon.tokens import tokenize_words  # noqa: E402
from toolkit.lexicon.wordnet import WORDNET_PATH, WordNet  # noqa: E402

GAPS = ROOT / "scripts" / "data" / "lexicon_gaps.tsv"
LISTS = {"ru": ROOT / "scripts" / "data" / "lexicon_eval_ru_en.tsv", "en": ROOT / "scripts" / "data" / "lexicon_eval_en_ru.tsv"}  # fmt: skip


def read_list(path: Path) -> list[tuple[str, list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, answers = line.split("\t")
        rows.append((word, [a.strip() for a in answers.split("|") if a.strip()]))
    return rows


def acceptable(answers: list[str], lang: str) -> set[str]:
    """Every lemma an acceptable answer may appear as (target language `lang`)."""
    out: set[str] = set()
    for a in answers:
        out.add(norm(a))
        if lang == "en":
            out.update(en_lemmas(a))
        else:
            out.update(lemma for lemma, _ in ru_lemmas(a))
    return out


def precision(lex: Lexicon, src_lang: str, show_misses: bool) -> dict[str, float]:
    rows = read_list(LISTS[src_lang])
    tgt_lang = "en" if src_lang == "ru" else "ru"
    hits1 = hits5 = 0
    for word, answers in rows:
        ok = acceptable(answers, tgt_lang)
        top = [t.translation for t in lex.translations(word, src_lang, limit=5)]
        h1 = bool(top[:1]) and top[0] in ok
        h5 = any(t in ok for t in top)
        hits1 += h1
        hits5 += h5
        if show_misses and not h1:
            print(f"  {'miss@5' if not h5 else 'miss@1'} {src_lang}: {word}: {top} (want {answers})")
    n = len(rows)
    return {"n": n, "p@1": hits1 / n, "p@5": hits5 / n}


def coverage(lex: Lexicon, sentences: list[str]) -> dict[str, float]:
    total = covered = direct = 0
    for sent in sentences:
        for tok in tokenize_words(sent, "ru"):
            if not lex.is_content_word(tok, "ru"):
                continue
            total += 1
            direct += lex.known(tok, "ru")
            covered += bool(lex.translations(tok, "ru", limit=1))
    total = total or 1
    return {"tokens": total, "coverage": covered / total, "direct": direct / total}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--misses", action="store_true", help="list the words missed at 1 and at 5")
    ap.add_argument("--lexicon", type=Path, default=LEXICON_PATH, help="lexicon file to measure")
    args = ap.parse_args()

    t0 = time.perf_counter()
    lex = Lexicon.from_file(args.lexicon)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    lex.translations("партии")
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    lex.translations("went", "en")
    first_en = time.perf_counter() - t0
    sizes = {p.name: p.stat().st_size for p in sorted(args.lexicon.parent.glob("lexicon*"))}
    print(
        f"load: {load * 1000:.0f} ms to read the file, + {first * 1000:.0f} ms for the first ru lookup "
        f"(ru index, pymorphy3), + {first_en * 1000:.0f} ms for the first en lookup (en index, lemminflect)"
    )
    for name, size in sizes.items():
        print(f"size: {name} {size / 1024:.0f} KiB")
    print(f"pairs: {len(lex):,}")

    for lang in ("ru", "en"):
        r = precision(lex, lang, args.misses)
        arrow = "ru->en" if lang == "ru" else "en->ru"
        print(f"{arrow}: {r['n']} words, P@1 {r['p@1']:.3f}, P@5 {r['p@5']:.3f}")

    wmt21 = (args.data / "wmt21-ru-en" / "src.ru").read_text(encoding="utf-8").splitlines()
    c = coverage(lex, wmt21)
    print(
        f"coverage WMT21 src.ru (in-sample): {c['coverage']:.3f} of {c['tokens']:,} content-word tokens "
        f"({c['direct']:.3f} by the word's own lemmas, the rest through a related lemma)"
    )
    demetr = args.data / "demetr-ru-dev" / "demetr-ru-dev.jsonl"
    if demetr.is_file():
        with demetr.open(encoding="utf-8") as fh:
            srcs = sorted({json.loads(line)["src_sent"] for line in fh if line.strip()})
        c = coverage(lex, srcs)
        print(
            f"coverage DEMETR ru source (out-of-sample, {len(srcs)} sentences): "
            f"{c['coverage']:.3f} of {c['tokens']:,} content-word tokens ({c['direct']:.3f} by own lemmas)"
        )

    t0 = time.perf_counter()
    wordnet = WordNet.from_file(WORDNET_PATH)
    wn_load = time.perf_counter() - t0
    print(f"wordnet: {len(wordnet):,} words, {WORDNET_PATH.stat().st_size / 1024:.0f} KiB, "
          f"{wn_load * 1000:.0f} ms to read")  # fmt: skip
    gaps = [line.split("\t")[:2] for line in GAPS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    still_open = [f"{ru} / {en}" for ru, en in gaps if phrase_link(lex, ru, en) is None]
    print(
        f"gaps ({GAPS.name}): {len(gaps) - len(still_open)} of {len(gaps)} closed; open: {'; '.join(still_open)}"
    )

    n = 100_000
    words = [("партии", "party"), ("власти", "authorities"), ("городах", "city"), ("шли", "walked")]
    t0 = time.perf_counter()
    for i in range(n):
        lex.prob(*words[i % 4])
    print(f"prob(): {n / (time.perf_counter() - t0):,.0f} calls/s (cached pairs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
