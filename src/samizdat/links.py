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


def qr_svg(url: str, title: str = "", colour: str = "#1b1f24") -> str:
    """The QR code as inline SVG; ``title`` is its text alternative (the PDF's /Alt)."""
    import segno

    return segno.make(url, error="m").svg_inline(omitsize=True, dark=colour, border=0, title=title or url)


def qr_png(url: str, scale: int = 12) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
