"""A derived edition: Belarusian in Łacinka (be-Latn), made by rule from the be catalogs,
with no catalogs of its own, tagged be-Latn in every format and hyphenated in the PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from samizdat.languages.hyphenation import hyphenate_lacinka
from tests.support import copy_project, pdf_text, run_cli

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("latn"))
    result = run_cli(root, "build", "--lang", "be-Latn")
    assert result.returncode == 0, result.stderr
    return root


def test_every_format_is_written_in_lacinka_and_tagged(project: Path) -> None:
    out = project / "build" / "be-Latn"
    pdf = PdfReader(out / "ep-vote-handout.pdf")
    assert pdf.trailer["/Root"]["/Lang"] == "be-Latn"
    text = " ".join(pdf_text(out / "ep-vote-handout.pdf").split())
    for words in ("Jeŭrapiejski parłamient", "Cichanoŭsk", "Biełarus", "listapada 2026 h."):
        assert words in text or words.upper() in text, words
    assert not CYRILLIC.search(text), CYRILLIC.findall(text)[:20]
    docx = Document(str(out / "ep-vote-handout.docx"))
    defaults = docx.styles.element.xpath("w:docDefaults//w:lang/@w:val")
    assert defaults == ["be-Latn"]
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "Cichanoŭsk" in body and not CYRILLIC.search(body)
    page = (out / "ep-vote-handout.html").read_text(encoding="utf-8")
    assert '<html lang="be-Latn"' in page and "biełaruskaja (łacinka)" in page


def test_the_briefing_breaks_lacinka_words_where_the_rules_say(project: Path) -> None:
    pdf = project / "build" / "be-Latn" / "ep-resolution-briefing.pdf"
    lines = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
    broken = [(line.split()[-1][:-1], following.split()[0]) for line, following in zip(lines, lines[1:])
              if line.rstrip().endswith("-") and following.split() and line.split()[-1][:-1].isalpha()]
    assert broken, "no word is hyphenated in the be-Latn briefing"
    for start, rest in broken:
        word = re.sub(r"\W+$", "", start + rest)
        marked = hyphenate_lacinka(word)
        offsets = {index - number for number, index in enumerate(m.start() for m in re.finditer("\u00ad", marked))}
        assert len(start) in offsets, (start, rest, marked)


def test_a_derived_edition_has_no_catalogs_of_its_own(project: Path) -> None:
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    assert not (project / "locales" / "be-Latn").exists()
    status = run_cli(project, "translate", "status")
    assert "be-Latn" not in status.stdout


def test_the_alphabet_is_in_the_fonts(project: Path) -> None:
    result = run_cli(project, "check", "--lang", "be-Latn")
    assert result.returncode == 0, result.stdout + result.stderr
