"""The report in a real browser: Playwright drives Debian's Chromium (`executable_path`, so nothing is downloaded).

Loads with no console errors, every quote present, a finding marked on both sides of a sentence, no horizontal
scroll on a phone, links to sentences that land, screenshots that are not blank, and a one-sentence quote on one
printed page. Skipped only when chromium is missing; `.ci/run` installs it (and CI set makes a missing one fail).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from toolkit.corpus import Corpus, bundled_corpus_dir
from toolkit.report import build_report

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed but CI is set: .ci/run should have installed it")
    pytest.skip("chromium is not installed (apt-get install chromium); CI installs it and runs these tests")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    from playwright.sync_api import sync_playwright  # heavy; only these tests need it

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "report.html"
    path.write_text(build_report(Corpus(bundled_corpus_dir()).quotes()), encoding="utf-8")
    return path


def open_page(browser: Any, path: Path, viewport: dict[str, int]) -> tuple[Any, list[str]]:
    """A page showing `path`, and the list that collects its console errors and uncaught exceptions."""
    page = browser.new_page(viewport=viewport)
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed to load {r.url}"))
    page.goto(path.resolve().as_uri())
    return page, problems


def test_loads_without_console_errors_and_every_quote_is_there(browser: Any, report_file: Path) -> None:
    page, problems = open_page(browser, report_file, DESKTOP)
    for quote_id in Corpus(bundled_corpus_dir()).ids():
        article = page.locator(f"#q-{quote_id}")
        assert article.count() == 1, quote_id
        assert article.locator("h2").is_visible(), quote_id
        assert page.locator(f'#overview tr[data-quote="{quote_id}"]').first.is_visible(), quote_id
    assert problems == []
    page.close()


def test_console_check_catches_a_broken_page(browser: Any, tmp_path: Path) -> None:
    """The check above can fail: a page with a script error is caught."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    page, problems = open_page(browser, broken, DESKTOP)
    assert any("undefinedFunction" in p for p in problems)
    page.close()


def _highlight(mark: Any) -> dict[str, Any]:
    return mark.evaluate(
        "m => { const r = m.getBoundingClientRect(); const s = getComputedStyle(m);"
        " return {w: r.width, h: r.height, bg: s.backgroundColor, visibility: s.visibility}; }"
    )


