"""TMX from other tools: inline codes, per-unit srclang, several languages, namespaces, unusable units."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.errors import TctError
from toolkit.formats import import_quote

runner = CliRunner()
HEADER = (
    '<header srclang="{src}" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"'
    ' creationtool="other" creationtoolversion="1"/>'
)


def _tmx(tmp_path: Path, body: str, src: str = "ru", root: str = '<tmx version="1.4">') -> Path:
    path = tmp_path / "foreign.tmx"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{root}{HEADER.format(src=src)}<body>{body}</body></tmx>',
        encoding="utf-8",
    )
    return path


def _tu(*tuvs: tuple[str, str], srclang: str | None = None) -> str:
    attribute = f' srclang="{srclang}"' if srclang else ""
    inner = "".join(f'<tuv xml:lang="{lang}"><seg>{seg}</seg></tuv>' for lang, seg in tuvs)
    return f"<tu{attribute}>{inner}</tu>"


def _import(path: Path, tmp_path: Path, notes: list[str] | None = None):
    root = tmp_path / "corpus"
    root.mkdir(exist_ok=True)
    return import_quote(path, root, "foreign", notice=(notes.append if notes is not None else None))


def test_inline_codes_are_dropped_and_hi_text_kept(tmp_path: Path) -> None:
    seg_en = 'The <bpt i="1">{\\b </bpt>black<ept i="1">}</ept> cat<ph x="2">&lt;br/&gt;</ph>.'
    seg_ru = '<it pos="begin">&lt;i&gt;</it>Чёрный <hi type="b">кот</hi><ut>\\par</ut>.'
    quote = _import(_tmx(tmp_path, _tu(("ru", seg_ru), ("en", seg_en))), tmp_path)
    assert quote.renderings[0].text == "The black cat.\n"
    assert quote.original.text == "Чёрный кот.\n"


def test_unit_srclang_beats_the_header(tmp_path: Path) -> None:
    body = _tu(("en", "Hello."), ("ru", "Привет."), srclang="ru") + _tu(
        ("ru", "Пока."), ("en", "Bye."), srclang="ru"
    )
    quote = _import(_tmx(tmp_path, body, src="en"), tmp_path)
    assert quote.original.lang == "ru"
    assert quote.original.text == "Привет.\nПока.\n"
    assert quote.renderings[0].text == "Hello.\nBye.\n"


def test_three_languages_take_the_original_and_english_and_report_the_rest(tmp_path: Path) -> None:
    body = _tu(("ru", "Раз."), ("de", "Eins."), ("en", "One.")) + _tu(("ru", "Два."), ("en", "Two."))
    notes: list[str] = []
    quote = _import(_tmx(tmp_path, body), tmp_path, notes)
    assert quote.original.text == "Раз.\nДва.\n"
    assert quote.renderings[0].text == "One.\nTwo.\n" and quote.renderings[0].lang == "en"
    assert any("'de'" in note and "left out" in note for note in notes), notes


def test_namespaced_tmx_reads_as_plain_tmx(tmp_path: Path) -> None:
    path = _tmx(
        tmp_path,
        _tu(("ru", "Раз."), ("en", "One.")),
        root='<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">',
    )
    quote = _import(path, tmp_path)
    assert quote.original.text == "Раз.\n" and quote.renderings[0].text == "One.\n"


def test_each_unusable_unit_is_reported_and_the_others_imported(tmp_path: Path) -> None:
    body = (
        _tu(("ru", "Раз."), ("en", "One."))
        + '<tu><tuv xml:lang="ru"></tuv><tuv xml:lang="en"><seg>No seg.</seg></tuv></tu>'
        + "<tu></tu>"
        + _tu(("ru", "Два."), ("ru", "Дважды."))
        + _tu(("ru", "Три."), ("en", "Three."))
    )
    notes: list[str] = []
    quote = _import(_tmx(tmp_path, body), tmp_path, notes)
    assert quote.original.text == "Раз.\nТри.\n"
    assert quote.renderings[0].text == "One.\nThree.\n"
    assert any("translation unit 2" in n and "no <seg>" in n for n in notes), notes
    assert any("translation unit 3" in n and "no <tuv>" in n for n in notes), notes
    assert any("translation unit 4" in n and "more than one" in n for n in notes), notes


def test_no_usable_unit_is_one_line_error(tmp_path: Path) -> None:
    path = _tmx(tmp_path, '<tu><tuv xml:lang="ru"></tuv></tu>')
    with pytest.raises(TctError, match=r"no usable translation units \(translation unit 1: .*no <seg>\)"):
        _import(path, tmp_path)
    assert list((tmp_path / "corpus").iterdir()) == []


def test_cli_import_reports_units_on_standard_error(tmp_path: Path) -> None:
    body = _tu(("ru", "Раз."), ("en", "One."), ("fr", "Un.")) + "<tu></tu>"
    path = _tmx(tmp_path, body)
    (tmp_path / "corpus").mkdir()
    result = runner.invoke(
        app, ["import", str(path), "--id", "foreign", "--corpus", str(tmp_path / "corpus")]
    )
    assert result.exit_code == 0, result.output
    assert "translation unit 2: no <tuv>; left out" in result.stderr
    assert "'fr'" in result.stderr
