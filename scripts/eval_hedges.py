#!/usr/bin/env python3
"""Do hedges, quantifiers, modals, attributions and approximations bent in a human translation get flagged?

A perturbation suite made by rule from human references read as renderings of their sources (DEV: WMT21
ref.A and ref.B; TEST: WMT23 ref.A and DEMETR ru dev's eng_sent, in ../shared/data). A segment enters a
class when its Russian source carries one of that class's cue words (`RU_CUES`) and its English rendering
one of the class's English words (`EDITS`); the English word is then edited by a general rule:

- `drop`: the qualifier removed ("possibly", "about" before a number, "only", "according to X," ...);
- `strengthen`: made stronger ("may" -> "will", "possibly" -> "certainly", "some" -> "all", "about 30" ->
  "exactly 30", "rarely" -> "often");
- `weaken`: made weaker ("certainly" -> "possibly", "must" -> "may", "all" -> "some", "often" -> "rarely");
- `harmless`: a synonym of the same strength and class ("possibly" -> "perhaps", "about" -> "around",
  "often" -> "frequently", "allegedly" -> "supposedly"), a control that should raise nothing;
- `untouched`: the reference itself, the faithful control.

The tables here are the suite's own (written from grammars' lists of these words, not from tct's hedge
table), so that changing toolkit/score/hedges.py does not change the suite. One item per segment, class
and edit: the first English word of the class that the edit applies to.

A bent item is caught when it carries a major or critical flag that names the qualifier (a `hedge` flag, or
any flag whose rendering span overlaps the edited words or whose source span overlaps a cue of the class)
and that the untouched reference does not carry. The same test on a harmless edit is a false flag; on the
untouched reference, a serious flag naming the qualifier is a false flag. Figures per split, class and edit.

    python scripts/eval_hedges.py [--data ../shared/data] [--split dev|test|both] [--limit N] [--json]
    python scripts/eval_hedges.py --split dev --misses [--cls certainty] [--kind drop]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.score import score_pair  # noqa: E402
from toolkit.score.fidelity import fidelity_signature  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SERIOUS = ("major", "critical")
BENT = ("drop", "strengthen", "weaken")
KINDS = (*BENT, "harmless")

# Russian cue words of each group (lower case, ё read as е): the source must carry one for the group's
# English words to be edited.
RU_CUES: dict[str, str] = {
    "cert_weak": r"возможно|вероятно|наверное|наверно|видимо|по-видимому|по всей видимости|скорее всего|"
    r"не исключено|может быть|пожалуй|предположительно|кажется|похоже",
    "cert_strong": r"конечно|несомненно|безусловно|наверняка|разумеется|очевидно|бесспорно|определенно|"
    r"без сомнения|явно",
    "modal_can": r"мо(?:гу|жешь|жет|жем|жете|гут|г|гла|гло|гли|чь)|можно|сможет|смогут|способн\w*",
    "modal_must": r"долж(?:ен|на|но|ны)|нужно|надо|необходимо|обязан\w*|следует|следовало|пришлось|"
    r"приходится|вынужден\w*",
    "quant_some": r"некотор\w+|нескольк\w+|кое-\w+",
    "quant_many": r"мног(?:ие|их|им|ими)|много|множеств\w+|немало",
    "quant_most": r"большинств\w+|больш(?:ая|ей|ую) част\w+",
    "quant_all": r"все|всех|всем|всеми|весь|вся|всю|каждый|каждая|каждое|каждого|каждому|каждом|каждую|"
    r"каждые|каждых|любой|любая|любое|любые",
    "quant_few": r"немног\w+|мало",
    "freq_often": r"часто|нередко|зачастую|регулярно|не раз",
    "freq_rare": r"редко|изредка",
    "freq_some": r"иногда|порой|время от времени",
    "freq_usual": r"обычно|как правило",
    "freq_always": r"всегда|постоянно",
    "attribution": r"по (?:\w+ )?(?:словам|данным|сведениям|информации|мнению|оценкам|версии)|согласно|"
    r"сообщается|говорят|якобы|будто бы|по утверждению|считается|мол|дескать",
    "approx": r"примерно|около|приблизительно|порядка|почти|практически|чуть ли не|где-то|без малого",
    "almost": r"почти|практически|чуть ли не|едва ли не|едва не",
    "restriction": r"лишь|только|всего|исключительно",
    "extent_part": r"частично|отчасти|в какой-то (?:мере|степени)|в некоторой степени",
}
_RU = {group: re.compile(rf"(?<![\w-])(?:{cues})(?![\w-])") for group, cues in RU_CUES.items()}

_NUMBER = (
    r"(?:(?:a|an) )?(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|"
    r"millions|billion|billions|dozen|dozens|half|third|quarter)\b"
)
# Words before which a qualifier is part of another phrase ("how many", "not only", "the only one").
_BLOCK_BEFORE = {
    "many": r"(?:how|so|too|as|very|a good|a great|that) $",
    "few": r"(?:a|the|very|quite|so|too|how) $",
    "most": r"(?:the|a|at) $",
    "only": r"(?:not|if|the|an|a|his|her|its|their|our|my|your|one's) $",
    # "all" after a pronoun or a verb floats ("we are all fresh"): "some" would not be English there
    "all": r"(?:at|after|first of|above|in|once and for|for|we|you|they|are|were|'re|is|was|be|been|it|them|us) $",
    "have": r"(?:n't|not|do|does|did|will|would) $",
    "has": r"(?:n't|not|does) $",
    "had": r"(?:n't|not|did) $",
}
_BLOCK_AFTER = {
    "all": r"^ (?:right|the same|but|over|along|in all|of a sudden|in|too)\b",
    "only": r"^ (?:just|if|when|because|to find|now)\b",
    "most": r"^ (?:of all|likely|importantly|recently|often|probably|definitely|certainly)\b",
    "some": rf"^ (?:{_NUMBER}|of them\b|kind\b|time\b|sort\b|other\b|more\b|way\b)",
    "many": r"^ (?:times|more|years)\b",
    "can": r"^(?:'t|not)\b",
    "could": r"^(?:n't)\b",
    "each": r"^ (?:other)\b",
}


@dataclass(frozen=True)
class Edit:
    """One English word or phrase of a class and what each edit makes of it (None: no such edit;
    "": drop it)."""

    cls: str
    group: str
    words: str  # a regular expression, matched case-insensitively between word boundaries
    edits: dict[str, str | None]
    number: bool | None = None  # True: only before a number; False: only not before one


def _e(cls: str, group: str, words: str, number: bool | None = None, **edits: str | None) -> Edit:
    return Edit(cls, group, words, edits, number)


EDITS: tuple[Edit, ...] = (
    _e("certainty", "cert_weak", "possibly", drop="", strengthen="certainly", harmless="perhaps"),
    _e("certainty", "cert_weak", "perhaps", drop="", strengthen="certainly", harmless="possibly"),
    _e("certainty", "cert_weak", "maybe", drop="", strengthen="certainly", harmless="perhaps"),
    _e("certainty", "cert_weak", "probably", drop="", strengthen="certainly", harmless="most likely"),
    _e("certainty", "cert_weak", "most likely", drop="", strengthen="certainly", harmless="probably"),
    _e("certainty", "cert_weak", "apparently", drop="", strengthen="certainly", harmless="seemingly"),
    _e("certainty", "cert_weak", "presumably", drop="", strengthen="certainly", harmless="probably"),
    _e("certainty", "cert_weak", "seemingly", drop="", strengthen="certainly", harmless="apparently"),
    _e("certainty", "cert_weak", "it is possible that", drop="", strengthen="it is certain that"),
    _e("certainty", "cert_weak", "it's possible that", drop="", strengthen="it is certain that"),
    _e("certainty", "cert_strong", "certainly", weaken="possibly", harmless="definitely"),
    _e("certainty", "cert_strong", "definitely", weaken="possibly", harmless="certainly"),
    _e("certainty", "cert_strong", "undoubtedly", weaken="possibly", harmless="certainly"),
    _e("certainty", "cert_strong", "surely", weaken="possibly", harmless="certainly"),
    _e("certainty", "cert_strong", "of course", weaken="possibly", harmless="naturally"),
    _e("certainty", "cert_strong", "obviously", weaken="possibly", harmless="clearly"),
    _e("modality", "modal_can", "may", strengthen="will", harmless="might"),
    _e("modality", "modal_can", "might", strengthen="will", harmless="may"),
    _e("modality", "modal_can", "could", strengthen="will"),
    _e("modality", "modal_can", "can", strengthen="will"),
    _e("modality", "modal_must", "must", weaken="may"),
    _e("modality", "modal_must", "should", weaken="may", harmless="ought to"),
    _e("modality", "modal_must", "have to", weaken="may", harmless="need to"),
    _e("modality", "modal_must", "has to", weaken="may", harmless="needs to"),
    _e("modality", "modal_must", "had to", weaken="could", harmless="needed to"),
    _e("quantifier", "quant_some", "some", number=False, drop="", strengthen="all"),
    _e("quantifier", "quant_some", "several", drop="", strengthen="all", harmless="a number of"),
    _e("quantifier", "quant_some", "a few", drop="", strengthen="all", harmless="several"),
    _e("quantifier", "quant_many", "many", drop="", strengthen="all", weaken="few", harmless="numerous"),
    _e("quantifier", "quant_many", "numerous", drop="", strengthen="all", weaken="few", harmless="many"),
    _e("quantifier", "quant_most", "most", strengthen="all", weaken="some", harmless="the majority of"),
    _e("quantifier", "quant_most", "the majority of", strengthen="all of", weaken="some of", harmless="most"),
    _e("quantifier", "quant_all", "all", weaken="some"),
    _e("quantifier", "quant_all", "every", number=False, harmless="each"),
    _e("quantifier", "quant_all", "each", number=False, harmless="every"),
    _e("quantifier", "quant_few", "few", strengthen="many"),
    _e("frequency", "freq_often", "often", drop="", weaken="rarely", harmless="frequently"),
    _e("frequency", "freq_often", "frequently", drop="", weaken="rarely", harmless="often"),
    _e("frequency", "freq_often", "regularly", drop="", weaken="rarely", harmless="frequently"),
    _e("frequency", "freq_rare", "rarely", drop="", strengthen="often", harmless="seldom"),
    _e("frequency", "freq_rare", "seldom", drop="", strengthen="often", harmless="rarely"),
    _e("frequency", "freq_some", "sometimes", drop="", strengthen="always", harmless="at times"),
    _e("frequency", "freq_some", "occasionally", drop="", strengthen="always", harmless="sometimes"),
    _e("frequency", "freq_usual", "usually", drop="", weaken="rarely", harmless="typically"),
    _e("frequency", "freq_usual", "typically", drop="", weaken="rarely", harmless="usually"),
    _e("frequency", "freq_usual", "normally", drop="", weaken="rarely", harmless="usually"),
    _e("frequency", "freq_always", "always", weaken="sometimes"),
    _e("frequency", "freq_always", "constantly", weaken="sometimes"),
    _e("attribution", "attribution", "according to", drop="", harmless="as stated by"),
    _e("attribution", "attribution", "reportedly", drop=""),
    _e("attribution", "attribution", "allegedly", drop="", harmless="supposedly"),
    _e("attribution", "attribution", "supposedly", drop="", harmless="allegedly"),
    _e("attribution", "attribution", "purportedly", drop="", harmless="allegedly"),
    _e("attribution", "attribution", "so-called", drop="", harmless="so called"),
    _e("approximation", "approx", "about", number=True, drop="", strengthen="exactly", harmless="around"),
    _e("approximation", "approx", "around", number=True, drop="", strengthen="exactly", harmless="about"),
    _e(
        "approximation",
        "approx",
        "approximately",
        number=True,
        drop="",
        strengthen="exactly",
        harmless="roughly",
    ),
    _e(
        "approximation",
        "approx",
        "roughly",
        number=True,
        drop="",
        strengthen="exactly",
        harmless="approximately",
    ),
    _e("approximation", "approx", "nearly", number=True, drop="", strengthen="exactly", harmless="almost"),
    _e("approximation", "approx", "almost", number=True, drop="", strengthen="exactly", harmless="nearly"),
    _e("approximation", "approx", "some", number=True, drop="", strengthen="exactly", harmless="about"),
    _e("approximation", "approx", "close to", number=True, drop="", strengthen="exactly", harmless="nearly"),
    _e("almost", "almost", "almost", number=False, drop="", harmless="nearly"),
    _e("almost", "almost", "nearly", number=False, drop="", harmless="almost"),
    _e("almost", "almost", "practically", number=False, drop="", harmless="virtually"),
    _e("almost", "almost", "virtually", number=False, drop="", harmless="practically"),
    _e("restriction", "restriction", "only", drop="", harmless="just"),
    _e("restriction", "restriction", "merely", drop="", harmless="only"),
    _e("restriction", "restriction", "solely", drop="", harmless="only"),
    _e("restriction", "restriction", "just", number=True, drop="", harmless="only"),
    _e("extent", "extent_part", "partly", drop="", strengthen="completely", harmless="partially"),
    _e("extent", "extent_part", "partially", drop="", strengthen="completely", harmless="partly"),
    _e("extent", "extent_part", "to some extent", drop="", strengthen="completely", harmless="to a degree"),
)
CLASSES = tuple(dict.fromkeys(e.cls for e in EDITS))


@dataclass(frozen=True)
class Item:
    """One rendering of the suite: the source, the edited English, where the edit is (rendering
    offsets, after the edit) and where the class's cues are in the source."""

    set_name: str
    segment: int
    cls: str
    kind: str
    source: str
    reference: str
    rendering: str
    edit_span: tuple[int, int]
    cue_spans: tuple[tuple[int, int], ...]
    words: str


