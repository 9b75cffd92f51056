"""Preflight: the faults a print shop's preflight (Acrobat, PitStop, callas) rejects a PDF
for, found before the file leaves.

Takes a PDF and what its print job expects (:class:`Expect`: the paper, the bleed, CMYK or
not, and the pixel sizes of the document's images with their source lines); gives
:class:`Finding` values, each naming its pages and the object:

* fonts — every font text is set in is embedded (error) and subset (warning); Type3 fonts
  are drawn by the file itself;
* boxes — every page has a TrimBox of the expected paper (either way round: wide tables
  turn pages), and with a bleed a BleedBox that is the TrimBox grown by it, inside the
  MediaBox;
* resolution — every image is 300 ppi at its printed size (warning below, error below 150);
* colour — a CMYK job (the profile says so, or the output intent is a CMYK profile) has no
  RGB: colours, colour spaces, images, shadings, transparency groups;
* hairlines — no line inside the trimmed page is thinner than 0.25 pt (strokes, and the
  thin rectangles and frames WeasyPrint fills for borders): it may print broken or not at all;
* output intent — a PDF/X claim needs a /GTS_PDFX output intent with its ICC profile, and a
  CMYK job needs an output intent even without a claim.

Each page's content is read once (``pdf_paint``).
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from samizdat import model as m
from samizdat.errors import Diagnostic, Severity
from samizdat.pack.paper import MM, PAGE_SIZES, page_size
from samizdat.verify import pdf_paint
from samizdat.verify.pdf_paint import Box, Paint

PRINT_PPI, LEAST_PPI = 300, 150
HAIRLINE = 0.25  # points: thinner lines may print broken or not at all
MIN_LENGTH = 2.0  # points: a thin fill shorter than this is a dot, not a line
PAPER_TOLERANCE, BLEED_TOLERANCE = 1.0, 0.5  # points
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SUBSET = re.compile(r"^[A-Z]{6}\+")
UNITS = {"mm": MM, "cm": 10 * MM, "q": MM / 4, "in": 72.0, "pt": 1.0, "pc": 12.0, "px": 0.75}
PDFX_CLAIM = re.compile(rb"GTS_PDFXVersion(?:\s*=\s*[\"']([^\"']*)|(?:\s[^>]*)?>([^<]*)<)")  # an attribute or an element

DAMAGED = (pikepdf.PdfError, TypeError, ValueError)  # what pikepdf raises for a damaged object or content stream
Raw = tuple[Severity, int, str, m.Loc | None]  # a finding on one page, before its pages are gathered
ImageSources = dict[tuple[int, int], list[tuple[str, m.Loc]]]  # pixel size → the document's images of that size


@dataclass(frozen=True)
class Expect:
    """What a print job's PDF must be."""

    papers: tuple[str, ...] = PAGE_SIZES  # trimmed to one of these, portrait or landscape
    bleed: str = ""  # a CSS length, e.g. '3mm'; '' for none
    cmyk: bool = False
    images: ImageSources = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    pages: tuple[int, ...]  # 1-based; () for the file as a whole
    message: str
    loc: m.Loc | None = None  # the source line that made it (an image's), when known

    def diagnostic(self, shown: str) -> Diagnostic:
        """As ``path:line: severity: message``: at the source line when known, else at the PDF."""
        where = _pages(self.pages)
        if self.loc is not None:
            return Diagnostic(self.loc.path, self.loc.line, f"{shown}, {where}: {self.message}" if where else f"{shown}: {self.message}", self.severity)
        return Diagnostic(shown, None, f"{where}: {self.message}" if where else self.message, self.severity)


