"""Print production: profiles (bleed, crop marks, tagged PDF/UA, PDF/A), page budgets
with --fit, the QR code of the online edition, and qpdf's verdict on every PDF."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from samizdat import languages
from samizdat.localize import pofile
from tests.support import pdf_text, run_cli

HANDOUT = "content/ep-vote-handout.md"
PT_PER_MM = 72 / 25.4


def qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None and not os.environ.get("CI"):
        pytest.skip("qpdf is not installed")
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def box(page: pikepdf.Page, name: str) -> list[float]:
    return [float(v) for v in page.obj[name]]


@pytest.fixture(scope="module")
def print_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support import copy_project

    project = copy_project(tmp_path_factory.mktemp("print"))
    result = run_cli(project, "build", "-q", "--format", "pdf", "--profile", "print")
    # The PDF writer does not render CMYK yet: preflight finds the RGB (and no output intent) in
    # every file, and nothing else; the files are written all the same.
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1 and errors, result.stderr
    assert all(line.endswith("RGB in a CMYK job") or "has no output intent" in line for line in errors), result.stderr
    return project / "build" / "print"


def test_print_build_preflight_names_the_coarse_image_at_its_source_line(print_build: Path) -> None:
    """The hemicycle chart, 1200 px across a 122 mm column, is under 300 ppi in print."""
    result = run_cli(print_build.parent.parent, "preflight")
    assert result.returncode == 1
    assert ("content/ep-resolution-briefing/index.md:93: warning: build/print/en/ep-resolution-briefing.pdf, page 3: "
            "image 'hemicycle.png' is 249 ppi at its printed size (1200×640 px at 122.4 × 65.3 mm); print needs 300 "
            "(150 at the least)") in result.stderr
    assert result.stdout.startswith(f"{len(list(print_build.glob('*/*.pdf')))} PDFs checked for the 'print' profile: ")


def test_print_profile_has_bleed_and_crop_marks_on_every_page(print_build: Path) -> None:
    bleed = 3 * PT_PER_MM
    for path in sorted(print_build.glob("*/*.pdf")):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                media, trim = box(page, "/MediaBox"), box(page, "/TrimBox")
                assert media != trim
                assert [round(t - m_, 2) for t, m_ in zip(trim[:2], media[:2])] == [round(bleed, 2)] * 2
                assert [round(m_ - t, 2) for t, m_ in zip(trim[2:], media[2:])] == [round(bleed, 2)] * 2
                width = 148 if "flyer" in path.name else 210  # the flyer's design is A5 in every profile
                assert trim[2] - trim[0] == pytest.approx(width * PT_PER_MM, abs=0.01)  # the paper once trimmed
        qpdf_ok(path)
    # crop marks: ink in the bleed corner, outside the trimmed page (a plain page leaves it white)
    corner = print_build.parent / "corner"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "35", "-H", "35",
                    str(print_build / "en" / "ep-vote-handout.pdf"), str(corner)], check=True)
    image = Image.open(next(print_build.parent.glob("corner*.png"))).convert("L")
    assert image.getextrema()[0] < 100, "no crop mark drawn in the bleed corner"


def test_screen_pdf_is_tagged_pdf_ua(sample_build: Path) -> None:
    for path in sorted(sample_build.glob("*/*.pdf")):
        with pikepdf.open(path) as pdf:
            assert "/StructTreeRoot" in pdf.Root
            assert pdf.Root.MarkInfo.Marked is True
            assert str(pdf.Root.Lang) == languages.profile(path.parent.name).tag
            meta = pdf.open_metadata()
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"]
            page = pdf.pages[0]
            assert box(page, "/MediaBox") == box(page, "/TrimBox")
        qpdf_ok(path)


def test_pdf_a_variant_is_declared(project: Path) -> None:
    result = run_cli(project, "build", "-q", "--format", "pdf", "--lang", "ru", "--pdf-variant", "pdf/a-3b", HANDOUT)
    assert result.returncode == 0, result.stderr
    path = project / "build" / "ru" / "ep-vote-handout.pdf"
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")
        assert "/OutputIntents" in pdf.Root
    qpdf_ok(path)


def grow_translation(project: Path, lang: str, times: int) -> None:
    """Make every paragraph, list item and box of the handout's translation ``times`` longer."""
    path = project / "locales" / lang / "LC_MESSAGES" / "ep-vote-handout.po"
    catalog = pofile.read(path.read_bytes(), lang)
    for message in catalog:
        if message.id and message.context in ("paragraph", "list item", "box"):
            # the repeats without footnote calls and links: a translation that adds either is held back
            plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", message.string.replace("[^winner]", ""))
            message.string = message.string + f" {plain}" * (times - 1)
    path.write_bytes(pofile.write(catalog))


