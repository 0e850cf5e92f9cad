"""Every setting of the neural second opinion in one frozen dataclass; its signature names the encoder too."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from toolkit.neural.encoder import ENCODER_PACKAGE, ENCODER_VERSION


@dataclass(frozen=True)
class NeuralSettings:
    # Deletion units. Source: each content word alone (a dropped word is usually one content word or a
    # run of them, and each of its words raises the similarity when deleted). Rendering: windows of three
    # words (an inserted clause is several words; a single word's deletion barely moves the embedding).
    source_window: int = 1
    rendering_window: int = 3
    # Stride 2: windows overlap by one word, half the encoder work of stride 1 (scripts/fit_neural.py
    # measures both; the AUCs differ in the third decimal).
    rendering_stride: int = 2
    # A span is reported when its deletion raises the cosine by at least this much (about the 95th
    # percentile of the largest gain on true WMT pairs, scripts/fit_neural.py prints it).
    span_gain: float = 0.02
    # Spans reported per side and segment, largest gain first.
    spans_per_side: int = 3
    # A lexical omission or addition flag overlapping a span this strong is raised one severity step.
    corroborate_gain: float = 0.03
    # A span may add a flag (where the lexicon is silent for lack of knowledge) only from this gain on.
    add_gain: float = 0.05

    def signature(self) -> str:
        digest = hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:8]
        return f"neural|encoder:{ENCODER_PACKAGE}=={ENCODER_VERSION}:use-multilingual-v3|settings:{digest}"


DEFAULT_SETTINGS = NeuralSettings()
