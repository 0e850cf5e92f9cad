"""Find a quote in its whole original: where an English quote comes from in a long Russian text.

>>> from toolkit.locate import locate
>>> best = locate("Stalin concentrated immense power in his hands",
...               "Начало. Тов. Сталин сосредоточил в своих руках необъятную власть. Конец.")[0]
>>> best.text
'Тов. Сталин сосредоточил в своих руках необъятную власть.'
"""

from toolkit.locate.direct import direct_similarity
from toolkit.locate.finder import LocateError, Locator, cyrillic_share, locate, quote_language
from toolkit.locate.match import Context, CutFlag, Gap, Match, SentenceLink, Span
from toolkit.locate.settings import DEFAULT_SETTINGS, LocateSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "Context",
    "CutFlag",
    "Gap",
    "LocateError",
    "LocateSettings",
    "Locator",
    "Match",
    "SentenceLink",
    "Span",
    "cyrillic_share",
    "direct_similarity",
    "locate",
    "quote_language",
]