def preflight(path: Path, expect: Expect) -> list[Finding]:
    """Everything wrong with the PDF at ``path`` for the print job ``expect`` describes."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return [_file("is encrypted: a print shop cannot open it")]
    except FileNotFoundError:
        return [_file("no such file")]
    except IsADirectoryError:
        return [_file("is a folder, not a PDF file")]
    except OSError as exc:
        return [_file(f"cannot be read: {exc.strerror or exc}")]
    except pikepdf.PdfError as exc:
        return [_file(f"is not a PDF file, or too damaged to read ({_first_line(exc).removeprefix(f'{path}: ')})")]
    with pdf:
        try:
            cmyk = expect.cmyk or _cmyk_intent(pdf)
            files = [_file(message) for message in output_intent(pdf, cmyk)]
            pages = list(pdf.pages)
        except DAMAGED as exc:
            return [_file(f"is too damaged to read ({_first_line(exc)})")]
        found: list[Raw] = []
        for number, page in enumerate(pages, 1):
            try:
                found += [(severity, number, message, None) for severity, message in boxes(page, expect)]
                found += _painted(page, number, expect, cmyk)
            except DAMAGED as exc:
                found.append((Severity.ERROR, number, f"cannot be checked: {_first_line(exc)}", None))
    return files + _by_pages(found)


def _painted(page: pikepdf.Page, number: int, expect: Expect, cmyk: bool) -> list[Raw]:
    """The checks of what one page paints, its content read once."""
    found: list[Raw] = []
    with warnings.catch_warnings(record=True) as said:  # pikepdf warns of a content stream it could read only in part
        warnings.simplefilter("always")
        paint = pdf_paint.paint(page)
    for message in dict.fromkeys(str(warning.message) for warning in said):
        found.append((Severity.ERROR, number, f"its content is damaged ({message})", None))
    found += [(severity, number, message, None) for severity, message in fonts(paint)]
    found += [(severity, number, message, loc) for severity, message, loc in resolution(paint, expect.images)]
    if cmyk:
        found += [(Severity.ERROR, number, message, loc) for message, loc in rgb(paint, expect.images)]
    trim = _box(page.obj.get("/TrimBox")) or _box(page.obj.get("/MediaBox"))
    found += [(Severity.ERROR, number, message, None) for message in hairlines(paint, trim)]
    return found


def _file(message: str) -> Finding:
    return Finding(Severity.ERROR, (), message)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _by_pages(found: list[Raw]) -> list[Finding]:
    """One finding for each problem, with every page it is on."""
    pages: dict[tuple[Severity, str, m.Loc | None], list[int]] = {}
    for severity, number, message, loc in found:
        numbers = pages.setdefault((severity, message, loc), [])
        if number not in numbers:
            numbers.append(number)
    return [Finding(severity, tuple(numbers), message, loc) for (severity, message, loc), numbers in pages.items()]


def _pages(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return "pages " + ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


# --- fonts -------------------------------------------------------------------------------


def fonts(paint: Paint) -> list[tuple[Severity, str]]:
    found = []
    for use in paint.fonts.values():
        font = use.font
        subtype = str(font.get("/Subtype", ""))
        if subtype == "/Type3":
            continue  # its glyphs are drawings in the file
        described = font
        if subtype == "/Type0":
            descendants = font.get("/DescendantFonts")
            if isinstance(descendants, pikepdf.Array) and len(descendants) and isinstance(descendants[0], pikepdf.Dictionary):
                described = descendants[0]
        name = str(described.get("/BaseFont", font.get("/BaseFont", use.name))).lstrip("/")
        descriptor = described.get("/FontDescriptor")
        what = f"font '{name}'" + ("" if use.where == pdf_paint.PAGE else f" (in {use.where})")
        if not isinstance(descriptor, pikepdf.Dictionary) or not any(key in descriptor for key in FONT_FILES):
            found.append((Severity.ERROR, f"{what} is not embedded: the print shop's machine would set the text in another font"))
        elif not SUBSET.match(name):
            found.append((Severity.WARNING, f"{what} is not subset (its name has no 'ABCDEF+' prefix)"))
    return found


# --- page boxes --------------------------------------------------------------------------


def boxes(page: pikepdf.Page, expect: Expect) -> list[tuple[Severity, str]]:
    media = _box(page.obj.get("/MediaBox"))
    trim = _box(page.obj.get("/TrimBox"))
    if trim is None:
        return [(Severity.ERROR, "has no TrimBox: the print shop cannot tell where to cut")]
    found = []
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    papers = [paper for name in expect.papers if (paper := page_size(name))]
    if papers and not any(_same_size((width, height), (p.width, p.height)) or _same_size((width, height), (p.height, p.width)) for p in papers):
        wanted = _listed([f"{p.name} ({p.width / MM:.0f} × {p.height / MM:.0f} mm)" for p in papers], "or")
        found.append((Severity.ERROR, f"is trimmed to {width / MM:.1f} × {height / MM:.1f} mm, not {wanted}"))
    bleed = length(expect.bleed)
    if bleed:
        explicit = _box(page.obj.get("/BleedBox"))
        bleed_box = explicit or _box(page.obj.get("/CropBox")) or media  # a PDF's BleedBox defaults to the CropBox
        name = "BleedBox" if explicit else "MediaBox (the file sets no BleedBox)"
        if bleed_box is not None:
            grown = (trim[0] - bleed_box[0], trim[1] - bleed_box[1], bleed_box[2] - trim[2], bleed_box[3] - trim[3])
            if any(abs(side - bleed) > BLEED_TOLERANCE for side in grown):
                even = max(grown) - min(grown) <= BLEED_TOLERANCE
                sides = f"{grown[0] / MM:.1f} mm" if even else ", ".join(f"{side / MM:.1f}" for side in grown) + " mm (left, bottom, right, top)"
                found.append((Severity.ERROR, f"{name} reaches {sides} beyond the TrimBox, not the profile's {expect.bleed} bleed on every side"))
            if media is not None and explicit and any(
                    outside > BLEED_TOLERANCE for outside in (media[0] - explicit[0], media[1] - explicit[1], explicit[2] - media[2], explicit[3] - media[3])):
                found.append((Severity.ERROR, "BleedBox reaches beyond the MediaBox: the bleed is cut off"))
    return found


def length(css: str) -> float:
    """A CSS length such as '3mm' in points (0 for none or one that cannot be read)."""
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]+)\s*", css or "")
    if not match or match.group(2).lower() not in UNITS:
        return 0.0
    return float(match.group(1)) * UNITS[match.group(2).lower()]


def _box(obj: object) -> Box | None:
    if not isinstance(obj, pikepdf.Array) or len(obj) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _same_size(size: tuple[float, float], paper: tuple[float, float]) -> bool:
    return abs(size[0] - paper[0]) <= PAPER_TOLERANCE and abs(size[1] - paper[1]) <= PAPER_TOLERANCE


def _listed(items: list[str], word: str) -> str:
    """'a', 'a or b', 'a, b or c' (``word`` 'or', or 'and')."""
    return f"{', '.join(items[:-1])} {word} {items[-1]}" if len(items) > 1 else items[0]


# --- images ------------------------------------------------------------------------------


def resolution(paint: Paint, sources: ImageSources) -> list[tuple[Severity, str, m.Loc | None]]:
    found = []
    for image in paint.images:
        (pw, ph), (width, height) = image.pixels, image.size
        if min(pw, ph, width, height) <= 0.01:
            continue
        ppi = min(pw / (width / 72), ph / (height / 72))
        if ppi >= PRINT_PPI:
            continue
        what, loc = _image(image, sources)
        severity, limit = (Severity.ERROR, LEAST_PPI) if ppi < LEAST_PPI else (Severity.WARNING, PRINT_PPI)
        shown = round(ppi) if round(ppi) < limit else math.floor(ppi)  # 71.9 is '72', but 299.7 is not '300'
        found.append((severity, f"{what} is {shown} ppi at its printed size ({pw}×{ph} px at {width / MM:.1f} × "
                                f"{height / MM:.1f} mm); print needs {PRINT_PPI} ({LEAST_PPI} at the least)", loc))
    return found


def _image(image: pdf_paint.Placed, sources: ImageSources) -> tuple[str, m.Loc | None]:
    """How to name an image: its file in the document (matched by pixel size), else the PDF's name for it."""
    inside = "" if image.where == pdf_paint.PAGE else f" in {image.where}"
    w, h = image.pixels
    used = sources.get((w, h)) or sources.get((h, w))  # turned by its EXIF orientation
    if used:
        return "image " + _listed([f"'{src}'" for src in dict.fromkeys(src for src, _ in used)], "or") + inside, used[0][1]
    return f"image {image.name}{inside}", None