def test_page_budget_overflow_fails_and_fit_repairs_it(project: Path) -> None:
    first = run_cli(project, "build", "--format", "pdf", HANDOUT)
    assert first.returncode == 0, first.stderr
    english = (project / "build" / "en" / "ep-vote-handout.pdf").read_bytes()
    belarusian = (project / "build" / "be" / "ep-vote-handout.pdf").read_bytes()
    grow_translation(project, "be", 6)

    over = run_cli(project, "build", "--format", "pdf", HANDOUT)
    assert over.returncode == 1
    (line,) = [l for l in over.stderr.splitlines() if "budget" in l and "'be' edition" in l]
    assert any("the 'be-Latn' edition (A4) takes 3 pages" in l for l in over.stderr.splitlines())  # made from the same catalog
    assert line.startswith("content/ep-vote-handout.md: error: the 'be' edition (A4) takes 3 pages, over its budget of 2 by ")
    assert line.split(" by ")[1].split(" mm")[0].isdigit()
    assert (project / "build" / "be" / "ep-vote-handout.pdf").read_bytes() == belarusian, "the old file is kept"

    fitted = run_cli(project, "build", "--format", "pdf", "--fit", HANDOUT)
    assert fitted.returncode == 0, fitted.stderr
    assert "fitted the 'be' edition (A4) to 2 pages" in fitted.stderr and "type 9" in fitted.stderr
    with pikepdf.open(project / "build" / "be" / "ep-vote-handout.pdf") as pdf:
        assert len(pdf.pages) == 2
    assert hashlib.sha256((project / "build" / "en" / "ep-vote-handout.pdf").read_bytes()).digest() == hashlib.sha256(english).digest()
    assert "fitted the 'en'" not in fitted.stderr


def test_fit_gives_up_at_the_floor(project: Path) -> None:
    grow_translation(project, "ru", 12)
    result = run_cli(project, "build", "--format", "pdf", "--lang", "ru", "--fit", HANDOUT)
    assert result.returncode == 1
    assert "the 'ru' edition (A4) cannot be fitted to 2 pages: still over at the floors of samizdat.toml [fit]" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"), reason="LibreOffice is not installed")
def test_docx_page_budget_is_counted_by_libreoffice(project: Path) -> None:
    grow_translation(project, "be", 6)
    result = run_cli(project, "build", "--format", "docx", "--lang", "be,en", "--docx-pages", HANDOUT)
    assert result.returncode == 1
    assert "content/ep-vote-handout.md: error: the 'be' DOCX takes" in result.stderr
    assert "over its budget of 2" in result.stderr and "'en' DOCX" not in result.stderr


def test_handout_carries_the_online_edition(sample_build: Path) -> None:
    import docx

    for lang in ("en", "be", "ru"):
        url = f"https://briefings.example.org/{lang}/ep-vote-handout/"
        assert url in pdf_text(sample_build / lang / "ep-vote-handout.pdf").replace(" ", "")
        word = docx.Document(str(sample_build / lang / "ep-vote-handout.docx"))
        descriptions = [d.get("descr") for d in word.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
        assert url in descriptions
    assert "Чытайце гэтую ўлётку анлайн" in pdf_text(sample_build / "be" / "ep-vote-handout.pdf")
