"""The corpus: loading, validation, atomic writes, and the `tct corpus` commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from paths import SEED_CORPUS, SHARED
from typer.testing import CliRunner

from toolkit.align.corpus import check_corpus
from toolkit.cli import app
from toolkit.corpus import Corpus, load_quote, resolve_corpus_dir
from toolkit.errors import TctError
from toolkit.textio import write_text_atomic

runner = CliRunner()

SEED_IDS = {
    "artem-telegram-6953",
    "mukhin-party-control",
    "mukhin-railway",
    "mukhin-dual-power",
    "mukhin-unofficial-structure",
    "mukhin-stalin-background",
    "mukhin-secretariat-sverdlov",
    "mukhin-trotsky-on-appointment",
    "mukhin-power-without-position",
    "mukhin-afraid-of-leader",
    "historian-constitutional-reform",
    "stalin-hostile-elections",
    "historian-join-the-terror",
    "stalin-1926-party-dictatorship",
    "mukhin-politburo-1941",
    "mukhin-scalpel-xix-congress",
    "historian-presidium-1952",
    "plenum-1952-stalin-resigns",
    "beria-passport-memo",
    "lenin-letter-to-congress",
}


def test_seed_corpus_has_every_quote_and_checks_clean() -> None:
    assert set(Corpus(SEED_CORPUS).ids()) == SEED_IDS
    assert check_corpus(SEED_CORPUS) == []


def test_every_shared_original_is_carried() -> None:
    originals = SHARED / "originals"
    if not originals.is_dir():
        pytest.skip("../shared is not beside the repository")
    for ru in originals.glob("*.ru.txt"):
        quote = load_quote(SEED_CORPUS / ru.name.removesuffix(".ru.txt"))
        assert quote.original.text == ru.read_text(encoding="utf-8")
    for en in originals.glob("*.en-published.txt"):
        quote = load_quote(SEED_CORPUS / en.name.removesuffix(".en-published.txt"))
        assert quote.rendering("published").text == en.read_text(encoding="utf-8")


def test_post_renderings_are_verbatim_quotes_from_the_post() -> None:
    post = (SHARED / "seed" / "post.txt").read_text(encoding="utf-8") if SHARED.is_dir() else None
    if post is None:
        pytest.skip("../shared is not beside the repository")
    flat = " ".join(post.split())
    for quote in Corpus(SEED_CORPUS).quotes():
        for paragraph in quote.rendering("post").text.splitlines():
            assert " ".join(paragraph.split()) in flat, (quote.id, paragraph[:60])
    # Bracketed insertions of the blogger are evidence and stay.
    assert (
        "[neuter the party]" in load_quote(SEED_CORPUS / "mukhin-scalpel-xix-congress").rendering("post").text
    )


def test_list_json_shape() -> None:
    result = runner.invoke(app, ["corpus", "list", "--json", "--corpus", str(SEED_CORPUS)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {q["id"] for q in data} == SEED_IDS
    for quote in data:
        assert {"id", "title", "author", "year", "original", "renderings"} <= set(quote)
        assert {"lang", "status", "chars", "sentences"} <= set(quote["original"])
        assert quote["original"]["status"] in ("complete", "partial", "missing")
        assert (quote["original"]["chars"] == 0) == (quote["original"]["status"] == "missing")
        for rendering in quote["renderings"]:
            assert {"name", "lang", "chars"} <= set(rendering)
            assert rendering["chars"] > 0
    lenin = next(q for q in data if q["id"] == "lenin-letter-to-congress")
    assert [r["name"] for r in lenin["renderings"]] == ["post", "published"]


def test_show_prints_texts() -> None:
    result = runner.invoke(app, ["corpus", "show", "lenin-letter-to-congress", "--corpus", str(SEED_CORPUS)])
    assert result.exit_code == 0
    assert "необъятную" in result.output and "immense power" in result.output


def test_unknown_quote_is_one_line_error() -> None:
    result = runner.invoke(app, ["corpus", "show", "no-such-quote", "--corpus", str(SEED_CORPUS)])
    assert result.exit_code == 1
    assert result.stderr.startswith("tct: ") and "unknown quote id 'no-such-quote'" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('author = "V. I. Lenin"\n', ""), "missing required field 'author'"),
        (lambda t: t.replace('status = "complete"', 'status = "found"'), "original.status must be one of"),
        (lambda t: t.replace('id = "lenin-letter-to-congress"', 'id = "lenin"'), "does not match its folder"),
        (lambda t: t + "\n[broken\n", "malformed TOML"),
        (lambda t: t.replace('lang = "ru"', 'lang = "Russian"'), "not an ISO 639 code"),
        (lambda t: t.replace('file = "post.en.txt"', 'file = "nope.en.txt"'), "no such file"),
    ],
)
def test_bad_metadata_fails_check_naming_the_file(corpus_copy: Path, edit, message: str) -> None:
    meta = corpus_copy / "lenin-letter-to-congress" / "quote.toml"
    meta.write_text(edit(meta.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(app, ["corpus", "check", "--corpus", str(corpus_copy)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "lenin-letter-to-congress" in lines[0] and message in lines[0]


def test_check_reports_undecodable_text(corpus_copy: Path) -> None:
    (corpus_copy / "beria-passport-memo" / "post.en.txt").write_bytes(b"abc \xff\xfe\x00 binary")
    problems = check_corpus(corpus_copy)
    assert len(problems) == 1 and "post.en.txt" in problems[0].path


def test_check_reports_bad_alignment(corpus_copy: Path) -> None:
    from toolkit.align.beads import Bead
    from toolkit.align.store import AlignmentRecord, save_alignment, text_sha256

    quote = load_quote(corpus_copy / "lenin-letter-to-congress")
    text = quote.rendering("published").text
    record = AlignmentRecord(
        rendering="published",
        beads=[Bead((0,), (0,), 0.9)],  # the second source sentence is not covered
        source_spans=[(0, 10), (11, 40)],
        rendering_spans=[(0, len(text.strip()))],
        source_sha256=text_sha256(quote.original.text),
        rendering_sha256=text_sha256(text),
    )
    save_alignment(quote.alignment_path("published"), record)
    problems = check_corpus(corpus_copy)
    assert problems and all("published.align.toml" in p.path for p in problems)
    assert any("source sentences covered" in p.message for p in problems)


def test_checked_alignment_needs_force(corpus_copy: Path) -> None:
    from toolkit.align.beads import Bead
    from toolkit.align.store import AlignmentRecord, load_alignment, save_alignment

    path = corpus_copy / "lenin-letter-to-congress" / "published.align.toml"
    record = AlignmentRecord(
        "published", [Bead((0,), (0,))], [(0, 5)], [(0, 5)], checked=True, checked_by="A. Reader"
    )
    save_alignment(path, record)
    with pytest.raises(TctError, match="not overwritten"):
        save_alignment(path, AlignmentRecord("published", [], [], []))
    save_alignment(path, AlignmentRecord("published", [], [], []), force=True)
    assert load_alignment(path).checked is False


def test_add_and_attach(corpus_copy: Path, tmp_path: Path) -> None:
    ru = tmp_path / "ru.txt"
    en = tmp_path / "en.txt"
    en2 = tmp_path / "en2.txt"
    ru.write_text("Я не уверен.\n", encoding="utf-8")
    en.write_text("I am not sure.\n", encoding="utf-8")
    en2.write_text("I am unsure.\n", encoding="utf-8")
    args = [
        "corpus",
        "add",
        "new-quote",
        "--rendering",
        f"post={en}",
        "--title",
        "T",
        "--author",
        "A",
        "--year",
        "1922",
        "--corpus",
        str(corpus_copy),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert load_quote(corpus_copy / "new-quote").original.status == "missing"
    assert runner.invoke(app, args).exit_code == 1  # exists already
    result = runner.invoke(
        app,
        [
            "corpus",
            "attach",
            "new-quote",
            "--original",
            str(ru),
            "-r",
            f"other={en2}",
            "--corpus",
            str(corpus_copy),
        ],
    )
    assert result.exit_code == 0, result.output
    quote = load_quote(corpus_copy / "new-quote")
    assert quote.original.status == "complete" and quote.original.text == "Я не уверен.\n"
    assert [r.name for r in quote.renderings] == ["post", "other"]
    assert check_corpus(corpus_copy) == []


@pytest.mark.parametrize(
    "extra",
    [
        ["--rendering", "post"],
        ["--rendering", "post=missing.txt"],
        ["--lang", "Russian"],
        ["--year", "last year"],
    ],
)
def test_add_rejects_bad_input_in_one_line(corpus_copy: Path, tmp_path: Path, extra: list[str]) -> None:
    en = tmp_path / "en.txt"
    en.write_text("Text.\n", encoding="utf-8")
    base = ["corpus", "add", "x-quote", "--corpus", str(corpus_copy), "--original", str(en)]
    if extra[0] != "--rendering":
        base += ["--rendering", f"post={en}"]
    result = runner.invoke(app, base + extra)
    assert result.exit_code != 0
    assert result.stderr.startswith("tct: ") and len(result.stderr.strip().splitlines()) == 1
    assert not (corpus_copy / "x-quote" / "quote.toml").exists()


def test_atomic_write_keeps_old_file_when_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "quote.toml"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(TctError, match="quote.toml: cannot write: disk gone"):
        write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quote.toml"]  # no temporary file left behind


def test_default_corpus_is_local_parallel_else_bundled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = resolve_corpus_dir()
    assert (bundled / "lenin-letter-to-congress" / "quote.toml").is_file()
    with pytest.raises(TctError, match="does not exist"):
        resolve_corpus_dir(tmp_path / "nowhere")


def test_add_and_attach_refuse_a_text_in_the_wrong_language(corpus_copy: Path, tmp_path: Path) -> None:
    english = tmp_path / "speech.txt"
    english.write_text("Comrade Stalin has concentrated immense power in his hands.\n", encoding="utf-8")
    russian = tmp_path / "speech.ru.txt"
    russian.write_text("Товарищ Сталин сосредоточил в своих руках необъятную власть.\n", encoding="utf-8")
    base = ["corpus", "add", "wrong-lang", "--corpus", str(corpus_copy), "--original", str(english)]
    result = runner.invoke(app, [*base, "--rendering", f"post={russian}"])
    assert result.exit_code == 1
    assert (
        result.stderr.startswith(f"tct: {english}: expected Russian") and len(result.stderr.splitlines()) == 1
    )
    assert not (corpus_copy / "wrong-lang").exists()
    result = runner.invoke(app, [*base, "--rendering", f"post={russian}", "--force-lang"])
    assert result.exit_code == 0, result.output
    attach = ["corpus", "attach", "wrong-lang", "--corpus", str(corpus_copy), "-r", f"other={russian}"]
    result = runner.invoke(app, attach)
    assert result.exit_code == 1 and "expected English" in result.stderr
    assert [r.name for r in load_quote(corpus_copy / "wrong-lang").renderings] == ["post"]
