"""The short stamp every settings signature carries: one way to hash a payload, so equal settings agree."""

from __future__ import annotations

import hashlib
import json


def short_digest(payload: object, length: int = 8, *, ascii_only: bool = True) -> str:
    """SHA-256 of `payload` as sorted JSON, cut to `length` hex digits.

    `ascii_only` is json's `ensure_ascii`: the fidelity settings hash their Russian word tables as UTF-8
    (False), the others as escapes (True); the choice is part of each signature's bytes, so it stays.
    """
    text = json.dumps(payload, sort_keys=True, ensure_ascii=ascii_only, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:length]