def _ru_cues(source: str, group: str) -> tuple[tuple[int, int], ...]:
    text = source.lower().replace("ё", "е")
    return tuple(m.span() for m in _RU[group].finditer(text))


def _match_ok(edit: Edit, text: str, start: int, end: int) -> bool:
    head = edit.words.split()[0].lower()
    before, after = text[max(0, start - 20) : start].lower(), text[end : end + 30].lower()
    block = _BLOCK_BEFORE.get(head)
    if block and re.search(block, before):
        return False
    block = _BLOCK_AFTER.get(head)
    if block and re.search(block, after):
        return False
    if edit.number is not None:
        before_number = bool(re.match(rf"\s+(?:of )?{_NUMBER}", after))
        if before_number != edit.number:
            return False
    if edit.words == "according to":
        return bool(re.match(r"\s+\S", after))
    return text[start:end] != "May"  # the month


def _apply(text: str, start: int, end: int, edit: Edit, replacement: str) -> tuple[str, tuple[int, int]]:
    """The text with [start, end) replaced (case kept at a sentence start; a drop tidies commas and
    spaces, and "according to X," loses X too)."""
    if (
        replacement
        and edit.words == "all"
        and re.match(r"\s+(?:of|the|this|that|these|those|his|her|its|their|our|my|your)\b", text[end:])
    ):
        replacement += "" if re.match(r"\s+of\b", text[end:]) else " of"  # "all the facts" -> "some of the"
    if replacement:
        if text[start].isupper():
            replacement = replacement[0].upper() + replacement[1:]
        new = text[:start] + replacement + text[end:]
        return new, (start, start + len(replacement))
    if edit.words == "according to":
        # the attribution phrase runs to the next comma or the end of the sentence
        stop = re.search(r"[,;.!?]", text[end:])
        end = end + stop.start() if stop else len(text)
    head, tail = text[:start], text[end:]
    if tail.startswith(",") and (not head.strip() or head.rstrip().endswith((",", "—", "(", ":"))):
        tail = tail[1:]  # "Perhaps, X" -> "X"; "He, apparently, did" -> "He did"
        if head.rstrip().endswith(","):
            head = head.rstrip()[:-1] + " "
    elif head.rstrip().endswith(",") and (not tail.strip() or tail.lstrip()[:1] in ".!?;"):
        head = head.rstrip()[:-1]  # "X, according to Y." -> "X."
    head = head.rstrip(" ")
    tail = tail.lstrip(" ")
    if head and tail and tail[0] not in ",.;:!?)" and not head.endswith(("(", "«", '"', "“")):
        joined = head + " " + tail
    else:
        joined = head + tail
    at = len(head) + (1 if joined[len(head) : len(head) + 1] == " " else 0)
    if at < len(joined) and (not head.strip() or head.rstrip()[-1:] in '.!?"“«'):
        joined = joined[:at] + joined[at].upper() + joined[at + 1 :]
    return joined, (max(0, at - 1), min(len(joined), at + 1))


