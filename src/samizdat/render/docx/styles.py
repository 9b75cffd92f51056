"""Style look-up in the reference document: names in, style ids out.

Takes the ``styles.xml`` root of the reference document; gives the ``w:styleId`` to write
for a style name, trying fallbacks in order. A designer may rename ids when saving from
Word or LibreOffice, and Word stores some built-in names in lower case ("heading 1",
"footnote text", "caption"), so a name is matched first as Word stores it, then exactly,
then case-insensitively, then as an id. (LibreOffice keeps its own "Caption" beside
Word's "caption"; the Word one is the designer's.) A style the reference lacks resolves
to the next fallback or to ``None`` (the default style): the document still opens, it
only looks plainer.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from samizdat.render.docx.wordml import Element

# Built-in styles whose names Word writes in lower case.
LOWER_CASE_BUILT_INS = {
    "caption", "header", "footer", "footnote text", "footnote reference", "endnote text", "endnote reference",
    *(f"heading {level}" for level in range(1, 10)),
}


class StyleSheet:
    """The styles of one reference document, by type."""

    def __init__(self, styles: Element):
        self._exact: dict[tuple[str, str], str] = {}
        self._folded: dict[tuple[str, str], str] = {}
        self._ids: set[tuple[str, str]] = set()
        self._elements: dict[str, Element] = {}
        for style in styles.iter(qn("w:style")):
            kind = style.get(qn("w:type"), "paragraph")
            style_id = style.get(qn("w:styleId"), "")
            name_element = style.find(qn("w:name"))
            name = name_element.get(qn("w:val"), "") if name_element is not None else ""
            self._exact.setdefault((kind, name), style_id)
            self._folded.setdefault((kind, name.lower()), style_id)
            self._ids.add((kind, style_id))
            self._elements.setdefault(style_id, style)

    def find(self, kind: str, *names: str) -> str | None:
        """The id of the first of ``names`` defined as a ``kind`` style, else ``None``."""
        for name in names:
            candidates = [name.lower()] if name.lower() in LOWER_CASE_BUILT_INS else []
            for candidate in (*candidates, name):
                if (kind, candidate) in self._exact:
                    return self._exact[(kind, candidate)]
            if (kind, name.lower()) in self._folded:
                return self._folded[(kind, name.lower())]
            if (kind, name.replace(" ", "")) in self._ids:
                return name.replace(" ", "")
        return None

    def paragraph(self, *names: str) -> str | None:
        return self.find("paragraph", *names)

    def character(self, *names: str) -> str | None:
        return self.find("character", *names)

    def table(self, *names: str) -> str | None:
        return self.find("table", *names)

    def paragraph_property(self, style_id: str | None, tag: str) -> Element | None:
        """The ``w:pPr`` child ``tag`` (``w:ind``, ``w:pBdr``…) that ``style_id`` gets from
        itself or the styles it is based on, or ``None``."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._elements:
            seen.add(style_id)
            found = self._elements[style_id].find(f"{qn('w:pPr')}/{qn(tag)}")
            if found is not None:
                return found
            based_on = self._elements[style_id].find(qn("w:basedOn"))
            style_id = based_on.get(qn("w:val")) if based_on is not None else None
        return None
