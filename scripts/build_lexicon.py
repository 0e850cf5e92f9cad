#!/usr/bin/env python3
"""Rebuild the shipped Russian-English lexicon and its sentencepiece model.

Inputs (read-only, nothing else): ../shared/data/lexicon/mueller7 (Mueller's
EN->RU dictionary, GPL-2.0-or-later), ../shared/data/wmt21-ru-en and
../shared/data/wmt23-ru-en (src.ru with every reference and system output),
../shared/data/wordnet-3.0/cntlist.rev (WordNet's sense-tagged counts, to rank
common English words first).
Outputs: toolkit/data/lexicon_ru_en.tsv.gz, toolkit/data/lexicon_spm.model and
toolkit/data/phrases_ru_en.tsv.gz (multi-word expressions and drop rates, read
off the same corpus through the lexicon just written: `build_phrases`).
Same inputs give the same bytes: the aligner is EM (no sampling), gzip
headers carry no time stamp, and sentencepiece runs single-threaded with a
fixed seed.

    python scripts/build_lexicon.py [--data ../shared/data] [--out toolkit/data]
    python scripts/build_lexicon.py --phrases-only     # the phrase table alone, from the shipped lexicon
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.lexicon.ibm import train_ibm  # noqa: E402
from toolkit.lexicon.morph import (  # noqa: E402
    _morph,
    en_dictionary_lemmas,
    en_lemma,
    en_lemmas,
    norm,
    ru_lemma,
    ru_lemma_tags,
)
from toolkit.lexicon.mueller import cross_reference, iter_articles, parse_article, parse_phrases  # noqa: E402
from toolkit.lexicon.tokens import NUM, tokenize_words  # noqa: E402

LEXICON_FILE = "lexicon_ru_en.tsv.gz"
SPM_PREFIX = "lexicon_spm"
FORMAT_LINE = "#tct-lexicon v2\tWORD<TAB>TRANSLATION P(T|W) P(W|T) ORIGIN[|...]"

BETA = 30.0  # dictionary pseudo-count mass per word when merging (about 2-3 source sentences)
EM_PRIOR = 2.0  # pseudo-counts for dictionary pairs inside the aligner's M-step
MIN_CORPUS = 3.0  # symmetrised expected count a corpus-only pair needs
MIN_PROB = 0.03  # and the probability it needs in at least one direction
TOP_K = 25  # translations kept per word and direction
PHRASE = 0.5  # a phrase of the headword and function words ("think over обдумать"): half a sense
SEE_ALSO = 0.9  # an article that only points to another ("biz см. business") takes its translations
WORDNET_COMMONNESS = 0.5  # weight of log(1 + WordNet sense-tagged count) in an English word's commonness
SPM_SEED = 1234


def log(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------- corpus
CORPORA = ("wmt21-ru-en", "wmt23-ru-en")


def read_corpus(data: Path, corpora: tuple[str, ...] = CORPORA) -> list[tuple[str, str]]:
    """Every source line paired with each reference and system output of it."""
    pairs: list[tuple[str, str]] = []
    for name in corpora:
        folder = data / name
        src = (folder / "src.ru").read_text(encoding="utf-8").splitlines()
        targets = sorted(folder.glob("ref.*.en")) + sorted(folder.glob("hyp.*.en"))
        for tfile in targets:
            trg = tfile.read_text(encoding="utf-8").splitlines()
            if len(trg) != len(src):
                raise SystemExit(f"{tfile}: {len(trg)} lines, src.ru has {len(src)}")
            pairs.extend((s, t) for s, t in zip(src, trg, strict=True) if s.strip() and t.strip())
    return pairs


def lemmatise(text: str, lang: str) -> list[str]:
    lemma = ru_lemma if lang == "ru" else en_lemma
    return [lemma(tok) for tok in tokenize_words(text, lang)]


# --------------------------------------------------------------------------- dictionary
def _citation_lemma(word: str) -> str:
    """The lemma of a word the dictionary writes in its citation form: the word itself when pymorphy3's
    dictionary has it as a normal form («устав», not the likelier «устать» of the gerund), else
    pymorphy3's best lemma («следы» -> «след»)."""
    low = norm(word)
    return low if ru_lemma_tags(low) else ru_lemma(word)


