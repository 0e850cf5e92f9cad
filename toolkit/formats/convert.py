"""Between corpus quotes and the format-neutral `Export`: build one from a quote, rebuild a quote from one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from toolkit.align.beads import Bead
from toolkit.align.corpus import align_quote
from toolkit.align.store import AlignmentRecord, load_alignment, text_sha256
from toolkit.corpus import ID_PATTERN, PLAIN_FILE, STATUSES, Original, Quote, Rendering, known_language
from toolkit.errors import TctError
from toolkit.formats.model import (
    Export,
    Layout,
    RenderingState,
    Row,
    check_beads,
    plain_layout,
    rebuild_text,
    rows_for,
)

# A file name inside a quote folder: no folders, no hidden files (an imported file must not write elsewhere).
SAFE_FILE = PLAIN_FILE


class SentenceLike(Protocol):
    start: int
    end: int


class AlignedLike(Protocol):
    """What `toolkit.align.AlignedText` offers and an export needs."""

    source_sentences: list[Any]
    target_sentences: list[Any]
    beads: list[Bead]


def align_rendering(quote: Quote, name: str) -> AlignedLike:
    """The rendering's alignment: the stored file when it still fits the texts, else the aligner's."""
    return align_quote(quote, name)


def _state(
    quote: Quote, name: str, beads: list[Bead], source: Layout | None, target: Layout, aligner: str
) -> RenderingState:
    """Checked only if the stored file says so *and* holds exactly these beads."""
    state = RenderingState(source_layout=source, rendering_layout=target, aligner=aligner)
    path = quote.alignment_path(name)
    if not path.exists():
        return state
    try:
        record = load_alignment(path)
    except TctError:
        return state
    same = [(b.source, b.target) for b in record.beads] == [(b.source, b.target) for b in beads]
    spans_same = tuple(record.rendering_spans) == target.spans and tuple(record.source_spans) == (
        source.spans if source else ()
    )
    if same and spans_same:
        state.checked, state.checked_by, state.aligner = record.checked, record.checked_by, record.aligner
    return state


def build_export(
    quote: Quote, rendering: str | None = None, aligned: dict[str, AlignedLike] | None = None
) -> Export:
    """Everything needed to write `quote` (all renderings, or just `rendering`) in any format.

    `aligned` maps rendering names to ready alignments (tests, callers that aligned already); the
    others are aligned with `toolkit.align.align_quote`.
    """
    names = [quote.rendering(rendering).name] if rendering else [r.name for r in quote.renderings]
    metadata = quote.metadata_dict()
    metadata["renderings"] = [r for r in metadata["renderings"] if r["name"] in names]
    export = Export(metadata=metadata, source_lang=quote.original.lang)
    source_text = quote.original.text
    for name in names:
        target = quote.rendering(name)
        alignment = (aligned or {}).get(name) or align_rendering(quote, name)
        source_spans = [(s.start, s.end) for s in alignment.source_sentences]
        target_spans = [(s.start, s.end) for s in alignment.target_sentences]
        where = str(quote.alignment_path(name))
        check_beads(list(alignment.beads), len(source_spans), len(target_spans), where)
        source_layout = Layout.of(source_text, source_spans) if source_text is not None else None
        target_layout = Layout.of(target.text, target_spans)
        export.states[name] = _state(
            quote,
            name,
            list(alignment.beads),
            source_layout,
            target_layout,
            getattr(alignment, "aligner", ""),
        )
        export.rows += rows_for(
            name,
            list(alignment.beads),
            source_text,
            source_layout,
            target.text,
            target_layout,
            quote.original.lang,
            target.lang,
        )
    return export


def _text(value: Any, key: str, where: str, default: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise TctError(f"metadata field {key!r} must be a string", where)
    return value


def _file_name(value: Any, key: str, where: str) -> str:
    name = _text(value, key, where)
    if not SAFE_FILE.match(name):
        raise TctError(f"metadata field {key!r} = {name!r} is not a plain file name", where)
    return name


def _strings(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TctError(f"metadata field {key!r} must be a list of strings", where)
    return list(value)


def _lang(value: Any, key: str, where: str) -> str:
    lang = _text(value, key, where)
    if not known_language(lang):
        raise TctError(f"unknown language code {lang!r} in {key} (use ISO 639, e.g. ru, en)", where)
    return lang


def rebuild_quote(
    export: Export, quote_id: str, folder: Path, where: str, notice: Callable[[str], None] | None = None
) -> tuple[Quote, list[AlignmentRecord]]:
    """The quote and alignment records an export describes (written to `folder` by the caller).

    Texts come back byte-identical when the file still fits its layout; when it does not (a foreign
    file, or segments edited by hand) each bead becomes its own paragraph and a plain alignment.
    """
    if not ID_PATTERN.match(quote_id):
        raise TctError(f"quote id {quote_id!r} must be lower-case letters, digits, '-' or '_'", where)
    if not export.rows:
        raise TctError("no aligned segments to import", where)
    metadata = export.metadata or {}
    names = export.rendering_names()
    by_name: dict[str, list[Row]] = {name: [] for name in names}
    for row in export.rows:
        by_name[row.rendering].append(row)
    names = [name for name in names if by_name[name]]
    raw_renderings = {
        entry["name"]: entry
        for entry in metadata.get("renderings", [])
        if isinstance(entry, dict) and isinstance(entry.get("name"), str)
    }

    raw_original = metadata.get("original") if isinstance(metadata.get("original"), dict) else {}
    source_lang = _lang(raw_original.get("lang", export.source_lang), "original.lang", where)

    source_texts: list[str] = []
    records: list[AlignmentRecord] = []
    renderings: list[Rendering] = []
    for name in names:
        if not ID_PATTERN.match(name):
            raise TctError(f"rendering name {name!r} must be lower-case letters, digits, '-' or '_'", where)
        rows = sorted(by_name[name], key=lambda r: r.bead)
        raw = raw_renderings.get(name, {})
        target_lang = _lang(raw.get("lang", rows[0].rendering_lang), f"rendering {name} lang", where)
        state = export.states.get(name, RenderingState())
        source_text, target_text, beads, source_spans, target_spans = _rebuild_side_texts(rows, state)
        target_layout_ok = target_text is not None
        checked = state.checked
        if target_text is None:
            # Plain import: one paragraph per segment on each side.
            if notice and state.rendering_layout is not None:
                notice(
                    f"{where}: segments of {name!r} no longer fit the recorded layout; one paragraph per segment"
                )
            checked = False
            s_text, s_spans, s_ids = plain_layout([r.source_text for r in rows])
            t_text, t_spans, t_ids = plain_layout([r.rendering_text for r in rows])
            beads = [
                Bead(() if s is None else (s,), () if t is None else (t,), _confidence(r.confidence))
                for r, s, t in zip(rows, s_ids, t_ids, strict=True)
                if s is not None or t is not None
            ]
            source_text = s_text if s_spans else None
            target_text, source_spans, target_spans = t_text, s_spans, t_spans
            if not t_spans:
                raise TctError(f"rendering {name!r} has no text", where)
        if source_text is not None:
            source_texts.append(source_text)
        renderings.append(
            Rendering(
                name=name,
                lang=target_lang,
                file=_file_name(
                    raw.get("file", f"{name}.{target_lang}.txt"), f"rendering {name} file", where
                ),
                text=target_text,
                translator=_text(raw.get("translator"), "translator", where),
                published_in=_text(raw.get("published_in"), "published_in", where),
                url=_text(raw.get("url"), "url", where),
                note=_text(raw.get("note"), "note", where),
            )
        )
        records.append(
            AlignmentRecord(
                rendering=name,
                beads=beads,
                source_spans=source_spans,
                rendering_spans=target_spans,
                source_sha256="",
                rendering_sha256="",
                checked=checked,
                checked_by=state.checked_by if checked else "",
                aligner=state.aligner if target_layout_ok else "tct import",
            )
        )
    if len(set(source_texts)) > 1:
        raise TctError("the renderings disagree on the text of the original", where)
    original_text = source_texts[0] if source_texts else None
    if original_text is not None and any(not r.source_spans for r in records):
        raise TctError("some renderings have an original side and some do not", where)

    status = _text(raw_original.get("status"), "original.status", where, "")
    if status not in STATUSES:
        status = "complete" if original_text is not None else "missing"
    if original_text is None and status != "missing":
        status = "missing"
    missing = _strings(raw_original.get("missing"), "original.missing", where)
    if status != "complete" and not missing:
        missing = ["entire original not found"] if status == "missing" else ["not recorded"]
    original_file = None
    if original_text is not None:
        original_file = _file_name(
            raw_original.get("file") or f"original.{source_lang}.txt", "original.file", where
        )
    year = metadata.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int | str)):
        raise TctError("metadata field 'year' must be a number or a string", where)
    files = [original_file] + [r.file for r in renderings]
    files = [f for f in files if f]
    if len(set(files)) != len(files):
        raise TctError("two texts of the quote would share one file name", where)
    quote = Quote(
        id=quote_id,
        title=_text(metadata.get("title"), "title", where, quote_id) or quote_id,
        author=_text(metadata.get("author"), "author", where, "unknown"),
        year=year,
        original=Original(
            lang=source_lang,
            status=status,
            file=original_file,
            text=original_text,
            missing=missing,
            citation=_text(raw_original.get("citation"), "original.citation", where),
            urls=_strings(raw_original.get("urls"), "original.urls", where),
            note=_text(raw_original.get("note"), "original.note", where),
        ),
        renderings=renderings,
        folder=folder,
        note=_text(metadata.get("note"), "note", where),
    )
    for record, rendering in zip(records, renderings, strict=True):
        if original_text is not None:
            record.source_sha256 = text_sha256(_final_newline(original_text))
        record.rendering_sha256 = text_sha256(_final_newline(rendering.text))
        check_beads(record.beads, len(record.source_spans), len(record.rendering_spans), where)
    return quote, records


def _final_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _confidence(value: float) -> float:
    return min(1.0, max(0.0, float(value))) if value == value else 0.0


def _rebuild_side_texts(
    rows: list[Row], state: RenderingState
) -> tuple[str | None, str | None, list[Bead], list[tuple[int, int]], list[tuple[int, int]]]:
    """Both texts from the layout in the metadata; (None, None, ...) when the rows no longer fit it."""
    failed: tuple[None, None, list[Bead], list, list] = (None, None, [], [], [])
    if state.rendering_layout is None:
        return failed
    target = rebuild_text(state.rendering_layout, [(r.rendering_ids, r.rendering_text) for r in rows])
    if target is None:
        return failed
    source = None
    if state.source_layout is not None:
        source = rebuild_text(state.source_layout, [(r.source_ids, r.source_text) for r in rows])
        if source is None:
            return failed
    elif any(r.source_ids or r.source_text.strip() for r in rows):
        return failed
    beads = [Bead(r.source_ids, r.rendering_ids, _confidence(r.confidence)) for r in rows]
    n_source = len(state.source_layout.spans) if state.source_layout else 0
    try:
        check_beads(beads, n_source, len(state.rendering_layout.spans), "")
    except TctError:
        return failed
    return (
        source,
        target,
        beads,
        list(state.source_layout.spans) if state.source_layout else [],
        list(state.rendering_layout.spans),
    )
