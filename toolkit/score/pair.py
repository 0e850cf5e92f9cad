"""Scoring one segment pair (a sentence and its rendering); streams of lines are toolkit.score.files."""

from __future__ import annotations

from toolkit.errors import UsageError
from toolkit.score.fidelity import score_segment
from toolkit.score.results import SegmentScore

FIDELITY_PAIRS = (("ru", "en"),)


def check_fidelity_pair(source_lang: str, target_lang: str) -> None:
    """Fidelity is built for Russian -> English (its lexicon is ru-en): refuse other pairs, never return 0."""
    if (source_lang, target_lang) not in FIDELITY_PAIRS:
        raise UsageError(
            f"fidelity is built for Russian -> English (its lexicon is ru-en), not {source_lang} -> "
            f"{target_lang}; for other pairs score against references (--hyp FILE --ref FILE without --src)"
        )


class LineCountError(ValueError):
    """Line-aligned inputs of different lengths: `stream` (0 source, 1 hypothesis, 2+ references) ran out."""

    def __init__(self, name: str, stream: int, line: int) -> None:
        super().__init__(f"{name} has fewer lines than the others (ran out at line {line})")
        self.name, self.stream, self.line = name, stream, line


def score_pair(
    source: str, rendering: str, source_lang: str = "ru", target_lang: str = "en", with_evidence: bool = True
) -> SegmentScore:
    """Fidelity, flags and evidence for one segment and its rendering (`with_evidence=False`: an empty
    evidence dict, for callers that only want the number and the flags). Only ru -> en (UsageError else).

    >>> score_pair("Я не уверен.", "I am not sure.").fidelity > 0.85
    True
    """
    check_fidelity_pair(source_lang, target_lang)
    return score_segment(source, rendering, source_lang, target_lang, with_evidence=with_evidence)[0]
