"""Cross-references and numbered captions, read back from real outputs.

The sample briefing refers to its vote chart ('@fig:votes'); its Belarusian and Russian
translations ask for the locative ('@fig:votes{loc}'). A document of its own exercises
tables, sections and the other forms.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html
from pypdf import PdfReader

from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report
from samizdat.localize import localize
from samizdat.render import docx, markdown, web
from samizdat.render.html import render_html
from tests.support import pdf_text, run_cli, write_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLUG = "ep-resolution-briefing"
CHART_REFERENCE = {"en": ("Figure 1", "Figure 1. How members"), "be": ("на малюнку 1", "Малюнак 1. Як дэпутаты"),
                   "ru": ("на рисунке 1", "Рисунок 1. Как депутаты")}

DOC = """\
---
title: References
data:
  votes: {for: 458, against: 18, abstained: 84}
---

## The vote {#sec:vote}

As @fig:votes shows and @tbl:groups lists; by @tbl:groups{gen}, in @fig:votes{loc}, number @fig:votes{num};
see @sec:vote. A literal \\@fig:votes stays text, and so does `@fig:votes`.

::: chart votes {#fig:votes}
How members voted.
:::

| Group | For |
|---|---|
| EPP | 150 |

Table: Votes by group {#tbl:groups}

| Unnumbered | table |
|---|---|
| a | b |
"""


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_sample_pdf_links_the_reference_to_its_numbered_chart(sample_build: Path, lang: str) -> None:
    path = sample_build / lang / f"{SLUG}.pdf"
    reference, caption = CHART_REFERENCE[lang]
    text = pdf_text(path)
    assert reference in text and caption in text
    reader = PdfReader(path)
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) if a.get_object().get("/Dest") == "fig:votes"]
    assert len(links) == 1, "one reference, one internal link"
    chart_page = reader.get_destination_page_number(reader.named_destinations["fig:votes"])
    assert caption in pdf_text_of_page(reader, chart_page)


def pdf_text_of_page(reader: PdfReader, number: int) -> str:
    return re.sub(r"\s+", " ", reader.pages[number].extract_text())


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_sample_docx_links_the_reference_to_the_captions_bookmark(sample_build: Path, lang: str) -> None:
    with zipfile.ZipFile(sample_build / lang / f"{SLUG}.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    reference, caption = CHART_REFERENCE[lang]
    links = [link for link in body.iter(W + "hyperlink") if link.get(W + "anchor") == "fig_votes"]
    assert ["".join(t.text for t in link.iter(W + "t")) for link in links] == [reference.split(" ", 1)[-1] if lang != "en" else reference]
    (mark,) = [b for b in body.iter(W + "bookmarkStart") if b.get(W + "name") == "fig_votes"]
    paragraph = mark.getparent()
    assert "".join(t.text for t in paragraph.iter(W + "t")).replace("\u00a0", " ").startswith(caption)  # no-break spaces as spaces


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_sample_web_page_links_the_reference_to_the_figure(sample_build: Path, lang: str) -> None:
    page = html.fromstring((sample_build / lang / f"{SLUG}.html").read_bytes())
    (link,) = page.xpath('//a[@class="crossref"]')
    assert link.get("href") == "#fig:votes" and link.text_content() in CHART_REFERENCE[lang][0]
    (figure,) = page.xpath('//*[@id="fig:votes"]')
    assert figure.xpath("string(.//figcaption)").replace("\u00a0", " ").startswith(CHART_REFERENCE[lang][1])


def rendered(project: Path, lang: str) -> dict[str, str]:
    """The test document in ``lang``: print HTML, web page, DOCX text and Markdown."""
    config = load_config(project)
    doc = localize(load_document(write_doc(project, "refs.md", DOC), config), lang, config, Report())
    docx.render(doc, config, project / f"refs-{lang}.docx")
    web.render(doc, config, project / f"refs-{lang}.html", [lang])
    with zipfile.ZipFile(project / f"refs-{lang}.docx") as archive:
        docx_xml = archive.read("word/document.xml").decode()
    return {"html": render_html(doc, config), "web": (project / f"refs-{lang}.html").read_text(encoding="utf-8"),
            "docx": docx_xml, "md": markdown.render(doc)}


def test_tables_sections_and_grammatical_forms(project: Path) -> None:
    en, be = rendered(project, "en"), rendered(project, "be")
    assert ('As <a class="crossref" href="#fig:votes">Figure 1</a> shows and <a class="crossref" href="#tbl:groups">Table 1</a> lists'
            in en["html"])
    assert ">Table 1</a>, in <a class=\"crossref\" href=\"#fig:votes\">Figure 1</a>, number <a class=\"crossref\" href=\"#fig:votes\">1</a>" in en["html"]
    assert 'see <a class="crossref" href="#sec:vote">“The vote”</a>' in en["html"]
    assert "A literal @fig:votes stays text, and so does <code>@fig:votes</code>" in en["html"]
    # Belarusian words from templates.po, in the case each reference asks for (the sentence itself is untranslated here)
    assert ">малюнак 1</a>" in be["html"] and ">табліца 1</a>" in be["html"]
    assert ">табліцы 1</a>" in be["html"] and ">малюнку 1</a>" in be["html"] and 'href="#fig:votes">1</a>' in be["html"]
    assert 'href="#sec:vote">«The vote»</a>' in be["html"]
    # numbered captions: the chart and the table with an id; the other table has none
    assert re.search(r'<table id="tbl:groups"[^>]*><caption><span class="caption-label">Табліца 1\. </span>', be["html"])
    assert be["html"].count("<caption>") == 1
    assert '<span class="caption-label">Малюнак 1. </span><span class="fallback" lang="en">How members voted.</span>' in be["html"]
    assert 'id="tbl:groups"' in be["web"] and 'href="#tbl:groups"' in be["web"]
    # DOCX: a bookmark on each caption and heading, an internal hyperlink for each reference
    assert re.search(r'<w:bookmarkStart w:id="\d+" w:name="tbl_groups"/>.*?Табліца 1\. .*?Votes by group', be["docx"])
    assert be["docx"].count('w:anchor="fig_votes"') == 3 and be["docx"].count('w:anchor="sec_vote"') == 1


def test_markdown_edition_writes_the_ids_and_references_back(project: Path) -> None:
    text = rendered(project, "be")["md"]
    assert "## The vote {#sec:vote}" in text
    assert "@tbl:groups{gen}, in @fig:votes{loc}, number @fig:votes{num}" in text
    assert "A literal \\@fig:votes stays text" in text
    assert "::: chart votes {#fig:votes}" in text and "Table: Votes by group {#tbl:groups}" in text


def test_every_writer_of_a_build_resolves_and_check_passes(project: Path) -> None:
    write_doc(project, "refs.md", DOC)
    result = run_cli(project, "build", "content/refs.md", "--lang", "en", "--format", "pdf,docx,html,md", "--strict")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(project / "build" / "en" / "refs.pdf")
    targets = {a.get_object().get("/Dest") for page in reader.pages for a in page.get("/Annots", [])}
    assert {"fig:votes", "tbl:groups", "sec:vote"} <= targets <= set(reader.named_destinations)
