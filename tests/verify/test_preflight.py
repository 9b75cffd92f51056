"""Preflight on real PDFs: files WeasyPrint writes from small HTML pages (the way samizdat
makes its PDFs), files pikepdf assembles where WeasyPrint cannot go wrong on purpose
(fonts, forms, inline images), and the sample project through the CLI."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import weasyprint
from PIL import Image

from samizdat.colour import OUTPUT_PROFILE
from samizdat.errors import Severity
from samizdat.verify.preflight import Expect, Finding, preflight
from tests.support import copy_project, run_cli, write_doc

CMYK_PROFILE = f"@color-profile device-cmyk {{ src: url({OUTPUT_PROFILE.as_uri()}); components: c, m, y, k }}"
PRINT = Expect(("A4",), "3mm", cmyk=True)


def weasy(folder: Path, body: str, css: str = "", name: str = "page.pdf") -> Path:
    html = f"<html><head><style>@page {{ size: A4; bleed: 3mm; margin: 20mm }} body {{ margin: 0 }} {css}</style></head><body>{body}</body></html>"
    target = folder / name
    weasyprint.HTML(string=html, base_url=str(folder) + "/").write_pdf(target)
    return target


def png(folder: Path, size: tuple[int, int], name: str = "picture.png") -> Path:
    Image.new("RGB", size, (180, 40, 40)).save(folder / name)
    return folder / name


def messages(findings: list[Finding], severity: Severity | None = None) -> list[str]:
    return [f.message for f in findings if severity is None or f.severity is severity]


# --- image resolution --------------------------------------------------------------------


def test_a_72_ppi_image_is_an_error_naming_its_page_and_image(tmp_path: Path) -> None:
    png(tmp_path, (100, 100))
    path = weasy(tmp_path, '<p>One</p><p style="break-before: page"><img src="picture.png" style="width: 35.3mm"></p>')
    found = [f for f in preflight(path, Expect(("A4",), "3mm")) if "ppi" in f.message]
    assert len(found) == 1 and found[0].severity is Severity.ERROR and found[0].pages == (2,)
    assert "is 72 ppi at its printed size (100×100 px at 35.3 × 35.3 mm); print needs 300 (150 at the least)" in found[0].message
    assert found[0].message.startswith("image /")  # the PDF's name for it: a bare file has no source
    assert str(found[0].diagnostic("page.pdf")).startswith("page.pdf: error: page 2: image /")


def test_a_200_ppi_image_is_a_warning_only(tmp_path: Path) -> None:
    png(tmp_path, (100, 100))
    path = weasy(tmp_path, '<img src="picture.png" style="width: 12.7mm">')
    found = preflight(path, Expect(("A4",), "3mm"))
    assert [(f.severity, f.pages) for f in found] == [(Severity.WARNING, (1,))]
    assert "is 200 ppi" in found[0].message


def test_resolution_follows_forms_and_their_matrix(tmp_path: Path) -> None:
    """An image drawn inside a Form XObject that halves it: 300 px on 2 inches, 150 ppi (a
    warning); read without the form's /Matrix it would be 75 ppi (an error)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.28, 841.89))
    page = pdf.pages[0]
    image = pdf.make_stream(bytes(300 * 300 * 4), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=300, Height=300,
                            ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8)
    form = pdf.make_stream(b"/Im0 Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1],
                           Matrix=[0.5, 0, 0, 0.5, 0, 0], Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    inline = b"BI /W 10 /H 10 /CS /CMYK /BPC 8 ID " + bytes(400) + b" EI"
    page.obj.Contents = pdf.make_stream(b"q 288 0 0 288 100 100 cm /Fm0 Do Q q 72 0 0 72 400 400 cm " + inline + b" Q")
    page.obj.TrimBox = page.obj.MediaBox
    pdf.save(tmp_path / "form.pdf")
    found = preflight(tmp_path / "form.pdf", Expect(("A4",)))
    assert [(f.severity, f.message.split(" is ")[0]) for f in found] == [
        (Severity.WARNING, "image /Im0 in form /Fm0"), (Severity.ERROR, "image inline image")]
    assert "is 150 ppi" in found[0].message and "is 10 ppi" in found[1].message


# --- hairlines ---------------------------------------------------------------------------


def test_a_hairline_border_is_an_error(tmp_path: Path) -> None:
    """WeasyPrint fills a solid border as the frame between two rectangles, not as a stroke."""
    path = weasy(tmp_path, "<p>Ruled</p><p>Thick</p>", "p { margin: 0 } p:first-child { border-top: 0.1pt solid } p + p { border-top: 1pt solid }")
    found = preflight(path, Expect(("A4",), "3mm"))
    assert [(f.severity, f.pages) for f in found] == [(Severity.ERROR, (1,))]
    assert found[0].message == ("border drawn as a fill is 0.10 pt thick: a hairline, which may print broken or not at all; "
                                "print needs 0.25 pt at the least (the line 20 mm from the left and 20 mm from the top of the trimmed page)")


def test_thin_strokes_and_width_zero_are_hairlines_but_not_in_the_bleed(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(632, 812))
    page = pdf.pages[0]
    page.obj.TrimBox = [10, 10, 622, 802]  # Letter
    page.obj.Contents = pdf.make_stream(
        b"0 w 100 100 m 300 100 l S "  # the device's thinnest line
        b"q 0.1 0 0 0.1 0 0 cm 2 w 1000 2000 m 3000 2000 l S Q "  # 2 units at a tenth: 0.2 pt
        b"0.1 w 0 5 m 600 5 l S "  # in the bleed, cut off
        b"0.5 w 100 300 m 300 300 l S "  # fine
        b"100 400 200 0.1 re f 100 500 1 0.1 re f")  # a thin filled rectangle; a dot (too short to be a line)
    pdf.save(tmp_path / "strokes.pdf")
    found = messages(preflight(tmp_path / "strokes.pdf", Expect(("Letter",))), Severity.ERROR)
    assert len(found) == 3, found
    assert found[0].startswith("stroke (S) has line width 0, the thinnest the device can draw: a hairline")
    assert found[0].endswith("(the line 32 mm from the left and 248 mm from the top of the trimmed page)")
    assert found[1].startswith("filled rectangle is 0.10 pt thick")
    assert found[2].startswith("stroke (S) is 0.20 pt thick")


# --- colour ------------------------------------------------------------------------------


def test_an_rgb_image_in_a_cmyk_job_is_an_error(tmp_path: Path) -> None:
    """The output intent makes it a CMYK job even when no profile says so."""
    png(tmp_path, (1000, 1000))
    path = weasy(tmp_path, '<p>Black ink <img src="picture.png" style="width: 50mm"></p>', CMYK_PROFILE + " body { color: device-cmyk(0 0 0 1) }")
    found = preflight(path, Expect(("A4",), "3mm"))
    assert [(f.severity, f.pages) for f in found] == [(Severity.ERROR, (1,))]
    assert found[0].message.startswith("image /") and found[0].message.endswith("(1000×1000 px) is DeviceRGB: RGB in a CMYK job")


def test_rgb_colours_are_named_by_operator_and_place(tmp_path: Path) -> None:
    path = weasy(tmp_path, "<p>Red text</p>", "p { color: rgb(200, 0, 0) }")
    assert preflight(path, Expect(("A4",), "3mm")) == []  # an sRGB job
    found = messages(preflight(path, PRINT))
    assert "fill colour (rg) in the page's content is DeviceRGB: RGB in a CMYK job" in found
    assert "has no output intent: a CMYK job names the press's CMYK profile in /OutputIntents (with a /DestOutputProfile)" in found


def test_rgb_is_found_in_every_form_it_takes(tmp_path: Path) -> None:
    """An ICC profile of three components, CalRGB, an indexed image on RGB, a shading, a
    shading pattern and a transparency group — and none of the CMYK, grey and Lab ones."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.28, 841.89))
    page = pdf.pages[0]
    page.obj.TrimBox = page.obj.MediaBox
    icc3 = pdf.make_stream(b"", N=3)
    indexed = pdf.make_stream(bytes(400 * 400), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=400, Height=400,
                              BitsPerComponent=8, ColorSpace=[pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, b"\0\0\0\xff\xff\xff"])
    gray = pdf.make_stream(bytes(400 * 400), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=400, Height=400,
                           BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray)
    shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=[pikepdf.Name.ICCBased, icc3], Coords=[0, 0, 1, 0],
                                 Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0], C1=[1, 1, 1], N=1))
    form = pdf.make_stream(b"0 0 0 1 k 0 0 10 10 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10],
                           Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB))
    page.obj.Resources = pikepdf.Dictionary(
        ColorSpace=pikepdf.Dictionary(Cs1=[pikepdf.Name.ICCBased, icc3], Cs2=[pikepdf.Name.CalRGB, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])],
                                      Cs3=[pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]),
        XObject=pikepdf.Dictionary(Im1=indexed, Im2=gray, Fm1=form), Shading=pikepdf.Dictionary(Sh1=shading),
        Pattern=pikepdf.Dictionary(P1=pikepdf.Dictionary(PatternType=2, Shading=shading)))
    page.obj.Contents = pdf.make_stream(
        b"/Cs1 cs 0.5 0.5 0.5 sc /Cs2 CS 0 0 0 SC /Cs3 cs 50 0 0 sc /DeviceCMYK CS 0 0 0 1 K 0.5 g "
        b"q 72 0 0 72 0 0 cm /Im1 Do /Im2 Do Q /Sh1 sh /Pattern cs /P1 scn 0 0 10 10 re f /Fm1 Do")
    pdf.save(tmp_path / "rgb.pdf")
    found = messages(preflight(tmp_path / "rgb.pdf", Expect(("A4",), cmyk=True)))
    assert found == [
        "has no output intent: a CMYK job names the press's CMYK profile in /OutputIntents (with a /DestOutputProfile)",
        "image /Im1 (400×400 px) is Indexed on DeviceRGB: RGB in a CMYK job",
        "stroke colour space (CS /Cs2) in the page's content is CalRGB: RGB in a CMYK job",
        "fill colour space (cs /Cs1), shading /Sh1 and shading pattern /P1 in the page's content are ICCBased with 3 components: "
        "RGB in a CMYK job",
        "transparency group in form /Fm1 is DeviceRGB: RGB in a CMYK job",
    ]


def test_a_clean_cmyk_file_has_no_findings(tmp_path: Path) -> None:
    Image.new("CMYK", (620, 620), (0, 100, 200, 0)).save(tmp_path / "photo.jpg", quality=90)
    body = '<h1>Heading</h1><p>Text <img src="photo.jpg" style="width: 50.8mm"></p><div class="rule">Ruled</div>'
    css = CMYK_PROFILE + (" body { color: device-cmyk(0 0 0 1) } h1 { color: device-cmyk(1 0.6 0 0.2) }"
                          " .rule { border-top: 0.5pt solid device-cmyk(0 0 0 1); background: device-cmyk(0 0 0 0.1) }")
    path = weasy(tmp_path, body, css)
    assert preflight(path, PRINT) == []


# --- page boxes --------------------------------------------------------------------------


def test_a_missing_trim_box_is_an_error_naming_the_page(tmp_path: Path) -> None:
    path = weasy(tmp_path, '<p>One</p><p style="break-before: page">Two</p>')
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.pages[1].obj["/TrimBox"]
        pdf.save(path)
    found = preflight(path, Expect(("A4",), "3mm"))
    assert [(f.severity, f.pages, f.message) for f in found] == [
        (Severity.ERROR, (2,), "has no TrimBox: the print shop cannot tell where to cut")]


def test_paper_and_bleed_are_checked_and_landscape_pages_pass(tmp_path: Path) -> None:
    landscape = weasy(tmp_path, "<p>Wide</p>", "@page { size: A4 landscape }", "landscape.pdf")
    assert preflight(landscape, Expect(("A4",), "3mm")) == []
    assert messages(preflight(landscape, Expect(("A5",), "3mm"))) == ["is trimmed to 297.0 × 210.0 mm, not A5 (148 × 210 mm)"]
    square = weasy(tmp_path, "<p>Square</p>", "@page { size: 200mm 200mm; bleed: 0 }", "square.pdf")
    assert messages(preflight(square, Expect(bleed="3mm"))) == [
        "is trimmed to 200.0 × 200.0 mm, not A4 (210 × 297 mm), A5 (148 × 210 mm) or Letter (216 × 279 mm)",
        "BleedBox reaches 0.0 mm beyond the TrimBox, not the profile's 3mm bleed on every side"]


# --- fonts -------------------------------------------------------------------------------


def font_test_pdf(folder: Path) -> Path:
    """Text in a standard font nobody embedded (inside a form), and in an embedded TrueType
    font that is not subset (in the appearance of an annotation that prints)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.28, 841.89))
    page = pdf.pages[0]
    page.obj.TrimBox = page.obj.MediaBox
    helvetica = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    whole = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/PTSerif-Regular"),
        FontDescriptor=pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/PTSerif-Regular"),
                                          FontFile2=pdf.make_stream(b"\0\1\0\0"))))
    form = pdf.make_stream(b"BT /F1 12 Tf (Hello) Tj ET", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 200, 50],
                           Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica)))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page.obj.Contents = pdf.make_stream(b"q 1 0 0 1 100 700 cm /Fm0 Do Q")
    appearance = pdf.make_stream(b"BT /F2 10 Tf (Stamp) Tj ET", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 100, 20],
                                 Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F2=whole)))
    page.obj.Annots = [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Stamp, Rect=[100, 100, 200, 120],
                                                            F=4, AP=pikepdf.Dictionary(N=appearance)))]
    pdf.save(folder / "fonts.pdf")
    return folder / "fonts.pdf"


