"""Image files are untrusted (partners send them): the limits every writer relies on.

A PNG of one colour packs 900 megapixels into half a megabyte, and decoding it takes
gigabytes; an SVG is a document that can run scripts and fetch files. So when a document
is loaded, before anything is written, each image it uses is checked here: a raster
image's size is read from its header alone (PNG IHDR, JPEG SOF, GIF screen descriptor;
the pixels are never decoded), a PNG's chunks are checked to its end, and an SVG is
sanitized (:mod:`samizdat.svg_sanitizer`). Every writer then embeds the same bytes,
:func:`published`.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import GifImagePlugin, Image, ImageFile, JpegImagePlugin, PngImagePlugin

from samizdat import inputs, svg_sanitizer
from samizdat import model as m
from samizdat.errors import Diagnostic, Severity

# The limits, and why these numbers. Print needs the most pixels: a full-bleed A4 page
# (216 × 303 mm with 3 mm bleed) at 300 ppi is 2551 × 3579 = 9.1 megapixels (Letter 8.9).
# 25 megapixels is that with room to crop, and takes a 24-megapixel camera photo
# (6000 × 4000) as shot. Decoded it is 25 M × 4 bytes = 100 MB; WeasyPrint holds about
# 8 bytes a pixel while it embeds a PNG, so a PDF job stays near 300 MB.
MAX_PIXELS = 25_000_000
# A 24-megapixel JPEG from a camera is 8–15 MB. A bigger file is an uncompressed photo
# (save it as JPEG) or padding, and every reader of the web edition downloads it.
MAX_BYTES = 25_000_000
# SVG charts and maps are tens to hundreds of kB. Parsing one holds several times its size,
# and the PDF writer draws about 2,500 elements a second (20,000: 8 s), so the elements an
# SVG draws, with every <use> expanded, are counted too (svg_sanitizer.MAX_ELEMENTS).
MAX_SVG_BYTES = 5_000_000

SETTING = '[images] too_large = "warning"'  # samizdat.toml: over the limits is a warning, not an error

HEADER_READERS: dict[str, type[ImageFile.ImageFile]] = {
    "image/png": PngImagePlugin.PngImageFile,
    "image/jpeg": JpegImagePlugin.JpegImageFile,
    "image/gif": GifImagePlugin.GifImageFile,
}
UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, struct.error)  # Pillow's "cannot parse"


class ImageError(Exception):
    """An image no writer can use: its header or structure cannot be read."""


def check(path: Path, kind: str, src: str, loc: m.Loc, too_large: str = "error") -> list[Diagnostic]:
    """Problems with the image at ``path`` (resolved inside the project, content sniffed as
    ``kind``). Over the limits is an error, or a warning when ``too_large`` says so."""
    severity = Severity.WARNING if too_large == "warning" else Severity.ERROR
    limit = MAX_SVG_BYTES if kind == svg_sanitizer.MIME else MAX_BYTES
    size = path.stat().st_size
    found = []
    if size > limit:
        found.append(Diagnostic(loc.path, loc.line, f"'{src}' is {megabytes(size)}; the limit is {megabytes(limit)}"
                                f"{' — save photographs as JPEG' if kind == 'image/png' else ''}{advice(severity)}", severity))
        if severity is Severity.ERROR:
            return found  # not read at all
    try:
        if kind == svg_sanitizer.MIME:
            removed = svg_sanitizer.sanitize(inputs.read_bytes(path)).removed
            if removed:
                found.append(Diagnostic(loc.path, loc.line, f"'{src}': removed from the published copy: {', '.join(removed)}",
                                        Severity.WARNING))
            return found
        width, height = dimensions(path, kind)
    except (ImageError, svg_sanitizer.UnsafeSvg) as exc:
        return [*found, Diagnostic(loc.path, loc.line, f"'{src}' {exc}")]
    pixels = width * height
    decodable = 2 * Image.MAX_IMAGE_PIXELS if Image.MAX_IMAGE_PIXELS else None  # Pillow's DecompressionBombError
    if decodable and pixels > decodable:
        found.append(Diagnostic(loc.path, loc.line, f"'{src}' is {width:,}×{height:,} pixels ({megapixels(pixels)}); "
                                f"the limit is {megapixels(MAX_PIXELS)}, and beyond {megapixels(decodable)} the PDF "
                                "writer cannot decode an image at all: scale it down"))
    elif pixels > MAX_PIXELS:
        found.append(Diagnostic(loc.path, loc.line, f"'{src}' is {width:,}×{height:,} pixels ({megapixels(pixels)}); "
                                f"the limit is {megapixels(MAX_PIXELS)}: scale it down{advice(severity)}", severity))
    return found


def dimensions(path: Path, kind: str) -> tuple[int, int]:
    """Width and height from the header, without decoding the pixels (nor Pillow's bomb
    check, so that an image over it still gets its size reported); a PNG's chunks are
    also checked to IEND, which finds a truncated or damaged file."""
    try:
        with HEADER_READERS[kind](io.BytesIO(inputs.read_bytes(path))) as image:
            size = image.size
            if kind == "image/png":
                image.verify()
    except UNREADABLE as exc:
        raise ImageError(f"cannot be read: it is truncated or damaged ({exc or type(exc).__name__})") from None
    return size


def published(path: Path) -> bytes:
    """The bytes every writer embeds for an image :func:`check` passed: the file itself, an
    SVG sanitized. Raises :class:`svg_sanitizer.UnsafeSvg` if the SVG changed for the worse."""
    data = inputs.read_bytes(path)
    return svg_sanitizer.sanitize(data).data if path.suffix.lower() == ".svg" else data


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.1f}".removesuffix(".0") + " megapixels"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f}".removesuffix(".0") + " MB"


def advice(severity: Severity) -> str:
    return "" if severity is Severity.WARNING else f" (or allow it in samizdat.toml: {SETTING})"
