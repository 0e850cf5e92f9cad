"""Round 4's hostile-user findings, one test each: what broke, checked so it cannot come back."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO, SEED_CORPUS
from typer.testing import CliRunner

from toolkit import textio
from toolkit.align.store import AlignmentRecord, alignment_problems
from toolkit.cli import app
from toolkit.corpus import Corpus, Original, Quote, Rendering, save_quote
from toolkit.errors import TctError

runner = CliRunner()
LENIN = SEED_CORPUS / "lenin-letter-to-congress"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line_error(result, code: int) -> str:
    """The promise: exit `code`, one line `tct: ...` on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tct: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    for name in ("original.ru.txt", "post.en.txt", "published.en.txt"):
        (tmp_path / name).write_bytes((LENIN / name).read_bytes())
    return {
        name.split(".")[0]: tmp_path / name for name in ("original.ru.txt", "post.en.txt", "published.en.txt")
    }


# --- corpus add/attach never write a quote that every later command refuses ---------------------------


@pytest.mark.parametrize(
    "extra",
    [
        ["--status", "missing", "--original", "{original}"],  # a file for a missing original
        ["--status", "complete"],  # a complete original with no file
        ["--status", "partial", "--missing", "the end"],
        ["--original", "{original}", "--year", "99999"],
    ],
)
def test_corpus_add_refuses_metadata_that_would_not_load(
    tmp_path: Path, texts: dict[str, Path], extra: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    args = [a.format(original=texts["original"]) for a in extra]
    result = invoke("corpus", "add", "qa", "-r", f"post={texts['post']}", *args, "--corpus", str(corpus))
    one_line_error(result, 2)
    assert not (corpus / "qa").exists()


def test_corpus_add_refuses_one_rendering_name_twice(tmp_path: Path, texts: dict[str, Path]) -> None:
    """Both texts went to p.en.txt (the first was lost) and the corpus no longer loaded."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = invoke(
        "corpus", "add", "qa", "--original", str(texts["original"]),
        "-r", f"p={texts['post']}", "-r", f"p={texts['published']}", "--corpus", str(corpus),
    )  # fmt: skip
    assert "given twice" in one_line_error(result, 2)
    assert not (corpus / "qa").exists()
    ok = invoke("corpus", "add", "qa", "--original", str(texts["original"]), "-r", f"p={texts['post']}",
                "--corpus", str(corpus))  # fmt: skip
    assert ok.exit_code == 0, ok.output
    again = invoke("corpus", "attach", "qa", "-r", f"q={texts['post']}", "-r", f"q={texts['published']}",
                   "--corpus", str(corpus))  # fmt: skip
    one_line_error(again, 2)
    assert invoke("corpus", "check", "--corpus", str(corpus)).exit_code == 0


def test_save_quote_reads_the_staged_quote_back_before_swapping_it_in(tmp_path: Path) -> None:
    """The library's writer refuses what load_quote would refuse, and leaves nothing behind."""
    corpus = tmp_path / "corpus"
    quote = Quote(
        id="qa",
        title="t",
        author="a",
        year=None,
        original=Original(
            lang="ru", status="missing", file="original.ru.txt", text="Текст.\n", missing=["x"]
        ),
        renderings=[Rendering(name="p", lang="en", file="p.en.txt", text="Text.\n")],
        folder=corpus / "qa",
    )
    with pytest.raises(TctError, match="not saved: original.status is 'missing'"):
        save_quote(quote, new=True)
    assert not (corpus / "qa").exists()
    assert [p.name for p in corpus.iterdir() if not p.name.startswith(".")] == []
    assert Corpus(corpus).ids() == []


# --- a failed write names the file the user gave, never the hidden temporary file or nothing ----------


def test_a_write_refused_by_the_folder_names_the_users_file(tmp_path: Path, monkeypatch) -> None:
    """On a read-only folder the message was 'tct: DIR/.r.html.tct123.x1y2.tmp: Read-only file system'."""

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".r.html.tct1.abc.tmp"))

    monkeypatch.setattr(textio.tempfile, "mkstemp", read_only)
    with pytest.raises(TctError) as caught:
        textio.write_text_atomic(tmp_path / "r.html", "x")
    assert str(caught.value) == f"{tmp_path / 'r.html'}: cannot write: Read-only file system"


