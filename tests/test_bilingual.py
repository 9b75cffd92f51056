"""Side-by-side editions: every segment in both languages, aligned block by block."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from samizdat import model as m
from tests.support import localized, missing_segments, pdf_text, pieces, run_cli

SLUG = "ep-vote-handout"


@pytest.fixture(scope="module")
def bilingual_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support import copy_project

    project = copy_project(tmp_path_factory.mktemp("bilingual"))
    result = run_cli(project, "build", "-q", "--bilingual", "en+be,en+ru", f"content/{SLUG}.md")
    assert result.returncode == 0, result.stderr
    return project / "build"


@pytest.mark.parametrize("pair", ["en+be", "en+ru"])
def test_pdf_holds_both_languages(bilingual_build: Path, pair: str) -> None:
    text = pdf_text(bilingual_build / pair / f"{SLUG}.pdf")
    for lang in pair.split("+"):
        missing = missing_segments(localized(SLUG, lang), text)
        assert not missing, (lang, missing)


@pytest.mark.parametrize("pair", ["en+be", "en+ru"])
def test_docx_is_a_two_column_table_aligned_by_block(bilingual_build: Path, pair: str) -> None:
    left_lang, right_lang = pair.split("+")
    left, right = localized(SLUG, left_lang), localized(SLUG, right_lang)
    word = docx.Document(str(bilingual_build / pair / f"{SLUG}.docx"))
    (table,) = [t for t in word.tables if len(t.columns) == 2 and len(t.rows) == len(left.blocks) + 1]
    assert left.meta.title.plain() in table.rows[0].cells[0].text
    assert right.meta.title.plain() in table.rows[0].cells[1].text
    for row, a, b in zip(list(table.rows)[1:], left.blocks, right.blocks):
        if isinstance(a, m.Paragraph):
            assert pieces(a.text)[0][:40] in row.cells[0].text
            assert pieces(b.text)[0][:40] in row.cells[1].text
    tag = {"be": "be-BY", "ru": "ru-RU"}[right_lang]
    langs = {r.get(qn("w:val")) for r in table.rows[1].cells[1]._tc.iter(qn("w:lang"))}
    assert langs == {tag}
    assert not list(table.rows[1].cells[0]._tc.iter(qn("w:lang"))), "the left column uses the document language"


def test_bilingual_needs_two_configured_languages(project: Path) -> None:
    result = run_cli(project, "build", "--bilingual", "en+xx")
    assert result.returncode == 2 and "--bilingual takes two configured languages" in result.stderr


@pytest.mark.parametrize("pair", ["en+be", "en+ru"])
def test_bilingual_pdf_passes_qpdf(bilingual_build: Path, pair: str) -> None:
    import os
    import shutil
    import subprocess

    if shutil.which("qpdf") is None and not os.environ.get("CI"):
        pytest.skip("qpdf is not installed")
    result = subprocess.run(["qpdf", "--check", str(bilingual_build / pair / f"{SLUG}.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
