"""Footnotes that call footnotes: their reading order, and circles of calls refused.

A note may call another note (``[^a]: see also[^b]``); every writer then numbers the inner
note right after the note that calls it, the order a reader meets them. A note that calls
itself, directly or through other notes, could never be printed (each writer would unfold
it forever), so it is an error naming every note of the circle with its line; so is a chain
of notes calling notes deeper than other nesting may go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from samizdat import model as m
from samizdat.content.markdown import MAX_NESTING
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
    for label, _ in calls(text):
        pending = [label]
        while pending:
            current = pending.pop()
            if current in notes and current not in order:
                order[current] = None
                pending += reversed([inner for inner, _ in calls(notes[current])])
    return tuple(order)


def check(notes: dict[str, tuple[m.Block, ...]], where: Where = _source_place) -> list[Diagnostic]:
    """One error per circle of notes calling each other (at the call that closes it), and
    one for notes calling notes more than MAX_NESTING deep (each writer unfolds them)."""
    edges = {label: [(inner, segment) for inner, segment in calls(blocks) if inner in notes] for label, blocks in notes.items()}
    found: list[Diagnostic] = []
    state: dict[str, str] = {}  # "open" while its calls are followed, then "done"
    depth: dict[str, int] = {}  # of a done note: the longest chain of calls from it
    reported: set[frozenset[str]] = set()
    for root in notes:
        if root in state:
            continue
        state[root] = "open"
        path, via, pending = [root], list[m.Segment](), [iter(edges[root])]  # via[i]: where path[i] calls path[i + 1]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                done = path.pop()
                state[done] = "done"
                depth[done] = 1 + max((depth.get(inner, 0) for inner, _ in edges[done]), default=0)
                pending.pop()
                if via:
                    via.pop()
                continue
            inner, segment = step
            if state.get(inner) == "open":
                at = path.index(inner)
                if frozenset(path[at:]) not in reported:
                    reported.add(frozenset(path[at:]))
                    found.append(_circle_error(list(zip(path[at:], [*via[at:], segment])), where))
            elif inner not in state:
                state[inner] = "open"
                path.append(inner)
                via.append(segment)
                pending.append(iter(edges[inner]))
    deepest = max(depth, key=lambda label: depth[label], default=None)
    if deepest is not None and depth[deepest] > MAX_NESTING and not found:
        file, line = where(edges[deepest][0][1])
        found.append(Diagnostic(file, line, f"footnote [^{deepest}] starts a chain of {depth[deepest]} notes each calling the next; "
                                            f"samizdat stops at {MAX_NESTING}"))
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
