"""Tightening a written DOCX: its styles' spacing, line spacing and type scaled down.

The look of a DOCX lives in its styles (``word/styles.xml``, from the reference document),
so a DOCX that LibreOffice lays out one page longer than its PDF is tightened there,
the body left as written: paragraph spacing before and after first, then line spacing,
then type size, one step at a time and never below the floors of samizdat.toml ``[fit]``.
Each step is a :class:`~samizdat.render.fit.Setting` (factors of the design), applied to
the design's styles; the package is rewritten as reproducibly as the writer made it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from lxml import etree

from samizdat.render.docx import archive
from samizdat.render.fit import Setting

STYLES = "word/styles.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPACE_STEP, LEADING_STEP, TYPE_STEP = 0.1, 0.02, 0.04  # coarser than the PDF's: LibreOffice rounds type to half points


def stages(floors: dict[str, float]) -> list[list[Setting]]:
    """The steps from the design down to the floors, in two stages: spacing alone, then
    line spacing and then type with spacing at its floor (each stage is tried in one go)."""
    space, leading, type_ = 1.0, 1.0, 1.0
    spacing: list[Setting] = []
    while space > floors["min_space"] + 1e-9:
        space = max(floors["min_space"], round(space - SPACE_STEP, 6))
        spacing.append(Setting(type_, leading, space))
    rest: list[Setting] = []
    while leading > floors["min_leading"] + 1e-9:
        leading = max(floors["min_leading"], round(leading - LEADING_STEP, 6))
        rest.append(Setting(type_, leading, space))
    while type_ > floors["min_type"] + 1e-9:
        type_ = max(floors["min_type"], round(type_ - TYPE_STEP, 6))
        rest.append(Setting(type_, leading, space))
    return [stage for stage in (spacing, rest) if stage]


def describe(setting: Setting) -> str:
    """What a setting changed, in the order tightening goes: 'spacing 70%, leading 96% of the design'."""
    parts = [f"{name} {factor:.0%}" for name, factor in (("spacing", setting.space), ("leading", setting.leading),
                                                           ("type", setting.type)) if factor < 1]
    return f"{', '.join(parts)} of the design"


def tightened(docx: bytes, setting: Setting) -> bytes:
    """``docx`` with its styles scaled by ``setting``; its entries keep their timestamp."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        styles = etree.fromstring(package.read(STYLES))
        timestamp = package.infolist()[0].date_time
    for spacing in styles.iter(f"{W}spacing"):
        parent = spacing.getparent()
        if parent is None or parent.tag != f"{W}pPr":  # a run's w:spacing is letter spacing
            continue
        _scale(spacing, "before", setting.space)
        _scale(spacing, "after", setting.space)
        _scale(spacing, "line", setting.leading)
    for size in (*styles.iter(f"{W}sz"), *styles.iter(f"{W}szCs")):
        _scale(size, "val", setting.type, lambda value: max(2, value))  # half points
    data = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    return archive.reproducible(docx, timestamp, {STYLES: data})


def _scale(element: etree._Element, name: str, factor: float, bound: Callable[[int], int] = lambda value: value) -> None:
    value = element.get(f"{W}{name}")
    if value is not None and value.lstrip("-").isdigit():
        element.set(f"{W}{name}", str(bound(round(int(value) * factor))))
