"""The corpus: one folder per quote with `quote.toml`, the original, renderings and alignments.

Loading is strict (every problem names its file) and never follows a link out of the corpus; writing
takes the quote's lock, builds the whole quote in a staging folder and swaps it in (`toolkit.storage`).

Where a corpus is: `--corpus DIR`, else `./parallel`, else for writing the user's corpus (`$TCT_CORPUS`,
else `platformdirs.user_data_path("tct")/corpus`); reading shows the user's quotes over the bundled,
read-only ones.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from toolkit import storage
from toolkit.errors import TctError, UsageError
from toolkit.segment import KNOWN_LANGUAGES
from toolkit.storage import check_inside, quote_lock
from toolkit.textio import TEMPORARY, read_text, write_text_atomic

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

METADATA = "quote.toml"
STATUSES = ("complete", "partial", "missing")
# \Z, not $: "$" also matches before a final newline ("nl\n" would pass and become a folder "nl\n").
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}\Z")
LANG_PATTERN = re.compile(r"[a-z]{2,3}\Z")
#: Largest quote.toml read (a real one is a few kB): a bigger one is refused before it is parsed.
MAX_METADATA_BYTES = 1 << 20
ENV_CORPUS = "TCT_CORPUS"


def check_id(value: str, what: str = "quote id", usage: bool = True) -> str:
    """A quote id or rendering name as it enters from a user or a file: refused unless plain."""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        message = f"{what} {value!r} must be lower-case letters, digits, '-' or '_' (at most 100)"
        raise UsageError(message) if usage else TctError(message)
    return value


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
    #: From the bundled corpus reached by default (no --corpus, no ./parallel): never written.
    read_only: bool = False

    def rendering(self, name: str) -> Rendering:
        for rendering in self.renderings:
            if rendering.name == name:
                return rendering
        names = ", ".join(r.name for r in self.renderings)
        raise TctError(
            f"quote {self.id!r} has no rendering {name!r} (it has: {names})", self.folder / METADATA
        )

    def alignment_path(self, rendering_name: str) -> Path:
        """Where the rendering's alignment lives; refused if that is a link leaving the corpus."""
        path = self.folder / f"{check_id(rendering_name, 'rendering name', usage=False)}.align.toml"
        return check_inside(path, self.folder.parent)

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
    return bool(LANG_PATTERN.match(lang)) and lang in KNOWN_LANGUAGES


PLAIN_FILE = re.compile(r"[^/\\.\x00-\x1f][^/\\\x00-\x1f]{0,199}\Z")


def _plain_name(name: str, path: Path) -> str:
    """A text file inside the quote folder: a corpus from elsewhere must not make us read (or,
    on save, write) files outside it."""
    if not PLAIN_FILE.match(name) or name.endswith(".tmp"):
        raise TctError(f"file {name!r} must be a plain file name inside the quote folder", path)
    return name


def _read_inside(path: Path, root: Path, allow_empty: bool = True) -> str:
    """Read a corpus file, refusing one that is (or goes through) a link leaving the corpus."""
    return read_text(check_inside(path, root), allow_empty=allow_empty)


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
    folder = Path(os.path.abspath(folder))
    root = folder.parent
    meta_path = folder / METADATA
    check_inside(folder, root)
    data = parse_toml(_read_inside(meta_path, root), meta_path, MAX_METADATA_BYTES)
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
        original_text = _read_inside(folder / _plain_name(original_file, meta_path), root, False)
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
                text=_read_inside(folder / _plain_name(file, meta_path), root, False),
                translator=str(raw.get("translator", "")),
                published_in=str(raw.get("published_in", "")),
                url=str(raw.get("url", "")),
                note=str(raw.get("note", "")),
            )
        )
    return Quote(quote_id, title, author, year, original, renderings, folder, str(data.get("note", "")))


