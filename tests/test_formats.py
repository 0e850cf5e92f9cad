"""Export and import: every format gives back the identical quote (texts, metadata, beads)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import SEED_CORPUS
from typer.testing import CliRunner

from toolkit.align.beads import Bead
from toolkit.align.store import AlignmentRecord, load_alignment, save_alignment, text_sha256
from toolkit.cli import app
from toolkit.corpus import Corpus, Original, Quote, Rendering, load_quote, save_quote
from toolkit.errors import TctError
from toolkit.formats import FORMATS, build_export, export_files, import_quote, read_export, write_export
from toolkit.segment import split_sentences

runner = CliRunner()

OUTPUT_NAME = {"tmx": "out.tmx", "jsonl": "out.jsonl", "tsv": "out.tsv", "moses": "out"}


@dataclass
class Aligned:
    source_sentences: list
    target_sentences: list
    beads: list[Bead]
    aligner: str = "test"


def _snapshot(folder: Path) -> dict:
    """What must survive a round trip: metadata (but the id), texts, and each alignment's content."""
    quote = load_quote(folder)
    meta = quote.metadata_dict()
    meta.pop("id")
    alignments = {}
    for path in sorted(folder.glob("*.align.toml")):
        record = load_alignment(path)
        alignments[path.name] = (
            [(b.source, b.target, b.confidence) for b in record.beads],
            record.source_spans,
            record.rendering_spans,
            record.checked,
            record.checked_by,
            record.source_sha256,
            record.rendering_sha256,
        )
    return {
        "meta": meta,
        "original": quote.original.text,
        "renderings": {r.name: r.text for r in quote.renderings},
        "alignments": alignments,
    }


def _save_alignments(quote: Quote, aligned: dict[str, Aligned], checked: bool = False) -> None:
    for name, alignment in aligned.items():
        record = AlignmentRecord(
            rendering=name,
            beads=alignment.beads,
            source_spans=[(s.start, s.end) for s in alignment.source_sentences],
            rendering_spans=[(s.start, s.end) for s in alignment.target_sentences],
            source_sha256=text_sha256(_final(quote.original.text)) if quote.original.text else "",
            rendering_sha256=text_sha256(_final(quote.rendering(name).text)),
            checked=checked,
            checked_by="a reviewer" if checked else "",
            aligner="test",
        )
        save_alignment(quote.alignment_path(name), record, force=True)


def _round_trip(folder: Path, fmt: str, work: Path, aligned: dict | None = None) -> Path:
    quote = load_quote(folder)
    output = work / OUTPUT_NAME[fmt]
    write_export(export_files(build_export(quote, aligned=aligned), fmt, output))
    imported = import_quote(output, folder.parent, f"{quote.id}-back", fmt)
    return imported.folder


# Characters that stress every format: Cyrillic, quotes, tabs, XML specials, CSV specials, line-like
# separators that are not LF, combining marks and non-BMP characters.
ALPHABET = list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЕЁЖЗСТabcXYZ019 .,;:!?…-—–«»\"'&<>\t|\\/%$#") + [
    "\u2028",
    "\u00a0",
    "\u0301",
    "\U0001f600",
    "\u200b",
    "\x85",
]


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.text(alphabet=st.sampled_from(ALPHABET), min_size=0, max_size=40).map(lambda s: s + "Ж."),
            min_size=1,
            max_size=4,
        )
    )
    blank = draw(st.sampled_from(["", "\n", "  \n"]))
    return blank + "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@st.composite
def random_beads(draw: st.DrawFn, n_source: int, n_target: int) -> list[Bead]:
    """A random monotone bead sequence covering 0..n-1 on both sides (shapes 0-1, 1-0, 1-1, 2-1, 1-2 ...)."""
    beads: list[Bead] = []
    i = j = 0
    while i < n_source or j < n_target:
        take_source = draw(st.integers(0, min(2, n_source - i)))
        take_target = draw(st.integers(0, min(2, n_target - j)))
        if take_source == take_target == 0:
            take_source, take_target = (1, 0) if i < n_source else (0, 1)
        confidence = draw(st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 4)))
        beads.append(Bead(tuple(range(i, i + take_source)), tuple(range(j, j + take_target)), confidence))
        i += take_source
        j += take_target
    return beads