def test_a_full_disk_during_the_write_names_the_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    full = pytest.raises(TctError, match=r"out\.tsv: cannot write: No space left on device")
    with full, textio.atomic_output(target) as handle:
        handle.write("half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []
    # the caller's own error (a file it reads) passes unchanged
    with pytest.raises(FileNotFoundError), textio.atomic_output(target):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "input.txt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_on_a_full_disk_is_one_line_naming_stdout() -> None:
    """`tct corpus list > /dev/full` said 'tct: No space left on device', naming no file."""
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "corpus", "list", "--corpus", str(SEED_CORPUS)],
            cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["tct: <stdout>: cannot write: No space left on device"]


# --- an option that cannot apply is a usage error, not silently dropped ---------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--src", "{original}", "--hyp", "{post}", "--explain"],
        ["score", "--src", "{original}", "--hyp", "{post}", "--evidence", "--json"],
        ["score", "--src", "{original}", "--hyp", "{post}", "--segments", "--evidence"],  # tsv: no JSON
        ["score", "lenin-letter-to-congress", "--evidence", "--corpus", str(SEED_CORPUS)],
        ["diff", "lenin-letter-to-congress", "--renderings", "post", "published", "--explain",
         "--corpus", str(SEED_CORPUS)],
        ["diff", "{post}", "{published}", "--explain"],
        ["diff", "{post}", "{published}", "--src", "{original}", "--explain"],
    ],
)  # fmt: skip
def test_an_option_that_does_nothing_here_is_a_usage_error(texts: dict[str, Path], args: list[str]) -> None:
    """These printed the same output as without the option, exit 0: the user thought it had applied."""
    result = invoke(*(a.format(**texts) for a in args))
    assert " goes with " in one_line_error(result, 2) or "give it with --json" in result.stderr


# --- tct locate: whole lines in a pipe, '-' for the original too ---------------------------------------


def test_locate_in_a_pipe_prints_whole_lines(tmp_path: Path) -> None:
    """Piped, the context was wrapped at 80 columns with trailing spaces: `| grep cut:` got half a line."""
    book = tmp_path / "book.ru.txt"
    book.write_text("".join((q / "original.ru.txt").read_text() for q in sorted(SEED_CORPUS.iterdir())
                            if (q / "original.ru.txt").is_file()))  # fmt: skip
    result = invoke("locate", str(LENIN / "post.en.txt"), str(book), "--top", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not any(line != line.rstrip() for line in lines)
    after = next(line for line in lines if line.startswith("after: "))
    assert after.endswith("боялись остаться без вождя.")  # the whole context on its one line
    cut = next(line for line in lines if line.startswith("cut: "))
    assert "(qualifier:" in cut


def test_locate_reads_the_original_from_standard_input(tmp_path: Path) -> None:
    original = (LENIN / "original.ru.txt").read_text()
    result = invoke("locate", str(LENIN / "post.en.txt"), "-", "--json", input=original)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["original"] == "<stdin>"
    assert "one input only" in one_line_error(invoke("locate", "-", "-", input=original), 2)
    empty = invoke("corpus", "add", "qa", "--original-from", "-", "--locate", str(LENIN / "post.en.txt"),
                   "--corpus", str(tmp_path), input="")  # fmt: skip
    assert one_line_error(empty, 1) == "tct: <stdin>: the original is empty"


@pytest.mark.parametrize("word", ["", "   "])
def test_lexicon_of_an_empty_word_is_a_usage_error(word: str) -> None:
    """It was "tct: '': not in the lexicon (en; lemmas tried: )", exit 1, as if a word had been looked up."""
    assert "WORD is empty" in one_line_error(invoke("lexicon", word), 2)


def test_align_of_a_quote_takes_quiet_as_the_readme_says(corpus_copy: Path) -> None:
    """The README lists `align ID`/`align --all` among the commands taking -q: it was 'no such option'."""
    args = ["align", "lenin-letter-to-congress", "--corpus", str(corpus_copy)]
    loud, quiet = invoke(*args), invoke(*args, "-q")
    assert loud.exit_code == quiet.exit_code == 0, quiet.output
    rows = [line for line in loud.stdout.splitlines() if not line.startswith("#")]
    assert [line for line in quiet.stdout.splitlines() if not line.startswith("#")] == rows


@pytest.mark.parametrize("fmt", ["tsv", "moses"])
def test_export_to_standard_output_of_a_two_file_format_says_why(fmt: str) -> None:
    """`-o -` was answered 'give -o', which had been given."""
    message = one_line_error(invoke("export", "lenin-letter-to-congress", "-f", fmt, "-o", "-"), 2)
    assert "not standard output" in message and "meta.json" in message


def test_the_encoding_notice_names_koi8_r_as_the_readme_does() -> None:
    """The notice said 'read as koi8_r', Python's codec name."""
    notes: list[str] = []
    text = "Тов. Сталин, сделавшись генсеком, сосредоточил в своих руках необъятную власть.\n"
    assert textio.decode_bytes(text.encode("koi8_r"), "k.txt", notes.append) == text
    assert notes == ["k.txt: not UTF-8; read as KOI8-R and converted"]


def test_quiet_does_what_its_help_says_in_both_formats() -> None:
    """The help promised 'leave out titles', but on a terminal (table) -q keeps them, as the README's
    walk-through shows: the help now says titles go in tsv only."""
    help_text = " ".join(invoke("corpus", "list", "--help").stdout.split())
    assert "Leave out signatures; in tsv also titles" in help_text
    args = ["corpus", "list", "--corpus", str(SEED_CORPUS), "-q"]
    assert "20 quotes" in invoke(*args, "-f", "table").stdout
    tsv = invoke(*args, "-f", "tsv").stdout.splitlines()
    assert tsv[0].startswith("# id\t") and not any("quotes" in line for line in tsv if line.startswith("#"))


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["diff"], "--renderings A B"),
        (["import"], "--source-lang LANG"),
        (["lexicon"], "--from ru|en"),
        (["report"], "--quote ID"),
        (["score"], "--metrics METRIC"),
    ],
)
def test_help_names_what_an_option_takes(command: list[str], shown: str) -> None:
    """They read 'TEXT TEXT', 'TEXT', as if any text would do."""
    assert shown in invoke(*command, "--help").stdout


