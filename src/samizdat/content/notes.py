"""Footnotes that call footnotes: their reading order, and circles of calls refused.

A note may call another note (``[^a]: see also[^b]``); every writer then numbers the inner
note right after the note that calls it, the order a reader meets them. A note that calls
itself, directly or through other notes, could never be printed (each writer would unfold
it forever), so it is an error naming every note of the circle with its line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from samizdat import model as m
from samizdat.errors import Diagnostic

Where = Callable[[m.Segment], tuple[str, "int | None"]]  # the place to name for a segment's text


def _source_place(segment: m.Segment) -> tuple[str, int | None]:
    return segment.loc.path, segment.loc.line


def _labels(inlines: Iterable[m.Inline]) -> list[str]:
    found: list[str] = []
    for node in inlines:
        if isinstance(node, m.NoteRef):
            found.append(node.label)
        found += _labels(getattr(node, "children", ()))
    return found


def calls(node: object) -> list[tuple[str, m.Segment]]:
    """Every footnote call in ``node`` (blocks, Meta…) in reading order, with its segment."""
    found: list[tuple[str, m.Segment]] = []

    def visit(segment: m.Segment) -> m.Segment:
        found.extend((label, segment) for label in _labels(segment.inlines))
        return segment

    m.map_segments(node, visit)
    return found


def reading_order(text: object, notes: dict[str, tuple[m.Block, ...]]) -> tuple[str, ...]:
    """Labels of the notes ``text`` calls, each once, a note's own calls right after it."""
    order: dict[str, None] = {}

    def visit(label: str) -> None:
        if label in notes and label not in order:
            order[label] = None
            for inner, _ in calls(notes[label]):
                visit(inner)

    for label, _ in calls(text):
        visit(label)
    return tuple(order)


def circles(notes: dict[str, tuple[m.Block, ...]], where: Where = _source_place) -> list[Diagnostic]:
    """One error per circle of notes calling each other, at the call that closes it first."""
    edges = {label: [(inner, segment) for inner, segment in calls(blocks) if inner in notes] for label, blocks in notes.items()}
    found: list[Diagnostic] = []
    done: set[str] = set()
    reported: set[frozenset[str]] = set()

    def visit(label: str, path: list[tuple[str, m.Segment]]) -> None:
        for inner, segment in edges[label]:
            step = [*path, (label, segment)]
            names = [name for name, _ in step]
            if inner in names:
                circle = step[names.index(inner):]
                if frozenset(name for name, _ in circle) not in reported:
                    reported.add(frozenset(name for name, _ in circle))
                    found.append(_circle_error(circle, where))
            elif inner not in done:
                visit(inner, step)
        done.add(label)

    for label in notes:
        if label not in done:
            visit(label, [])
    return found


def _circle_error(circle: list[tuple[str, m.Segment]], where: Where) -> Diagnostic:
    """``[(a, call of b in a), (b, call of a in b)]`` → the error at a's call."""
    first, segment = circle[0]
    path, line = where(segment)
    if len(circle) == 1:
        return Diagnostic(path, line, f"footnote [^{first}] calls itself: a note cannot contain a call to itself")
    steps = ", which calls ".join(f"[^{label}] ({_place(where(call))})" for label, call in circle[1:])
    return Diagnostic(path, line, f"footnote [^{first}] calls {steps}, which calls [^{first}] again: "
                                  "notes cannot call each other in a circle")


def _place(place: tuple[str, int | None]) -> str:
    path, line = place
    return f"{path}:{line}" if line else path
