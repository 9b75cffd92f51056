"""Text as readers get it from our outputs: PDF through pypdf, DOCX from its XML parts.

Takes an output file; gives its text in reading order (body, then notes for DOCX) and,
for comparisons, a "squashed" form without case, white space and hyphens, so line breaks,
hyphenation and CSS text-transform cannot hide or fake a match.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DROP = re.compile(r"[\s\-\u2010\u2011\u00ad\u200b]")


def squash(text: str) -> str:
    return _DROP.sub("", text.casefold())


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def docx_parts(path: Path) -> dict[str, str]:
    """Text of each story of a DOCX: 'body', 'footnotes', 'headers'."""
    parts = {"body": "", "footnotes": "", "headers": ""}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("word/") or not name.endswith(".xml"):
                continue
            story = "body" if name == "word/document.xml" else "footnotes" if name == "word/footnotes.xml" else \
                "headers" if re.match(r"word/(header|footer)\d*\.xml", name) else None
            if story:
                root = etree.fromstring(archive.read(name))
                parts[story] += "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")) + "\n"
    return parts


def docx_text(path: Path) -> str:
    parts = docx_parts(path)
    return parts["body"] + parts["footnotes"] + parts["headers"]


def html_text(path: Path) -> str:
    """What a reader of the web page sees (scripts and stylesheets are not text)."""
    page = etree.HTML(path.read_bytes())
    etree.strip_elements(page, "script", "style", "template", with_tail=False)
    return "".join(str(text) for text in page.itertext())
