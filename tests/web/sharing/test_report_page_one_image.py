"""Page 1 of the PDF rendered to PNG with pdftoppm (poppler), kept in test-artifacts/ for review; and the
Report page's own preview of page 1 (typst's PNG) is the same page."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_page_one_renders_to_an_a4_image(report_of: Callable[..., Any], tmp_path: Path) -> None:
    from benzotaper.reports.report import report_pdf

    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (.ci/run does)")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(report_of(name="Alice Example", questions="Can we slow down in spring?")))
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "report-page-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
        check=True,
        timeout=60,
    )
    width, height = png_size(target.with_suffix(".png").read_bytes())
    assert abs(height / width - 297 / 210) < 0.01  # A4, portrait


def test_the_preview_is_page_one(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import PREVIEW_PPI, report_preview_png

    width, height = png_size(report_preview_png(report_of()))
    assert (width, height) == (round(210 / 25.4 * PREVIEW_PPI), round(297 / 25.4 * PREVIEW_PPI))
