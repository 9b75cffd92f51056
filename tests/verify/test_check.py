"""samizdat check reads the outputs back: fidelity, tofu and links, with clear reports."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from tests.support import run_cli, write_doc

HANDOUT = "content/ep-vote-handout.md"


def test_the_sample_passes(sample_build: Path) -> None:
    project = sample_build.parent
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "42 outputs checked, 0 problems" in result.stdout  # PDF, DOCX and web page of the handout × 6 languages, 2 documents × 4


def test_a_character_no_font_has_is_named_with_code_point_document_and_language(project: Path) -> None:
    write_doc(project, "arrows.md", "---\ntitle: Arrows\n---\n\nFrom Minsk → Vilnius, and ქართული.\n")
    assert run_cli(project, "build", "--lang", "en", "content/arrows.md").returncode == 0
    result = run_cli(project, "check", "--lang", "en", "content/arrows.md")
    assert result.returncode == 1
    assert "content/arrows.md:5: error: PT Serif, PT Sans have no '→' (U+2192 RIGHTWARDS ARROW), used in build/en/arrows.pdf (en)" in result.stderr
    assert "U+10E5 GEORGIAN LETTER KHAR" in result.stderr and "build/en/arrows.docx (en)" in result.stderr
    assert re.search(r"build/en/arrows.pdf: error: text is set in '[^']+', a fallback font", result.stderr)


def test_a_lost_segment_is_reported_at_its_source_line(project: Path) -> None:
    assert run_cli(project, "build", "--lang", "en,be", HANDOUT).returncode == 0
    shutil.copy(project / "build" / "en" / "ep-vote-handout.pdf", project / "build" / "be" / "ep-vote-handout.pdf")
    result = run_cli(project, "check", "--lang", "be", "--format", "pdf", HANDOUT)
    assert result.returncode == 1
    assert "content/ep-vote-handout.md:18: error: missing from build/be/ep-vote-handout.pdf: 'Пераканаўчая большасць'" in result.stderr


def test_docx_links_and_notes_must_resolve(project: Path) -> None:
    assert run_cli(project, "build", "--lang", "en", "--format", "docx", HANDOUT).returncode == 0
    path = project / "build" / "en" / "ep-vote-handout.docx"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(b"https://tsikhanouskaya.org/", b"file:///etc/passwd")
    parts["word/footnotes.xml"] = re.sub(rb'<w:footnote w:id="1">.*?</w:footnote>', b"", parts["word/footnotes.xml"], flags=re.S)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run_cli(project, "check", "--lang", "en", "--format", "docx", HANDOUT)
    assert result.returncode == 1
    assert "build/en/ep-vote-handout.docx: error: hyperlink to 'file:///etc/passwd' is not a web or mail address" in result.stderr
    assert "build/en/ep-vote-handout.docx: error: footnote reference 1 has no footnote" in result.stderr


def test_missing_outputs_are_reported(project: Path) -> None:
    result = run_cli(project, "check", "--lang", "ru", HANDOUT)
    assert result.returncode == 1
    assert "build/ru/ep-vote-handout.pdf: error: not built (run 'samizdat build')" in result.stderr


def test_strict_build_checks_what_it_wrote(project: Path) -> None:
    write_doc(project, "arrows.md", "---\ntitle: Arrows\n---\n\nFrom Minsk → Vilnius.\n")
    result = run_cli(project, "build", "--strict", "--lang", "en", "content/arrows.md")
    assert result.returncode == 1
    assert "have no '→' (U+2192 RIGHTWARDS ARROW)" in result.stderr


def test_web_page_links_text_and_pictures_are_checked(project: Path) -> None:
    """The web edition is read back like the others: a lost passage, a link into the
    machine's folders, an id the page lacks and a picture not beside it are each reported."""
    assert run_cli(project, "build", "--lang", "be", "--format", "html", HANDOUT).returncode == 0
    assert run_cli(project, "check", "--lang", "be", "--format", "html", HANDOUT).returncode == 0
    path = project / "build" / "be" / "ep-vote-handout.html"
    page = path.read_text(encoding="utf-8").replace("Пераканаўчая большасць", "Нешта іншае")
    page = page.replace("</main>", '<p><a href="file:///etc/passwd">x</a> <a href="#nowhere">y</a> <img src="gone.png" alt=""></p></main>')
    path.write_text(page, encoding="utf-8")
    result = run_cli(project, "check", "--lang", "be", "--format", "html", HANDOUT)
    assert result.returncode == 1
    assert "content/ep-vote-handout.md:18: error: missing from build/be/ep-vote-handout.html: 'Пераканаўчая большасць'" in result.stderr
    assert "build/be/ep-vote-handout.html: error: a href='file:///etc/passwd' is not a web or mail address" in result.stderr
    assert "build/be/ep-vote-handout.html: error: a href='#nowhere': the page has no element with that id" in result.stderr
    assert "build/be/ep-vote-handout.html: error: img src='gone.png': no such file beside the page" in result.stderr
