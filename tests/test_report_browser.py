"""The report in a real browser: headless chromium loads it from disk, renders every quote, logs no errors.

Skipped only when chromium is missing on a developer's machine; in CI (env CI set) a missing chromium fails,
since .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from toolkit.corpus import Corpus, bundled_corpus_dir
from toolkit.report import build_report

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
# What chromium prints on stderr for a console message, an uncaught exception or a failed load.
CONSOLE_MARKERS = ("CONSOLE", "Uncaught", "Failed to load resource", "net::ERR_")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed but CI is set: .ci/run should have installed it")
    pytest.skip("chromium is not installed (apt-get install chromium); CI installs it and runs this test")


def run_chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if any(m in line for m in CONSOLE_MARKERS)]


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


def luminance_stats(png: Path) -> tuple[int, int, float, float]:
    """Width, height, mean and variance of grey values over a sample of pixels."""
    width, height, bpp, pixels = decode_png(png.read_bytes())
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


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "report.html"
    path.write_text(build_report(Corpus(bundled_corpus_dir()).quotes()), encoding="utf-8")
    return path


def test_dom_has_every_quote_and_no_console_errors(report_file: Path, tmp_path: Path) -> None:
    result = run_chromium(report_file, tmp_path, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<table" in dom and "</html>" in dom
    for quote_id in Corpus(bundled_corpus_dir()).ids():
        assert f'id="q-{quote_id}"' in dom, quote_id
    assert console_problems(result.stderr) == []


def test_console_check_catches_a_broken_page(tmp_path: Path) -> None:
    """The console check above can fail: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    result = run_chromium(page, tmp_path, "--dump-dom")
    assert console_problems(result.stderr), result.stderr[-2000:]


@pytest.mark.parametrize("size", ["1280,2000", "390,1600"])
def test_screenshot_is_not_blank(report_file: Path, tmp_path: Path, size: str) -> None:
    png = tmp_path / "shot.png"
    result = run_chromium(report_file, tmp_path, f"--screenshot={png}", f"--window-size={size}")
    assert result.returncode == 0 and png.is_file(), result.stderr[-2000:]
    width, height, mean, variance = luminance_stats(png)
    assert (width, height) == tuple(int(n) for n in size.split(","))
    assert 100 < mean < 255  # mostly white paper, not a black or empty frame...
    assert variance > 200  # ...with text and tables on it
