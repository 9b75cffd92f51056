"""Nested bullet lists are drawn with glyphs the configured fonts have, in the PDF and the DOCX.

WeasyPrint's default markers for the second and third level (◦ U+25E6, ▪ U+25AA) are not in
PT Serif or PT Sans: DejaVu was embedded and ``check`` failed on any nested list.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from samizdat.config import load_config
from samizdat.verify.fonts import coverage, pdf_font_names
from tests.support import copy_project, pdf_text, run_cli, write_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NESTED = """---
title: Nested lists
---

- First level
  - Second level
    - Third level
      - Fourth level
- Back to the first

::: note In a box
- First
  - Second
    - Third
:::
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("nested-lists"))
    write_doc(project, "nested.md", NESTED)
    result = run_cli(project, "build", "--strict", "content/nested.md", "--lang", "en", "--format", "pdf,docx")
    assert result.returncode == 0, result.stderr
    assert "problem" not in result.stderr and "error" not in result.stderr, result.stderr
    return project


def test_check_finds_no_problem(built: Path) -> None:
    result = run_cli(built, "check", "content/nested.md", "--lang", "en", "--format", "pdf,docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout + result.stderr


def test_pdf_embeds_only_the_configured_fonts(built: Path) -> None:
    fonts = pdf_font_names(built / "build" / "en" / "nested.pdf")
    assert fonts and all(name.startswith(("PT-Serif", "PT-Sans", "PT-Mono")) for name in fonts), fonts


def test_pdf_markers_differ_by_level(built: Path) -> None:
    text = pdf_text(built / "build" / "en" / "nested.pdf")
    assert re.search(r"• First level – Second level • Third level • Fourth level • Back to the first", text), text


def test_docx_bullets_are_in_the_text_fonts(built: Path) -> None:
    with zipfile.ZipFile(built / "build" / "en" / "nested.docx") as package:
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    markers = {lvl.find(W + "lvlText").get(W + "val") for lvl in numbering.iter(W + "lvl")
               if lvl.find(W + "numFmt").get(W + "val") == "bullet"}
    fonts = load_config(built).fonts
    for family in (fonts["serif"], fonts["sans"]):
        assert all(ord(marker) in coverage(family) for marker in markers), (family, markers)
