"""Print production: profiles (bleed, crop marks, tagged PDF/UA, PDF/A), page budgets
with --fit, the QR code of the online edition, and qpdf's verdict on every PDF."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

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
    result = run_cli(project, "build", "-q", "--format", "pdf", "--profile", "print", "--strict")  # read back: no text cut off
    assert result.returncode == 0, result.stderr
    return project / "build" / "print"


def test_print_build_preflight_names_the_coarse_image_at_its_source_line(print_build: Path) -> None:
    """The hemicycle chart, 1200 px across a 122 mm column, is under 300 ppi in print."""
    result = run_cli(print_build.parent.parent, "preflight")
    assert result.returncode == 0, result.stderr  # a warning: the file may go to the shop
    assert ("content/ep-resolution-briefing/index.md:93: warning: build/print/en/ep-resolution-briefing.pdf, page 3: "
            "image 'hemicycle.png' is 249 ppi at its printed size (1200×640 px at 122.4 × 65.3 mm); print needs 300 "
            "(150 at the least)") in result.stderr
    assert result.stdout.startswith(f"{len(list(print_build.glob('*/*.pdf')))} PDFs checked for the 'print' profile: ")


def test_print_profile_has_bleed_and_room_for_marks_on_every_page(print_build: Path) -> None:
    bleed, slug = 3 * PT_PER_MM, 12 * PT_PER_MM
    for path in sorted(print_build.glob("*/*.pdf")):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                media, bleed_box, trim = box(page, "/MediaBox"), box(page, "/BleedBox"), box(page, "/TrimBox")
                assert [round(t - b, 2) for t, b in zip(trim[:2], bleed_box[:2])] == [round(bleed, 2)] * 2
                assert [round(b - t, 2) for t, b in zip(trim[2:], bleed_box[2:])] == [round(bleed, 2)] * 2
                assert [round(b - m_, 2) for b, m_ in zip(bleed_box[:2], media[:2])] == [round(slug, 2)] * 2  # the slug
                assert [round(m_ - b, 2) for b, m_ in zip(bleed_box[2:], media[2:])] == [round(slug, 2)] * 2
                width = 148 if "flyer" in path.name else 210  # the flyer's design is A5 in every profile
                assert trim[2] - trim[0] == pytest.approx(width * PT_PER_MM, abs=0.01)  # the paper once trimmed
        qpdf_ok(path)


def _overlay_points(page: pikepdf.Page) -> list[tuple[float, float]]:
    """Every path point of the page's last form XObject (the marks, laid over the page
    last), in page space: a content-stream walk with the current transformation matrix."""
    points: list[tuple[float, float]] = []
    drawn = [operands[0] for operands, operator in pikepdf.parse_content_stream(page) if str(operator) == "Do"]

    def walk(stream: Any, resources: Any, ctm: pikepdf.Matrix, record: bool, top: bool = False) -> None:
        stack = []
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
            elif op in ("m", "l", "c") and record:
                coords = [float(v) for v in operands]
                points.extend(ctm.transform((coords[i], coords[i + 1])) for i in range(0, len(coords), 2))
            elif op == "Do" and resources.XObject[operands[0]].Subtype == "/Form":
                form = resources.XObject[operands[0]]
                matrix = pikepdf.Matrix(*[float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]) @ ctm
                walk(form, form.get("/Resources", resources), matrix, record or (top and operands[0] == drawn[-1]))

    walk(page.obj, page.Resources, pikepdf.Matrix(), False, top=True)
    return points


def test_crop_marks_lie_outside_the_bleed_box(print_build: Path) -> None:
    """The marks are drawn in the slug, where a shop expects them: no point of them falls
    inside the bleed box (WeasyPrint's own marks lie in the bleed), all lie on the media box,
    the crop marks on the extensions of the trim edges; the slug line names the file."""
    for path in [print_build / "en" / "ep-vote-handout.pdf", print_build / "be" / "ep-vote-flyer.pdf"]:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0]
            left, bottom, right, top = box(page, "/BleedBox")
            media, trim = box(page, "/MediaBox"), box(page, "/TrimBox")
            points = _overlay_points(page)
            assert len(points) >= 8 * 2 + 4 * 6, f"{path}: {len(points)} mark points"  # 8 crop marks, 4 targets
            inside = [(x, y) for x, y in points if left + 0.1 < x < right - 0.1 and bottom + 0.1 < y < top - 0.1]
            assert not inside, f"{path}: marks inside the bleed box at {inside[:3]}"
            assert all(media[0] <= x <= media[2] and media[1] <= y <= media[3] for x, y in points)
            crop_x = {round(x, 1) for x, y in points if not bottom <= y <= top}  # marks above and below the page
            assert {round(trim[0], 1), round(trim[2], 1)} <= crop_x
        text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert path.name.replace(".pdf", ".md") in text and "print FOGRA39" in text and "1/1" in text  # the slug line


def _rgb_uses(resources: Any, stream: Any, seen: set[tuple[int, int]]) -> list[str]:
    """sRGB anywhere a content stream paints: its operators, its colour spaces, shadings,
    images and transparency groups, and the forms and patterns it draws, recursively."""
    found = []
    if stream.is_indirect:
        if stream.objgen in seen:
            return []
        seen.add(stream.objgen)
    if "/DeviceRGB" in repr(stream.get("/Group", {})):
        found.append("transparency group in DeviceRGB")
    found += [str(op) for _, op in pikepdf.parse_content_stream(stream) if str(op) in ("rg", "RG")]
    for space in resources.get("/ColorSpace", {}).values():
        found += ["colour space"] if "/DeviceRGB" in repr(space) or (isinstance(space, pikepdf.Array) and "/ICCBased" == space[0]
                                                                     and space[1].N == 3) else []
    for shading in resources.get("/Shading", {}).values():
        found += ["shading"] if "/DeviceRGB" in repr(shading.get("/ColorSpace")) else []
    for pattern in resources.get("/Pattern", {}).values():
        if pattern.get("/PatternType") == 1:
            found += _rgb_uses(pattern.get("/Resources", resources), pattern, seen)
        elif "/DeviceRGB" in repr(pattern.get("/Shading", {}).get("/ColorSpace")):
            found.append("shading pattern")
    for xobject in resources.get("/XObject", {}).values():
        if xobject.Subtype == "/Image" and xobject.get("/ColorSpace") not in ("/DeviceCMYK", "/DeviceGray"):
            found.append(f"image in {xobject.get('/ColorSpace')}")
        elif xobject.Subtype == "/Form":
            found += _rgb_uses(xobject.get("/Resources", resources), xobject, seen)
    return found


def test_print_pdfs_are_cmyk_with_a_fogra39_output_intent(print_build: Path) -> None:
    """Every print PDF carries the press's profile as a PDF/X output intent and paints in
    DeviceCMYK only: no sRGB operator, colour space, shading, group or image anywhere."""
    for path in sorted(print_build.glob("*/*.pdf")):
        with pikepdf.open(path) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
            icc = intent.DestOutputProfile.read_bytes()
            assert icc[16:20] == b"CMYK" and icc[12:16] == b"prtr" and intent.DestOutputProfile.N == 4
            seen: set[tuple[int, int]] = set()
            for page in pdf.pages:
                assert "/Annots" not in page  # no links inside the bleed box of a press file
                assert not _rgb_uses(page.Resources, page.obj, seen), path
    with pikepdf.open(print_build / "en" / "ep-resolution-briefing.pdf") as pdf:
        images = [x for page in pdf.pages for x in page.get_images().values() if x.ColorSpace == "/DeviceCMYK"]
        assert images, "the briefing's photo was not converted to CMYK"


def test_the_rgb_check_finds_rgb(sample_build: Path) -> None:
    """The walk above is no formality: the screen edition, in sRGB, fails it."""
    with pikepdf.open(sample_build / "en" / "ep-vote-handout.pdf") as pdf:
        assert _rgb_uses(pdf.pages[0].Resources, pdf.pages[0].obj, set())


def _plates(pdf: Path, folder: Path) -> dict[str, Image.Image]:
    """Ghostscript's separations of page 1 at 72 dpi (one pixel a point): 255 is no ink."""
    if shutil.which("gs") is None and not os.environ.get("CI"):
        pytest.skip("Ghostscript is not installed")
    folder.mkdir(exist_ok=True)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72", "-dFirstPage=1", "-dLastPage=1",
                    f"-sOutputFile={folder / 'page.tif'}", str(pdf)], check=True, capture_output=True)
    return {plate: Image.open(folder / f"page({plate}).tif") for plate in ("Cyan", "Magenta", "Yellow", "Black")}


