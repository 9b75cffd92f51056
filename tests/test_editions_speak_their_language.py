"""The Belarusian and Russian editions of the sample hold no English: every word a reader
sees — text, running heads, the vote chart, the QR label, the web page's menus, the PDF
and DOCX metadata — is in the edition's language. Read back from the files (pdftotext,
python-docx, lxml), not from samizdat's model.

What may stay in Latin letters: web addresses, the product names on the download badges
(PDF, DOCX, Word) and the language switcher's names of the other languages, each in itself
(English, polski, lietuvių, biełaruskaja (łacinka)).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from lxml import html
from pypdf import PdfReader

from samizdat.config import load_config
from samizdat.languages import profile
from tests.support import ROOT, pdf_text

# a web address, or a piece of one that a PDF's line break cut off ('be/ep-vote-handout/')
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|eu|com|by)\b/?\S*|\S*\w[/:]\S*")
SWITCHER = {word for code in load_config(ROOT).languages for word in re.findall(r"[A-Za-zŁłŭ’ąčęėįšųūž]+", profile(code).name)}
ALLOWED = {"PDF", "DOCX", "Word"} | SWITCHER


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    properties = document.core_properties
    return "\n".join([*parts, properties.author or "", properties.title or "", properties.subject or ""])


def html_text(path: Path) -> str:
    page = html.parse(str(path)).getroot()
    for node in page.xpath("//script | //style"):
        node.drop_tree()
    return " ".join([page.text_content(), *page.xpath("//@alt | //@aria-label | //@title | //meta[@name='author']/@content")])


def pdf_all_text(path: Path) -> str:
    info = PdfReader(path).metadata or {}
    return " ".join([pdf_text(path), str(info.get("/Author", "")), str(info.get("/Title", ""))])


READERS = {".pdf": pdf_all_text, ".docx": docx_text, ".html": html_text}


def english_words(text: str) -> set[str]:
    words = re.findall(r"[A-Za-zŁłŭąčęėįšųūž][A-Za-zŁłŭąčęėįšųūž’'-]*", ADDRESS.sub(" ", text))
    return {word for word in words if word not in ALLOWED}


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_no_english_in_any_edition(sample_build: Path, lang: str) -> None:
    found = {path.name: english_words(READERS[path.suffix](path))
             for path in sorted((sample_build / lang).iterdir()) if path.suffix in READERS}
    assert len(found) == 9, sorted(found)
    assert not {name: words for name, words in found.items() if words}, found


def test_the_check_finds_english_left_in_an_edition() -> None:
    assert english_words("Чытайце онлайн: https://briefings.example.org/be/x/ (PDF)") == set()
    assert english_words("Брыфінгі — Belarus Briefings editorial team") == {"Belarus", "Briefings", "editorial", "team"}