# --- colour ------------------------------------------------------------------------------


def rgb(paint: Paint, sources: ImageSources) -> list[tuple[str, m.Loc | None]]:
    """RGB anywhere on the page: a CMYK press converts it its own way, or refuses the file.
    Colours of one space in one content stream are named together."""
    found: list[tuple[str, m.Loc | None]] = []
    for image in paint.images:
        if image.space is not None and image.space.rgb:
            what, loc = _image(image, sources)
            found.append((f"{what} ({image.pixels[0]}×{image.pixels[1]} px) is {image.space}: RGB in a CMYK job", loc))
    together: dict[tuple[str, str], list[str]] = {}
    for colour in paint.colours:
        if colour.space.rgb:
            together.setdefault((colour.where, str(colour.space)), []).append(colour.what)
    for (where, space), whats in sorted(together.items(), key=lambda item: (item[0][0] != pdf_paint.PAGE, item[0])):
        found.append((f"{_listed(sorted(whats), 'and')} in {where} {'are' if len(whats) > 1 else 'is'} {space}: RGB in a CMYK job", None))
    return found


def _cmyk_intent(pdf: pikepdf.Pdf) -> bool:
    """Whether the file's output intent is a CMYK press (its ICC profile's colour space)."""
    for intent in _intents(pdf):
        profile = intent.get("/DestOutputProfile")
        if isinstance(profile, pikepdf.Stream):
            try:
                if profile.read_bytes()[16:20] == b"CMYK":
                    return True
            except pikepdf.PdfError:
                continue
    return False