def test_a_finding_is_highlighted_on_both_sides(browser: Any, report_file: Path) -> None:
    page, _ = open_page(browser, report_file, DESKTOP)
    segment = page.locator(".seg.deviates:has(.side.source mark.flag):has(.side.rendering mark.flag)").first
    assert segment.count() == 1, "no sentence with marks on both sides"
    segment.scroll_into_view_if_needed()
    for side in ("source", "rendering"):
        mark = segment.locator(f".side.{side} mark.flag").first
        assert mark.is_visible()
        box = _highlight(mark)
        assert box["w"] > 0 and box["h"] > 0 and box["visibility"] == "visible"
        assert box["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), box  # a coloured highlight
    # each mark's number points to a finding listed under the sentence
    number = segment.locator("mark.flag").first.get_attribute("data-finding")
    assert segment.locator(f'ol.findings li[value="{number}"]').is_visible()
    page.close()


def test_phone_layout_has_no_horizontal_scroll_and_a_collapsed_overview(
    browser: Any, report_file: Path
) -> None:
    page, problems = open_page(browser, report_file, PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    overview = page.locator("details#overview")
    assert overview.get_attribute("open") is None
    assert page.locator("details#overview > summary").is_visible()
    assert not page.locator("table.overview").is_visible()  # the quotes come right after one summary line
    first_quote = page.locator("article.quote").first.bounding_box()
    assert first_quote is not None and first_quote["y"] < PHONE["height"]  # content on the first screen
    page.locator("details#overview > summary").click()
    assert page.locator("table.overview").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []
    page.close()


def test_desktop_shows_the_overview_open(browser: Any, report_file: Path) -> None:
    page, _ = open_page(browser, report_file, DESKTOP)
    assert page.locator("table.overview").is_visible()
    assert page.locator("figure.corpus svg").is_visible()
    page.close()


def test_links_to_sentences_land_on_the_sentence(browser: Any, report_file: Path) -> None:
    page, _ = open_page(browser, report_file, DESKTOP)
    link = page.locator("ol.ranked a").first
    target = link.get_attribute("href")
    assert target and target.startswith("#")
    link.click()
    assert page.evaluate("location.hash") == target
    landed = page.locator(target)
    assert landed.is_visible() and landed.evaluate("e => e.matches(':target')")
    top = landed.bounding_box()
    assert top is not None and 0 <= top["y"] < DESKTOP["height"]
    # a strip cell links to its sentence too, even a folded (faithful) one: the browser opens its <details>
    cells = page.locator("svg.strip a")
    assert cells.count() > 0
    folded = page.locator("details.faithful .seg").first
    folded_id = folded.get_attribute("id")
    page.locator(f'svg.strip a[href="#{folded_id}"]').first.click()
    assert page.evaluate("location.hash") == f"#{folded_id}"
    assert folded.is_visible()
    page.close()


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, unfiltered pixel bytes) of an 8-bit RGB/RGBA/grey PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunk = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat.append(chunk)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0, "only 8-bit non-interlaced PNGs are decoded here"
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    pixels = bytearray(height * stride)
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        pixels[y * stride : (y + 1) * stride] = line
        previous = line
    return width, height, bpp, bytes(pixels)


def luminance_stats(png: bytes) -> tuple[int, int, float, float]:
    """Width, height, mean and variance of grey values over a sample of pixels."""
    width, height, bpp, pixels = decode_png(png)
    values = []
    for y in range(0, height, 4):
        row = y * width * bpp
        for x in range(0, width, 4):
            i = row + x * bpp
            values.append(
                pixels[i] if bpp <= 2 else (pixels[i] * 3 + pixels[i + 1] * 6 + pixels[i + 2]) // 10
            )
    mean = sum(values) / len(values)
    return width, height, mean, sum((v - mean) ** 2 for v in values) / len(values)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_screenshot_is_not_blank(browser: Any, report_file: Path, viewport: dict[str, int]) -> None:
    page, _ = open_page(browser, report_file, viewport)
    width, height, mean, variance = luminance_stats(page.screenshot())
    assert (width, height) == (viewport["width"], viewport["height"])
    assert 100 < mean < 255  # mostly white paper, not a black or empty frame...
    assert variance > 200  # ...with text and tables on it
    page.close()


def test_blank_check_can_fail(browser: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><body></body></html>")
    page, _ = open_page(browser, empty, PHONE)
    _, _, _, variance = luminance_stats(page.screenshot())
    assert variance < 1
    page.close()


def test_one_sentence_quote_prints_on_one_page(browser: Any, tmp_path: Path) -> None:
    """The report of a one-sentence quote: the overview on page 1, the whole quote on page 2, nothing after."""
    quote = Corpus(bundled_corpus_dir()).quote("lenin-letter-to-congress")
    path = tmp_path / "one.html"
    path.write_text(build_report([quote]), encoding="utf-8")
    page, _ = open_page(browser, path, DESKTOP)
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 2, pages


def page_texts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    """The text lines of each printed page (poppler's pdftotext, installed with chromium by .ci/run)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail(
                "pdftotext is not installed but CI is set: .ci/run should have installed poppler-utils"
            )
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def orphaned_headings(html: str, pages: list[list[str]]) -> list[str]:
    """Pages whose last line is a heading. A quote's title is also a line of the overview table (where ending a
    page is fine), so titles the page shows outside headings too are left out."""

    def texts(pattern: str) -> set[str]:
        return {unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in re.findall(pattern, html, re.DOTALL)}

    headings = texts(r"<h[1-3][^>]*>(.*?)</h[1-3]>") - texts(r'<span class="title">(.*?)</span>')
    return [page[-1] for page in pages if page and any(h and page[-1] == h for h in headings)]


def test_printed_pages_end_with_no_orphaned_heading(browser: Any, report_file: Path, tmp_path: Path) -> None:
    page, _ = open_page(browser, report_file, DESKTOP)
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    pages = page_texts(pdf, tmp_path)
    assert len(pages) > 5
    assert orphaned_headings(report_file.read_text(encoding="utf-8"), pages) == []


def test_orphan_check_can_fail(browser: Any, tmp_path: Path) -> None:
    lonely = tmp_path / "lonely.html"
    html = '<!DOCTYPE html><html><body><p>a</p><h3>Lonely heading</h3><p style="break-before: page">b</p></body></html>'
    lonely.write_text(html)
    page, _ = open_page(browser, lonely, DESKTOP)
    pdf = page.pdf(format="A4", margin={"top": "10mm", "bottom": "10mm"})
    page.close()
    assert orphaned_headings(html, page_texts(pdf, tmp_path)) == ["Lonely heading"]
