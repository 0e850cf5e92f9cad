"""The corpus: one folder per quote with `quote.toml`, the original, renderings and alignments.

Loading is strict (every problem names its file); writing is atomic (temporary file, then rename).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from toolkit.errors import TctError
from toolkit.textio import read_text, write_text_atomic

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

METADATA = "quote.toml"
STATUSES = ("complete", "partial", "missing")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}$")


@dataclass
class Original:
    """The original-language passage; `text` is None when nothing of it has been found."""

    lang: str
    status: str
    file: str | None = None
    text: str | None = None
    missing: list[str] = field(default_factory=list)
    citation: str = ""
    urls: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Rendering:
    """One English (or other) rendering of the original, as published somewhere."""

    name: str
    lang: str
    file: str
    text: str
    translator: str = ""
    published_in: str = ""
    url: str = ""
    note: str = ""


@dataclass
class Quote:
    id: str
    title: str
    author: str
    year: int | str | None
    original: Original
    renderings: list[Rendering]
    folder: Path
    note: str = ""

    def rendering(self, name: str) -> Rendering:
        for rendering in self.renderings:
            if rendering.name == name:
                return rendering
        names = ", ".join(r.name for r in self.renderings)
        raise TctError(
            f"quote {self.id!r} has no rendering {name!r} (it has: {names})", self.folder / METADATA
        )

    def alignment_path(self, rendering_name: str) -> Path:
        return self.folder / f"{rendering_name}.align.toml"

    def metadata_dict(self) -> dict[str, Any]:
        """The quote.toml content, in a stable key order."""
        original: dict[str, Any] = {"lang": self.original.lang, "status": self.original.status}
        if self.original.file:
            original["file"] = self.original.file
        original["missing"] = list(self.original.missing)
        original["citation"] = self.original.citation
        original["urls"] = list(self.original.urls)
        original["note"] = self.original.note
        data: dict[str, Any] = {"id": self.id, "title": self.title, "author": self.author}
        if self.year is not None:
            data["year"] = self.year
        if self.note:
            data["note"] = self.note
        data["original"] = original
        data["renderings"] = [
            {
                "name": r.name,
                "lang": r.lang,
                "file": r.file,
                "translator": r.translator,
                "published_in": r.published_in,
                "url": r.url,
                "note": r.note,
            }
            for r in self.renderings
        ]
        return data


def known_language(lang: str) -> bool:
    """An ISO 639 code the segmenter knows (so a typo fails here, naming quote.toml, not mid-alignment)."""
    from toolkit.segment import KNOWN_LANGUAGES

    return bool(LANG_PATTERN.match(lang)) and lang in KNOWN_LANGUAGES


def _plain_name(name: str, path: Path) -> str:
    """A text file inside the quote folder: a corpus from elsewhere must not make us read (or,
    on save, write) files outside it."""
    if not name or name != Path(name).name or name.startswith(".") or "\\" in name:
        raise TctError(f"file {name!r} must be a plain file name inside the quote folder", path)
    return name


def _require(data: dict, key: str, kind: type | tuple[type, ...], path: Path, where: str = "") -> Any:
    if key not in data:
        raise TctError(f"missing required field {where}{key!r}", path)
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise TctError(f"field {where}{key!r} has the wrong type ({type(value).__name__})", path)
    return value


def _strings(data: dict, key: str, path: Path, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TctError(f"field {where}{key!r} must be a list of strings", path)
    return value


def _check_year(year: Any, path: Path) -> int | str | None:
    if year is None or isinstance(year, int) and not isinstance(year, bool):
        return year
    if isinstance(year, str) and re.fullmatch(r"\d{3,4}(-\d{3,4})?", year):
        return year
    raise TctError(f"field 'year' must be a year like 1926 or a range like \"2023-2024\", not {year!r}", path)


def load_quote(folder: str | Path) -> Quote:
    """Load one quote folder; the first problem found is raised as a TctError naming the file."""
    folder = Path(folder)
    meta_path = folder / METADATA
    try:
        data = tomllib.loads(read_text(meta_path))
    except tomllib.TOMLDecodeError as exc:
        raise TctError(f"malformed TOML: {exc}", meta_path) from None
    quote_id = _require(data, "id", str, meta_path)
    if quote_id != folder.name:
        raise TctError(f"id {quote_id!r} does not match its folder name {folder.name!r}", meta_path)
    if not ID_PATTERN.match(quote_id):
        raise TctError(f"id {quote_id!r} must be lower-case letters, digits, '-' or '_'", meta_path)
    title = _require(data, "title", str, meta_path)
    author = _require(data, "author", str, meta_path)
    year = _check_year(data.get("year"), meta_path)

    raw_original = _require(data, "original", dict, meta_path)
    where = "original."
    lang = _require(raw_original, "lang", str, meta_path, where)
    if not known_language(lang):
        raise TctError(f"original.lang {lang!r} is not an ISO 639 code like 'ru'", meta_path)
    status = _require(raw_original, "status", str, meta_path, where)
    if status not in STATUSES:
        raise TctError(f"original.status must be one of {', '.join(STATUSES)}, not {status!r}", meta_path)
    missing = _strings(raw_original, "missing", meta_path, where)
    if status != "complete" and not missing:
        raise TctError(f"original.status is {status!r} but original.missing says nothing of what", meta_path)
    original_file = raw_original.get("file")
    original_text = None
    if status == "missing":
        if original_file:
            raise TctError("original.status is 'missing' but original.file is given", meta_path)
    else:
        if not isinstance(original_file, str) or not original_file:
            raise TctError(f"original.status is {status!r} but original.file is not given", meta_path)
        original_text = read_text(folder / _plain_name(original_file, meta_path), allow_empty=False)
    original = Original(
        lang=lang,
        status=status,
        file=original_file or None,
        text=original_text,
        missing=missing,
        citation=str(raw_original.get("citation", "")),
        urls=_strings(raw_original, "urls", meta_path, where),
        note=str(raw_original.get("note", "")),
    )

    raw_renderings = _require(data, "renderings", list, meta_path)
    if not raw_renderings:
        raise TctError("a quote needs at least one rendering", meta_path)
    renderings: list[Rendering] = []
    for number, raw in enumerate(raw_renderings):
        where = f"renderings[{number}]."
        if not isinstance(raw, dict):
            raise TctError(f"{where[:-1]} must be a table", meta_path)
        name = _require(raw, "name", str, meta_path, where)
        if not ID_PATTERN.match(name):
            raise TctError(
                f"rendering name {name!r} must be lower-case letters, digits, '-' or '_'", meta_path
            )
        if any(r.name == name for r in renderings):
            raise TctError(f"rendering name {name!r} is used twice", meta_path)
        file = _require(raw, "file", str, meta_path, where)
        rendering_lang = _require(raw, "lang", str, meta_path, where)
        if not known_language(rendering_lang):
            raise TctError(f"{where}lang {rendering_lang!r} is not an ISO 639 code like 'en'", meta_path)
        renderings.append(
            Rendering(
                name=name,
                lang=rendering_lang,
                file=file,
                text=read_text(folder / _plain_name(file, meta_path), allow_empty=False),
                translator=str(raw.get("translator", "")),
                published_in=str(raw.get("published_in", "")),
                url=str(raw.get("url", "")),
                note=str(raw.get("note", "")),
            )
        )
    return Quote(quote_id, title, author, year, original, renderings, folder, str(data.get("note", "")))


def save_quote(quote: Quote) -> None:
    """Write the texts and then quote.toml, each atomically (metadata last, so it never names a missing file)."""
    quote.folder.mkdir(parents=True, exist_ok=True)
    if quote.original.file and quote.original.text is not None:
        write_text_atomic(quote.folder / quote.original.file, _with_final_newline(quote.original.text))
    for rendering in quote.renderings:
        write_text_atomic(quote.folder / rendering.file, _with_final_newline(rendering.text))
    write_text_atomic(quote.folder / METADATA, tomli_w.dumps(quote.metadata_dict()))


def _with_final_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def bundled_corpus_dir() -> Path:
    """The corpus shipped inside the package (or the checkout's parallel/ in an editable install)."""
    package = Path(__file__).resolve().parent
    shipped = package / "_corpus"
    return shipped if shipped.is_dir() else package.parent / "parallel"


def resolve_corpus_dir(option: str | Path | None = None) -> Path:
    """`--corpus DIR` if given, else ./parallel when it exists, else the bundled copy."""
    if option is not None:
        path = Path(option)
        if not path.is_dir():
            raise TctError("corpus folder does not exist" if not path.exists() else "not a folder", path)
        return path
    local = Path("parallel")
    if local.is_dir() and any(local.glob(f"*/{METADATA}")):
        return local
    return bundled_corpus_dir()


class Corpus:
    """A folder of quote folders, loaded lazily."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def ids(self) -> list[str]:
        return sorted(p.parent.name for p in self.root.glob(f"*/{METADATA}"))

    def quote(self, quote_id: str) -> Quote:
        folder = self.root / quote_id
        if not (folder / METADATA).is_file():
            known = self.ids()
            hint = f" (known: {', '.join(known[:5])}{', ...' if len(known) > 5 else ''})" if known else ""
            raise TctError(f"unknown quote id {quote_id!r}{hint}", self.root)
        return load_quote(folder)

    def quotes(self) -> list[Quote]:
        return [self.quote(quote_id) for quote_id in self.ids()]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def check_corpus(root: str | Path) -> list[Problem]:
    """Every problem of every quote: metadata, encodings, ids, and alignment files against the texts."""
    from toolkit.align.store import alignment_problems, load_alignment

    root = Path(root)
    problems: list[Problem] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        if not (entry / METADATA).is_file():
            problems.append(Problem(str(entry), f"quote folder without {METADATA}"))
            continue
        try:
            quote = load_quote(entry)
        except TctError as exc:
            problems.append(Problem(exc.path or str(entry), exc.problem))
            continue
        names = {r.name for r in quote.renderings}
        for align_path in sorted(entry.glob("*.align.toml")):
            name = align_path.name.removesuffix(".align.toml")
            if name not in names:
                problems.append(Problem(str(align_path), f"alignment for unknown rendering {name!r}"))
                continue
            try:
                record = load_alignment(align_path)
            except TctError as exc:
                problems.append(Problem(str(align_path), exc.problem))
                continue
            if record.rendering != name:
                problems.append(
                    Problem(str(align_path), f"names rendering {record.rendering!r}, not {name!r}")
                )
            for message in alignment_problems(record, quote.original.text, quote.rendering(name).text):
                problems.append(Problem(str(align_path), message))
    return problems