def parse_toml(text: str, path: str | Path, max_bytes: int) -> dict[str, Any]:
    """TOML from a file, guarded: too big, too deeply nested (a 500-deep array) or malformed is one line."""
    if len(text) > max_bytes:
        raise TctError(
            f"too big for this kind of file ({len(text):,} characters, at most {max_bytes:,})", path
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TctError(f"malformed TOML: {' '.join(str(exc).split())}", path) from None
    except RecursionError:
        raise TctError("malformed TOML: nested too deeply", path) from None


def save_quote(quote: Quote, *, new: bool = False) -> None:
    """Write the whole quote: built in a staging folder beside it and swapped in at once, under its lock.

    Files of the existing folder that this quote does not replace (alignments, notes) are carried
    over. With `new`, an existing quote of that id is refused (checked under the lock, so of two
    writers racing for a fresh id exactly one wins).
    """
    if quote.read_only:
        raise TctError(
            "the bundled corpus is read-only; add your own quotes without --corpus (they go to "
            f"{user_corpus_dir()}) or give --corpus DIR",
            quote.folder,
        )
    check_id(quote.id, usage=False)
    folder = Path(os.path.abspath(quote.folder))
    root = folder.parent
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TctError(f"cannot create the corpus folder: {exc.strerror or exc}", root) from None
    with quote_lock(root, quote.id):
        storage.clean(root, quote.id)
        if new and os.path.lexists(folder):
            raise TctError(f"quote {quote.id!r} exists already (use --force to replace it)", folder)
        if os.path.lexists(folder):
            check_inside(folder, root)
        staging = storage.stage_folder(root, quote.id)
        try:
            built = staging / quote.id
            built.mkdir()
            written = {METADATA}
            if quote.original.file and quote.original.text is not None:
                name = _plain_name(quote.original.file, folder / METADATA)
                write_text_atomic(built / name, with_final_newline(quote.original.text))
                written.add(name)
            for rendering in quote.renderings:
                name = _plain_name(rendering.file, folder / METADATA)
                write_text_atomic(built / name, with_final_newline(rendering.text))
                written.add(name)
            if folder.is_dir():
                _carry_over(folder, built, written)
            write_text_atomic(built / METADATA, tomli_w.dumps(quote.metadata_dict()))
            _check_loads(built, folder)
            storage.swap_in(built, folder)
        finally:
            storage.remove_tree(staging)


def _check_loads(built: Path, folder: Path) -> None:
    """The staged quote is read back as `load_quote` will read it, so a write never swaps in a quote
    that every later command would refuse (two renderings of one name, a file given for a missing
    original): it is refused instead, with the old folder left as it was."""
    try:
        load_quote(built)
    except TctError as exc:
        raise TctError(f"not saved: {exc.problem}", folder / METADATA) from None


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """Copy the old folder's other files (not temporary ones) into the new one; a link is kept as a
    link if it stays inside the corpus, and refused (nothing written) if it leaves it."""
    for entry in sorted(old.iterdir()):
        if entry.name in written or TEMPORARY.match(entry.name):
            continue
        if entry.is_symlink():
            check_inside(entry, old.parent)
            os.symlink(os.readlink(entry), new / entry.name)
        elif entry.is_file():
            shutil.copy2(entry, new / entry.name)


@contextlib.contextmanager
def writing(quote: Quote) -> Iterator[None]:
    """Hold the quote's lock around a read-modify-write (load, change, `save_quote`)."""
    with quote_lock(Path(os.path.abspath(quote.folder)).parent, quote.id):
        yield


def remove_quote(quote: Quote) -> None:
    """Delete a quote folder, under its lock; the folder is first renamed aside, so it goes at once."""
    if quote.read_only:
        raise TctError("the bundled corpus is read-only; nothing removed", quote.folder)
    folder = Path(os.path.abspath(quote.folder))
    root = folder.parent
    check_inside(folder, root)
    with quote_lock(root, quote.id):
        staging = storage.stage_folder(root, quote.id)
        try:
            os.rename(folder, staging / quote.id)
        finally:
            storage.remove_tree(staging)


def with_final_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def bundled_corpus_dir() -> Path:
    """The corpus shipped inside the package (or the checkout's parallel/ in an editable install)."""
    package = Path(__file__).resolve().parent
    shipped = package / "_corpus"
    return shipped if shipped.is_dir() else package.parent / "parallel"


def user_corpus_dir() -> Path:
    """Where the user's own quotes go by default: `$TCT_CORPUS`, else the platform's user data folder."""
    configured = os.environ.get(ENV_CORPUS)
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("tct") / "corpus"


def _has_quotes(path: Path) -> bool:
    return path.is_dir() and any(path.glob(f"*/{METADATA}"))


def resolve_corpus_dir(option: str | Path | None = None, *, for_writing: bool = False) -> Path:
    """`--corpus DIR` if given, else ./parallel when it holds quotes, else the user's corpus (always, for
    writing; for reading when it holds quotes, the bundled quotes then shown beneath it), else the bundled one.
    """
    if option is not None:
        if "\x00" in str(option):
            raise UsageError(f"--corpus {str(option)!r} is not a usable folder name")
        path = Path(option)
        if not path.is_dir():
            raise TctError("corpus folder does not exist" if not path.exists() else "not a folder", path)
        return path
    local = Path("parallel")
    if _has_quotes(local):
        return local
    user = user_corpus_dir()
    if for_writing:
        if user.exists() and not user.is_dir():
            raise TctError("the user corpus location is not a folder", user)
        return user
    return user if _has_quotes(user) else bundled_corpus_dir()


class Corpus:
    """A folder of quote folders, loaded lazily.

    The user's corpus (see `user_corpus_dir`) also shows the bundled quotes it does not hold; those,
    and the bundled corpus reached by default, are read-only.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        bundled = bundled_corpus_dir()
        resolved = self.root.resolve()
        local = Path("parallel").resolve()
        self.read_only = resolved == bundled.resolve() and local != resolved
        self.layers = [self.root]
        if resolved == user_corpus_dir().resolve() and bundled.is_dir() and resolved != bundled.resolve():
            self.layers.append(bundled)

    def _root_of(self, quote_id: str) -> Path | None:
        for layer in self.layers:
            if os.path.lexists(layer / quote_id / METADATA):
                return layer
        return None

    def ids(self) -> list[str]:
        found = {p.parent.name for layer in self.layers for p in layer.glob(f"*/{METADATA}")}
        return sorted(i for i in found if ID_PATTERN.match(i))

    def quote(self, quote_id: str) -> Quote:
        if not isinstance(quote_id, str) or not ID_PATTERN.match(quote_id):
            raise UsageError(f"{quote_id!r} is not a quote id (lower-case letters, digits, '-' or '_')")
        layer = self._root_of(quote_id)
        if layer is None:
            known = self.ids()
            hint = f" (known: {', '.join(known[:5])}{', ...' if len(known) > 5 else ''})" if known else ""
            raise TctError(f"unknown quote id {quote_id!r}{hint}", self.root, exit_code=1)
        quote = load_quote(layer / quote_id)
        quote.read_only = self.read_only or layer != self.root
        return quote

    def quotes(self) -> list[Quote]:
        return [self.quote(quote_id) for quote_id in self.ids()]


@dataclass(frozen=True)
class Problem:
    """One problem `check_corpus` (in toolkit.align.corpus, which also checks alignments) found."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
