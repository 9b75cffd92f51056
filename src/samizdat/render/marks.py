"""Printer's marks for a print shop: crop marks, registration targets and a slug line.

WeasyPrint draws ``marks: crop`` inside the bleed, where they overlap any background that
bleeds; a shop expects them outside it, in the slug. So the print PDF's media box is grown
by :data:`SLUG` on every side and the marks are drawn there, on a page of their own that
WeasyPrint lays out (the slug line is text in the theme's sans, embedded like any other)
and that :mod:`samizdat.render.press` lays over each page. Nothing enters the bleed box.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

MM = 72 / 25.4  # points per millimetre (pack.paper has the same; importing it would load the pack package)
SLUG = 12 * MM  # room beyond the bleed for marks and the slug line
OFFSET = 1 * MM  # the marks keep this distance from the bleed box
LENGTH = 5 * MM  # of a crop mark
WEIGHT = 0.3  # pt: over the 0.25 pt a press reproduces reliably
TARGET = 2 * MM  # radius of a registration target
KINDS = ("crop", "cross", "slug")


@dataclass(frozen=True)
class Sheet:
    """One page's geometry in points: the trimmed page's size and the bleed around it."""

    width: float
    height: float
    bleed: float

    @property
    def margin(self) -> float:
        """From the media box's edge to the trim box's."""
        return self.bleed + SLUG

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.margin, self.height + 2 * self.margin


def _crop(sheet: Sheet) -> list[str]:
    """Eight lines on the trim edges' extensions, from the bleed outwards."""
    m, w, h = sheet.margin, sheet.width, sheet.height
    near, far = sheet.bleed + OFFSET, sheet.bleed + OFFSET + LENGTH
    lines = []
    for x in (m, m + w):
        for y, step in ((m, -1), (m + h, 1)):
            lines.append((x, y + step * near, x, y + step * far))
    for y in (m, m + h):
        for x, step in ((m, -1), (m + w, 1)):
            lines.append((x + step * near, y, x + step * far, y))
    return [f'<line x1="{a:.2f}" y1="{b:.2f}" x2="{c:.2f}" y2="{d:.2f}"/>' for a, b, c, d in lines]


def _targets(sheet: Sheet) -> list[str]:
    """A circle with a cross at the middle of each side, for the plates' register."""
    m, w, h = sheet.margin, sheet.width, sheet.height
    away = sheet.bleed + OFFSET + TARGET + 1 * MM
    centres = ((m + w / 2, m - away), (m + w / 2, m + h + away), (m - away, m + h / 2), (m + w + away, m + h / 2))
    reach = TARGET * 1.5
    out = []
    for x, y in centres:
        out.append(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{TARGET:.2f}" fill="none"/>')
        out.append(f'<line x1="{x - reach:.2f}" y1="{y:.2f}" x2="{x + reach:.2f}" y2="{y:.2f}"/>')
        out.append(f'<line x1="{x:.2f}" y1="{y - reach:.2f}" x2="{x:.2f}" y2="{y + reach:.2f}"/>')
    return out


def overlay_html(sheets: list[Sheet], slugs: list[str], kinds: set[str], font: str, colour: str) -> str:
    """An HTML document with one page per sheet, as large as its media box, holding only
    the marks: WeasyPrint turns it into the overlay."""
    rules, pages = [], []
    for number, (sheet, slug) in enumerate(zip(sheets, slugs, strict=True)):
        width, height = sheet.media
        rules.append(f"@page s{number} {{ size: {width:.3f}pt {height:.3f}pt; margin: 0 }}"
                     f" .s{number} {{ page: s{number}; width: {width:.3f}pt; height: {height:.3f}pt }}")
        drawn = (_crop(sheet) if "crop" in kinds else []) + (_targets(sheet) if "cross" in kinds else [])
        text = ""
        if "slug" in kinds:
            top = sheet.margin + sheet.height + sheet.bleed + OFFSET + LENGTH + 2 * MM
            text = f'<p style="left: {sheet.margin:.2f}pt; top: {top:.2f}pt">{escape(slug)}</p>'
        pages.append(f'<div class="s{number}"><svg width="{width:.3f}pt" height="{height:.3f}pt" viewBox="0 0 {width:.3f} {height:.3f}"'
                     f' fill="none" stroke="{colour}" stroke-width="{WEIGHT}">{"".join(drawn)}</svg>{text}</div>')
    style = "\n".join(rules) + (
        f"\nbody {{ margin: 0 }} div {{ position: relative; break-after: page; overflow: hidden }}"
        f" svg {{ position: absolute; left: 0; top: 0 }}"
        f' p {{ position: absolute; margin: 0; font: 6pt/1 "{font}", sans-serif; color: {colour}; white-space: nowrap }}')
    return f"<!DOCTYPE html><html><head><style>{style}</style></head><body>{''.join(pages)}</body></html>"