# --- hairlines ---------------------------------------------------------------------------


def hairlines(paint: Paint, trim: Box | None) -> list[str]:
    """Lines under 0.25 pt inside the trimmed page (marks in the bleed and beyond are cut off);
    lines alike are counted together, the first one's place given to find them by."""
    alike: dict[tuple[float, str, str], list[Box]] = {}
    for line in paint.lines:
        if line.width < HAIRLINE and line.length > MIN_LENGTH and (trim is None or _overlap(line.box, trim)):
            alike.setdefault((line.width, line.how, line.where), []).append(line.box)
    found = []
    for (width, how, where), places in sorted(alike.items()):
        inside = "" if where == pdf_paint.PAGE else f" in {where}"
        thick = "has line width 0, the thinnest the device can draw" if width == 0 else f"is {width:.2f} pt thick"
        first = min(places, key=lambda box: (-box[3], box[0]))  # the highest on the page, then the leftmost
        count = f"{len(places)} such lines, the first" if len(places) > 1 else "the line"
        place = f" ({count} {_place(first, trim)})" if trim is not None else ""
        found.append(f"{how}{inside} {thick}: a hairline, which may print broken or not at all; print needs {HAIRLINE} pt at the least{place}")
    return found


def _place(box: Box, trim: Box) -> str:
    return f"{(box[0] - trim[0]) / MM:.0f} mm from the left and {(trim[3] - box[3]) / MM:.0f} mm from the top of the trimmed page"


def _overlap(box: Box, trim: Box) -> bool:
    return box[0] < trim[2] and box[2] > trim[0] and box[1] < trim[3] and box[3] > trim[1]


# --- output intent -----------------------------------------------------------------------


def output_intent(pdf: pikepdf.Pdf, cmyk: bool) -> list[str]:
    with_profile = [i for i in _intents(pdf) if isinstance(i.get("/DestOutputProfile"), pikepdf.Stream)]
    claim = _pdfx_claim(pdf)
    if claim and not any(str(i.get("/S", "")) == "/GTS_PDFX" for i in with_profile):
        return [f"claims PDF/X ({claim}) but has no PDF/X output intent (/OutputIntents with /S /GTS_PDFX and a /DestOutputProfile)"]
    if cmyk and not with_profile:
        return ["has no output intent: a CMYK job names the press's CMYK profile in /OutputIntents (with a /DestOutputProfile)"]
    return []


def _intents(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    intents = pdf.Root.get("/OutputIntents")
    return [i for i in intents if isinstance(i, pikepdf.Dictionary)] if isinstance(intents, pikepdf.Array) else []


def _pdfx_claim(pdf: pikepdf.Pdf) -> str:
    """The PDF/X version the file claims, in its Info dictionary or its XMP metadata ('' for none)."""
    info = pdf.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary) and "/GTS_PDFXVersion" in info:
        return str(info["/GTS_PDFXVersion"])
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream):
        try:
            claim = PDFX_CLAIM.search(metadata.read_bytes())
        except pikepdf.PdfError:
            return ""
        if claim:
            return (claim.group(1) or claim.group(2)).decode("utf-8", "replace").strip()
    return ""
