"""What a print shop's file needs after WeasyPrint wrote it.

One pikepdf pass over the written PDF, for profiles with a bleed or marks:

- the bleed box set to the trim box grown by the profile's bleed (WeasyPrint caps it at
  10 pt) and the media box grown to hold the marks outside it (:mod:`samizdat.render.marks`);
- the marks laid over each page;
- in CMYK, links and other annotations removed (PDF/X allows none inside the bleed box, and
  paper has nothing to click), and the press's ICC profile embedded as the PDF/X output
  intent, named by its registered print condition (``FOGRA39``) so that a RIP may use its
  own characterization of it. (WeasyPrint could embed it from ``@color-profile``, but it
  re-serializes the profile at twice its size and compresses it at zlib's slowest level:
  1.7 s a file, against 0.03 s here.)
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from samizdat import colour, inputs
from samizdat import model as m
from samizdat.config import Config, Profile
from samizdat.render import marks


def finish(target: Path, doc: m.Document, profile: Profile, config: Config) -> None:
    """Rewrite ``target`` in place as the print shop needs it (see the module's docstring)."""
    import pikepdf

    with pikepdf.open(target, allow_overwriting_input=True) as pdf:
        sheets = [_sheet(page) for page in pdf.pages]
        kinds = set(profile.marks.split()) & set(marks.KINDS)
        if kinds:
            overlay = pikepdf.open(io.BytesIO(_overlay(sheets, doc, profile, config, kinds)))
        for number, (page, sheet) in enumerate(zip(pdf.pages, sheets, strict=True)):
            x, y = float(page.TrimBox[0]), float(page.TrimBox[1])
            page.BleedBox = pikepdf.Array([x - sheet.bleed, y - sheet.bleed, x + sheet.width + sheet.bleed, y + sheet.height + sheet.bleed])
            if kinds:
                edge = sheet.margin
                media = pikepdf.Rectangle(x - edge, y - edge, x + sheet.width + edge, y + sheet.height + edge)
                page.MediaBox = media.as_array()
                page.add_overlay(overlay.pages[number], media)
            if profile.cmyk and "/Annots" in page:
                del page.Annots
        if profile.cmyk:
            _output_intent(pdf, profile, config.root)
        pdf.save(target)


def _sheet(page: Any) -> marks.Sheet:
    """The trimmed page and its bleed, from the boxes WeasyPrint wrote (its media box is
    the trim box grown by the CSS bleed)."""
    media, trim = [float(v) for v in page.MediaBox], [float(v) for v in page.get("/TrimBox", page.MediaBox)]
    return marks.Sheet(trim[2] - trim[0], trim[3] - trim[1], max(0.0, trim[0] - media[0]))


def _overlay(sheets: list[marks.Sheet], doc: m.Document, profile: Profile, config: Config, kinds: set[str]) -> bytes:
    from weasyprint import HTML

    from samizdat.render.pdf import font_config

    condition = colour.CONDITION if profile.cmyk and not profile.output_profile else ""
    parts = [Path(doc.path).name, doc.bcp47 or doc.lang, " ".join(filter(None, (profile.name, condition))),
             doc.meta.date.isoformat() if doc.meta.date else ""]
    slugs = [" · ".join(filter(None, [*parts, f"{number}/{len(sheets)}"])) for number in range(1, len(sheets) + 1)]
    ink = "device-cmyk(1 1 1 1)" if profile.cmyk else "black"  # registration: on every plate
    html = marks.overlay_html(sheets, slugs, kinds, config.fonts.get("sans", "sans-serif"), ink)
    data: bytes = HTML(string=html).write_pdf(font_config=font_config())
    return data


def _output_intent(pdf: Any, profile: Profile, root: Path) -> None:
    """The press's profile as the PDF/X output intent, which names the print condition."""
    import pikepdf

    press = profile.press(root)
    icc = pikepdf.Stream(pdf, inputs.read_bytes(press))  # an input of the file: a new profile rebuilds it
    icc.N = 4
    intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX, DestOutputProfile=icc)
    if profile.output_profile:
        intent.OutputConditionIdentifier = pikepdf.String("Custom")
        intent.Info = pikepdf.String(colour.description(press))
    else:
        intent.OutputConditionIdentifier = pikepdf.String(colour.CONDITION)
        intent.RegistryName = pikepdf.String(colour.REGISTRY)
        intent.OutputCondition = pikepdf.String(colour.CONDITION_INFO)
        intent.Info = pikepdf.String(colour.CONDITION_INFO)
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
