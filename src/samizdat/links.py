"""Where a document lives online, and its QR code.

The URL comes from samizdat.toml ``[links] online`` with ``{lang}`` and ``{slug}``, so each
language edition points readers to the same language online. segno draws the code: an
inline SVG (vector) for the PDF, a PNG for Word, which takes no SVG.
"""

from __future__ import annotations

import io

from samizdat import model as m
from samizdat.config import Config


def online_url(doc: m.Document, config: Config) -> str:
    if not config.online_url:
        return ""
    return config.online_url.format(lang=doc.lang, slug=doc.slug)


_SENTINEL = "#010203"  # segno takes web colours only; a print colour (device-cmyk) replaces this one


def qr_svg(url: str, title: str = "", colour: str = "#1b1f24") -> str:
    """The QR code as inline SVG in ``colour`` (any CSS colour, ``device-cmyk()`` for print);
    ``title`` is its text alternative (the PDF's /Alt)."""
    import segno

    svg = segno.make(url, error="m").svg_inline(omitsize=True, dark=_SENTINEL, border=0, title=title or url)
    # The modules are strokes: no fill, or a PDF would paint an (empty) black sRGB one.
    return svg.replace(f'"{_SENTINEL}"', f'"{colour}"').replace("<svg ", '<svg fill="none" ', 1)


def qr_png(url: str, scale: int = 12) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
