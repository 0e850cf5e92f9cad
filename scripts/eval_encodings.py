"""How `toolkit.textio` reads texts in the encodings they are found in: decoded right, refused, or mojibake.

Every text of the corpus (Russian originals, English renderings), plus short Russian phrases and French
sentences, is encoded in each encoding and read back. "right" means byte-for-byte the original text,
"refused" a one-line error asking for UTF-8, "MOJIBAKE" anything else, which must stay at zero.

    python scripts/eval_encodings.py [--corpus parallel]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from toolkit.errors import TctError
from toolkit.textio import decode_bytes

SHORT_RUSSIAN = ["Да\n", "Привет, мир.\n", "СССР И КПСС\n", "Тов. Сталин, сделавшись генсеком.\n"]
FRENCH = [
    "Où est l'été? À bientôt, garçon! Très élégant, déjà vu.\n",
    "Été\n",
    "Le cœur a ses raisons que la raison ne connaît point.\n",
    "Ça va.\n",
]
ENCODINGS = {
    "russian": ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                "mac_cyrillic", "cp866", "iso8859_5"],
    "english": ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "cp1251"],
    "french": ["utf-8", "utf-16", "latin-1", "cp1252", "mac_roman"],
}  # fmt: skip


def classify(text: str, encoding: str) -> str | None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return None  # the text cannot be written in this encoding
    try:
        result = decode_bytes(data, "sample")
    except TctError:
        return "refused"
    return "right" if result == text else "MOJIBAKE"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("parallel"))
    args = parser.parse_args()
    samples = {
        "russian": [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*/original.*.txt"))]
        + SHORT_RUSSIAN,
        "english": [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*/*.en.txt"))],
        "french": FRENCH,
    }
    total: Counter[str] = Counter()
    print(f"{'texts':8} {'encoding':13} {'n':>4} {'right':>6} {'refused':>8} {'MOJIBAKE':>9}")
    for group, encodings in ENCODINGS.items():
        for encoding in encodings:
            outcome = Counter(c for c in (classify(t, encoding) for t in samples[group]) if c)
            total.update(outcome)
            n = sum(outcome.values())
            print(
                f"{group:8} {encoding:13} {n:4} {outcome['right']:6} {outcome['refused']:8} {outcome['MOJIBAKE']:9}"
            )
    print(f"total: {sum(total.values())} readings, right {total['right']}, refused {total['refused']}, "
          f"mojibake {total['MOJIBAKE']}")  # fmt: skip


if __name__ == "__main__":
    main()
