"""The editable DOCX prints like its PDF: LibreOffice counts its pages in every build, a
near-empty last page is tightened away, and ``--fit`` tightens down to the [fit] floors.

LibreOffice runs take seconds: the sample is built once for the module, and its DOCX files
are converted once, independently of samizdat, to count their pages.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from samizdat.theme import BUILTIN
from tests.support import SAMIZDAT, copy_project, run_cli

HANDOUT = "content/ep-vote-handout.md"

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"),
                                reason="LibreOffice is not installed (scripts/setup --test installs it; CI never skips)")


def office_pages(files: list[Path], work: Path) -> dict[Path, int]:
    """Pages of each DOCX as LibreOffice lays it out, in one run of its own."""
    folder = work / "in"
    folder.mkdir(parents=True)
    names = {}
    for index, path in enumerate(files):
        copy = folder / f"{index}.docx"
        shutil.copyfile(path, copy)
        names[copy.stem] = path
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work / "out"), *map(str, sorted(folder.iterdir()))], capture_output=True, timeout=600, check=False)
    return {names[pdf.stem]: len(PdfReader(pdf).pages) for pdf in (work / "out").glob("*.pdf")}


@pytest.fixture(scope="module")
def no_soffice(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PATH of every program but LibreOffice (fc-match still finds the fonts, which are inputs)."""
    tools = tmp_path_factory.mktemp("tools-without-soffice")
    for folder in map(Path, os.environ["PATH"].split(os.pathsep)):
        for program in sorted(folder.iterdir()) if folder.is_dir() else ():
            if program.name not in ("soffice", "libreoffice") and not (tools / program.name).exists() and os.access(program, os.X_OK):
                (tools / program.name).symlink_to(program)
    assert shutil.which("soffice", path=str(tools)) is None and shutil.which("fc-match", path=str(tools))
    return str(tools)


