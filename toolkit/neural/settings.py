"""Every setting of the neural second opinion in one frozen dataclass; its signature names the encoder too."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from toolkit.digest import short_digest
from toolkit.neural.encoder import ENCODER_PACKAGE, ENCODER_VERSION


@dataclass(frozen=True)
class NeuralSettings:
    # Deletion units. Source: each content word alone (a dropped word is usually one content word or a
    # run of them, and each of its words raises the similarity when deleted). Rendering: windows of three
    # words (an inserted clause is several words; a single word's deletion barely moves the embedding).
    source_window: int = 1
    rendering_window: int = 3
    # Stride 3: windows side by side, a third of the encoder work of stride 1. Stride 2 (windows
    # overlapping by a word) cost a third more CPU for the same AUCs to about the third decimal
    # (r2-neural notes: 19 -> 25 pairs per CPU-second on warm sources).
    rendering_stride: int = 3
    # A span is reported when its deletion raises the cosine by at least this much (about the 95th
    # percentile of the largest gain on true WMT pairs, scripts/fit_neural.py prints it).
    span_gain: float = 0.02
    # Spans reported per side and segment, largest gain first.
    spans_per_side: int = 3
    # A lexical omission (source) or addition (rendering) flag overlapping a span at least this strong is
    # raised one severity step: about the 95th percentile of the largest gain on true WMT pairs (0.044
    # source, 0.053 rendering, printed by scripts/fit_neural.py), so a faithful pair rarely gets there.
    corroborate_source_gain: float = 0.045
    corroborate_rendering_gain: float = 0.055
    # A span may add a flag of its own (where the lexicon is silent for lack of knowledge) only with
    # this much more gain than it takes to corroborate one.
    add_margin: float = 0.02
    # Findings the encoder cannot judge: a bracketed insertion or a cut-off rendering barely moves a
    # sentence embedding, so where the lexical checks found one (major or critical), the combined fidelity
    # may not rise above the lexical one. (The seed corpus's interpolated clause "(the very class it is
    # supposed to represent)" went from 0.80 lexically to 0.92 combined; on WMT21/23 and DEMETR the cap
    # changes no AUC or accuracy by more than 0.001: r3-neural notes.)
    lexical_caps: tuple[str, ...] = ("interpolation", "truncation")

    def corroborate_gain(self, side: str) -> float:
        return self.corroborate_source_gain if side == "source" else self.corroborate_rendering_gain

    def add_gain(self, side: str) -> float:
        return self.corroborate_gain(side) + self.add_margin

    def input_signature(self) -> str:
        """The settings that change the combined model's inputs (the deletion units), not the flags."""
        units = f"{self.source_window}-{self.rendering_window}-{self.rendering_stride}"
        return f"encoder:{ENCODER_PACKAGE}=={ENCODER_VERSION}|units:{units}"

    def signature(self) -> str:
        digest = short_digest(asdict(self))
        return f"neural|encoder:{ENCODER_PACKAGE}=={ENCODER_VERSION}:use-multilingual-v3|settings:{digest}"


DEFAULT_SETTINGS = NeuralSettings()
