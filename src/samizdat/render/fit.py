"""Page budgets: does a laid-out PDF fit, by how much does it overflow, and can it be fitted?

Takes a render function (CSS overrides → WeasyPrint document); gives the document that
fits, with the steps taken, or the overflow in millimetres. Fitting lowers the stylesheet's
``--fit-type``, ``--fit-leading`` and ``--fit-space`` factors one small step at a time —
type and leading together first, then spacing — never below the floors of samizdat.toml
``[fit]``, so a fitted page still looks designed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

PX_PER_MM = 96 / 25.4
TYPE_STEP, LEADING_STEP, SPACE_STEP = 0.02, 0.01, 0.1


@dataclass(frozen=True)
class Setting:
    type: float = 1.0
    leading: float = 1.0
    space: float = 1.0

    def css(self) -> str:
        if self == Setting():
            return ""
        return f":root {{ --fit-type: {self.type:.3f}; --fit-leading: {self.leading:.3f}; --fit-space: {self.space:.3f}; }}"

    def describe(self) -> str:
        return f"type {self.type:.0%}, leading {self.leading:.0%}, spacing {self.space:.0%} of the design"


def ladder(floors: dict[str, float]) -> Iterator[Setting]:
    """Settings from the design (1, 1, 1) down to the floors: type and leading, then space."""
    type_, leading, space = 1.0, 1.0, 1.0
    while type_ > floors["min_type"] + 1e-9 or leading > floors["min_leading"] + 1e-9:
        type_ = max(floors["min_type"], type_ - TYPE_STEP)
        leading = max(floors["min_leading"], leading - LEADING_STEP)
        yield Setting(type_, leading, space)
    while space > floors["min_space"] + 1e-9:
        space = max(floors["min_space"], space - SPACE_STEP)
        yield Setting(type_, leading, space)


def overflow_mm(document: Any, budget: int) -> float:
    """How much content stands beyond the last page of the budget, in millimetres."""
    pages = document.pages
    if len(pages) <= budget:
        return 0.0
    total = 0.0
    for page in pages[budget:]:
        box = page._page_box
        top = box.content_box_y()
        bottoms = [line.position_y + line.height for line in _lines(box)]
        total += (max(bottoms) - top) if bottoms else 0.0
    return total / PX_PER_MM


def _lines(box: Any) -> Iterator[Any]:
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    for child in getattr(box, "children", ()):
        if isinstance(child, MarginBox):
            continue  # running heads and page numbers are not content
        if isinstance(child, LineBox):
            yield child
        else:
            yield from _lines(child)


@dataclass(frozen=True)
class Fitted:
    document: Any
    setting: Setting
    tries: int


def fit(render: Callable[[str], Any], budget: int, floors: dict[str, float]) -> Fitted | None:
    """The first setting on the ladder whose layout fits ``budget`` pages, or None."""
    tries = 0
    for setting in ladder(floors):
        tries += 1
        document = render(setting.css())
        if len(document.pages) <= budget:
            return Fitted(document, setting, tries)
    return None
