"""The reference document: where the DOCX look comes from, pandoc-style.

Takes the document's template name and the project configuration; gives the opened
reference ``.docx`` (``templates/<template>.docx`` if the project has one, else
``templates/reference.docx``) with its body emptied down to the final ``w:sectPr``, and
the size of its text area. Styles, numbering, page setup and theme are used as the
designer left them; ``scripts/make-reference-docx`` makes the default one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm

from samizdat import inputs, theme
from samizdat import model as m
from samizdat.config import Config
from samizdat.errors import error

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

REFERENCE_NAME = "reference.docx"
_TEMPLATE_NAME = re.compile(r"^[\w-]+$")
A4 = (Mm(210), Mm(297))
DEFAULT_MARGIN = Mm(20)


def reference_path(doc: m.Document, config: Config) -> Path:
    """``<template>.docx`` when a theme layer has one, else the reference document the
    theme declares for the template (``reference.docx`` in the built-in theme)."""
    template = doc.meta.template
    if template and _TEMPLATE_NAME.match(template):
        own = config.theme.find(f"{template}.docx")
        if own is not None:
            return own
    declared = config.theme.template(template).docx if template in config.theme.templates else REFERENCE_NAME
    found = config.theme.find(declared)
    if found is None:
        raise error(f"{config.rel(config.templates_dir)}/{declared}", None,
                    "reference document not found in the project's templates or its theme")
    return found


def open_reference(path: Path, config: Config) -> DocxDocument:
    try:
        return docx.Document(io.BytesIO(inputs.read_bytes(path)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise error(theme.shown(path, config.root), None, f"not a usable Word document ({exc}); save it again as .docx") from None


def clear_body(document: DocxDocument) -> None:
    """Remove the reference's sample content; keep the final section properties."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def text_area(document: DocxDocument) -> tuple[int, int]:
    """Width and height (EMU) inside the margins of the last section."""
    section = document.sections[-1]
    page_width = section.page_width or A4[0]
    page_height = section.page_height or A4[1]
    left = section.left_margin if section.left_margin is not None else DEFAULT_MARGIN
    right = section.right_margin if section.right_margin is not None else DEFAULT_MARGIN
    top = section.top_margin if section.top_margin is not None else DEFAULT_MARGIN
    bottom = section.bottom_margin if section.bottom_margin is not None else DEFAULT_MARGIN
    gutter = section.gutter or 0
    return int(page_width - left - right - gutter), int(page_height - abs(top) - abs(bottom))
