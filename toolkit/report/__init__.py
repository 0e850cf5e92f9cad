"""HTML report of quotes: originals and renderings side by side, flags, word diffs, provenance."""

from __future__ import annotations

from toolkit.report.html import build_report

__all__ = ["build_report"]
