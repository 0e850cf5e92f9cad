"""A rendering in another Latin-script language is refused in one line; real English and Russian are not."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.language import MIN_WORDS, guess_language, language_problem

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RU = "Правительство объявило в среду, что налоги в следующем году повышаться не будут. Жители города собрались на площади."
DE = (
    "Die Regierung hat am Mittwoch angekündigt, dass die Steuern im nächsten Jahr nicht erhöht werden. "
    "Die Einwohner der Stadt versammelten sich auf dem Platz."
)
FR = (
    "Le gouvernement a annoncé mercredi que les impôts ne seront pas augmentés l'année prochaine. "
    "Les habitants de la ville se sont réunis sur la place."
)
EN = "The government announced on Wednesday that taxes will not rise next year. The residents gathered in the square."


def tct(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env_root = str(ROOT)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {env_root!r}); from toolkit.cli import main; main()",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    for name, text in (("src.ru", RU), ("de.txt", DE), ("fr.txt", FR), ("en.txt", EN)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["score", "{bad}", "--src", "src.ru"],
        ["score", "--src", "src.ru", "--hyp", "{bad}"],
        ["diff", "{bad}", "--src", "src.ru"],
        ["align", "src.ru", "{bad}"],
        ["corpus", "add", "fresh", "--original", "src.ru", "-r", "x={bad}", "--corpus", "corpus"],
    ],
    ids=["score", "score-hyp", "diff", "align", "corpus-add"],
)
@pytest.mark.parametrize("bad, language", [("de.txt", "German"), ("fr.txt", "French")])
def test_a_foreign_rendering_is_refused_in_one_line(
    texts: Path, args: list[str], bad: str, language: str
) -> None:
    (texts / "corpus").mkdir()
    before = sorted(p.name for p in texts.rglob("*"))
    result = tct(*[a.replace("{bad}", bad) for a in args], cwd=texts)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr  # one line
    assert result.stderr.startswith(f"tct: {bad}: looks like {language}, not English"), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in texts.rglob("*")) == before  # nothing written


def test_force_lang_scores_it_anyway(texts: Path) -> None:
    result = tct("score", "de.txt", "--src", "src.ru", "--force-lang", cwd=texts)
    assert result.returncode == 0, result.stderr


def test_the_english_rendering_is_not_refused(texts: Path) -> None:
    assert tct("score", "en.txt", "--src", "src.ru", cwd=texts).returncode == 0


def test_short_or_mixed_lines_are_left_undecided() -> None:
    for text in (
        "Der Spiegel",
        "Die Welt reported on Monday that the talks had failed.",
        "Cast: Jeffrey Dean Morgan, Lauren Cohan, Norman Reedus, Christian Serratos",
        "El Paso, Los Angeles, Des Moines and Le Mans",
        "Nous sommes ici.",  # too short to judge: fewer than MIN_WORDS words
    ):
        assert language_problem(text, "en") is None, text
    assert len("Nous sommes ici.".split()) < MIN_WORDS


def test_the_languages_are_named() -> None:
    assert guess_language(DE).lang == "de"
    assert guess_language(FR).lang == "fr"
    assert (
        guess_language(
            "El gobierno anunció el miércoles que no subirá los impuestos durante el próximo año."
        ).lang
        == "es"
    )
    assert (
        guess_language(
            "Il governo ha annunciato mercoledì che non aumenterà le tasse nel corso del prossimo anno."
        ).lang
        == "it"
    )
    assert guess_language(EN).lang == "en"


def _lines(*paths: Path) -> list[str]:
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not (DATA / "wmt23-ru-en").is_dir(), reason="needs ../shared/data")
def test_real_english_and_russian_lines_are_not_refused_as_another_language() -> None:
    english = _lines(
        *sorted(DATA.glob("wmt2*-ru-en/ref.*.en")), *sorted(DATA.glob("wmt2*-ru-en/hyp.Online-B.en"))
    )
    assert len(english) > 4000
    refused = [
        line
        for line in english
        if (problem := language_problem(line, "en")) and problem.startswith("looks like")
    ]
    assert refused == []
    russian = _lines(DATA / "wmt21-ru-en/src.ru")
    assert [line for line in russian if language_problem(line, "ru")] == []


@pytest.mark.skipif(not (DATA / "align-gold/textberg-de-fr").is_dir(), reason="needs ../shared/data")
def test_most_german_and_french_sentences_of_text_berg_are_caught() -> None:
    for lang in ("de", "fr"):
        lines = _lines(*sorted((DATA / "align-gold/textberg-de-fr" / lang).glob("*")))
        judged = [line for line in lines if len(re.findall(r"[^\W\d_]+", line)) >= MIN_WORDS]
        caught = sum(language_problem(line, "en") is not None for line in judged)
        assert caught / len(judged) > 0.85, (lang, caught, len(judged))