def without_soffice(path: str, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with ``path`` (``no_soffice``) as its PATH."""
    return subprocess.run([*SAMIZDAT, "-C", str(project), *args], capture_output=True, text=True, cwd=project,
                          env={**os.environ, "PATH": path}, timeout=600)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The sample built once, by default (DOCX pages counted), with what the build said."""
    project = copy_project(tmp_path_factory.mktemp("docx-pages"))
    return project, run_cli(project, "build")


@pytest.fixture(scope="module")
def counted(sample: tuple[Path, subprocess.CompletedProcess[str]], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, int]:
    project, _ = sample
    return office_pages(sorted((project / "build").glob("*/*.docx")), tmp_path_factory.mktemp("office"))


def test_every_docx_of_the_sample_takes_its_pdfs_pages(sample: tuple[Path, subprocess.CompletedProcess[str]],
                                                       counted: dict[Path, int]) -> None:
    project, result = sample
    assert result.returncode == 0, result.stderr
    assert ": error:" not in result.stderr
    docx = sorted((project / "build").glob("*/*.docx"))
    assert len(docx) == 14 and set(counted) == set(docx), "LibreOffice could not open every DOCX"
    differ = {str(path.relative_to(project)): (counted[path], len(PdfReader(path.with_suffix(".pdf")).pages))
              for path in docx if counted[path] != len(PdfReader(path.with_suffix(".pdf")).pages)}
    assert not differ, f"DOCX pages in LibreOffice vs PDF pages: {differ}"


def test_the_tightened_editions_are_named(sample: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The DOCX design follows the PDF's; where LibreOffice still sets a few lines longer
    (the Russian handout, the Belarusian briefing), the build says what it tightened."""
    _, result = sample
    tightened = [line for line in result.stderr.splitlines() if ": warning: tightened the " in line]
    assert f"{HANDOUT}: warning: tightened the 'ru' DOCX to 1 page, its PDF's" in result.stderr, result.stderr
    assert all(re.search(r"DOCX to \d pages?, its PDF's \(LibreOffice put \d+ lines on page \d\): spacing \d+% of the design", line)
               for line in tightened), tightened
    assert len(tightened) <= 3, "the DOCX design no longer follows the PDF's"


def test_a_no_op_build_does_not_count_again(sample: tuple[Path, subprocess.CompletedProcess[str]], no_soffice: str) -> None:
    """The counts are kept in the manifest: with LibreOffice out of reach the build cannot
    tell the difference, and it says the same as the build that counted."""
    project, first = sample
    again = without_soffice(no_soffice, project, "build")
    assert again.returncode == 0, again.stderr
    assert "0 files written" in again.stdout and "not checked" not in again.stderr
    assert sorted(l for l in again.stderr.splitlines() if "DOCX" in l) == sorted(l for l in first.stderr.splitlines() if "DOCX" in l)


def test_a_few_lines_over_the_budget_are_tightened_away(project: Path, tmp_path: Path) -> None:
    """A one-page budget and no PDF in the build: the handout's DOCX, on a page with
    deeper margins (30 mm), spills a few lines onto a second page, and its styles are tightened
    until LibreOffice lays it on one."""
    (project / "templates" / "handout.docx").write_bytes(with_margins((BUILTIN / "handout.docx").read_bytes(), 1700))
    source = project / HANDOUT
    source.write_text(source.read_text(encoding="utf-8").replace("template: handout\n", "template: handout\npages: 1\n", 1), encoding="utf-8")
    plain = run_cli(project, "build", "--format", "docx", "--lang", "be", "--no-docx-pages", HANDOUT)
    assert plain.returncode == 0, plain.stderr
    target = project / "build" / "be" / "ep-vote-handout.docx"
    assert office_pages([target], tmp_path / "before") == {target: 2}, "the fixture no longer spills onto a second page"

    result = run_cli(project, "build", "--format", "docx", "--lang", "be", HANDOUT)
    assert result.returncode == 0, result.stderr
    assert f"{HANDOUT}: warning: tightened the 'be' DOCX to 1 page, its budget (LibreOffice put " in result.stderr
    assert office_pages([target], tmp_path / "after") == {target: 1}


def with_margins(reference: bytes, top_and_bottom: int) -> bytes:
    """The reference document with deep top and bottom margins (twips): a shorter text area."""
    with zipfile.ZipFile(io.BytesIO(reference)) as package:
        entries = {info.filename: package.read(info) for info in package.infolist()}
    body = entries["word/document.xml"].decode("utf-8")
    body = re.sub(r'w:top="\d+"', f'w:top="{top_and_bottom}"', re.sub(r'w:bottom="\d+"', f'w:bottom="{top_and_bottom}"', body))
    entries["word/document.xml"] = body.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


def test_over_its_pdf_even_at_the_floors_fails_naming_the_language(project: Path) -> None:
    """A reference document whose pages hold half the text: the handout's DOCX cannot come
    back to its PDF's one page, in either build."""
    (project / "templates" / "handout.docx").write_bytes(with_margins((BUILTIN / "handout.docx").read_bytes(), 4500))
    plain = run_cli(project, "build", "--format", "pdf,docx", "--lang", "be", HANDOUT)
    assert plain.returncode == 1
    (error,) = [line for line in plain.stderr.splitlines() if ": error:" in line]
    assert re.fullmatch(rf"{HANDOUT}: error: the 'be' DOCX takes \d pages in LibreOffice, over its PDF's 1"
                        r" \(\d+ lines on its last page: shorten it, or build with --fit\)", error), error

    fit = run_cli(project, "build", "--format", "pdf,docx", "--lang", "be", "--fit", HANDOUT)
    assert fit.returncode == 1
    (error,) = [line for line in fit.stderr.splitlines() if ": error:" in line]
    assert re.fullmatch(rf"{HANDOUT}: error: the 'be' DOCX takes \d pages in LibreOffice, over its PDF's 1 even at the \[fit\] floors",
                        error), error


def test_without_libreoffice_the_build_says_docx_pages_were_not_checked(project: Path, no_soffice: str) -> None:
    result = without_soffice(no_soffice, project, "build", "--format", "docx", "--lang", "en,be")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "not checked" in line]
    assert len(warnings) == 1 and ": warning: DOCX pages were not checked" in warnings[0], result.stderr
    assert "LibreOffice" in warnings[0]

    skipped = without_soffice(no_soffice, project, "build", "--format", "docx", "--lang", "en,be", "--no-docx-pages")
    assert skipped.returncode == 0 and "not checked" not in skipped.stderr, skipped.stderr
