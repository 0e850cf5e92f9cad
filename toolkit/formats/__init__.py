"""Exchange formats: a quote out to TMX, Moses, TSV or JSON Lines, and back into the corpus.

`export_files` gives the files of an export (path -> bytes) and `write_export` writes them atomically;
`read_export` reads any of them back and `import_quote` turns that into a new quote folder.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import tomli_w

from toolkit.align.store import save_alignment
from toolkit.corpus import METADATA, Quote, check_id, load_quote, with_final_newline
from toolkit.errors import TctError, UsageError
from toolkit.formats import jsonl, moses, tmx, tsv
from toolkit.formats.convert import build_export, rebuild_quote
from toolkit.formats.model import Export
from toolkit.formats.rows import dumps_line
from toolkit.inputs import STDIN, display_name, is_stdin, stdin_bytes
from toolkit.storage import quote_lock, remove_tree, stage_folder, swap_in
from toolkit.textio import Notice, decode_bytes, read_text, write_bytes_atomic, write_text_atomic

FORMATS = ("tmx", "moses", "tsv", "jsonl")
#: An export of one quote is rarely more than a few MB; these bound what a hostile file can make us hold.
MAX_IMPORT_BYTES = 512 << 20
MAX_SIDECAR_BYTES = 64 << 20
SIDECAR = ".meta.json"
EXTENSIONS = {".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

__all__ = [
    "FORMATS",
    "Export",
    "build_export",
    "export_files",
    "guess_format",
    "import_quote",
    "read_export",
    "write_export",
]


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


def moses_prefix(output: Path, languages: tuple[str, ...]) -> Path:
    """`-o out` and `-o out.ru` both mean the prefix `out` (files out.ru, out.en, out.meta.json)."""
    for lang in languages:
        if output.name.endswith(f".{lang}") and len(output.name) > len(lang) + 1:
            return output.with_name(output.name[: -len(lang) - 1])
    return output


def _with_suffix(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _sidecar(export: Export, rows: bool) -> bytes:
    document = export.document()
    if rows:
        document["rows"] = [
            {
                "rendering": r.rendering,
                "bead": r.bead,
                "source_ids": list(r.source_ids),
                "rendering_ids": list(r.rendering_ids),
                "confidence": r.confidence,
            }
            for r in export.rows
        ]
    return (
        json.dumps(json.loads(dumps_line(document)), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    ).encode()


def export_files(export: Export, fmt: str, output: Path) -> dict[Path, bytes]:
    """The files an export consists of, by path; nothing is written."""
    _check_format(fmt)
    if fmt == "tmx":
        return {output: tmx.dump(export)}
    if fmt == "jsonl":
        return {output: jsonl.dump(export).encode("utf-8")}
    if fmt == "tsv":
        return {
            output: tsv.dump(export).encode("utf-8"),
            _with_suffix(output, SIDECAR): _sidecar(export, False),
        }
    source_lang, rendering_lang = moses.languages(export)
    prefix = moses_prefix(output, (source_lang, rendering_lang))
    source, rendering = moses.dump(export)
    return {
        _with_suffix(prefix, f".{source_lang}"): source.encode("utf-8"),
        _with_suffix(prefix, f".{rendering_lang}"): rendering.encode("utf-8"),
        _with_suffix(prefix, SIDECAR): _sidecar(export, True),
    }


def write_export(files: dict[Path, bytes]) -> list[Path]:
    """Write every file atomically (each one is either the old or the new version, never half)."""
    for path in files:
        if path.is_dir():
            raise TctError("is a directory, expected an output file", path)
    for path, data in files.items():
        write_bytes_atomic(path, data)
    return list(files)


def guess_format(path: Path) -> str:
    """From the file name: .tmx, .tsv, .jsonl, or a Moses prefix / .<lang> file."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    if _with_suffix(path, SIDECAR).is_file() or _moses_pair(path, "ru") is not None:
        return "moses"
    raise UsageError(
        f"cannot tell the format of {path.name!r} from its name; give --format ({', '.join(FORMATS)})"
    )


NOT_LANGUAGES = {"tmx", "tsv", "tab", "txt", "csv", "xml", "doc", "pdf", "json", "gz", "bz2", "xz", "zip"}


