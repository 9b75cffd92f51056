"""Tables wider than the page, and text a PDF cuts off.

A fourteen-column table of figures ran past the right edge of the PDF and lost its last
columns while build and check said nothing. The PDF now fits it the way the theme says
(``wide_tables``: shrink by default, or a landscape page), and ``samizdat check`` finds text
outside the page of any PDF. Read back with pdftotext (which keeps only what is on the
page), pypdf (page sizes) and the CLI's own output.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support import copy_project, normalize, run_cli, write_doc

HEAD = ["Group", *(f"Vote {n}" for n in range(1, 14))]
ROWS = [["EPP", *(f"{100 + n * 7}/{n * 3}/{n}" for n in range(1, 14))],
        ["S&D", *(f"{90 + n * 5}/{n * 2}/{n + 1}" for n in range(1, 14))]]
WIDE = ("---\ntitle: A wide table\n---\n\n## Votes by group\n\n"
        + "| " + " | ".join(HEAD) + " |\n" + "|---" * len(HEAD) + "|\n"
        + "".join("| " + " | ".join(row) + " |\n" for row in ROWS)
        + "\nAfter the table.\n")


def on_the_page(pdf: Path, page: int | None = None) -> str:
    """The text pdftotext finds inside the page box (it drops what a page cuts off)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return normalize(subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def cells_missing(text: str) -> list[str]:
    return [cell for row in (HEAD, *ROWS) for cell in row if cell not in text]


def project_with(tmp_path: Path, theme: str = "") -> Path:
    project = copy_project(tmp_path)
    write_doc(project, "wide.md", WIDE)
    if theme:
        with (project / "templates" / "theme.toml").open("a", encoding="utf-8") as toml:
            toml.write(f"\n[templates.briefing]\n{theme}\n")
    return project


def test_the_default_theme_shrinks_a_wide_table_until_it_fits(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    result = run_cli(project, "build", "--strict", "content/wide.md", "--lang", "en", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    pdf = project / "build" / "en" / "wide.pdf"
    assert not cells_missing(on_the_page(pdf)), cells_missing(on_the_page(pdf))
    assert len(PdfReader(pdf).pages) == 1
    check = run_cli(project, "check", "content/wide.md", "--lang", "en", "--format", "pdf")
    assert check.returncode == 0 and "0 problems" in check.stdout + check.stderr, check.stdout + check.stderr


def test_a_theme_can_turn_wide_tables_onto_a_landscape_page(tmp_path: Path) -> None:
    project = project_with(tmp_path, 'wide_tables = "landscape"')
    result = run_cli(project, "build", "--strict", "content/wide.md", "--lang", "en", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    pdf = project / "build" / "en" / "wide.pdf"
    sizes = [(float(page.trimbox.width), float(page.trimbox.height)) for page in PdfReader(pdf).pages]
    turned = [number for number, (width, height) in enumerate(sizes, 1) if width > height]
    assert len(turned) == 1 and len(sizes) >= 2, sizes
    assert not cells_missing(on_the_page(pdf, turned[0]))
    assert "Votes by group" in on_the_page(pdf, 1) and "Vote 1" not in on_the_page(pdf, 1)


def test_check_finds_text_a_pdf_cuts_off(tmp_path: Path) -> None:
    """A designer's stylesheet that pushes a heading off the page: the build cannot know,
    the check reads the PDF and names the page, the words and the heading's line."""
    project = project_with(tmp_path)
    css = project / "templates" / "offpage.css"
    css.write_text("#votes-by-group { margin-left: 200mm; }\n", encoding="utf-8")
    with (project / "templates" / "theme.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[templates.briefing]\ncss = ["print.css", "offpage.css"]\n')
    assert run_cli(project, "build", "content/wide.md", "--lang", "en", "--format", "pdf").returncode == 0
    check = run_cli(project, "check", "content/wide.md", "--lang", "en", "--format", "pdf")
    out = check.stdout + check.stderr
    assert check.returncode == 1, out
    assert re.search(r"content/wide\.md:5: error: page 1 of build/en/wide\.pdf cuts off text outside the page: "
                     r"'Votes', 'by', 'group'", out), out
    strict = run_cli(project, "build", "--strict", "content/wide.md", "--lang", "en", "--format", "pdf")
    assert strict.returncode == 1 and "cuts off text outside the page" in strict.stderr


@pytest.mark.parametrize("lang", ["en"])
def test_the_sample_cuts_nothing_off(sample_build: Path, lang: str) -> None:
    from samizdat.verify.clipping import pdf_clipped

    for pdf in sorted((sample_build / lang).glob("*.pdf")):
        assert pdf_clipped(pdf) == [], pdf
