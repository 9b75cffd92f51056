"""The HTML the PDF is made from: escaping, fallback marking, language attributes."""

from __future__ import annotations

from pathlib import Path

from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report
from samizdat.localize import localize
from samizdat.render.html import render_bilingual_html, render_html
from tests.support import write_doc


def test_untranslated_passage_is_marked_in_its_own_language(project: Path) -> None:
    config = load_config(project)
    doc = load_document(write_doc(project, "fresh.md", "---\ntitle: Fresh\n---\nNot yet translated.\n"), config)
    html = render_html(localize(doc, "be", config, Report()), config)
    assert '<html lang="be-BY">' in html
    assert '<p><span class="fallback" lang="en">Not yet translated.</span></p>' in html


def test_content_is_escaped_never_markup(project: Path) -> None:
    config = load_config(project)
    doc = load_document(write_doc(project, "x.md", '---\ntitle: "<b>T</b>"\n---\nA <img src=x onerror=alert(1)> & [l](#top)\n'), config)
    html = render_html(localize(doc, "en", config, Report()), config)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp;" in html
    assert '<a href="#top">l</a>' in html
    assert "<title>&lt;b&gt;T&lt;/b&gt;</title>" in html


def test_bilingual_anchors_stay_unique(project: Path) -> None:
    config = load_config(project)
    doc = load_document(project / "content" / "ep-vote-handout.md", config)
    html = render_bilingual_html(localize(doc, "en", config, Report()), localize(doc, "ru", config, Report()), config)
    assert html.count('id="five-demands"') == 1 and html.count('id="ru-five-demands"') == 1