def _ru_head(item: str) -> tuple[str, float] | None:
    """Lemma of a Russian dictionary item; multi-word items give their head word, half weight."""
    from toolkit.lexicon.stopwords import RU_STOPWORDS

    words = item.split()
    if len(words) == 1:
        return _citation_lemma(item), 1.0
    morph = _morph()
    content = [w for w in words if w not in RU_STOPWORDS and ru_lemma(w) not in RU_STOPWORDS]
    if not content:
        return None
    first = morph.parse(content[0])[0]
    if first.tag.POS == "INFN" and norm(first.normal_form) not in {"иметь", "делать", "давать"}:
        return _citation_lemma(content[0]), 0.5
    for w in content:
        p = morph.parse(w)[0]
        if p.tag.POS == "NOUN" and p.tag.case == "nomn":
            return _citation_lemma(w), 0.5
    if len(content) == 1 and first.tag.POS in {"ADVB", "ADJS", "PRED", "PRCL", "ADJF", "GRND"}:
        return _citation_lemma(content[0]), 0.5  # «что угодно», «на редкость»: the one word that carries it
    return None


def _is_lone_adjective(item: str) -> bool:
    return " " not in item and _morph().parse(item)[0].tag.POS in {"ADJF", "PRTF"}


def _head_forms(head: str) -> frozenset[str]:
    """Inflected forms of an English headword (thinks, thought, thinking), to find it in its phrases."""
    from lemminflect import getAllInflections

    return frozenset(form.lower() for forms in getAllInflections(head).values() for form in forms)


def read_dictionary(folder: Path) -> dict[tuple[str, str], float]:
    """(ru lemma, en lemma) -> weight in (0, 1]; earlier senses weigh more.

    Articles that only point elsewhere ("aluminum = aluminium", "biz см. business") take the
    translations of the article they point to, at SEE_ALSO of the weight. Phrases of the headword and
    function words only ("think over обдумать") come after the senses, at PHRASE of the weight.
    """
    articles = dict(iter_articles(folder))
    pairs: dict[tuple[str, str], float] = {}
    for head, article in articles.items():
        if not head or " " in head or not head.replace("-", "").isalpha() or not head.isascii():
            continue
        low = norm(head)
        en = low if low in en_lemmas(low) else en_lemma(low)
        clauses = [(clause, 1.0) for clause in parse_article(head, article)]
        if not clauses:
            target = cross_reference(head, article)
            if target and target in articles and target != head:
                clauses = [(clause, SEE_ALSO) for clause in parse_article(target, articles[target])]
        clauses += [(clause, PHRASE) for clause in parse_phrases(head, article, _head_forms(low))]
        rank = 0
        for clause, factor in clauses:
            for k, item in enumerate(clause):
                nxt = clause[k + 1] if k + 1 < len(clause) else ""
                if _is_lone_adjective(item) and " " in nxt:
                    continue  # "большой, старинный город": the adjective qualifies the noun
                found = _ru_head(item)
                if found is None:
                    continue
                ru, w = found
                weight = factor * w / (1.0 + 0.25 * rank)
                rank += 1
                key = (ru, en)
                if weight > pairs.get(key, 0.0):
                    pairs[key] = weight
    return pairs


