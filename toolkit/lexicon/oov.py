"""lemminflect's lemma guesser for words its dictionary lacks, run without numpy.

lemminflect picks one of 34 suffix rules ("ies -> y", "ing -> e"...) for an unknown word with a small
dense network (252 one-hot inputs: the last 8 letters and the part of speech; 64 ReLU units; softmax)
whose weights it keeps as pickled numpy arrays. Every rendering with a name ("Khabarovsk") needs it, and
importing numpy for it was a tenth of a second of a one-pair `tct score`. toolkit/data/lemminflect_oov.json
holds the same float32 weights (scripts/build_oov_model.py), used only while the installed lemminflect has
the model file they were read from.

The network is run in float64, which is not numpy's float32 arithmetic, so the chosen rule is trusted only
when the best rule's score beats the next by more than float32 rounding could change (a bound computed
for each word); closer calls return None and the caller asks lemminflect itself. So the answer is always
lemminflect's (`python scripts/build_oov_model.py --check` compares them over every English word of
../shared/data).
"""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
from array import array
from functools import lru_cache
from pathlib import Path

from toolkit.lexicon.index import file_digest

MODEL = Path(__file__).resolve().parent.parent / "data" / "lemminflect_oov.json"
_CATEGORY_ROW = {"NOUN": 0, "PROPN": 0, "VERB": 1, "ADJ": 2, "ADV": 3}  # lemminflect's uposToCategory
_UPOS = frozenset(("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX"))  # Lemmatizer.DICT_UPOS_TYPES
_U = 2.0**-24  # float32 unit round-off


def _model_source() -> Path | None:
    """lemminflect's model file, found without importing lemminflect."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "model_lemma.pkl.gz"


class _Network:
    """The 252-64-34 network as rows of Python floats (each float32 weight exactly)."""

    def __init__(self, record: dict) -> None:
        arrays = []
        for blob in record["weights"]:
            values = array("f")
            values.frombytes(base64.b64decode(blob))
            if sys.byteorder != "little":  # pragma: no cover - stored little-endian
                values.byteswap()
            arrays.append(values.tolist())
        (rows, hidden), _, (_, outputs), _ = record["shapes"]
        w1, self.b1, w2, self.b2 = arrays
        self.w1 = [w1[r * hidden : (r + 1) * hidden] for r in range(rows)]
        self.w2 = [w2[h * outputs : (h + 1) * outputs] for h in range(hidden)]
        self.letters = record["input_shape"][1]
        self.rules = [tuple(rule.split(",")) for rule in record["rules"]]

    def rule(self, active: list[int]) -> int | None:
        """Index of the rule lemminflect's numpy run picks for these one-hot inputs, or None when float32
        rounding could make it pick another."""
        hidden_values, hidden_errors = [], []
        for j, bias in enumerate(self.b1):
            total, size = bias, abs(bias)
            for row in active:
                weight = self.w1[row][j]
                total += weight
                size += abs(weight)
            hidden_values.append(total if total > 0 else 0.0)  # ReLU
            hidden_errors.append(2 * (len(active) + 2) * _U * size)
        scores, bounds = [], []
        for m, bias in enumerate(self.b2):
            total, size, carried = bias, abs(bias), 0.0
            for h, value in enumerate(hidden_values):
                weight = self.w2[h][m]
                total += value * weight
                size += abs((value + hidden_errors[h]) * weight)
                carried += hidden_errors[h] * abs(weight)
            scores.append(total)
            bounds.append(carried + 2 * (len(hidden_values) + 2) * _U * size)
        best = max(range(len(scores)), key=lambda m: (scores[m], -m))
        margin = min((scores[best] - scores[m] for m in range(len(scores)) if m != best), default=1.0)
        # float32 errors of both scores, plus room for softmax's exp and division (a few units of 1e-7)
        if margin <= 2 * max(bounds) + 1e-5:
            return None
        return best

    def inputs(self, word: str, upos: str) -> list[int]:
        """lemminflect's ModelLemmaInData.wordToVec as the indices of its ones."""
        active = [_CATEGORY_ROW[upos]]
        for i, letter in enumerate(reversed(word.lower())):
            if i >= 8:
                break
            code = ord(letter)
            active.append((i + 1) * self.letters + (code - 95 if 97 <= code <= 122 else 1))
        return active


@lru_cache(maxsize=1)
def _network() -> _Network | None:
    """The shipped copy of the model, if it was read from the lemminflect installed here."""
    source = _model_source()
    try:
        record = json.loads(MODEL.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if source is None or file_digest(source) != record.get("source_sha256"):
        return None
    return _Network(record)


def oov_model_loaded() -> bool:
    """Load the shipped model now (a long run's warm-up); False when lemminflect's own must serve."""
    return _network() is not None


def word_caps_style(word: str) -> str:
    """lemminflect's LexicalUtils.getCapsStyle (importing lemminflect imports numpy: 0.1 s)."""
    if word.isupper():
        return "all_upper"
    if word and word[0].isupper():
        return "first_upper"
    return "lower"


def with_caps_style(word: str, style: str) -> str:
    """lemminflect's LexicalUtils.applyCapsStyle; tests check both against getAllLemmas."""
    if style == "all_upper":
        return word.upper()
    if style == "first_upper":
        return word.capitalize()
    return word.lower()


def oov_lemmas(word: str, upos: str) -> dict[str, tuple[str, ...]] | None:
    """lemminflect's getAllLemmasOOV(word, upos), or None when only lemminflect itself can say (no shipped
    model for this lemminflect, or a call too close for float64 to settle)."""
    network = _network()
    if network is None:
        return None
    if upos not in _UPOS:
        return None  # lemminflect warns and returns {}: let it
    if upos == "AUX":
        return {}  # uposToCategory('AUX') is 'aux', which wordToVec refuses: lemminflect returns {}
    best = network.rule(network.inputs(word, upos))
    if best is None:
        return None
    removed, added, double = network.rules[best]
    lemma = word[: -len(removed)] if removed else word
    lemma += added
    if double == "True":
        lemma = lemma[:-1]
    return {upos: (with_caps_style(lemma, word_caps_style(word)),)}