def test_two_renderings_by_name_still_work() -> None:
    result = invoke("diff", "lenin-letter-to-congress", "--renderings", "post", "published", "-q")
    assert result.exit_code == 0 and "{+" in result.stdout


def test_an_added_sentence_is_not_called_original_unknown(corpus_copy: Path) -> None:
    """A sentence the rendering adds, in a quote whose original is complete, was shown against
    '[no original known]', as if the original had not been found."""
    folder = corpus_copy / "lenin-letter-to-congress"
    with open(folder / "post.en.txt", "a") as handle:
        handle.write("Extra.\n")
    (folder / "post.align.toml").unlink()
    args = ["lenin-letter-to-congress", "-r", "post", "--corpus", str(corpus_copy)]
    table = invoke("score", *args, "-q").stdout
    row = next(line for line in table.splitlines() if "Extra." in line)
    assert row.split("\t")[1] == "[not in the original]"
    page = invoke("report", "lenin-letter-to-congress", "--corpus", str(corpus_copy), "-o", "-").stdout
    assert "[not in the original]" in page and "[no original known]" not in page
    compared = invoke("diff", "lenin-letter-to-congress", "--renderings", "post", "published",
                      "--corpus", str(corpus_copy), "-q").stdout  # fmt: skip
    row = next(line for line in compared.splitlines() if "Extra." in line)
    assert row.split("\t")[1] == "[not in the original]"