def items_of(set_name: str, index: int, source: str, reference: str) -> Iterator[Item]:
    """Every item of one segment: per class and edit kind the first English word it applies to, and the
    untouched reference once per class."""
    for cls in CLASSES:
        made: dict[str, Item] = {}
        cues_seen: tuple[tuple[int, int], ...] = ()
        words_seen = ""
        for edit in (e for e in EDITS if e.cls == cls):
            cues = _ru_cues(source, edit.group)
            if not cues:
                continue
            for m in re.finditer(rf"(?<![\w'-]){edit.words}(?![\w'-])", reference, flags=re.IGNORECASE):
                if not _match_ok(edit, reference, m.start(), m.end()):
                    continue
                cues_seen, words_seen = cues_seen or cues, words_seen or m.group()
                for kind in KINDS:
                    replacement = edit.edits.get(kind)
                    if replacement is None or kind in made:
                        continue
                    if kind == "drop" and cls == "quantifier" and re.match(r"\s+of\b", reference[m.end() :]):
                        continue  # "many of them" -> "of them" is no English
                    rendering, span = _apply(reference, m.start(), m.end(), edit, replacement)
                    made[kind] = Item(
                        set_name, index, cls, kind, source, reference, rendering, span, cues, m.group()
                    )
        if made:
            yield Item(set_name, index, cls, "untouched", source, reference, reference,
                       (0, 0), cues_seen, words_seen)  # fmt: skip
            yield from (made[k] for k in KINDS if k in made)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def load_sets(data: Path, split: str) -> dict[str, list[tuple[str, str]]]:
    """The pairs (source, human reference) of each set of a split."""
    sets: dict[str, list[tuple[str, str]]] = {}
    if split in ("dev", "both"):
        src = _lines(data / "wmt21-ru-en" / "src.ru")
        for name, ref in (("wmt21A", "ref.A.en"), ("wmt21B", "ref.B.en")):
            sets[name] = list(zip(src, _lines(data / "wmt21-ru-en" / ref), strict=True))
    if split in ("test", "both"):
        src = _lines(data / "wmt23-ru-en" / "src.ru")
        sets["wmt23A"] = list(zip(src, _lines(data / "wmt23-ru-en" / "ref.A.en"), strict=True))
        seen: dict[str, str] = {}
        for line in (data / "demetr-ru-dev" / "demetr-ru-dev.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                seen.setdefault(row["src_sent"], row["eng_sent"])
        sets["demetr"] = list(seen.items())
    return sets


SPLIT_OF = {"wmt21A": "dev", "wmt21B": "dev", "wmt23A": "test", "demetr": "test"}


def _overlap(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def _naming(item: Item, flags) -> list:
    """The serious flags that name the item's qualifier: a hedge flag, or a flag at the edited words
    (rendering side) or at a cue of the class (source side)."""
    found = []
    for f in flags:
        if f.severity not in SERIOUS:
            continue
        at_edit = item.kind != "untouched" and _overlap(f.rendering_span, item.edit_span)
        at_cue = any(_overlap(f.source_span, cue) for cue in item.cue_spans)
        if f.type == "hedge" or at_edit or at_cue:
            found.append(f)
    return found


def _key(flag) -> tuple:
    return (flag.type, flag.source_span, flag.text if flag.side == "source" else "")


def evaluate(items: list[Item]) -> list[dict]:
    """Each item with its verdict: `flagged` (a new serious flag naming the qualifier; for the untouched
    reference, any serious flag naming it) and the flags that made it."""
    faithful: dict[tuple[str, str], list] = {}
    out = []
    for item in items:
        key = (item.source, item.reference)
        if key not in faithful:
            faithful[key] = score_pair(item.source, item.reference, with_evidence=False).flags
        if item.kind == "untouched":
            named = _naming(item, faithful[key])
        else:
            before = {_key(f) for f in faithful[key] if f.severity in SERIOUS}
            flags = score_pair(item.source, item.rendering, with_evidence=False).flags
            named = [f for f in _naming(item, flags) if _key(f) not in before]
        out.append({"item": item, "flagged": bool(named), "flags": named})
    return out


def summarise(results: list[dict]) -> dict:
    """Per split, class and kind: items and the share flagged (recall for bent edits, false-flag rate for
    the controls), with "all" rows."""
    table: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: [0, 0])))
    for r in results:
        item = r["item"]
        split = SPLIT_OF[item.set_name]
        for cls in (item.cls, "all"):
            for kind in (item.kind, "bent") if item.kind in BENT else (item.kind,):
                cell = table[split][cls][kind]
                cell[0] += 1
                cell[1] += r["flagged"]
    return {
        split: {
            cls: {kind: {"n": n, "flagged": k, "share": round(k / n, 4)} for kind, (n, k) in kinds.items()}
            for cls, kinds in classes.items()
        }
        for split, classes in table.items()
    }


