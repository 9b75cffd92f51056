"""Tables of contents, read back from real outputs: the PDF's page numbers are the pages
the sections start on, the DOCX holds a TOC field with its entries, the web page a nav.
The theme's toc_from_pages rule decides for documents whose front matter does not."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html
from pypdf import PdfReader

from samizdat import model as m
from tests.support import localized, run_cli, write_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLUG = "ep-resolution-briefing"
CONTENTS = {"en": "Contents", "be": "Змест", "ru": "Содержание"}


def headings(lang: str) -> list[m.Heading]:
    return [block for block in localized(SLUG, lang).blocks if isinstance(block, m.Heading)]


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_pdf_contents_give_the_page_each_section_starts_on(sample_build: Path, lang: str) -> None:
    reader = PdfReader(sample_build / lang / f"{SLUG}.pdf")
    first = reader.pages[0].extract_text()
    assert CONTENTS[lang].upper() in first.upper()
    listed = {}
    for heading in headings(lang):
        title = heading.text.plain()
        match = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", first, re.MULTILINE)
        assert match, f"{title!r} is not in the contents of the {lang} PDF"
        listed[heading.anchor] = int(match.group(1))
    actual = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    assert listed == {anchor: actual[anchor] for anchor in listed}
    assert len({*listed.values()}) > 1, "the sample's sections start on more than one page"


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_docx_contents_are_a_toc_field_with_its_entries(sample_build: Path, lang: str) -> None:
    with zipfile.ZipFile(sample_build / lang / f"{SLUG}.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        settings = archive.read("word/settings.xml").decode()
        styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {s.get(W + "styleId"): s.find(W + "name").get(W + "val") for s in styles.iter(W + "style")}
    paragraphs = list(body.iter(W + "p"))
    texts = ["".join(t.text or "" for t in p.iter(W + "t")) for p in paragraphs]
    style = [names.get(p.find(f"{W}pPr/{W}pStyle").get(W + "val")) if p.find(f"{W}pPr/{W}pStyle") is not None else None for p in paragraphs]
    assert texts[style.index("TOC Heading")] == CONTENTS[lang]
    entries = [(text, paragraphs[i]) for i, (text, name) in enumerate(zip(texts, style)) if name and name.startswith("toc ")]
    assert [text for text, _ in entries] == [h.text.plain() for h in headings(lang)]
    bookmarks = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
    for _, p in entries:
        (link,) = p.iter(W + "hyperlink")
        assert link.get(W + "anchor") in bookmarks
        assert any("PAGEREF " + link.get(W + "anchor") in (i.text or "") for i in p.iter(W + "instrText"))
    instructions = [i.text for i in body.iter(W + "instrText")]
    assert sum(1 for i in instructions if i.strip().startswith("TOC ")) == 1
    kinds = [c.get(W + "fldCharType") for c in body.iter(W + "fldChar")]
    assert kinds.count("begin") == kinds.count("end"), "every field is closed"
    assert '<w:updateFields w:val="true"/>' in settings


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_web_page_contents_link_every_section(sample_build: Path, lang: str) -> None:
    page = html.fromstring((sample_build / lang / f"{SLUG}.html").read_bytes())
    (nav,) = page.xpath('//nav[@class="toc"]')
    assert nav.xpath("string(.//h2)") == CONTENTS[lang]
    links = nav.xpath(".//a")
    assert [a.text_content() for a in links] == [h.text.plain() for h in headings(lang)]
    assert all(page.xpath(f'//*[@id="{a.get("href")[1:]}"]') for a in links)


LONG = "---\ntitle: A long one\n{toc}---\n\n" + "\n\n".join(
    f"## Section {n}\n\n" + " ".join(["The Parliament asks for new, free and fair elections under international observation."] * 25)
    for n in range(1, 7)) + "\n"


def test_theme_rule_gives_long_documents_contents_in_every_format(project: Path) -> None:
    (project / "templates" / "theme.toml").write_text(
        (project / "templates" / "theme.toml").read_text(encoding="utf-8") + "\n[templates.briefing]\ntoc_from_pages = 1\n", encoding="utf-8")
    write_doc(project, "long.md", LONG.format(toc=""))
    write_doc(project, "refused.md", LONG.format(toc="toc: false\n"))
    write_doc(project, "short.md", "---\ntitle: A short one\n---\n\n## Only section\n\nOne page.\n")
    result = run_cli(project, "build", "content/long.md", "content/refused.md", "content/short.md", "--lang", "en", "--format", "pdf,docx,html")
    assert result.returncode == 0, result.stderr
    out = project / "build" / "en"
    assert len(PdfReader(out / "long.pdf").pages) > 1 and len(PdfReader(out / "refused.pdf").pages) > 1
    for name, wanted in (("long", True), ("refused", False), ("short", False)):
        assert ("CONTENTS" in PdfReader(out / f"{name}.pdf").pages[0].extract_text()) is wanted, name
        assert ('class="toc"' in (out / f"{name}.html").read_text(encoding="utf-8")) is wanted, name
        with zipfile.ZipFile(out / f"{name}.docx") as archive:
            assert ("TOC \\o" in archive.read("word/document.xml").decode()) is wanted, name
