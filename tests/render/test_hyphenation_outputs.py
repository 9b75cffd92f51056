"""Belarusian hyphenation in the outputs: the PDF breaks words only where the profile's
rules allow, Word gets them as optional hyphens (``w:softHyphen``), and neither headings,
metadata, the web page nor any text a reader copies carries a soft hyphen."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from samizdat.languages.hyphenation import hyphenate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def offsets(marked: str) -> set[int]:
    return {index - number for number, index in enumerate(m.start() for m in re.finditer("\u00ad", marked))}


def test_the_pdf_breaks_belarusian_words_only_where_the_rules_allow(sample_build: Path) -> None:
    pdf = sample_build / "be" / "ep-resolution-briefing.pdf"
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
    broken = [(line.split()[-1][:-1], following.split()[0]) for line, following in zip(lines, lines[1:])
              if line.rstrip().endswith("-") and following.split() and line.split()[-1][:-1].isalpha()]
    assert len(broken) >= 5
    for start, rest in broken:
        word = re.sub(r"\W+$", "", start + rest)
        assert len(start) in offsets(hyphenate(word)), (start, rest)
    reader = PdfReader(pdf)
    assert "\u00ad" not in (reader.metadata.title or "")
    assert not any("\u00ad" in item.title for item in reader.outline if not isinstance(item, list))


def test_word_gets_optional_hyphens_in_body_text_only(sample_build: Path) -> None:
    path = sample_build / "be" / "ep-resolution-briefing.docx"
    with zipfile.ZipFile(path) as archive:
        assert "\u00ad" not in archive.read("word/document.xml").decode("utf-8")  # Word would show it as a hyphen
    document = Document(str(path))
    hyphenated = [p for p in document.paragraphs if p._p.findall(f".//{W}softHyphen")]
    assert len(hyphenated) >= 5
    assert not [p.text for p in hyphenated if p.style.name.startswith(("Heading", "Title", "Subtitle"))]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "прэзідэнтам" in text or "Ціханоўскай" in text  # the words read whole


def test_the_web_page_and_other_languages_carry_none(sample_build: Path) -> None:
    assert "\u00ad" not in (sample_build / "be" / "ep-resolution-briefing.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(sample_build / "ru" / "ep-resolution-briefing.docx") as archive:
        assert b"softHyphen" not in archive.read("word/document.xml")
