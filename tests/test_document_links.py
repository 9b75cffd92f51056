"""Links between the project's documents, and no output that leaks a ``file://`` address.

A link to another document (``ep-vote-handout.md``, ``../ep-vote-handout.md#five-demands``,
a document's folder) becomes that document's edition in the same language: its online URL
in the PDF, DOCX and Markdown editions, the page beside it on the web. Read back from the
real outputs: link annotations of the PDF (pikepdf), the DOCX relationships, the HTML
``href``s (lxml), the Markdown text; and every byte of every output searched for ``file:``.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from tests.support import copy_project, run_cli, write_doc

ONLINE = "https://briefings.example.org/{lang}/{slug}/"
FLAT = """---
title: Links to the other documents
---

Read [the handout](ep-vote-handout.md), its [demands](ep-vote-handout.md#five-demands),
the [briefing](ep-resolution-briefing/) and the [European Parliament](https://www.europarl.europa.eu/).
"""
IN_FOLDER = """---
title: Links from a document's folder
---

See [the demands](../ep-vote-handout.md#five-demands) and [the briefing](../ep-resolution-briefing/index.md).
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("doclinks"))
    toml = project / "samizdat.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("min_translated = 90", "min_translated = 0"), encoding="utf-8")
    write_doc(project, "links.md", FLAT)
    write_doc(project, "folder/index.md", IN_FOLDER)
    result = run_cli(project, "build", "content/links.md", "content/folder/index.md", "--lang", "en,ru", "--format", "pdf,docx,html,md")
    assert result.returncode == 0, result.stderr
    return project / "build"


def pdf_uris(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A]


def docx_targets(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
    return sorted(re.findall(r'Target="([^"]+)" TargetMode="External"', rels))


def online(lang: str, slug: str, fragment: str = "") -> str:
    return ONLINE.format(lang=lang, slug=slug) + fragment


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pdf_and_docx_link_the_online_edition_in_the_same_language(built: Path, lang: str) -> None:
    flat = [online(lang, "ep-vote-handout"), online(lang, "ep-vote-handout", "#five-demands"),
            online(lang, "ep-resolution-briefing"), "https://www.europarl.europa.eu/"]
    assert pdf_uris(built / lang / "links.pdf") == flat
    assert docx_targets(built / lang / "links.docx") == sorted(flat)
    folder = [online(lang, "ep-vote-handout", "#five-demands"), online(lang, "ep-resolution-briefing")]
    assert pdf_uris(built / lang / "folder.pdf") == folder
    assert docx_targets(built / lang / "folder.docx") == sorted(folder)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_web_page_links_the_page_beside_it(built: Path, lang: str) -> None:
    page = lxml.html.fromstring((built / lang / "links.html").read_bytes())
    hrefs = page.xpath("//main//p//a/@href")
    assert hrefs == ["ep-vote-handout.html", "ep-vote-handout.html#five-demands", "ep-resolution-briefing.html",
                     "https://www.europarl.europa.eu/"]
    folder = lxml.html.fromstring((built / lang / "folder.html").read_bytes())
    assert folder.xpath("//main//p//a/@href") == ["ep-vote-handout.html#five-demands", "ep-resolution-briefing.html"]


def test_markdown_edition_links_the_online_edition(built: Path) -> None:
    text = (built / "ru" / "links.md").read_text(encoding="utf-8")
    assert f"[demands]({online('ru', 'ep-vote-handout', '#five-demands')})" in text
    assert "ep-vote-handout.md" not in text


def file_urls(path: Path, tmp_path: Path) -> list[str]:
    """``file:`` addresses anywhere in an output: PDF streams uncompressed first (qpdf),
    link annotations read too; every part of a DOCX; the text of HTML and Markdown."""
    found: list[bytes] = []
    if path.suffix == ".pdf":
        plain = tmp_path / (path.name + ".qdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(plain)], check=True)
        found += re.findall(rb"file:[^\s)>\]]{0,60}", plain.read_bytes())
        found += [uri.encode() for uri in pdf_uris(path) if not uri.startswith(("https:", "http:", "mailto:"))]
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                found += re.findall(rb"file:[^\s\"<]{0,60}", package.read(name))
    else:
        found += re.findall(rb"file:[^\s\"<)]{0,60}", path.read_bytes())
    return [item.decode(errors="replace") for item in found]


def test_no_output_contains_a_file_url(built: Path, sample_build: Path, tmp_path: Path) -> None:
    outputs = [p for folder in (built, sample_build) for p in folder.rglob("*") if p.suffix in (".pdf", ".docx", ".html", ".md")]
    assert len(outputs) >= 8 + 27
    leaks = {str(path): urls for path in outputs if (urls := file_urls(path, tmp_path))}
    assert not leaks, leaks


def test_without_an_online_address_the_text_stays_and_a_warning_says_why(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    toml = project / "samizdat.toml"
    toml.write_text(re.sub(r"(?m)^online = .*$", "", toml.read_text(encoding="utf-8")), encoding="utf-8")
    write_doc(project, "links.md", FLAT)
    result = run_cli(project, "build", "content/links.md", "--lang", "en", "--format", "pdf,docx,md,html")
    assert result.returncode == 0, result.stderr
    assert ("content/links.md:5: warning: links to other documents have no address in the PDF and DOCX editions "
            "without samizdat.toml [links] online") in result.stderr
    out = project / "build" / "en"
    assert pdf_uris(out / "links.pdf") == ["https://www.europarl.europa.eu/"]
    assert docx_targets(out / "links.docx") == ["https://www.europarl.europa.eu/"]
    assert "its demands, the briefing" in re.sub(r"\s+", " ", subprocess.run(
        ["pdftotext", str(out / "links.pdf"), "-"], capture_output=True, text=True, check=True).stdout)
    assert "[demands](ep-vote-handout.md#five-demands)" in (out / "links.md").read_text(encoding="utf-8")
    assert "ep-vote-handout.html#five-demands" in (out / "links.html").read_text(encoding="utf-8")