# --- tct align --batch: the list is checked whole before anything is written ----------------------------


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        (
            ["{o}\t{p}\tout1.txt", "{o}\t{q}\tout1.txt"],
            "is also line 1's OUT",
        ),  # the second replaced the first
        (["{o}\t{p}\tpairs.tsv"], "is a file the batch reads"),  # the list itself was overwritten
        (["{o}\t{p}\t{p}"], "is a file the batch reads"),  # so was a rendering
        (["{o}\t{p}\tout1.txt", "broken line"], "expected SRC<TAB>TGT<TAB>OUT"),  # out1.txt was written first
    ],
)
def test_align_batch_refuses_outputs_that_would_lose_data(
    tmp_path: Path, texts: dict[str, Path], monkeypatch, lines: list[str], problem: str
) -> None:
    monkeypatch.chdir(tmp_path)
    names = {"o": texts["original"].name, "p": texts["post"].name, "q": texts["published"].name}
    listing = "".join(line.format(**names) + "\n" for line in lines)
    (tmp_path / "pairs.tsv").write_text(listing)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert problem in one_line_error(invoke("align", "--batch", "pairs.tsv"), 1)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_attaching_to_a_bundled_quote_says_how_to_make_it_yours(monkeypatch, tmp_path: Path) -> None:
    """It said 'add your own quotes without --corpus', which does not help with a quote that exists."""
    monkeypatch.chdir(tmp_path)  # no ./parallel: the bundled corpus, read-only, under the user's
    result = invoke("corpus", "attach", "lenin-letter-to-congress", "-r", f"x={LENIN / 'post.en.txt'}")
    message = one_line_error(result, 1)
    assert "tct export lenin-letter-to-congress -f jsonl -o - | tct import - -f jsonl" in message
    exported = invoke("export", "lenin-letter-to-congress", "-f", "jsonl", "-o", "-")
    assert invoke("import", "-", "-f", "jsonl", input=exported.stdout).exit_code == 0
    again = invoke("corpus", "attach", "lenin-letter-to-congress", "-r", f"x={LENIN / 'post.en.txt'}")
    assert again.exit_code == 0, again.output


# --- Ctrl-C before a command's guard: one line, exit 130, no traceback ----------------------------------

_INTERRUPT_AT_IMPORT = """
import os, signal, sys

MODULE = sys.argv[1]

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)  # the user's Ctrl-C, while this module is imported
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["tct", "score", sys.argv[2], "--src", sys.argv[3]]
from toolkit.cli import main
main()
"""


@pytest.mark.parametrize("module", ["typer", "toolkit.cli.score"])
def test_ctrl_c_while_starting_is_one_line(module: str) -> None:
    """Ctrl-C in the first ~0.3 s printed a traceback through typer's imports (exit -2), or, while the
    command's module was imported, exited 130 saying nothing."""
    result = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT_IMPORT, module, str(LENIN / "post.en.txt"),
         str(LENIN / "original.ru.txt")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.stderr.strip().splitlines() == ["tct: interrupted"], result.stderr
    assert result.returncode == 130 and result.stdout == ""


def test_importing_the_command_line_leaves_ctrl_c_to_python() -> None:
    """The start-up handler is for tct's own start: a program importing toolkit.cli keeps KeyboardInterrupt."""
    code = "import signal, toolkit.cli; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.stdout.strip() == "True", result.stderr


# The lead's fixes of what the audit listed outside its files.


def test_a_wrong_case_language_code_is_refused_with_how_to_write_it(texts: dict[str, Path]) -> None:
    result = invoke(
        "score",
        "--src-lang",
        "RU",
        "--src",
        str(texts["original"]),
        "--hyp",
        str(texts["post"]),
    )
    assert "as 'ru'" in one_line_error(result, 2)


def test_line_counts_are_said_in_good_english(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("а\nб\n", encoding="utf-8")
    (tmp_path / "h.txt").write_text("x\n", encoding="utf-8")
    result = invoke("score", "--src", str(tmp_path / "s.txt"), "--hyp", str(tmp_path / "h.txt"))
    assert "has 1 line but" in one_line_error(result, 1)


def test_a_reference_metric_without_a_reference_asks_for_the_reference_only(texts: dict[str, Path]) -> None:
    args = ("score", "--src", str(texts["original"]), "--hyp", str(texts["post"]), "-m", "chrf")
    message = one_line_error(invoke(*args), 2)
    assert "--ref" in message and "--src" not in message


def test_a_checked_alignment_whose_text_changed_is_told_to_use_force() -> None:
    checked = AlignmentRecord(
        rendering="post",
        beads=[],
        source_spans=[(0, 3)],
        rendering_spans=[(0, 3)],
        source_sha256="0" * 64,
        checked=True,
        checked_by="A. Reader",
    )
    assert any("--force" in p for p in alignment_problems(checked, "abc", "xyz"))
    unchecked = AlignmentRecord(
        rendering="post", beads=[], source_spans=[(0, 3)], rendering_spans=[(0, 3)], source_sha256="0" * 64
    )
    assert not any("--force" in p for p in alignment_problems(unchecked, "abc", "xyz"))
