"""Links, images and internal references of outputs point somewhere.

PDF: every link annotation goes to http(s)/mailto or to a destination inside the file.
DOCX: every hyperlink has an external http(s)/mailto relationship or an existing bookmark,
every footnote reference a footnote, every picture its image part.
HTML: every link goes to the web, mail, an id of the page or a page beside it (other
editions, which a build of one language may not have written yet), every picture is
beside the page, and nothing points into the machine's folders (``file:``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
SAFE = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def pdf_problems(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    named = set(reader.named_destinations)
    problems = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A", {})
            uri, dest = action.get("/URI"), annotation.get("/Dest") or action.get("/D")
            if uri is not None and not SAFE.match(str(uri)):
                problems.append(f"page {number}: link to {str(uri)[:60]!r} is not a web or mail address")
            if isinstance(dest, str) and dest not in named:
                problems.append(f"page {number}: internal link to '{dest}', which the PDF does not define")
    return problems


def docx_problems(path: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        body = etree.fromstring(archive.read("word/document.xml"))
        rels = {r.get("Id"): r for r in etree.fromstring(archive.read("word/_rels/document.xml.rels")).iter(PKG + "Relationship")}
        notes = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
        bookmarks = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
        for link in body.iter(W + "hyperlink"):
            rid, anchor = link.get(R + "id"), link.get(W + "anchor")
            if anchor is not None and anchor not in bookmarks:
                problems.append(f"hyperlink to bookmark '{anchor}', which the document does not have")
            if rid is not None:
                rel = rels.get(rid)
                if rel is None:
                    problems.append(f"hyperlink {rid} has no relationship")
                elif not SAFE.match(rel.get("Target", "")):
                    problems.append(f"hyperlink to {rel.get('Target', '')[:60]!r} is not a web or mail address")
        note_ids = {n.get(W + "id") for n in notes.iter(W + "footnote")} if notes is not None else set()
        for ref in body.iter(W + "footnoteReference"):
            if ref.get(W + "id") not in note_ids:
                problems.append(f"footnote reference {ref.get(W + 'id')} has no footnote")
        for blip in body.iter(A + "blip"):
            rel = rels.get(blip.get(R + "embed"))
            if rel is None or "word/" + rel.get("Target", "").lstrip("/") not in names and rel.get("Target", "") not in names:
                problems.append("a picture's image is missing from the file")
    return problems



def html_problems(path: Path) -> list[str]:
    from urllib.parse import unquote, urlsplit

    page = etree.HTML(path.read_bytes())
    ids = {str(node.get("id")) for node in page.iter() if node.get("id") is not None}
    problems = []
    for element, attribute in (("a", "href"), ("img", "src"), ("link", "href"), ("source", "src")):
        for node in page.iter(element):
            target = (node.get(attribute) or "").strip()
            parts = urlsplit(target)
            if not target or SAFE.match(target) or parts.scheme == "data" and element != "a":
                continue
            shown = f"{element} {attribute}={target[:60]!r}"
            if parts.scheme or parts.netloc:
                problems.append(f"{shown} is not a web or mail address")
            elif not parts.path:
                if parts.fragment and unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}: the page has no element with that id")
            elif element in ("img", "source") and not (path.parent / unquote(parts.path)).is_file():
                problems.append(f"{shown}: no such file beside the page")
    return problems
