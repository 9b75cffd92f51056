"""A footnote that calls another footnote, in every writer: no text is lost, and the notes
are numbered in reading order (a note's own calls come right after it).

Built through the CLI and read back from the real outputs: pdftotext for the PDF, the
WordprocessingML of the DOCX, lxml for the web page, and the Markdown edition loaded again.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from samizdat.config import load_config
from samizdat.content import load_document
from tests.support import copy_project, pdf_text, run_cli, write_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

NOTES = """---
title: Notes in notes
---

Outer call.[^a] Then more.[^c]

[^a]: Outer note text, calling.[^b] After inner.

[^b]: Inner note text, calling.[^d]

[^c]: Third note.

[^d]: Innermost note.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("nested-notes"))
    write_doc(project, "notes.md", NOTES)
    result = run_cli(project, "build", "content/notes.md", "--lang", "en", "--format", "pdf,docx,html,md")
    assert result.returncode == 0, result.stderr
    return project


def test_reading_order_puts_a_notes_own_calls_right_after_it(built: Path) -> None:
    doc = load_document(built / "content" / "notes.md", load_config(built))
    assert doc.note_order == ("a", "b", "d", "c")


def test_pdf_numbers_inner_notes_after_their_note(built: Path) -> None:
    text = pdf_text(built / "build" / "en" / "notes.pdf")
    assert "Outer call.1 Then more.4" in text
    assert re.search(r"1\. Outer note text, calling\.2 After inner\. 2\. Inner note text, calling\.3 "
                     r"3\. Innermost note\. 4\. Third note\.", text), text


def test_docx_keeps_inner_notes_inside_the_outer_word_footnote(built: Path) -> None:
    with zipfile.ZipFile(built / "build" / "en" / "notes.docx") as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    written = [note for note in notes.iter(W + "footnote") if note.get(W + "type") is None]
    paragraphs = [["".join(p.itertext()).strip() for p in note.iter(W + "p")] for note in written]
    assert paragraphs == [
        ["Outer note text, calling.a After inner.", "a Inner note text, calling.b", "b Innermost note."],
        ["Third note."],
    ]
    assert len(list(body.iter(W + "footnoteReference"))) == 2


def test_web_page_lists_every_note_in_reading_order(built: Path) -> None:
    page = lxml.html.fromstring((built / "build" / "en" / "notes.html").read_bytes())
    items = page.xpath("//li[@role='doc-endnote']")
    assert [(li.get("id"), li.text_content().replace("\u21a9\ufe0e", "").strip()) for li in items] == [
        ("fn-1", "Outer note text, calling.2 After inner."),
        ("fn-2", "Inner note text, calling.3"),
        ("fn-3", "Innermost note."),
        ("fn-4", "Third note."),
    ]
    assert items[0].xpath(".//a[@role='doc-noteref']/@href") == ["#fn-2"]


def test_markdown_edition_keeps_the_inner_calls(built: Path) -> None:
    text = (built / "build" / "en" / "notes.md").read_text(encoding="utf-8")
    assert "[^a]: Outer note text, calling.[^b] After inner." in text
    copy = write_doc(built, "again.md", text)
    again = load_document(copy, load_config(built))
    assert again.note_order == ("a", "b", "d", "c")
    assert {label: len(blocks) for label, blocks in again.notes.items()} == {"a": 1, "b": 1, "c": 1, "d": 1}