def build(data: Path, split: str, limit: int = 0) -> list[Item]:
    items: list[Item] = []
    for name, pairs in load_sets(data, split).items():
        for index, (source, reference) in enumerate(pairs[: limit or None]):
            items.extend(items_of(name, index, source, reference))
    return items


COLUMNS = ("drop", "strengthen", "weaken", "bent", "untouched", "harmless")


def _print(summary: dict) -> None:
    for split in ("dev", "test"):
        if split not in summary:
            continue
        print(f"{split.upper()}: share flagged (recall for bent edits; false flags for untouched, harmless)")
        print(f"  {'class':14}" + "".join(f"{c:>18}" for c in COLUMNS))
        for cls in (*CLASSES, "all"):
            row = summary[split].get(cls)
            if not row:
                continue
            cells = []
            for c in COLUMNS:
                cell = row.get(c)
                cells.append(f"{cell['share']:>9.1%} of {cell['n']:<5}" if cell else f"{'-':>18}")
            print(f"  {cls:14}" + "".join(f"{c:>18}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--limit", type=int, default=0, help="only the first N segments of each set")
    parser.add_argument("--misses", action="store_true", help="list bent items not caught, harmless flagged")
    parser.add_argument("--cls", default="", help="with --misses: only this class")
    parser.add_argument("--kind", default="", help="with --misses: only this edit kind")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    items = build(args.data, args.split, args.limit)
    results = evaluate(items)
    summary = summarise(results)
    if args.json:
        print(json.dumps({"signature": fidelity_signature(), "summary": summary}, indent=2, sort_keys=True))
        return 0
    print(f"fidelity: {fidelity_signature()}")
    print(f"items: {len(items)} from {len({(i.set_name, i.segment) for i in items})} segments")
    _print(summary)
    if args.misses:
        for r in results:
            item = r["item"]
            if args.cls and item.cls != args.cls or args.kind and item.kind != args.kind:
                continue
            wrong = (not r["flagged"]) if item.kind in BENT else r["flagged"]
            if not wrong:
                continue
            verdict = "MISS" if item.kind in BENT else "FALSE"
            print(f"\n{verdict} {item.set_name}#{item.segment} {item.cls}/{item.kind} ({item.words!r})")
            print(f"  ru: {item.source}")
            print(f"  en: {item.rendering}")
            for f in r["flags"]:
                print(f"  flag: {f.type}/{f.severity} {f.detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