def test_fonts_must_be_embedded_and_subset_in_forms_and_annotations(tmp_path: Path) -> None:
    found = preflight(font_test_pdf(tmp_path), Expect(("A4",)))
    assert [(f.severity, f.message) for f in found] == [
        (Severity.ERROR, "font 'Helvetica' (in form /Fm0) is not embedded: the print shop's machine would set the text in another font"),
        (Severity.WARNING, "font 'PTSerif-Regular' (in the appearance of a Stamp annotation) is not subset (its name has no 'ABCDEF+' prefix)"),
    ]


# --- output intent -----------------------------------------------------------------------


def test_a_pdf_x_claim_without_an_output_intent_is_an_error(tmp_path: Path) -> None:
    path = weasy(tmp_path, "<p>Text</p>")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-4"
        pdf.save(path)
    assert messages(preflight(path, Expect(("A4",), "3mm"))) == [
        "claims PDF/X (PDF/X-4) but has no PDF/X output intent (/OutputIntents with /S /GTS_PDFX and a /DestOutputProfile)"]


def test_a_pdf_x_claim_in_xmp_counts_and_an_intent_satisfies_it(tmp_path: Path) -> None:
    plain = weasy(tmp_path, "<p>Text</p>", name="plain.pdf")
    with pikepdf.open(plain, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        pdf.save(plain)
    assert messages(preflight(plain, Expect(("A4",), "3mm")))[0].startswith("claims PDF/X (PDF/X-4) but has no PDF/X output intent")
    with_intent = weasy(tmp_path, "<p>Text</p>", CMYK_PROFILE + " p { color: device-cmyk(0 0 0 1) }", "intent.pdf")
    with pikepdf.open(with_intent, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-4"
        pdf.save(with_intent)
    assert preflight(with_intent, PRINT) == []


# --- the command line --------------------------------------------------------------------


def test_cli_exit_codes_and_message_format(tmp_path: Path) -> None:
    png(tmp_path, (100, 100))
    weasy(tmp_path, "<p>Text</p>", name="fine.pdf")
    weasy(tmp_path, '<img src="picture.png" style="width: 12.7mm">', name="coarse.pdf")
    (tmp_path / "notes.pdf").write_text("not a PDF at all", encoding="utf-8")

    result = run_cli(tmp_path, "preflight", "--profile", "screen", "fine.pdf")  # outside a project: the built-in profiles
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "1 PDF checked for the 'screen' profile: 0 errors, 0 warnings\n"

    result = run_cli(tmp_path, "preflight", "--profile", "screen", "coarse.pdf")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("coarse.pdf: warning: page 1: image /") and "is 200 ppi at its printed size" in result.stderr

    result = run_cli(tmp_path, "preflight", "fine.pdf", "notes.pdf", "missing.pdf")  # the print profile: CMYK
    assert result.returncode == 1
    assert "fine.pdf: error: has no output intent" in result.stderr
    assert "fine.pdf: error: page 1: fill colour (rg) in the page's content is DeviceRGB: RGB in a CMYK job" in result.stderr
    assert "notes.pdf: error: is not a PDF file, or too damaged to read (" in result.stderr
    assert "missing.pdf: error: no such file" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout.startswith("3 PDFs checked for the 'print' profile: ")

    result = run_cli(tmp_path, "preflight", "--profile", "prnt", "fine.pdf")
    assert result.returncode == 2 and "samizdat: error: unknown profile 'prnt' (did you mean 'print'?)" in result.stderr


def test_cli_survives_damaged_pdfs(tmp_path: Path) -> None:
    """Bytes overwritten in the middle of a real PDF: findings or a clear error, never a traceback."""
    path = weasy(tmp_path, "<h1>Title</h1>" + "<p>Some text to damage.</p>" * 40)
    data = path.read_bytes()
    for number, at in enumerate(range(len(data) // 8, len(data), len(data) // 8)):
        damaged = bytearray(data)
        damaged[at:at + 64] = bytes((7 * i + at) % 256 for i in range(64))
        (tmp_path / f"damaged{number}.pdf").write_bytes(damaged)
    result = run_cli(tmp_path, "preflight", "--profile", "screen", *(p.name for p in sorted(tmp_path.glob("damaged*.pdf"))))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# --- the project: build and preflight without files --------------------------------------


LOW = "---\ntitle: Low resolution\n---\n\nA picture.\n\n![A small picture](low.png)\n"


def test_a_print_build_preflights_what_it_writes_and_names_the_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    write_doc(project, "low.md", LOW)
    png(project / "content", (100, 100), "low.png")
    pdf = project / "build" / "print" / "en" / "low.pdf"
    expected = "content/low.md:7: error: build/print/en/low.pdf, page 1: image 'low.png' is "

    screen = run_cli(project, "build", "--format", "pdf", "--lang", "en", "content/low.md")
    assert screen.returncode == 0 and "ppi" not in screen.stderr, screen.stderr  # the screen profile is not for print

    result = run_cli(project, "build", "--profile", "print", "--format", "pdf", "--lang", "en", "content/low.md")
    assert result.returncode == 1 and pdf.is_file()  # the file is kept for the print shop's own judgement
    assert expected in result.stderr and "ppi at its printed size" in result.stderr, result.stderr

    again = run_cli(project, "build", "--profile", "print", "--format", "pdf", "--lang", "en", "content/low.md")
    assert again.returncode == 1 and "0 files written, 1 up to date" in again.stderr  # its findings replayed
    assert expected in again.stderr

    checked = run_cli(project, "preflight")
    assert checked.returncode == 1 and expected in checked.stderr
    assert checked.stdout.startswith("1 PDF checked for the 'print' profile: ")


def test_preflight_of_a_profile_never_built_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    result = run_cli(project, "preflight", "--profile", "a5")
    assert result.returncode == 1
    assert result.stderr == "build/a5: error: no PDFs of the 'a5' profile here: run 'samizdat build --profile a5' first, or name the files\n"


def test_the_sample_in_a_bleed_profile_passes(tmp_path: Path) -> None:
    """The sample's a5 profile (sRGB, 3 mm bleed): every PDF trimmed to A5 (the briefing and the
    handout by the profile, the flyer by its own design), nothing to find."""
    project = copy_project(tmp_path)
    result = run_cli(project, "build", "--profile", "a5", "--format", "pdf", "--lang", "en")
    assert result.returncode == 0, result.stderr
    checked = run_cli(project, "preflight", "--profile", "a5")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == "3 PDFs checked for the 'a5' profile: 0 errors, 0 warnings\n"
