"""Russian-English lexical model built offline from Mueller's dictionary and WMT data.

>>> from toolkit.lexicon import load_lexicon
>>> lex = load_lexicon()
>>> lex.translations("партии")[0].translation
'party'
"""

from toolkit.lexicon.lexicon import (
    Lexicon,
    LexiconDataMissing,
    Translation,
    guess_lang,
    is_proper_name,
    load_lexicon,
)
from toolkit.lexicon.links import Link, antonym_row, related_row, word_link
from toolkit.lexicon.tokens import tokenize_words
from toolkit.lexicon.translit import name_similarity, transliterate

__all__ = [
    "Lexicon",
    "LexiconDataMissing",
    "Link",
    "Translation",
    "antonym_row",
    "guess_lang",
    "is_proper_name",
    "load_lexicon",
    "name_similarity",
    "related_row",
    "tokenize_words",
    "transliterate",
    "word_link",
]