def _word_boxes(pdf: Path, words: set[str]) -> list[tuple[int, int, int, int]]:
    """Where pdftotext finds ``words`` on page 1, in points from the media box's top left."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', xml)
    return [(round(float(a)) + 1, round(float(b)) + 1, round(float(c)) - 1, round(float(d)) - 1) for a, b, c, d, w in found if w in words]


def _inked(plate: Image.Image, boxes: list[tuple[int, int, int, int]]) -> bool:
    return any(plate.crop(b).getextrema()[0] < 200 for b in boxes)


def test_separations_put_body_text_on_black_only_and_brand_colours_on_their_plates(print_build: Path) -> None:
    """Rendered through Ghostscript's separation device: a body paragraph's words print on
    the black plate alone (100 % K, no rich black); the navy title band on cyan, magenta and
    black but not yellow; the red masthead on magenta, yellow and black but not cyan."""
    handout = print_build / "en" / "ep-vote-handout.pdf"
    plates = _plates(handout, print_build.parent / "plates")
    body = _word_boxes(handout, {"condemned", "repression", "support", "democratic"})
    title = _word_boxes(handout, {"Europe", "stands", "people"})  # white letters on the navy band
    masthead = _word_boxes(handout, {"BELARUS", "BRIEFINGS"})
    assert len(body) >= 4 and len(title) == 3 and len(masthead) == 2
    assert _inked(plates["Black"], body)
    assert not any(_inked(plates[p], body) for p in ("Cyan", "Magenta", "Yellow"))
    assert all(_inked(plates[p], title) for p in ("Cyan", "Magenta", "Black")) and not _inked(plates["Yellow"], title)
    assert all(_inked(plates[p], masthead) for p in ("Magenta", "Yellow", "Black")) and not _inked(plates["Cyan"], masthead)


def test_pdf_x4_is_claimed_with_its_output_intent(project: Path) -> None:
    result = run_cli(project, "build", "-q", "--format", "pdf", "--lang", "en", "--profile", "print", "--pdf-variant", "pdf/x-4",
                     "content/ep-vote-flyer.md")
    assert result.returncode == 0, result.stderr
    with pikepdf.open(project / "build" / "print" / "en" / "ep-vote-flyer.pdf") as pdf:
        assert pdf.pdf_version == "1.6" and pdf.trailer.ID
        assert pdf.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert pdf.docinfo.Trapped == "/False" and pdf.docinfo.Title
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX" and "/DestOutputProfile" in pdf.Root.OutputIntents[0]
        assert all("/TrimBox" in page and "/BleedBox" in page for page in pdf.pages)


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
    grow_translation(project, "be", 7)  # a third page of its own, not a few lines a tightening would take back
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
