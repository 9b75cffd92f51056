"""List numbering: which ``w:num`` each bullet or ordered list paragraph points at.

Takes the reference document's ``numbering.xml`` and the list styles bound to it;
gives numbering ids for list paragraphs. Bullets share the "List Bullet" style's
definition. Every ordered list gets a fresh ``w:num`` on the "List Number" style's
abstract definition, with a ``w:startOverride`` at its level, so each list starts at its
own ``start`` instead of continuing the previous list. Numbering formats, indents and
bullet characters stay in the reference document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from samizdat.render.docx.wordml import Element, el, sub

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

MAX_LEVEL = 8  # Word lists have levels 0–8


class Numbering:
    def __init__(self, document: DocxDocument):
        self._root: Element = document.part.numbering_part.element
        self._styles: Element = document.styles.element
        self.bullet_num = self._style_num_id("List Bullet") or self._fallback_num("bullet")
        ordered_num = self._style_num_id("List Number") or self._fallback_num("decimal")
        self._ordered_abstract = self._abstract_of(ordered_num)

    def bullet(self) -> int:
        """The numbering id for bullet items (at any level)."""
        return self.bullet_num

    def ordered(self, level: int, start: int) -> int:
        """A new numbering id for one ordered list at ``level``, restarting at ``start``."""
        num_id = self._next_num_id()
        num = el("w:num", {"w:numId": num_id}, el("w:abstractNumId", {"w:val": self._ordered_abstract}))
        override = sub(num, "w:lvlOverride", {"w:ilvl": min(level, MAX_LEVEL)})
        sub(override, "w:startOverride", {"w:val": max(start, 0)})
        self._append_num(num)
        return num_id

    def indent(self, num_id: int, level: int) -> Element | None:
        """The ``w:ind`` of a list level: where its text starts and its marker hangs."""
        num = self._num(num_id)
        abstract = num.find(qn("w:abstractNumId")) if num is not None else None
        for candidate in self._root.iter(qn("w:abstractNum")):
            if abstract is not None and candidate.get(qn("w:abstractNumId")) == abstract.get(qn("w:val")):
                for lvl in candidate.iter(qn("w:lvl")):
                    if lvl.get(qn("w:ilvl")) == str(level):
                        return lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        return None

    # --- reading the reference --------------------------------------------------------

    def _style_num_id(self, name: str) -> int | None:
        """The ``w:numId`` bound to paragraph style ``name`` (or a style it is based on)."""
        styles = {s.get(qn("w:styleId")): s for s in self._styles.iter(qn("w:style"))}
        by_name = {_style_name(s).lower(): s for s in styles.values()}
        style = by_name.get(name.lower())
        if style is None:
            style = styles.get(name.replace(" ", ""))
        seen: set[str] = set()
        while style is not None and style.get(qn("w:styleId")) not in seen:
            seen.add(style.get(qn("w:styleId"), ""))
            num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            if num_id is not None:
                value = int(num_id.get(qn("w:val"), "0"))
                if value and self._num(value) is not None:
                    return value
            based_on = style.find(qn("w:basedOn"))
            style = styles.get(based_on.get(qn("w:val"))) if based_on is not None else None
        return None

    def _num(self, num_id: int) -> Element | None:
        for num in self._root.iter(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                return num
        return None

    def _abstract_of(self, num_id: int) -> int:
        num = self._num(num_id)
        assert num is not None
        abstract = num.find(qn("w:abstractNumId"))
        assert abstract is not None  # Word writes one in every w:num
        return int(str(abstract.get(qn("w:val"))))

    def _next_num_id(self) -> int:
        ids = [int(num.get(qn("w:numId"), "0")) for num in self._root.iter(qn("w:num"))]
        return max([0, *ids]) + 1

    def _append_num(self, num: Element) -> None:
        # w:num elements follow every w:abstractNum; w:numIdMacAtCleanup comes last.
        cleanup = self._root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self._root.append(num)

    def _fallback_num(self, kind: str) -> int:
        """A plain list definition for a reference whose list styles carry no numbering."""
        ids = [int(a.get(qn("w:abstractNumId"), "0")) for a in self._root.iter(qn("w:abstractNum"))]
        abstract_id = max([-1, *ids]) + 1
        abstract = el("w:abstractNum", {"w:abstractNumId": abstract_id})
        sub(abstract, "w:multiLevelType", {"w:val": "hybridMultilevel"})
        for level in range(MAX_LEVEL + 1):
            lvl = sub(abstract, "w:lvl", {"w:ilvl": level})
            sub(lvl, "w:start", {"w:val": 1})
            sub(lvl, "w:numFmt", {"w:val": kind})
            sub(lvl, "w:lvlText", {"w:val": "\u2022" if kind == "bullet" else f"%{level + 1}."})
            sub(lvl, "w:lvlJc", {"w:val": "left"})
            ppr = sub(lvl, "w:pPr")
            sub(ppr, "w:ind", {"w:left": 360 * (level + 1), "w:hanging": 360})
        existing = self._root.findall(qn("w:abstractNum"))
        first_num = self._root.find(qn("w:num"))
        if existing:
            existing[-1].addnext(abstract)
        elif first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._append_num(abstract)
        num_id = self._next_num_id()
        self._append_num(el("w:num", {"w:numId": num_id}, el("w:abstractNumId", {"w:val": abstract_id})))
        return num_id


def _style_name(style: Element) -> str:
    name = style.find(qn("w:name"))
    return name.get(qn("w:val"), "") if name is not None else ""
