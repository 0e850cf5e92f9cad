#!/usr/bin/env python3
"""Copy lemminflect's out-of-vocabulary lemma model into toolkit/data/lemminflect_oov.json, so that tct can run
it without numpy (toolkit.lexicon.oov).

lemminflect ships the model as a pickle of numpy arrays (resources/model_lemma.pkl.gz: a 252-64-34 dense
network over the last 8 letters and the part of speech, and the 34 suffix rules it chooses between); reading
it needs numpy, which costs a tenth of a second at start-up. The JSON holds the same float32 weights
byte for byte (base64 of little-endian float32), the rules, the layer sizes and activations, and the
SHA-256 of the file it was read from: tct uses it only while the installed lemminflect has that file.

    python scripts/build_oov_model.py            # writes toolkit/data/lemminflect_oov.json
    python scripts/build_oov_model.py --check    # the shipped file equals a fresh build; pure-Python answers
                                                  # equal lemminflect's over the words of ../shared/data
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.metadata
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "toolkit" / "data" / "lemminflect_oov.json"
DATA = ROOT.parent / "shared" / "data"


def build() -> str:
    import lemminflect
    import numpy as np
    from lemminflect import config
    from lemminflect.utils.DataContainer import DataContainer

    source = Path(config.model_lemma_fn)
    container = DataContainer.load(str(source))
    layers = container.config["layers"]
    kinds = [layer["class_name"] for layer in layers]
    if kinds != ["InputLayer", "Flatten", "Dense", "Dense"] or config.kinfer_type != "numpy":
        raise SystemExit(f"unexpected lemminflect model layout {kinds} / {config.kinfer_type}: not copied")
    weights = [np.asarray(w, dtype="<f4") for w in container.weights]
    record = {
        "source": f"lemminflect {lemminflect.__version__}, resources/{source.name}",
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "licence": importlib.metadata.distribution("lemminflect").read_text("LICENSE"),
        "input_shape": list(layers[0]["config"]["batch_input_shape"][1:]),
        "activations": [layer["config"]["activation"] for layer in layers[2:]],
        "shapes": [list(w.shape) for w in weights],
        "weights": [base64.b64encode(w.tobytes()).decode("ascii") for w in weights],
        "rules": list(container.meta["output_enum"]),
    }
    return json.dumps(record, indent=1, sort_keys=True) + "\n"


def _words() -> list[str]:
    """Lower-case English words of the English sides in ../shared/data (what a rendering holds)."""
    words: set[str] = set()
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and (path.name.endswith(".en") or path.suffix == ".en"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text))
    return sorted(words)


def check() -> int:
    fresh = build()
    if OUT.read_text(encoding="utf-8") != fresh:
        print(f"{OUT.name}: differs from a fresh build (run scripts/build_oov_model.py)")
        return 1
    from lemminflect import getAllLemmasOOV

    from toolkit.lexicon import oov

    words = _words()
    same = undecided = 0
    for number, word in enumerate(words):
        # tct asks for nouns (morph.en_lemmas); the other parts of speech on every 20th word
        for upos in ("NOUN", "VERB", "ADJ", "ADV") if number % 20 == 0 else ("NOUN",):
            mine = oov.oov_lemmas(word, upos)
            if mine is None:
                undecided += 1
                continue
            theirs = getAllLemmasOOV(word, upos)
            if mine != theirs:
                print(f"differs: {word} {upos}: {mine} vs lemminflect {theirs}")
                return 1
            same += 1
    print(
        f"{OUT.name}: equal to a fresh build; {same} answers equal to lemminflect's, {undecided} too close to "
        f"call in float64 and left to lemminflect ({len(words)} words)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
