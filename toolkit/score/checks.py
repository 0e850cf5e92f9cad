"""The checks a bilingual reader makes, each a Flag: numbers, names, negation, untranslated text,
interpolations, truncation, omissions and additions. They also set the fidelity penalties.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from toolkit.score.fidelity import Analysis
from toolkit.score.numbers import compare_numbers, find_numbers
from toolkit.score.results import Flag
from toolkit.score.stoplists import EN_NEGATORS, RU_NEGATORS, RU_NI_WORDS
from toolkit.score.words import CONTENT_ROLES, Word

COVERED = 0.25  # credit below this leaves a word unaccounted for
MOVED_NEGATION_PENALTY = 0.9
QUESTION_PENALTY = 0.95
TENSE_PENALTY = 0.95
PENALTY = {"number": 0.8, "name": 0.9, "negation": 0.75, "untranslated": 0.75, "interpolation": 0.97}
_ELLIPSIS_END = re.compile(r"(\.\.\.|…)[\s\"'»”’)\]]*$")
_ELLIPSIS_INSIDE = re.compile(r"\[?(\.\.\.|…)\]?")
_SQUARE = re.compile(r"\[([^\[\]]*)\]")
_ROUND = re.compile(r"\(([^()]*)\)")


def run_checks(analysis: Analysis, source_cut_at_end: bool = False) -> list[Flag]:
    """All flags for one analysed segment pair; fills `analysis.penalties`.

    `source_cut_at_end`: the known original stops mid-sentence, so an unmatched rendering tail is not
    the translator's addition (the caller marks those words as ignored) and not a truncation.
    """
    flags: list[Flag] = []
    penalties = analysis.penalties
    penalties.clear()
    reported: tuple[set[int], set[int]] = (set(), set())  # word indices already explained by a flag
    flags += _interpolations(analysis)
    truncation_flags, tail_start = _truncation(analysis, source_cut_at_end)
    if tail_start is not None:  # words of a truncated tail are reported by the truncation flag
        reported[0].update(range(tail_start, len(analysis.source_words)))
    flags += _numbers(analysis, reported, tail_start)
    flags += _names(analysis, reported)
    flags += _negation(analysis, tail_start)
    flags += _untranslated(analysis)
    flags += truncation_flags
    flags += _runs(analysis, "source", reported[0], stop=tail_start)
    flags += _runs(analysis, "rendering", reported[1])
    for flag in flags:
        factor = PENALTY.get(flag.type)
        if flag.type == "negation" and flag.severity == "major":
            factor = MOVED_NEGATION_PENALTY  # a moved negation may be a legitimate shift of scope
        if factor is not None and (flag.type != "interpolation" or flag.severity != "minor"):
            penalties[flag.type] = penalties.get(flag.type, 1.0) * factor
    for kind in penalties:
        penalties[kind] = max(penalties[kind], 0.5)  # many flags of one kind: the score says enough
    # A statement rendered as a question or the reverse has no flag type of its own; it shows in the
    # evidence as a penalty.
    kept_text = analysis.rendering_text
    if analysis.source_text.count("?") != kept_text.count("?") and not analysis.ignored:
        penalties["question"] = QUESTION_PENALTY
    if not analysis.ignored and _future(analysis.source_words, "ru") != _future(
        analysis.rendering_words, "en"
    ):
        penalties["tense"] = TENSE_PENALTY  # future on one side only ("разорвали" / "will sever")
    return flags


_EN_FUTURE = frozenset(("will", "'ll", "shall"))
_RU_FUTURE_ENDINGS = ("ет", "ит", "ут", "ют", "ат", "ят", "ем", "им", "ешь", "ишь", "ете", "ите", "у", "ю")


def _future(words: list[Word], lang: str) -> bool:
    if lang == "en":
        return not _EN_FUTURE.isdisjoint([w.key for w in words])
    return any(map(_ru_future_form, [w.key for w in words if w.script == "cyrillic" and w.role != "name"]))


@lru_cache(maxsize=200_000)
def _ru_future_form(key: str) -> bool:
    """A Russian form in the future tense (the ending first: most forms need no analysis)."""
    from toolkit.score.morphology import ru_is_future

    return key.endswith(_RU_FUTURE_ENDINGS) and ru_is_future(key)


def _interpolations(analysis: Analysis) -> list[Flag]:
    """[Translator's words] are marked insertions; (glosses) with no source counterpart are unmarked ones."""
    flags: list[Flag] = []
    text = analysis.rendering_text
    for match in _SQUARE.finditer(text) if "[" in text else ():
        inner = match.group(1).strip()
        if not inner or _ELLIPSIS_INSIDE.fullmatch(inner) or inner in (".", "…"):
            continue
        inside = [j for j, w in enumerate(analysis.rendering_words) if match.start() < w.start < match.end()]
        analysis.ignored.update(inside)
        content = [j for j in inside if analysis.rendering_words[j].is_content]
        severity = "minor" if len(content) <= 3 else "major"
        flags.append(
            Flag("interpolation", match.group(0), severity, detail="translator's words in square brackets")
        )
    source_has_parens = "(" in analysis.source_text
    for match in _ROUND.finditer(text) if "(" in text else ():
        inside = [
            j
            for j, w in enumerate(analysis.rendering_words)
            if match.start() < w.start < match.end() and w.is_content
        ]
        if not inside:
            continue
        explained = sum(analysis.rendering_credit[j] >= COVERED for j in inside) / len(inside)
        if explained < 0.5 and not (source_has_parens and explained > 0):
            severity = "minor" if len(inside) <= 2 else "major"
            flags.append(
                Flag(
                    "interpolation",
                    match.group(0),
                    severity,
                    detail="parenthetical with no counterpart in the original",
                )
            )
            analysis.ignored.update(inside)  # reported here, not again as an addition
    return flags


def _numbers(
    analysis: Analysis, reported: tuple[set[int], set[int]], tail_start: int | None = None
) -> list[Flag]:
    if analysis.numbers is not None:
        source, rendering = analysis.numbers
    else:
        source = find_numbers(analysis.source_words, "ru", analysis.source_text)
        rendering = find_numbers(analysis.rendering_words, "en", analysis.rendering_text)
    if tail_start is not None and tail_start < len(analysis.source_words):
        cut = analysis.source_words[tail_start].start  # numbers in a truncated tail: the truncation says so
        source = [m for m in source if m.start < cut]
    if not source and not rendering:
        return []
    source_only, rendering_only = compare_numbers(source, rendering)
    flags: list[Flag] = []
    rendering_only = [m for m in rendering_only if not _inside(analysis, m.start)]
    for mention in source_only:
        replaced = rendering_only.pop(0) if rendering_only else None
        detail = f"original {mention.text!r}" + (
            f" rendered as {replaced.text!r}" if replaced else " has no equal number in the rendering"
        )
        flags.append(Flag("number", mention.text, "critical", side="source", detail=detail))
    for mention in rendering_only:
        flags.append(Flag("number", mention.text, "critical", detail="number with no equal in the original"))
    for mentions, words, seen in (
        (source, analysis.source_words, reported[0]),
        (rendering, analysis.rendering_words, reported[1]),
    ):
        if mentions:
            starts = [w.start for w in words]  # increasing: the words of a mention are a slice
            for mention in mentions:
                seen.update(range(bisect_left(starts, mention.start), bisect_left(starts, mention.end)))
    return flags


def _inside(analysis: Analysis, position: int) -> bool:
    return any(w.start == position and j in analysis.ignored for j, w in enumerate(analysis.rendering_words))


def _entities(
    words: list[Word], credit: list[float], text: str, skip: set[int]
) -> list[tuple[str, list[int]]]:
    """Runs of adjacent name words ("United Arab Emirates") none of whose words is accounted for."""
    runs: list[list[int]] = []
    for j in [j for j, word in enumerate(words) if word.role == "name"]:  # few words are names
        word = words[j]
        if j in skip or word.script == "digit":
            continue
        if runs and runs[-1][-1] == j - 1 and not text[words[j - 1].end : word.start].strip(" -.'’"):
            runs[-1].append(j)
        else:
            runs.append([j])
    return [
        (text[words[run[0]].start : words[run[-1]].end], run)
        for run in runs
        if all(credit[j] < 0.5 for j in run)
    ]


def _names(analysis: Analysis, reported: tuple[set[int], set[int]]) -> list[Flag]:
    source_missing = _entities(
        analysis.source_words, analysis.source_credit, analysis.source_text, reported[0]
    )
    rendering_unexplained = _entities(
        analysis.rendering_words, analysis.rendering_credit, analysis.rendering_text, analysis.ignored
    )
    rendering_unexplained = [
        (text, run)
        for text, run in rendering_unexplained
        if analysis.rendering_words[run[0]].script == "latin"
    ]
    flags: list[Flag] = []
    for text, run in source_missing:
        reported[0].update(run)
        if rendering_unexplained:
            other, other_run = rendering_unexplained.pop(0)
            reported[1].update(other_run)
            flags.append(Flag("name", text, "critical", side="source", detail=f"rendered as {other!r}?"))
        else:
            flags.append(Flag("name", text, "major", side="source", detail="name not found in the rendering"))
    for text, run in rendering_unexplained:
        reported[1].update(run)
        flags.append(Flag("name", text, "major", detail="name with no counterpart in the original"))
    return flags


_NOT_NEGATING_AFTER = {"менее", "более", "раз"}  # "не менее 13" is "at least 13", "не раз" "more than once"
_EN_COMPARATIVES = {"less", "more", "fewer"}  # "no less than" is "не менее"
_RU_PLAIN_NEGATORS = RU_NEGATORS - RU_NI_WORDS - {"не", "ни"}  # counted one each ("не" apart)
_EN_COUNTED_NEGATORS = (EN_NEGATORS - {"neither", "nor"}) | {"without"}  # neither/nor count as pairs
_RU_PREFIXES = ("не", "без", "бес")
_EN_PREFIXES = ("un", "non", "dis")
# Words that negate by their meaning ("отсутствовал" / "there was no", "не справился" / "lost control",
# "перестал" / "no longer"): like prefixes, they can explain a negation missing on the other side.
_RU_NEGATIVE_STEMS = ("отсутств", "перестал", "перестав", "прекрат", "прекращ", "лишен", "лишил")
_EN_NEGATIVE_STEMS = (
    "gone", "lost", "lose", "lack", "absen", "fail", "ignor", "stop", "ceas", "avoid", "refus", "deni", "deny",
)  # fmt: skip


def negation_counts(source_words: list[Word], rendering_words: list[Word]) -> tuple[int, int]:
    """Negated clauses on each side: Russian "никто не" is one negation, like English "nobody".

    A difference that words negated by a prefix or suffix on the other side can explain ("не смог" /
    "unable", "без сознания" / "unconscious", "непередаваемая" / "can't be conveyed") is forgiven.
    """
    return _negation_counts([w.key for w in source_words], [w.key for w in rendering_words])


def _negation_counts(keys: list[str], en_keys: list[str]) -> tuple[int, int]:
    """`negation_counts` from the words' keys."""
    plain = 0
    if "не" in keys:
        for k, key in enumerate(keys):
            if key != "не":
                continue
            following = keys[k + 1] if k + 1 < len(keys) else ""
            previous = keys[k - 1] if k else ""
            if following in _NOT_NEGATING_AFTER or previous == "тем":
                continue  # "не менее", "тем не менее", "не раз": no negation
            plain += 1
    # (Counting by set membership over the keys: every segment asks, most have no negation at all.)
    plain += sum(map(_RU_PLAIN_NEGATORS.__contains__, keys))
    ni = sum(map(RU_NI_WORDS.__contains__, keys))
    # ни ... ни = neither ... nor; with the verb's "не" («не было поддержано ни УЕФА, ни ФИФА») still one.
    ni_pairs = keys.count("ни") // 2
    # "без"/"without" negate too, and "не работая" is "without working": count them on both sides.
    ru = max(plain, ni, ni_pairs) + keys.count("без")
    en = sum(map(_EN_COUNTED_NEGATORS.__contains__, en_keys))
    if en:
        en -= sum(1 for k, key in enumerate(en_keys) if key in ("no", "not") and _not_negating_en(en_keys, k))
    en += min(en_keys.count("neither"), en_keys.count("nor")) or en_keys.count("neither") + en_keys.count(
        "nor"
    )
    # Affixed words (and words negative by meaning) are counted only for the side that may explain a difference.
    if ru > en:
        en_affixed = sum(
            1
            for key in en_keys
            if (len(key) >= 6 and (key.startswith(_EN_PREFIXES) or key.endswith("less")))
            or key.startswith(_EN_NEGATIVE_STEMS)
        )
        if ru - en <= en_affixed:
            en = ru
    elif en > ru:
        ru_affixed = sum(
            1
            for key in keys
            if (len(key) >= 6 and key.startswith(_RU_PREFIXES) and key not in RU_NEGATORS)
            or key.startswith(_RU_NEGATIVE_STEMS)
        )
        if en - ru <= ru_affixed:
            ru = en
    return ru, en


def _not_negating_en(keys: list[str], k: int) -> bool:
    """ "No. 30" (a number sign) and "no less than" / "not more than" (a bound, like «не менее») do not negate."""
    following = keys[k + 1] if k + 1 < len(keys) else ""
    if not following or keys[k] not in ("no", "not"):
        return False
    if keys[k] == "no" and following[:1].isdigit():
        return True
    return following in _EN_COMPARATIVES and (keys[k + 2] if k + 2 < len(keys) else "") == "than"


def _negation(analysis: Analysis, tail_start: int | None) -> list[Flag]:
    source_words = analysis.source_words[:tail_start]  # a truncated tail is reported as truncation
    keys = [w.key for w in source_words]
    rendering_keys = [w.key for w in analysis.rendering_words]
    if _RU_NEGATING.isdisjoint(keys) and _EN_NEGATING.isdisjoint(rendering_keys):
        return []  # no negator on either side: nothing to count, no negation to have moved
    ignored = analysis.ignored
    kept = (
        [w for j, w in enumerate(analysis.rendering_words) if j not in ignored]
        if ignored
        else analysis.rendering_words
    )
    ru, en = _negation_counts(keys, [w.key for w in kept] if ignored else rendering_keys)
    if ru == en:
        return _moved_negation(analysis, len(source_words), rendering_keys)
    negators = [w.text for w in kept if w.key in EN_NEGATORS]
    source_negators = [w.text for w in source_words if w.key in RU_NEGATORS]
    detail = f"{ru} negation(s) in the original ({', '.join(source_negators) or 'none'}), {en} in the rendering ({', '.join(negators) or 'none'})"
    side = "source" if ru > en else "rendering"
    text = ", ".join(source_negators if ru > en else negators)
    return [Flag("negation", text, "critical", side=side, detail=detail)]


_RU_NEGATING = RU_NEGATORS | {"без"}
_EN_NEGATING = EN_NEGATORS | {"without"}


def _negated(words: list[Word], index: int, negating: frozenset[str] | set[str], reach: int) -> bool:
    """A negator just before `index`: within `reach` words, looking past function words only
    ("не пишут"; "don't write", "never have to deal")."""
    seen = 0
    for k in range(index - 1, max(-1, index - 6), -1):
        if words[k].key in negating and not _not_negating_en([w.key for w in words[k : k + 3]], 0):
            return True
        if words[k].role != "function":
            seen += 1
        if seen >= reach or k < index - reach and words[k].role != "function":
            return False
    return False


def _moved_negation(
    analysis: Analysis, source_limit: int, rendering_keys: list[str] | None = None
) -> list[Flag]:
    """Same number of negations, but one of them negates a different word: a content word that is
    negated on one side while its counterpart (a sure link) is not negated on the other."""
    source_words, rendering_words = analysis.source_words, analysis.rendering_words
    if rendering_keys is None:
        rendering_keys = [w.key for w in rendering_words]
    if _EN_NEGATING.isdisjoint(rendering_keys):
        return []  # `_negated` below looks for one of these
    if any(w.key.startswith(_RU_NEGATIVE_STEMS) for w in source_words[:source_limit]):
        return []  # "доступ отсутствовал" / "there was no access": the verb was the negation
    for link in analysis.links:
        if link.strength < 0.5 or link.source >= source_limit or link.target in analysis.ignored:
            continue
        source, target = source_words[link.source], rendering_words[link.target]
        if not (source.is_content and target.is_content):
            continue
        # Only "negated in the rendering, clearly not in the original": English often moves a negation
        # to the subject ("никто не пострадал" / "no one was injured"), the other way round is noise.
        near = source_words[max(0, link.source - 3) : link.source + 4]  # Russian puts не/нет on either side
        if _negated(rendering_words, link.target, _EN_NEGATING, reach=1) and not any(
            w.key in _RU_NEGATING for w in near
        ):
            where = f"{target.text!r} is negated in the rendering, its counterpart {source.text!r} is not"
            return [Flag("negation", target.text, "major", side="rendering", detail=where)]
    return []


def _untranslated(analysis: Analysis) -> list[Flag]:
    left = [w for w in analysis.rendering_words if w.script == "cyrillic"]
    if not left:
        return []
    severity = "critical" if any(w.is_content for w in left) else "major"
    text = " ".join(w.text for w in left)
    return [Flag("untranslated", text, severity, detail="source-script text left in the rendering")]


def _truncation(analysis: Analysis, source_cut_at_end: bool) -> tuple[list[Flag], int | None]:
    """A rendering that elides ("...", "…") or stops before the original does."""
    flags: list[Flag] = []
    text = analysis.rendering_text.rstrip()
    source_words = analysis.source_words
    credit = analysis.source_credit
    total = sum([w.weight for w in source_words]) or 1.0
    # The uncovered tail: the suffix of the original where uncovered content outweighs covered content
    # twice over (a stray match near the end does not hide a cut).
    best_gain, last, gain = 0.0, len(source_words) - 1, 0.0
    for i in range(len(source_words) - 1, -1, -1):
        word = source_words[i]
        if word.role in CONTENT_ROLES:
            gain += word.weight if credit[i] < COVERED else -2 * word.weight
        if gain > best_gain:
            best_gain, last = gain, i - 1
    while last >= 0 and source_words[last].role not in CONTENT_ROLES:
        last -= 1  # the tail starts right after the last covered word ("... власть, | и я не уверен")
    if last < 0:
        last = len(source_words) - 1  # nothing covered before it: not a cut, just a poor match
    tail = [i for i in range(last + 1, len(source_words)) if source_words[i].role in CONTENT_ROLES]
    tail_weight = sum(source_words[i].weight for i in range(last + 1, len(source_words))) / total
    tail_text = analysis.source_text[source_words[last + 1].start :].strip() if tail else ""
    tail_start: int | None = None
    has_ellipsis = "..." in text or "…" in text  # both patterns need one
    ellipsis_end = has_ellipsis and bool(_ELLIPSIS_END.search(text))
    if ellipsis_end and not source_cut_at_end:
        severity = "critical" if tail_weight >= 0.3 else "major" if tail_weight >= 0.1 else "minor"
        detail = "rendering ends in an ellipsis"
        if tail:
            detail += f"; the original goes on: {tail_text!r}"
            tail_start = last + 1
        flags.append(
            Flag(
                "truncation",
                tail_text or "…",
                severity,
                side="source" if tail else "rendering",
                detail=detail,
            )
        )
    elif (
        len(tail) >= 4 and tail_weight >= 0.35 and not source_cut_at_end and _rendering_ends_at_link(analysis)
    ):
        flags.append(
            Flag(
                "truncation",
                tail_text,
                "major",
                side="source",
                detail="the rendering stops before the original does",
            )
        )
        tail_start = last + 1
    body = text[: _ELLIPSIS_END.search(text).start()] if ellipsis_end else text
    for match in _ELLIPSIS_INSIDE.finditer(body) if has_ellipsis else ():
        flags.append(Flag("truncation", match.group(0), "minor", detail="elision inside the rendering"))
    return flags, tail_start


def _rendering_ends_at_link(analysis: Analysis) -> bool:
    """The rendering stops at its last sure link (at most two content words after it): it really ends
    there, rather than going on with words the lexicon cannot place."""
    linked = [k.target for k in analysis.links if k.strength >= 0.5]
    if not linked:
        return False
    after = analysis.rendering_words[max(linked) + 1 :]
    return sum(w.is_content for w in after) <= 2


def _runs(analysis: Analysis, side: str, reported: set[int], stop: int | None = None) -> list[Flag]:
    """Runs of uncovered content words (omissions) or unexplained ones (additions); names and numbers
    have their own checks and break a run."""
    if side == "source":
        items, credit, text, ignored = (
            analysis.source_words,
            analysis.source_credit,
            analysis.source_text,
            set(),
        )
    else:
        items, credit, text = analysis.rendering_words, analysis.rendering_credit, analysis.rendering_text
        ignored = analysis.ignored
    limit = len(items) if stop is None else stop
    runs: list[list[int]] = []
    current: list[int] = []
    rendering = side == "rendering"
    blocked = ignored | reported if ignored else reported  # words other checks answer for
    for index, (word, value) in enumerate(zip(items[:limit], credit, strict=False)):
        if index in blocked or rendering and word.script == "cyrillic":
            if current:
                runs.append(current)
            current = []
            continue
        role = word.role
        if (role == "content" or role == "light") and value < COVERED:
            current.append(index)
        elif role in CONTENT_ROLES or value >= COVERED:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return []
    flags: list[Flag] = []
    kind = "omission" if side == "source" else "addition"
    # Probable unlisted translations (same gap between links) are named, since they may explain the run.
    partner = {i: j for i, j in analysis.gaps} if side == "source" else {j: i for i, j in analysis.gaps}
    others = analysis.rendering_words if side == "source" else analysis.source_words
    for run in runs:
        size = len(run)
        severity = "minor" if size == 1 else "major" if size <= 3 else "critical"
        span = text[items[run[0]].start : items[run[-1]].end]
        maybe = [others[partner[k]].text for k in run if k in partner]
        detail = f"possibly rendered as {' '.join(maybe)!r} (not in the lexicon)" if maybe else ""
        if 2 * len(maybe) >= size and severity != "minor":
            severity = "minor" if severity == "major" else "major"  # the lexicon cannot tell; say less
        if side == "rendering" and maybe:
            detail = f"possibly renders {' '.join(maybe)!r} (not in the lexicon)"
        flags.append(Flag(kind, span, severity, side=side, detail=detail))
    return flags
