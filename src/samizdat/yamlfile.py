"""YAML errors in words an editor understands, with the line where the problem starts.

PyYAML reports an unclosed quote at the end of the file ("found unexpected end of stream")
and a colon inside a value as "mapping values are not allowed here"; this module turns its
errors into a line and a plain message, and finds duplicate keys PyYAML silently merges.
Used for front matter, the glossary and event packs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import yaml


def explain(exc: yaml.YAMLError, first_line: int = 1, text: str = "") -> tuple[int | None, str]:
    """(line in the file, message) for a PyYAML error; ``first_line`` is the file line of YAML line 1.

    ``text`` (the YAML) lets a reader error — a character YAML does not allow — find its line.
    """
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n") + first_line if text else None
        return line, f"the character U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X} is not allowed in YAML"
    problem = str(getattr(exc, "problem", "") or "").strip()
    context = str(getattr(exc, "context", "") or "").strip()
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)

    def at(mark: Any) -> int | None:
        return mark.line + first_line if mark is not None else None

    if "quoted scalar" in context and context_mark is not None:
        return at(context_mark), "a quoted value starts here and is never closed"
    if "mapping values are not allowed" in problem:
        return at(problem_mark), "a ': ' inside a value: put the whole value in quotes"
    if "'\\t'" in problem or "\t" in problem:
        return at(problem_mark), "a tab character: indent YAML with spaces"
    if "could not find expected ':'" in problem:
        return at(context_mark or problem_mark), "expected 'key: value' here"
    text = problem or str(exc).splitlines()[0]
    if context and context_mark is not None and at(context_mark) != at(problem_mark):
        text += f" ({context} on line {at(context_mark)})"
    return at(problem_mark or context_mark), text


def duplicate_keys(node: yaml.Node | None, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, key) of every key that repeats one earlier in the same mapping, at any depth."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                yield key.start_mark.line + first_line, name
            seen.add(name)
            yield from duplicate_keys(value, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from duplicate_keys(item, first_line)


def describe(value: Any) -> str:
    """A YAML value as an editor would name it: 'a number (3)', 'text ('two')', 'a list'."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"a date ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    return type(value).__name__