# --------------------------------------------------------------------------- alignment
def align_em(
    ru_sents: list[list[str]], en_sents: list[list[str]], dict_pairs: dict[tuple[str, str], float]
) -> dict[tuple[str, str], float]:
    """Symmetrised expected link counts sqrt(c(ru->en) * c(en->ru)) from EM in both directions."""
    ru_vocab = {w: i + 1 for i, w in enumerate(sorted({w for s in ru_sents for w in s}))}
    en_vocab = {w: i + 1 for i, w in enumerate(sorted({w for s in en_sents for w in s}))}
    ru_ids = [[ru_vocab[w] for w in s] for s in ru_sents]
    en_ids = [[en_vocab[w] for w in s] for s in en_sents]
    prior_re = {
        (ru_vocab[r], en_vocab[e]): EM_PRIOR * w
        for (r, e), w in dict_pairs.items()
        if r in ru_vocab and e in en_vocab
    }
    prior_er = {(e, r): w for (r, e), w in prior_re.items()}
    n_ru, n_en = len(ru_vocab) + 1, len(en_vocab) + 1
    t0 = time.time()
    s_a, t_a, c_a = train_ibm(ru_ids, en_ids, n_en, prior_re)  # p(en | ru)
    log(f"  EM ru->en: {len(c_a):,} candidate pairs, {time.time() - t0:.1f} s")
    t0 = time.time()
    s_b, t_b, c_b = train_ibm(en_ids, ru_ids, n_ru, prior_er)  # p(ru | en)
    log(f"  EM en->ru: {len(c_b):,} candidate pairs, {time.time() - t0:.1f} s")
    key_a = s_a * n_en + t_a
    key_b = t_b * n_en + s_b
    common, ia, ib = np.intersect1d(key_a, key_b, assume_unique=True, return_indices=True)
    sym = np.sqrt(c_a[ia] * c_b[ib])
    keep = (sym >= 0.5) & (common // n_en > 0) & (common % n_en > 0)
    ru_words = [""] + sorted(ru_vocab)
    en_words = [""] + sorted(en_vocab)
    return {
        (ru_words[int(k // n_en)], en_words[int(k % n_en)]): float(c)
        for k, c in zip(common[keep], sym[keep], strict=True)
    }


def align_eflomal(ru_sents: list[list[str]], en_sents: list[list[str]]) -> dict[tuple[str, str], float]:
    """Link counts from eflomal (not reproducible: its sampler seeds itself from /dev/urandom)."""
    import eflomal

    with tempfile.TemporaryDirectory() as tmp:
        fwd, rev = Path(tmp) / "fwd", Path(tmp) / "rev"
        eflomal.Aligner().align(
            [" ".join(s) for s in ru_sents],
            [" ".join(s) for s in en_sents],
            links_filename_fwd=str(fwd),
            links_filename_rev=str(rev),
        )
        counts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for k, path in enumerate((fwd, rev)):
            for rs, es, line in zip(ru_sents, en_sents, path.read_text().splitlines(), strict=True):
                for link in line.split():
                    i, j = map(int, link.split("-"))
                    counts[(rs[i], es[j])][k] += 1.0
    return {key: math.sqrt(a * b) for key, (a, b) in counts.items() if a and b}


# --------------------------------------------------------------------------- merge
def read_wordnet_counts(folder: Path) -> Counter[str]:
    """English lemma -> how often WordNet's sense-tagged corpora (SemCor) met it, over all its senses
    (cntlist.rev: "bird%1:05:00:: 1 29"); multi-word lemmas are left out."""
    counts: Counter[str] = Counter()
    path = folder / "cntlist.rev"
    if not path.is_file():
        raise SystemExit(f"{path}: WordNet 3.0 sense counts not found")
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 3 and "_" not in fields[0]:
            counts[fields[0].split("%", 1)[0]] += int(fields[2])
    return counts


def commonness(
    freq: Counter[str], entries: Counter[str], word: str, tagged: Counter[str] | None = None
) -> float:
    """Weight that ranks common words first among a dictionary's synonyms.

    Corpus frequency where the corpus knows the word, the size of its
    dictionary presence (common words have long articles: "immense" has five
    senses, "spanless" one) and, for English, how often WordNet's sense-tagged
    corpora met it ("bird" 30 times, "flyer" once).
    """
    value = 1.0 + math.log1p(freq.get(word, 0)) + 0.5 * math.log1p(entries.get(word, 0))
    if tagged is not None:
        value += WORDNET_COMMONNESS * math.log1p(tagged.get(word, 0))
    return value


def merge(
    corpus: dict[tuple[str, str], float],
    dictionary: dict[tuple[str, str], float],
    freq_ru: Counter[str],
    freq_en: Counter[str],
    tagged_en: Counter[str] | None = None,
) -> list[tuple[str, str, float, float, str]]:
    """Bayesian merge: p(e|r) = (c(r,e) + BETA * d(e|r)) / (c(r) + BETA), and the same en->ru.

    d(e|r) is the dictionary's distribution: sense rank times how common e is
    (in the corpus, the dictionary and WordNet's tagged corpora), so "необъятный"
    prefers "immense" to the rare "spanless".
    Corpus-only pairs that join a content word to a function word are dropped
    as alignment noise ("год" - "the").
    """
    from toolkit.lexicon.stopwords import EN_STOPWORDS, RU_STOPWORDS

    n_en = Counter(e for _, e in dictionary)
    n_ru = Counter(r for r, _ in dictionary)
    d_er = {(r, e): w * commonness(freq_en, n_en, e, tagged_en) for (r, e), w in dictionary.items()}
    d_re = {(r, e): w * commonness(freq_ru, n_ru, r) for (r, e), w in dictionary.items()}
    c_ru: dict[str, float] = defaultdict(float)
    c_en: dict[str, float] = defaultdict(float)
    for (r, e), c in corpus.items():
        c_ru[r] += c
        c_en[e] += c
    d_ru: dict[str, float] = defaultdict(float)
    d_en: dict[str, float] = defaultdict(float)
    for key in dictionary:
        d_ru[key[0]] += d_er[key]
        d_en[key[1]] += d_re[key]
    rows = []
    for key in sorted(set(corpus) | set(dictionary)):
        r, e = key
        if NUM in key:
            continue
        c = corpus.get(key, 0.0)
        w = dictionary.get(key, 0.0)
        beta_r = BETA if d_ru.get(r) else 0.0
        beta_e = BETA if d_en.get(e) else 0.0
        p_er = (c + (beta_r * d_er[key] / d_ru[r] if w else 0.0)) / (c_ru.get(r, 0.0) + beta_r)
        p_re = (c + (beta_e * d_re[key] / d_en[e] if w else 0.0)) / (c_en.get(e, 0.0) + beta_e)
        if not w and (c < MIN_CORPUS or max(p_er, p_re) < MIN_PROB):
            continue
        if not w and (r in RU_STOPWORDS) != (e in EN_STOPWORDS):
            continue
        origin = "b" if (w and c >= 1.0) else ("d" if w else "c")
        rows.append((r, e, p_er, p_re, origin))
    # keep the TOP_K best per word in each direction
    keep: set[tuple[str, str]] = set()
    by_ru: dict[str, list] = defaultdict(list)
    by_en: dict[str, list] = defaultdict(list)
    for row in rows:
        by_ru[row[0]].append(row)
        by_en[row[1]].append(row)
    for group, col in ((by_ru, 2), (by_en, 3)):
        for items in group.values():
            items.sort(key=lambda x: (-x[col], x[0], x[1]))
            keep.update((x[0], x[1]) for x in items[:TOP_K])
    return [row for row in rows if (row[0], row[1]) in keep]


def write_lexicon(rows: list[tuple[str, str, float, float, str]], path: Path) -> None:
    """Gzip'd text, one line per word and direction, translations best first.

    Grouping by word lets the loader keep each line unparsed until that word
    is asked for, which keeps loading well under a second.
    """
    by_ru: dict[str, list] = defaultdict(list)
    by_en: dict[str, list] = defaultdict(list)
    for r, e, p_er, p_re, origin in rows:
        by_ru[r].append((e, p_er, p_re, origin))
        by_en[e].append((r, p_re, p_er, origin))
    buf = io.StringIO()
    buf.write(f"{FORMAT_LINE}\tpairs={len(rows)}\n")
    for tag, groups in (("@ru", by_ru), ("@en", by_en)):
        buf.write(tag + "\n")
        for word in sorted(groups):
            items = sorted(groups[word], key=lambda x: (-round(x[1], 6), x[0]))
            body = "|".join(f"{t} {p:.4g} {q:.4g} {o}" for t, p, q, o in items)
            buf.write(f"{word}\t{body}\n")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


# --------------------------------------------------------------------------- phrases
PHRASES_FILE = "phrases_ru_en.tsv.gz"
PHRASES_FORMAT = (
    "#tct-phrases v1\tphrases: RU LEMMAS<TAB>EN LEMMAS<TAB>ORIGIN; drop: RU LEMMA<TAB>RATE<TAB>LINES"
)
PHRASE_WORDS = 3  # longest multi-word expression, in words
PHRASE_LINES = 3  # distinct source lines a drop rate must be read from
MINED_LINES = 5  # and a mined expression (3 lines of news share topic words as often as an idiom)
PHRASE_SUPPORT = 0.5  # share of an expression's renderings (mean over its lines) with the English word free
PHRASE_LIFT = 3.0  # ... at least this many times the share of all renderings that hold that word anyway
COUNTERPART_PROB = 0.002  # lexical.FLOOR_PROB: a lexicon translation this likely is a counterpart


def _phrase_key(token: str) -> str:
    from toolkit.lexicon.phrases import phrase_lemma

    return NUM if token[0].isdigit() else phrase_lemma(ru_lemma(token))


# What a single Russian word may be rendered by that the lexicon leaves out: an English function word,
# but not an auxiliary ("was" turns up beside any noun) nor one of the commonest ("the", "of", "in").
_NO_LONE_RENDERING = frozenset(
    "be have do will would shall can could may might must the a an of i you he she it we they me him her us"
    " them my your his its our their this that these those who which what there here not no"
    " 's 'll 're 've 'd 'm n't".split()
)


# English words too common to vouch for an expression wherever they stand ("in", "at": Mueller lists
# «в течение» and «на расстоянии» under them).
_COMMON_RENDERINGS = _NO_LONE_RENDERING | frozenset("and or but to in on for with by at from".split())


def mueller_phrases(folder: Path) -> dict[tuple[str, ...], set[str]]:
    """Mueller's multi-word Russian translations of a one-word English headword ("during" во время,
    "towards" в сторону), as lemma tuples: the whole expression renders the headword."""
    out: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for head, article in iter_articles(folder):
        if not head or " " in head or not head.replace("-", "").isalpha() or not head.isascii():
            continue
        low = norm(head)
        en = low if low in en_lemmas(low) else en_lemma(low)
        clauses = parse_article(head, article) + parse_phrases(head, article, _head_forms(low))
        if en in _COMMON_RENDERINGS:
            continue
        for clause in clauses:
            for item in clause:
                parts = item.split()
                if 2 <= len(parts) <= PHRASE_WORDS:
                    out[tuple(_phrase_key(w) for w in parts)].add(en)
    return out


def _counterparts(token: str) -> frozenset[str]:
    """English lemmas the lexicon gives a Russian form (any it knows, as the scorer credits them)."""
    from toolkit.score.lexical import source_row

    row = source_row(norm(token)) or {}
    return frozenset(e for e, p in row.items() if p >= COUNTERPART_PROB)


def _english_keys(text: str) -> frozenset[str]:
    """A rendering's English lemmas (the scorer matches lemmas too), numbers left out."""
    return frozenset(en_lemma(t) for t in tokenize_words(text, "en") if not t[0].isdigit())


def mine_phrases(
    pairs: list[tuple[str, str]], known: dict[tuple[str, ...], set[str]]
) -> tuple[dict[tuple[str, ...], set[str]], dict[str, tuple[float, int]]]:
    """What the parallel corpus shows beyond the word-by-word lexicon.

    Expressions: a run of 2-3 Russian words (or one word, for an English function word) whose renderings
    keep holding an English word that no other word of the line, and none of the run's own words,
    translates ("в ходе" -> "during"): in PHRASE_SUPPORT of the renderings of PHRASE_LINES lines or more,
    and PHRASE_LIFT times more often than renderings hold it anyway.
    Drop rates: per Russian content lemma, the share of renderings (mean over its lines) in which neither
    a lexicon translation nor an expression holding it (mined or `known`) has a counterpart."""
    from toolkit.lexicon.stopwords import EN_STOPWORDS, RU_STOPWORDS

    by_source: dict[str, list[str]] = defaultdict(list)
    for source, target in pairs:
        by_source[source].append(target)
    lines = []
    for source in sorted(by_source):
        tokens = tokenize_words(source, "ru")
        if tokens:
            targets = [_english_keys(t) for t in by_source[source]]
            lines.append(
                (tokens, [_phrase_key(t) for t in tokens], [_counterparts(t) for t in tokens], targets)
            )
    holding: Counter[str] = Counter()
    total = 0
    for _tokens, _keys, _rows, targets in lines:
        for keys in targets:
            holding.update(keys)
            total += 1

    def grams(keys: list[str]) -> Iterator[tuple[int, int]]:
        for n in range(1, PHRASE_WORDS + 1):
            for start in range(len(keys) - n + 1):
                gram = keys[start : start + n]
                if NUM in gram or (n > 1 and all(k in RU_STOPWORDS for k in gram)):
                    continue
                yield start, start + n

    seen_in: Counter[tuple[str, ...]] = Counter()
    for _tokens, keys, _rows, _targets in lines:
        seen_in.update({tuple(keys[a:b]) for a, b in grams(keys)})
    frequent = {gram for gram, count in seen_in.items() if count >= PHRASE_LINES}
    support: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for _tokens, keys, rows, targets in lines:
        done: set[tuple[str, ...]] = set()
        for a, b in grams(keys):
            gram = tuple(keys[a:b])
            if gram not in frequent or gram in done or seen_in[gram] < MINED_LINES:
                continue
            done.add(gram)
            explained = frozenset().union(*rows)  # every word's translations, the run's own included
            share: Counter[str] = Counter()
            for target in targets:
                free = target - explained
                free -= _NO_LONE_RENDERING
                if b - a == 1:
                    free &= EN_STOPWORDS
                share.update(free)
            for english, count in share.items():
                support[gram][english] += count / len(targets)
    mined: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for gram in sorted(support):
        for english, value in sorted(support[gram].items()):
            mean = value / seen_in[gram]
            if english not in EN_STOPWORDS and not en_dictionary_lemmas(english):
                continue  # a name ("tass" beside «сообщает ТАСС»): the names rule's business
            if mean >= PHRASE_SUPPORT and mean >= PHRASE_LIFT * holding[english] / total:
                mined[gram].add(english)
    for gram in sorted(mined, key=len, reverse=True):  # a longer run adds nothing its part already says
        for n in range(1, len(gram)):
            for start in range(len(gram) - n + 1):
                part = gram[start : start + n]
                if part in mined:
                    mined[gram] -= mined[part]
        if not mined[gram]:
            del mined[gram]
    table: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for source in (known, mined):
        for gram, english in source.items():
            table[gram] |= english
    dropped: dict[str, list[float]] = defaultdict(list)
    for _tokens, keys, rows, targets in lines:
        covered_by = [[] for _ in keys]  # the English keys of the expressions each word is part of
        for a, b in grams(keys):
            english = table.get(tuple(keys[a:b]))
            if english:
                for k in range(a, b):
                    covered_by[k].append(english)
        per_lemma: dict[str, list[float]] = defaultdict(list)
        for k, key in enumerate(keys):
            if key == NUM or key in RU_STOPWORDS:
                continue
            misses = sum(
                1
                for target in targets
                if rows[k].isdisjoint(target) and all(e.isdisjoint(target) for e in covered_by[k])
            )
            per_lemma[key].append(misses / len(targets))
        for key, shares in per_lemma.items():
            dropped[key].append(sum(shares) / len(shares))
    rates = {
        key: (sum(shares) / len(shares), len(shares))
        for key, shares in dropped.items()
        if len(shares) >= PHRASE_LINES
    }
    return mined, rates


def build_phrases(data: Path, out: Path, corpora: tuple[str, ...]) -> Path:
    """Write PHRASES_FILE: Mueller's expressions, the corpus's, and the drop rates (the corpus read through
    the lexicon in `out`)."""
    from toolkit.lexicon.lexicon import Lexicon
    from toolkit.score.lexical import set_lexicon

    set_lexicon(Lexicon.from_file(out / LEXICON_FILE))
    t0 = time.time()
    known = mueller_phrases(data / "lexicon" / "mueller7")
    pairs = read_corpus(data, corpora)
    mined, rates = mine_phrases(pairs, known)
    origin: dict[tuple[str, ...], tuple[set[str], str]] = {}
    for gram in sorted(set(known) | set(mined)):
        english = known.get(gram, set()) | mined.get(gram, set())
        tag = "b" if gram in known and gram in mined else ("d" if gram in known else "c")
        origin[gram] = (english, tag)
    buf = io.StringIO()
    buf.write(f"{PHRASES_FORMAT}\tphrases={len(origin)}\tcorpora={'+'.join(corpora)}\n@phrases\n")
    for gram, (english, tag) in origin.items():
        buf.write(f"{' '.join(gram)}\t{' '.join(sorted(english))}\t{tag}\n")
    buf.write("@drop\n")
    for key in sorted(rates):
        rate, seen = rates[key]
        buf.write(f"{key}\t{rate:.3f}\t{seen}\n")
    path = out / PHRASES_FILE
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    log(f"wrote {PHRASES_FILE}: {len(origin):,} expressions ({len(known):,} from Mueller, {len(mined):,} "
        f"mined), {len(rates):,} drop rates, {time.time() - t0:.1f} s")  # fmt: skip
    return path


# --------------------------------------------------------------------------- sentencepiece
def train_spm(pairs: list[tuple[str, str]], dictionary: dict, out_dir: Path, vocab: int) -> Path:
    """Joint ru+en unigram model over the distinct corpus lines and the dictionary's words."""
    import sentencepiece as spm

    lines = sorted({norm(s) for s, _ in pairs} | {norm(t) for _, t in pairs})  # look-ups are lowercase
    lines += sorted({r for r, _ in dictionary} | {e for _, e in dictionary})
    spm.set_random_generator_seed(SPM_SEED)  # unigram EM is not random, but pin it anyway
    model = io.BytesIO()  # in memory, so no temporary path ends up inside the model file
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab,
        model_type="unigram",
        character_coverage=1.0,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        num_threads=1,
        minloglevel=2,
    )
    target = out_dir / f"{SPM_PREFIX}.model"
    target.write_bytes(model.getvalue())
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "toolkit" / "data")
    ap.add_argument("--aligner", choices=("em", "eflomal"), default="em")
    ap.add_argument("--spm-vocab", type=int, default=8000)
    ap.add_argument(
        "--phrases-only", action="store_true", help="rebuild only the phrase table, from the lexicon in --out"
    )
    ap.add_argument(
        "--phrase-corpora",
        default=",".join(CORPORA),
        help="corpora the phrase table reads (a held-out check)",
    )
    args = ap.parse_args()
    start = time.time()
    args.out.mkdir(parents=True, exist_ok=True)
    corpora = tuple(args.phrase_corpora.split(","))
    if args.phrases_only:
        build_phrases(args.data, args.out, corpora)
        return 0

    t0 = time.time()
    dictionary = read_dictionary(args.data / "lexicon" / "mueller7")
    n_dict_ru = len({r for r, _ in dictionary})
    n_dict_en = len({e for _, e in dictionary})
    log(f"dictionary: {len(dictionary):,} pairs ({n_dict_ru:,} ru, {n_dict_en:,} en lemmas), "
        f"{time.time() - t0:.1f} s")  # fmt: skip

    t0 = time.time()
    pairs = read_corpus(args.data)
    ru_sents = [lemmatise(s, "ru") for s, _ in pairs]
    en_sents = [lemmatise(t, "en") for _, t in pairs]
    n_tok = sum(map(len, ru_sents)) + sum(map(len, en_sents))
    log(f"corpus: {len(pairs):,} sentence pairs, {n_tok:,} tokens lemmatised, {time.time() - t0:.1f} s")

    t0 = time.time()
    if args.aligner == "em":
        corpus = align_em(ru_sents, en_sents, dictionary)
    else:
        corpus = align_eflomal(ru_sents, en_sents)
    log(f"alignment ({args.aligner}): {len(corpus):,} symmetrised pairs, {time.time() - t0:.1f} s")

    freq_ru = Counter(w for s in {s for s, _ in pairs} for w in lemmatise(s, "ru"))
    freq_en = Counter(w for s in en_sents for w in s)
    rows = merge(corpus, dictionary, freq_ru, freq_en, read_wordnet_counts(args.data / "wordnet-3.0"))
    lex_path = args.out / LEXICON_FILE
    write_lexicon(rows, lex_path)
    origins = {o: sum(1 for r in rows if r[4] == o) for o in "bdc"}
    log(f"wrote {lex_path.relative_to(ROOT) if lex_path.is_relative_to(ROOT) else lex_path}: "
        f"{len(rows):,} pairs (both {origins['b']:,}, dictionary {origins['d']:,}, "
        f"corpus {origins['c']:,}); {len({r[0] for r in rows}):,} ru / {len({r[1] for r in rows}):,} en "
        f"lemmas; {lex_path.stat().st_size / 1024:.0f} KiB")  # fmt: skip

    t0 = time.time()
    spm_path = train_spm(pairs, dictionary, args.out, args.spm_vocab)
    log(f"wrote {spm_path.name}: vocab {args.spm_vocab}, {spm_path.stat().st_size / 1024:.0f} KiB, "
        f"{time.time() - t0:.1f} s")  # fmt: skip
    build_phrases(args.data, args.out, corpora)
    log(f"build time: {time.time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