@st.composite
def quotes(draw: st.DrawFn) -> tuple[Quote, dict]:
    has_original = draw(st.booleans())
    original_text = draw(paragraphs()) if has_original else None
    names = draw(st.lists(st.sampled_from(["post", "published", "b2"]), min_size=1, max_size=2, unique=True))
    renderings = [
        Rendering(
            name=name,
            lang="en",
            file=f"{name}.en.txt",
            text=draw(paragraphs()),
            translator=draw(st.text(alphabet=st.sampled_from(ALPHABET), max_size=10)),
            note='a <note> & "quotes"',
        )
        for name in names
    ]
    quote = Quote(
        id="q",
        title=draw(st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=20)),
        author="Товарищ «Артём»",
        year=draw(st.sampled_from([None, 1926, "2023-2024"])),
        original=Original(
            lang="ru",
            status=draw(st.sampled_from(["complete", "partial"])) if has_original else "missing",
            file="original.ru.txt" if has_original else None,
            text=original_text,
            missing=["the end\tof it"],
            citation="ПСС, т. 45 & <c>",
            urls=["http://example.org/?a=1&b=<2>"],
        ),
        renderings=renderings,
        folder=Path("unused"),
        note=draw(st.sampled_from(["", "multi\nline note"])),
    )
    aligned = {}
    for rendering in renderings:
        # The texts as they are on disk (save_quote adds a final newline).
        source_sentences = split_sentences(_final(original_text), "ru") if original_text else []
        target_sentences = split_sentences(_final(rendering.text), "en")
        beads = draw(random_beads(len(source_sentences), len(target_sentences)))
        aligned[rendering.name] = Aligned(source_sentences, target_sentences, beads)
    return quote, aligned


def _final(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=quotes(), checked=st.booleans())
def test_round_trip_is_identical_for_random_quotes(fmt: str, data: tuple[Quote, dict], checked: bool) -> None:
    quote, aligned = data
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        quote.folder = root / "q"
        save_quote(quote)
        _save_alignments(quote, aligned, checked)
        quote = load_quote(quote.folder)
        back = _round_trip(quote.folder, fmt, Path(tmp), aligned)
        before, after = _snapshot(quote.folder), _snapshot(back)
        assert after == before
        # The beads as given, checked exactly when the export said so.
        for name, alignment in aligned.items():
            record = load_alignment(back / f"{name}.align.toml")
            assert [(b.source, b.target) for b in record.beads] == [
                (b.source, b.target) for b in alignment.beads
            ]
            assert record.checked is checked


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "quote_id", ["lenin-letter-to-congress", "artem-telegram-6953", "beria-passport-memo"]
)
def test_seed_quotes_round_trip_through_the_aligner(
    fmt: str, quote_id: str, corpus_copy: Path, tmp_path: Path
) -> None:
    back = _round_trip(corpus_copy / quote_id, fmt, tmp_path)
    before, after = _snapshot(corpus_copy / quote_id), _snapshot(back)
    before.pop("alignments")  # the seed quote may have none stored; the imported one has them
    after.pop("alignments")
    assert after == before
    assert load_quote(back).id == f"{quote_id}-back"


def test_missing_original_exports_an_empty_source_side(corpus_copy: Path) -> None:
    quote = load_quote(corpus_copy / "artem-telegram-6953")
    export = build_export(quote)
    assert export.rows and all(row.source_text == "" and row.source_ids == () for row in export.rows)
    assert {row.rendering_ids for row in export.rows} != {()}


