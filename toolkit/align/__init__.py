"""Sentence alignment: beads pairing runs of source sentences with runs of target sentences.

`align_sentences` aligns two lists of sentences, `align_texts` two texts (segmenting them first) and
`align_quote` a rendering of a corpus quote with its original (using a stored alignment when it still fits).
"""

from __future__ import annotations

from toolkit.align.aligner import AlignedText, align_sentences, align_texts, signature
from toolkit.align.beads import Bead
from toolkit.align.corpus import align_quote, aligned_from_record, record_from_aligned, update_quote_alignment
from toolkit.align.scorers import AlignerSettings

__all__ = [
    "AlignedText",
    "AlignerSettings",
    "Bead",
    "align_quote",
    "align_sentences",
    "align_texts",
    "aligned_from_record",
    "record_from_aligned",
    "signature",
    "update_quote_alignment",
]
