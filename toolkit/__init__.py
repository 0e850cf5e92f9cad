"""tct, the translation comparison toolkit: how faithful is a rendering to its original?

The five things a Python user wants, each usable without the command line:

>>> from toolkit import load_corpus, align, score_pair, score_quote, diff_renderings, locate
>>> corpus = load_corpus()                                   # the bundled corpus, or ./parallel, or a folder
>>> quote = corpus.quote("lenin-letter-to-congress")
>>> [r.name for r in score_quote(quote)]                     # fidelity, flags and evidence per rendering
['post', 'published']
>>> score_pair("Я не уверен.", "I am sure.").flags[0].type    # one sentence and its rendering
'negation'
>>> [(b.source, b.target) for b in align("Он пришёл. Он ушёл.", "He came. He left.", "ru", "en").beads]
[((0,), (0,)), ((1,), (1,))]
>>> diff_renderings(quote, "post", "published").rows[0].a[:15]   # two renderings through the original
'Comrade. Stalin'
>>> locate("Stalin concentrated immense power in his hands.", quote.original.text)[0].start
0
"""

__version__ = "0.1.0"

# Heavy third-party modules (numpy, scipy, pymorphy3, the lexicon) load on first use, not here: importing
# toolkit stays cheap (`python -X importtime -c "import toolkit"`).
from toolkit.align import align_texts as align  # noqa: E402
from toolkit.corpus import Corpus, resolve_corpus_dir  # noqa: E402
from toolkit.diff import compare_renderings as diff_renderings  # noqa: E402
from toolkit.locate import locate  # noqa: E402
from toolkit.score import score_pair, score_quote  # noqa: E402


def load_corpus(folder: str | None = None) -> Corpus:
    """The corpus at `folder`, else ./parallel when it exists, else your own corpus over the bundled one
    (as the command line chooses: `tct corpus list`)."""
    return Corpus(resolve_corpus_dir(folder))


__all__ = ["__version__", "align", "diff_renderings", "load_corpus", "locate", "score_pair", "score_quote"]