def _moses_pair(
    path: Path, source_lang: str, rendering_lang: str | None = None
) -> tuple[Path, Path, Path] | None:
    """(prefix, source file, rendering file) for a Moses prefix or either of its files."""
    candidates = [path]
    if "." in path.name:
        candidates.append(path.with_name(path.name.rsplit(".", 1)[0]))
    for prefix in candidates:
        source = _with_suffix(prefix, f".{source_lang}")
        if not source.is_file():
            continue
        if rendering_lang:
            rendering = _with_suffix(prefix, f".{rendering_lang}")
            if rendering.is_file():
                return prefix, source, rendering
            continue
        others = sorted(
            p
            for p in prefix.parent.glob(f"{prefix.name}.*")
            if p != source and p.is_file() and _is_language_suffix(p.name[len(prefix.name) + 1 :])
        )
        if len(others) == 1:
            return prefix, source, others[0]
    return None


def _is_language_suffix(suffix: str) -> bool:
    return (
        2 <= len(suffix) <= 3
        and suffix.isascii()
        and suffix.isalpha()
        and suffix.lower() not in NOT_LANGUAGES
    )


def _check_size(path: Path, limit: int) -> None:
    """Refuse before reading a file too big to be an export of one quote (memory is the limit)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TctError(f"cannot read: {exc.strerror or exc}", path) from None
    if size > limit:
        raise TctError(f"too big to import ({size:,} bytes, at most {limit:,})", path)


def _read_sidecar(path: Path, notice: Notice | None) -> dict | None:
    if not path.is_file():
        return None
    _check_size(path, MAX_SIDECAR_BYTES)
    try:
        data = json.loads(read_text(path, notice))
    except ValueError as exc:
        raise TctError(f"not valid JSON ({exc})", path) from None
    except RecursionError:
        raise TctError("not valid JSON (nested too deeply)", path) from None
    if not isinstance(data, dict):
        raise TctError("expected a JSON object", path)
    return data


def read_export(
    path: Path, fmt: str | None = None, source_lang: str = "ru", notice: Notice | None = None
) -> Export:
    """Read an exported quote back; every problem is a TctError naming the file."""
    if is_stdin(path):
        return _read_stdin(fmt, source_lang, notice)
    path = Path(path)
    fmt = _check_format(fmt) if fmt else guess_format(path)
    where = str(path)
    if fmt == "moses":
        return _read_moses(path, source_lang, notice)
    if not path.exists():
        raise TctError("no such file", path)
    if path.is_dir():
        raise TctError("is a directory, expected a file", path)
    _check_size(path, MAX_IMPORT_BYTES)
    if fmt == "tmx":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TctError(f"cannot read: {exc.strerror or exc}", path) from None
        if not data.strip():
            raise TctError("empty file", path)
        return tmx.load(data, where, source_lang, notice)
    text = read_text(path, notice, allow_empty=False)
    if fmt == "jsonl":
        return jsonl.load(text, where, source_lang)
    export = tsv.load(text, where, source_lang)
    sidecar = _with_suffix(path, SIDECAR)
    document = _read_sidecar(sidecar, notice)
    if document is not None:
        export = Export.from_document(document, export.rows, str(sidecar))
    return export


def _read_stdin(fmt: str | None, source_lang: str, notice: Notice | None) -> Export:
    """An export piped in ('-'): TMX, JSON Lines or TSV, named by --format (moses is two files)."""
    if fmt is None or _check_format(fmt) == "moses":
        raise UsageError("reading standard input ('-') needs --format tmx, tsv or jsonl (moses is two files)")
    where = display_name(STDIN)
    data = stdin_bytes().read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise TctError(f"too big to import (more than {MAX_IMPORT_BYTES:,} bytes)", where)
    if not data.strip():
        raise TctError("empty input", where)
    if fmt == "tmx":
        return tmx.load(data, where, source_lang, notice)
    text = decode_bytes(data, where, notice)
    return jsonl.load(text, where, source_lang) if fmt == "jsonl" else tsv.load(text, where, source_lang)


def _read_moses(path: Path, source_lang: str, notice: Notice | None) -> Export:
    sidecar_doc = None
    for prefix in (path, path.with_name(path.name.rsplit(".", 1)[0]) if "." in path.name else path):
        sidecar_doc = _read_sidecar(_with_suffix(prefix, SIDECAR), notice)
        if sidecar_doc is not None:
            sidecar = _with_suffix(prefix, SIDECAR)
            break
    if sidecar_doc is not None:
        quote = sidecar_doc.get("quote") if isinstance(sidecar_doc.get("quote"), dict) else {}
        original = quote.get("original") if isinstance(quote.get("original"), dict) else {}
        source_lang = str(original.get("lang") or source_lang)
        langs = {r.get("lang") for r in quote.get("renderings", []) if isinstance(r, dict)}
        rendering_lang = langs.pop() if len(langs) == 1 else None
    pair = _moses_pair(path, source_lang, rendering_lang if sidecar_doc is not None else None)
    if pair is None:
        if path.is_dir():
            raise TctError("is a directory, expected a Moses file or prefix", path)
        if not path.exists() and not list(path.parent.glob(f"{path.name}.*")):
            raise TctError("no such file (nor a Moses pair with this prefix)", path)
        raise TctError(
            f"no Moses pair here: expected PREFIX.{source_lang} and one PREFIX.<lang> beside it", path
        )
    _, source_path, rendering_path = pair
    rendering_lang = rendering_path.name.rsplit(".", 1)[1]
    row_fields = None
    if sidecar_doc is not None:
        row_fields = sidecar_doc.get("rows")
        if not isinstance(row_fields, list) or not all(isinstance(r, dict) for r in row_fields):
            raise TctError("'rows' must be a list of objects", sidecar)
    rows = moses.load(
        read_text(source_path, notice),
        read_text(rendering_path, notice, allow_empty=False),
        source_lang,
        rendering_lang,
        str(source_path),
        str(rendering_path),
        row_fields,
    )
    if sidecar_doc is None:
        return Export(metadata=None, rows=rows, source_lang=source_lang)
    return Export.from_document(sidecar_doc, rows, str(sidecar))


def import_quote(
    path: Path,
    corpus_root: Path,
    quote_id: str | None = None,
    fmt: str | None = None,
    force: bool = False,
    source_lang: str = "ru",
    notice: Notice | None = None,
) -> Quote:
    """Create (or with `force`, replace) a quote folder from an exported file; returns the loaded quote.

    The folder is built beside the corpus and renamed into place, so a failure or a crash leaves the
    corpus as it was.
    """
    if quote_id is not None:
        check_id(quote_id, "--id")
    export = read_export(Path(path), fmt, source_lang, notice)
    exported_id = export.metadata.get("id") if export.metadata else None
    quote_id = quote_id or (exported_id if isinstance(exported_id, str) else None)
    if not quote_id:
        raise UsageError("the file does not name its quote; give --id")
    check_id(quote_id, "the quote id the file records")
    corpus_root = Path(os.path.abspath(corpus_root))
    final = corpus_root / quote_id
    quote, records = rebuild_quote(export, quote_id, final, str(path), notice)
    try:
        corpus_root.mkdir(parents=True, exist_ok=True)  # the user corpus, on its first write
    except OSError as exc:
        raise TctError(f"cannot create the corpus folder: {exc.strerror or exc}", corpus_root) from None
    # Texts and metadata are built in a staging folder and swapped in whole (save_quote); the
    # alignments are written into the new folder under the same lock, before anyone can see it.
    with quote_lock(corpus_root, quote_id):
        if os.path.lexists(final) and not force:
            raise TctError(f"quote {quote_id!r} exists already (use --force to replace it)", final)
        _save_with_alignments(quote, records, final, str(path))
    return load_quote(final)


def _save_with_alignments(quote: Quote, records: list, final: Path, where: str) -> None:
    """Build the quote and its alignment files in staging, check them as every command would, swap in."""
    root = final.parent
    staging = stage_folder(root, quote.id)
    try:
        built = staging / quote.id
        staged = dataclasses.replace(quote, folder=built)
        built.mkdir()
        for name, text in _texts(staged).items():
            write_text_atomic(built / name, text)
        for record in records:
            save_alignment(staged.alignment_path(record.rendering), record, force=True)
        write_text_atomic(built / METADATA, tomli_w.dumps(staged.metadata_dict()))
        try:
            load_quote(built)  # the same strict check every other command applies
        except TctError as exc:
            raise TctError(f"the quote it describes is not valid: {exc.problem}", where) from None
        swap_in(built, final)
    finally:
        remove_tree(staging)


def _texts(quote: Quote) -> dict[str, str]:
    texts = {}
    if quote.original.file and quote.original.text is not None:
        texts[quote.original.file] = with_final_newline(quote.original.text)
    for rendering in quote.renderings:
        texts[rendering.file] = with_final_newline(rendering.text)
    return texts