def test_cli_export_and_import_all_formats(corpus_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for fmt in FORMATS:
        output = tmp_path / OUTPUT_NAME[fmt]
        result = runner.invoke(
            app,
            [
                "export",
                "lenin-letter-to-congress",
                "--format",
                fmt,
                "-o",
                str(output),
                "--corpus",
                str(corpus_copy),
            ],
        )
        assert result.exit_code == 0, result.output
        result = runner.invoke(
            app, ["import", str(output), "--id", f"via-{fmt}", "--corpus", str(corpus_copy)]
        )
        assert result.exit_code == 0, result.output
        assert (
            load_quote(corpus_copy / f"via-{fmt}").original.text
            == load_quote(corpus_copy / "lenin-letter-to-congress").original.text
        )
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [
        "out.en",
        "out.jsonl",
        "out.meta.json",
        "out.ru",
        "out.tmx",
        "out.tsv",
        "out.tsv.meta.json",
    ]
    header = (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[-2:] == ["source_text", "rendering_text"]


def test_export_of_one_rendering_and_tmx_shape(corpus_copy: Path, tmp_path: Path) -> None:
    from lxml import etree

    output = tmp_path / "one.tmx"
    result = runner.invoke(
        app,
        [
            "export",
            "lenin-letter-to-congress",
            "-r",
            "published",
            "-o",
            str(output),
            "--corpus",
            str(corpus_copy),
        ],
    )
    assert result.exit_code == 0, result.output
    root = etree.parse(str(output)).getroot()
    assert root.get("version") == "1.4"
    units = root.findall("body/tu")
    assert units
    for unit in units:
        props = {p.get("type"): p.text for p in unit.findall("prop")}
        assert props["x-rendering"] == "published"
        assert props["x-quote-id"] == "lenin-letter-to-congress"
        assert {"x-bead", "x-source-ids", "x-rendering-ids", "x-confidence", "x-translator"} <= set(props)
        langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in unit.findall("tuv")]
        assert langs == ["ru", "en"]
    header = {p.get("type"): p.text for p in root.findall("header/prop")}
    assert header["x-author"] == "V. I. Lenin" and header["x-year"] == "1922"
    imported = import_quote(output, corpus_copy, "only-published")
    assert [r.name for r in imported.renderings] == ["published"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_twice(fmt: str, corpus_copy: Path, tmp_path: Path) -> None:
    quote = Corpus(corpus_copy).quote("lenin-letter-to-congress")
    first = export_files(build_export(quote), fmt, tmp_path / "x")
    second = export_files(
        build_export(Corpus(corpus_copy).quote("lenin-letter-to-congress")), fmt, tmp_path / "x"
    )
    assert first == second


def test_checked_flag_survives_only_when_the_beads_are_the_stored_ones(tmp_path: Path) -> None:
    root = tmp_path / "c"
    text_ru, text_en = "Один. Два.\n", "One. Two.\n"
    quote = Quote(
        "q",
        "t",
        "a",
        None,
        Original("ru", "complete", "original.ru.txt", text_ru),
        [Rendering("post", "en", "post.en.txt", text_en)],
        root / "q",
    )
    save_quote(quote)
    aligned = Aligned(
        split_sentences(text_ru, "ru"), split_sentences(text_en, "en"), [Bead((0,), (0,)), Bead((1,), (1,))]
    )
    _save_alignments(quote, {"post": aligned}, checked=True)
    assert build_export(load_quote(root / "q"), aligned={"post": aligned}).states["post"].checked
    other = Aligned(aligned.source_sentences, aligned.target_sentences, [Bead((0, 1), (0, 1))])
    assert not build_export(load_quote(root / "q"), aligned={"post": other}).states["post"].checked


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_foreign_files_import_one_paragraph_per_segment(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    tmx = _write(
        tmp_path / "foreign.tmx",
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" segtype="sentence"'
        ' o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>'
        '<body><tu><tuv xml:lang="ru"><seg>Привет, <bpt i="1">&lt;b&gt;</bpt>мир<ept i="1">&lt;/b&gt;</ept>.</seg>'
        '</tuv><tuv xml:lang="en-GB"><seg>Hello, world.</seg></tuv></tu>'
        '<tu><tuv xml:lang="ru"><seg>Только русский.</seg></tuv></tu></body></tmx>',
    )
    quote = import_quote(tmx, root, "from-tmx")
    assert quote.original.text == "Привет, мир.\nТолько русский.\n"  # inline codes are not prose
    assert quote.renderings[0].text == "Hello, world.\n"
    assert quote.renderings[0].name == "imported"
    record = load_alignment(quote.alignment_path("imported"))
    assert [(b.source, b.target) for b in record.beads] == [((0,), (0,)), ((1,), ())]
    assert not record.checked

    _write(tmp_path / "bi.ru", "Раз.\nДва.\n")
    _write(tmp_path / "bi.en", "One.\nTwo.\n")
    quote = import_quote(tmp_path / "bi.ru", root, "from-moses")
    assert quote.original.text == "Раз.\nДва.\n" and quote.renderings[0].text == "One.\nTwo.\n"

    _write(tmp_path / "plain.tsv", "source_text\trendering_text\nРаз.\tOne.\n\tExtra.\n")
    quote = import_quote(tmp_path / "plain.tsv", root, "from-tsv")
    assert quote.renderings[0].text == "One.\nExtra.\n" and quote.original.text == "Раз.\n"

    _write(tmp_path / "plain.jsonl", '{"source_text": "", "rendering_text": "Only English."}\n')
    quote = import_quote(tmp_path / "plain.jsonl", root, "from-jsonl")
    assert quote.original.status == "missing" and quote.original.text is None
    assert Corpus(root).ids() == ["from-jsonl", "from-moses", "from-tmx", "from-tsv"]


def test_edited_segment_falls_back_to_plain_import(corpus_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "x.jsonl"
    write_export(
        export_files(build_export(load_quote(corpus_copy / "lenin-letter-to-congress")), "jsonl", output)
    )
    lines = output.read_text(encoding="utf-8").splitlines()
    bead = json.loads(lines[1])
    bead["rendering_text"] = "Edited by hand."
    lines[1] = json.dumps(bead, ensure_ascii=False)
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notes: list[str] = []
    quote = import_quote(output, corpus_copy, "edited", notice=notes.append)
    assert "Edited by hand." in quote.rendering(bead["rendering"]).text
    assert notes and "no longer fit" in notes[0]
    assert not load_alignment(quote.alignment_path(bead["rendering"])).checked


def test_import_refuses_existing_quote_unless_forced(corpus_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "x.jsonl"
    write_export(
        export_files(build_export(load_quote(corpus_copy / "lenin-letter-to-congress")), "jsonl", output)
    )
    before = (corpus_copy / "beria-passport-memo" / "quote.toml").read_bytes()
    with pytest.raises(TctError, match="exists already"):
        import_quote(output, corpus_copy, "beria-passport-memo")
    assert (corpus_copy / "beria-passport-memo" / "quote.toml").read_bytes() == before
    quote = import_quote(output, corpus_copy, "beria-passport-memo", force=True)
    assert [r.name for r in quote.renderings] == ["post", "published"]
    assert not any(p.name.startswith(".tct-import") for p in corpus_copy.iterdir())


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bad.jsonl", '{"record": "bead", "source_text": 1}\n', "must be strings"),
        ("bad2.jsonl", "{not json\n", "line 1: not valid JSON"),
        ("bad3.jsonl", '{"record": "metadata", "format": "other"}\n', "not a tct export"),
        ("bad.tmx", "<tmx><body><tu>", "not well-formed XML"),
        ("bad2.tmx", "<html/>", "not a TMX file"),
        ("bad.tsv", "a\tb\n1\t2\n", "source_text and rendering_text"),
        ("bad2.tsv", "source_text\trendering_text\nx\n", "line 2: 1 fields"),
        ("bad3.tsv", "source_text\trendering_text\tconfidence\nx\ty\t7\n", r"outside \[0, 1\]"),
        ("bad4.tsv", "source_text\trendering_text\tsource_ids\nx\ty\tfoo\n", "not a comma-separated"),
    ],
)
def test_malformed_files_are_one_line_errors(name: str, content: str, problem: str, tmp_path: Path) -> None:
    path = _write(tmp_path / name, content)
    (tmp_path / "c").mkdir()
    with pytest.raises(TctError, match=problem) as info:
        import_quote(path, tmp_path / "c", "x")
    assert name in str(info.value)
    assert "\n" not in str(info.value)
    assert list((tmp_path / "c").iterdir()) == []


def test_moses_line_count_mismatch_names_the_file(tmp_path: Path) -> None:
    _write(tmp_path / "m.ru", "Раз.\nДва.\n")
    _write(tmp_path / "m.en", "One.\n")
    with pytest.raises(TctError, match="1 lines but .*m.ru has 2") as info:
        read_export(tmp_path / "m", "moses")
    assert info.value.path.endswith("m.en")


def test_unsafe_file_names_in_metadata_are_refused(corpus_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "x.jsonl"
    write_export(
        export_files(build_export(load_quote(corpus_copy / "lenin-letter-to-congress")), "jsonl", output)
    )
    text = output.read_text(encoding="utf-8").replace('"file":"post.en.txt"', '"file":"../../escaped.txt"')
    output.write_text(text, encoding="utf-8")
    with pytest.raises(TctError, match="not a plain file name"):
        import_quote(output, corpus_copy, "evil")
    assert not (corpus_copy.parent / "escaped.txt").exists()


def test_tmx_refuses_characters_xml_cannot_hold(tmp_path: Path) -> None:
    root = tmp_path / "c"
    quote = Quote(
        "q", "t", "a", None, Original("ru", "missing", None, None, ["all"]),
        [Rendering("post", "en", "post.en.txt", "Bell\x07 here.\n")], root / "q",
    )  # fmt: skip
    save_quote(quote)
    aligned = Aligned([], split_sentences("Bell\x07 here.\n", "en"), [Bead((), (0,))])
    export = build_export(load_quote(root / "q"), aligned={"post": aligned})
    with pytest.raises(TctError, match="U\\+0007"):
        export_files(export, "tmx", tmp_path / "x.tmx")
    files = export_files(export, "jsonl", tmp_path / "x.jsonl")  # JSON can hold it
    write_export(files)
    assert import_quote(tmp_path / "x.jsonl", root, "q2").renderings[0].text == "Bell\x07 here.\n"


def test_import_with_interrupted_rename_keeps_the_old_quote(
    corpus_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    import os

    output = tmp_path / "x.jsonl"
    write_export(
        export_files(build_export(load_quote(corpus_copy / "lenin-letter-to-congress")), "jsonl", output)
    )
    before = _snapshot(corpus_copy / "beria-passport-memo")
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        if Path(src).is_dir():
            calls.append((src, dst))
            if len(calls) == 2:  # the old quote is aside; moving the new one into place fails
                raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    import toolkit.storage

    monkeypatch.setattr(toolkit.storage, "_exchange", lambda a, b: False)  # the two-rename path
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        import_quote(output, corpus_copy, "beria-passport-memo", force=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert _snapshot(corpus_copy / "beria-passport-memo") == before
    assert not any(p.name.startswith(".tct-import") for p in corpus_copy.iterdir())


def test_seed_corpus_untouched() -> None:
    # The tests above work on copies; make sure nobody wrote into the repository's corpus.
    assert not any(
        p.name.endswith("-back") or p.name.startswith(".tct-import") for p in SEED_CORPUS.iterdir()
    )


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.lists(st.integers(-2, 5), max_size=3),
    st.dictionaries(st.sampled_from(["spans", "gaps", "lang", "name"]), st.integers(0, 3), max_size=2),
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value, as a key path."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, prefix + (index,))
    return found


def _replace(value: object, path: tuple, new: object) -> object:
    if not path:
        return new
    value[path[0]] = _replace(value[path[0]], path[1:], new)  # type: ignore[index]
    return value


@pytest.fixture(scope="module")
def exported_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("export")
    path = root / "x.jsonl"
    write_export(
        export_files(build_export(load_quote(SEED_CORPUS / "lenin-letter-to-congress")), "jsonl", path)
    )
    return path.read_text(encoding="utf-8").splitlines()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_exports_import_or_fail_cleanly(data: st.DataObject, exported_lines: list[str]) -> None:
    """Any field of an export replaced by junk: a clean TctError, or a quote that loads and checks clean."""
    from toolkit.align.corpus import check_corpus

    records = [json.loads(line) for line in exported_lines]
    number = data.draw(st.integers(0, len(records) - 1))
    path = data.draw(st.sampled_from(_paths(records[number])))
    records[number] = _replace(records[number], path, data.draw(JUNK))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "damaged.jsonl"
        source.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        root = Path(tmp) / "corpus"
        root.mkdir()
        try:
            quote = import_quote(source, root, "damaged")
        except TctError as exc:
            assert "\n" not in str(exc)
            assert [p.name for p in root.iterdir()] == []
            return
        assert check_corpus(root) == []
        assert load_quote(quote.folder).id == "damaged"


@pytest.fixture(scope="module")
def exported_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("export-bytes")
    export = build_export(load_quote(SEED_CORPUS / "lenin-letter-to-congress"))
    return {
        fmt: {path.name: data for path, data in export_files(export, fmt, root / OUTPUT_NAME[fmt]).items()}
        for fmt in FORMATS
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), fmt=st.sampled_from(FORMATS))
def test_corrupted_bytes_import_or_fail_cleanly(
    data: st.DataObject, fmt: str, exported_files: dict[str, dict[str, bytes]]
) -> None:
    """Bytes of an exported file overwritten, cut or doubled: a clean TctError or a quote that checks clean."""
    from toolkit.align.corpus import check_corpus

    files = dict(exported_files[fmt])
    name = data.draw(st.sampled_from(sorted(files)))
    blob = bytearray(files[name])
    position = data.draw(st.integers(0, max(0, len(blob) - 1)))
    action = data.draw(st.sampled_from(["overwrite", "cut", "insert"]))
    chunk = data.draw(st.binary(min_size=1, max_size=6))
    if action == "overwrite":
        blob[position : position + len(chunk)] = chunk
    elif action == "cut":
        del blob[position:]
    else:
        blob[position:position] = chunk
    files[name] = bytes(blob)
    with tempfile.TemporaryDirectory() as tmp:
        for file_name, content in files.items():
            (Path(tmp) / file_name).write_bytes(content)
        root = Path(tmp) / "corpus"
        root.mkdir()
        try:
            quote = import_quote(Path(tmp) / OUTPUT_NAME[fmt], root, "damaged", fmt)
        except TctError as exc:
            assert "\n" not in str(exc)
            assert [p.name for p in root.iterdir()] == []
            return
        assert check_corpus(root) == []
        assert load_quote(quote.folder).id == "damaged"


def test_cli_json_outputs_and_stdout(corpus_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "q.jsonl"
    corpus = ["--corpus", str(corpus_copy)]
    result = runner.invoke(
        app, ["export", "lenin-letter-to-congress", "-f", "jsonl", "-o", str(output), "--json", *corpus]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "beads": 2, "files": [str(output)], "format": "jsonl", "quote": "lenin-letter-to-congress",
    }  # fmt: skip
    to_stdout = runner.invoke(app, ["export", "lenin-letter-to-congress", "-f", "jsonl", *corpus])
    assert to_stdout.stdout_bytes == output.read_bytes()
    result = runner.invoke(app, ["import", str(output), "--id", "copy", "--json", *corpus])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "folder": str(corpus_copy / "copy"), "original": "complete", "quote": "copy", "renderings": ["post", "published"],
    }  # fmt: skip
    result = runner.invoke(app, ["export", "lenin-letter-to-congress", "-f", "tsv", *corpus])
    assert result.exit_code == 2 and "give -o" in result.stderr
