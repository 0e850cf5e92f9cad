#!/usr/bin/env python3
"""How often tct's language check refuses a real text, and how often it catches a text in the wrong language.

False refusals (the check says "not English" / "not Russian" of a real one), on every line and on documents
of ../shared/data: the English sides of WMT21 and WMT23 (references and systems), DEMETR's English
sentences, the English side of the hunalign hand set; the Russian sides (WMT21/23 src.ru, DEMETR) under the
Russian check.

Catches (a text in another language given as the English rendering is refused): the German and French sides
of Text+Berg and the Hungarian side of the hunalign set (../shared/data/align-gold), line by line and as
paragraphs of 5 lines; Spanish, Italian, Portuguese and Dutch sentences written here (../shared has none).
Lines under the check's minimum length are "undecided" (never refused, by design) and counted apart.

    python scripts/eval_language.py [--data ../shared/data] [--examples 5]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.language import _WORD, MIN_WORDS, language_problem  # noqa: E402

# Written for this evaluation (no Spanish, Italian, Portuguese or Dutch text is in ../shared/data): news-like
# sentences of 8-25 words, the length of a rendering's sentence.
WRITTEN = {
    "es": [
        "El gobierno anunció el miércoles que no subirá los impuestos durante el próximo año.",
        "Los habitantes de la ciudad se reunieron en la plaza para protestar contra la nueva ley.",
        "Según el informe, la mayoría de los trabajadores no recibieron su salario a tiempo.",
        "El presidente dijo que las negociaciones con los países vecinos continuarán la semana que viene.",
        "La policía detuvo a tres personas que intentaban cruzar la frontera sin documentos.",
        "En su discurso, el ministro habló de la crisis económica y de las medidas que tomará el gobierno.",
    ],
    "it": [
        "Il governo ha annunciato mercoledì che non aumenterà le tasse nel corso del prossimo anno.",
        "Gli abitanti della città si sono riuniti nella piazza per protestare contro la nuova legge.",
        "Secondo il rapporto, la maggior parte dei lavoratori non ha ricevuto lo stipendio in tempo.",
        "Il presidente ha detto che i negoziati con i paesi vicini continueranno la settimana prossima.",
        "La polizia ha arrestato tre persone che cercavano di attraversare il confine senza documenti.",
        "Nel suo discorso il ministro ha parlato della crisi economica e delle misure che il governo prenderà.",
    ],
    "pt": [
        "O governo anunciou na quarta-feira que não vai aumentar os impostos durante o próximo ano.",
        "Os moradores da cidade reuniram-se na praça para protestar contra a nova lei.",
        "Segundo o relatório, a maioria dos trabalhadores não recebeu o salário a tempo.",
        "O presidente disse que as negociações com os países vizinhos vão continuar na próxima semana.",
    ],
    "nl": [
        "De regering heeft woensdag aangekondigd dat de belastingen volgend jaar niet worden verhoogd.",
        "De inwoners van de stad kwamen op het plein bijeen om te protesteren tegen de nieuwe wet.",
        "Volgens het rapport hebben de meeste werknemers hun loon niet op tijd ontvangen.",
        "De president zei dat de onderhandelingen met de buurlanden volgende week worden voortgezet.",
    ],
}


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _chunks(lines: list[str], size: int) -> list[str]:
    return [" ".join(lines[i : i + size]) for i in range(0, len(lines), size) if lines[i : i + size]]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def refusals(texts: Iterable[str], lang: str) -> tuple[int, int, list[tuple[str, str]]]:
    """(texts, refused, examples) for real texts of `lang`."""
    texts = list(texts)
    bad = [(text, problem) for text in texts if (problem := language_problem(text, lang))]
    return len(texts), len(bad), bad


def _by_words(problem: str) -> bool:
    """Refused by the function-word test (another Latin-script language), not by the script count."""
    return problem.startswith("looks like")


def catches(texts: Iterable[str]) -> tuple[int, int, int, int]:
    """(texts long enough to judge, refused among them, short texts, refused among those) as English."""
    long = short = long_caught = short_caught = 0
    for text in texts:
        caught = language_problem(text, "en") is not None
        if _words(text) >= MIN_WORDS:
            long, long_caught = long + 1, long_caught + caught
        else:
            short, short_caught = short + 1, short_caught + caught
    return long, long_caught, short, short_caught


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--examples", type=int, default=5, help="false refusals to print per set")
    args = parser.parse_args(argv)
    data = args.data

    english: dict[str, list[str]] = {}
    for folder in ("wmt21-ru-en", "wmt23-ru-en"):
        english[folder] = [line for path in sorted((data / folder).glob("*.en")) for line in _lines(path)]
    demetr = [
        json.loads(x) for x in (data / "demetr-ru-dev/demetr-ru-dev.jsonl").read_text().splitlines() if x
    ]
    english["demetr (eng_sent, mt_sent)"] = sorted({r[k] for r in demetr for k in ("eng_sent", "mt_sent")})
    english["hunalign en.sen"] = _lines(data / "align-gold/hunalign-dtm-hu-en/en.sen")
    russian = {
        "wmt21 src.ru": _lines(data / "wmt21-ru-en/src.ru"),
        "wmt23 src.ru": _lines(data / "wmt23-ru-en/src.ru"),
        "demetr src_sent": sorted({r["src_sent"] for r in demetr}),
    }

    print(
        "# refusals of real texts: by the function-word test (another Latin-script language; want 0), and by"
    )
    print(
        "# the script count (a line mostly in the other alphabet: untranslated output, a caption in English)"
    )
    print("set\tunit\ttexts\trefused by words\trefused by script")
    total = refused_total = script_total = 0
    for expected, sets in (("en", english), ("ru", russian)):
        for name, lines in sets.items():
            for unit, texts in (
                ("line", lines),
                ("5 lines", _chunks(lines, 5)),
                ("50 lines", _chunks(lines, 50)),
            ):
                count, _, bad = refusals(texts, expected)
                words = [item for item in bad if _by_words(item[1])]
                total, refused_total = total + count, refused_total + len(words)
                script_total += len(bad) - len(words)
                print(f"{name} ({expected})\t{unit}\t{count}\t{len(words)}\t{len(bad) - len(words)}")
                for text, problem in (words + [b for b in bad if not _by_words(b[1])])[: args.examples]:
                    print(f"#   {problem}: {text[:160]}")
    print(f"all\t\t{total}\t{refused_total}\t{script_total}")

    foreign: dict[str, list[str]] = {}
    for lang in ("de", "fr"):
        foreign[f"Text+Berg {lang}"] = [
            line
            for path in sorted((data / "align-gold/textberg-de-fr" / lang).glob("*"))
            for line in _lines(path)
        ]
    foreign["hunalign hu.sen"] = _lines(data / "align-gold/hunalign-dtm-hu-en/hu.sen")
    for lang, sentences in WRITTEN.items():
        foreign[f"written {lang}"] = sentences
    print()
    print(
        f"# foreign texts given as English: refused (lines of >= {MIN_WORDS} words are judged; shorter are undecided)"
    )
    print("set\tunit\tjudged\trefused\tshare\tshort\tshort refused")
    for name, lines in foreign.items():
        for unit, texts in (("line", lines), ("5 lines", _chunks(lines, 5))):
            long, caught, short, short_caught = catches(texts)
            share = f"{caught / long:.3f}" if long else "n/a"
            print(f"{name}\t{unit}\t{long}\t{caught}\t{share}\t{short}\t{short_caught}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
