"""Options several commands share beyond output: the languages of the two texts, and --force-lang."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

SrcLangOption = Annotated[
    str, typer.Option("--src-lang", help="Language of the original (ISO 639).", metavar="LANG")
]
TgtLangOption = Annotated[
    str, typer.Option("--tgt-lang", help="Language of the rendering(s) (ISO 639).", metavar="LANG")
]
#: `corpus add` and `corpus attach`: --tgt-lang, also under its older name.
RenderingLangOption = Annotated[
    str,
    typer.Option(
        "--tgt-lang", "--rendering-lang", help="Language of the renderings (ISO 639).", metavar="LANG"
    ),
]
ForceLangOption = Annotated[
    bool,
    typer.Option(
        "--force-lang",
        help="Go on even when a text does not look like its language (--src-lang, --tgt-lang).",
    ),
]


@dataclass(frozen=True)
class Languages:
    """--src-lang, --tgt-lang and --force-lang as one value, handed on as one: the languages the original and
    the renderings should be in, and whether to go on when a text does not look like its language."""

    source: str = "ru"
    target: str = "en"
    force: bool = False
