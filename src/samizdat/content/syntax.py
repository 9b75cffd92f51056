"""markdown-it rules for the syntax samizdat reads beyond CommonMark and the plugins.

Each rule adds tokens (or marks existing ones) that :mod:`samizdat.content.markdown`
turns into model nodes:

* HTML comments, block (``html_comment_block``) and inline (``html_comment``): parsed
  only so they can be dropped. Raw HTML stays disabled, so any other tag is still text.
* pandoc's line blocks (``| line``): ``line_block_open``, one ``inline``, ``line_block_close``.
* heading attributes (``## Title {#id}``): the id goes to ``heading_open.attrs["id"]`` and
  leaves the heading's text, so it is neither shown nor translated.
* GFM task list items (``- [ ] x``, ``- [x] x``): ``list_item_open.meta["task"]`` is
  True or False and the box leaves the item's text (mdit-py-plugins' tasklists plugin
  emits an HTML ``<input>`` instead).
* inline notes (``^[text]``, mdit-py-plugins' footnote rule): each gets a label made from
  its text, so the paragraph's msgid calls it as ``[^label]`` like any other note and
  stays the same when a note is added elsewhere.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.html_re import comment as COMMENT_PATTERN
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote.index import footnote_inline

COMMENT = re.compile(COMMENT_PATTERN)
COMMENT_END = "-->"
NO_INLINE_NOTES = "samizdat_no_inline_notes"  # env key: text parsed on its own (a translation) keeps ^[ as text
INLINE_NOTE_PREFIX = "inline-"
_ATTRIBUTES = re.compile(r"[ \t]+\{[ \t]*((?:(?:#[\w][\w.:-]*|\.[\w-]+)[ \t]*)+)\}[ \t]*$")
_TASK = re.compile(r"\[([ xX])\][ \t\n]+")


def syntax_plugin(md: MarkdownIt) -> None:
    """Register every rule of this module (after the footnote and superscript plugins)."""
    md.block.ruler.before("html_block", "html_comment_block", comment_block, {"alt": ["paragraph", "reference", "blockquote"]})
    md.inline.ruler.before("html_inline", "html_comment", comment_inline)
    md.block.ruler.after("table", "line_block", line_block)
    md.core.ruler.before("inline", "heading_attributes", heading_attributes)
    md.core.ruler.before("inline", "task_items", task_items)
    md.inline.ruler.before("sup", "inline_note", inline_note)  # before ^superscript^, which would take '^[a]b^'


# --- HTML comments ---------------------------------------------------------------------


def comment_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A comment that starts a line and ends, with nothing after it, on the same or a later
    line. Unclosed, or followed by text, it is not one here: the paragraph rules show the
    text and drop only a closed comment."""
    if state.is_code_block(start_line):
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("<!--", start, state.eMarks[start_line]):
        return False
    line, first = start_line, True
    while True:
        text = state.src[(start if first else state.bMarks[line] + state.tShift[line]):state.eMarks[line]]
        end = text.find(COMMENT_END, 2 if first else 0)  # '<!-->' is a whole comment
        if end >= 0:
            if text[end + len(COMMENT_END):].strip():
                return False
            break
        line, first = line + 1, False
        if line >= end_line or (not state.isEmpty(line) and state.sCount[line] < state.blkIndent):
            return False
    if not silent:
        token = state.push("html_comment_block", "", 0)
        token.map = [start_line, line + 1]
        token.content = state.getLines(start_line, line + 1, state.blkIndent, True)
    state.line = line + 1
    return True


def comment_inline(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("<!--", state.pos):
        return False
    match = COMMENT.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        state.push("html_comment", "", 0).content = match.group(0)
    state.pos = match.end()
    return True


# --- line blocks -------------------------------------------------------------------------


def line_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``| text`` lines; a line starting with a space continues the one before (pandoc)."""
    if state.is_code_block(start_line) or not _is_line_block_line(state, start_line):
        return False
    if silent:
        return True
    lines: list[str] = []
    line = start_line
    while line < end_line and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        if _is_line_block_line(state, line):
            body = text[2:] if text[1:2] == " " else text[1:]
            stripped = body.lstrip(" \t")
            indent = len(body[:len(body) - len(stripped)].expandtabs(4))
            lines.append("\u00a0" * indent + stripped.rstrip())
        elif state.sCount[line] > state.blkIndent and lines:
            lines[-1] = f"{lines[-1]} {text.strip()}"
        else:
            break
        line += 1
    while lines and not lines[-1]:
        lines.pop()
    state.push("line_block_open", "div", 1).map = [start_line, line]
    inline = state.push("inline", "", 0)
    inline.content = "\\\n".join(lines)
    inline.map = [start_line, line]
    inline.children = []
    state.push("line_block_close", "div", -1)
    state.line = line
    return True


def _is_line_block_line(state: StateBlock, line: int) -> bool:
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start:start + 1] == "|" and state.src[start + 1:start + 2] in (" ", "\n", "")


# --- headings and task items -------------------------------------------------------------


def heading_attributes(state: StateCore) -> None:
    """``## Title {#id .class}`` → the id on the heading; classes are accepted and unused."""
    for opening, inline in zip(state.tokens, state.tokens[1:]):
        if opening.type == "heading_open" and inline.type == "inline":
            match = _ATTRIBUTES.search(inline.content)
            if match:
                ids = [word[1:] for word in match.group(1).split() if word.startswith("#")]
                inline.content = inline.content[:match.start()]
                if ids:
                    opening.attrSet("id", ids[-1])


def task_items(state: StateCore) -> None:
    """Mark a list item whose first paragraph starts with ``[ ]`` or ``[x]`` and cut the box off."""
    tokens = state.tokens
    for index in range(len(tokens) - 2):
        item, paragraph, inline = tokens[index:index + 3]
        if item.type == "list_item_open" and paragraph.type == "paragraph_open" and inline.type == "inline":
            match = _TASK.match(inline.content)
            if match and inline.content[match.end():].strip():
                item.meta["task"] = match.group(1) != " "
                inline.content = inline.content[match.end():]


# --- inline notes ------------------------------------------------------------------------


def inline_note(state: StateInline, silent: bool) -> bool:
    """``^[text]``: mdit-py-plugins' rule, then a label from the text and the source it
    replaces (``token.meta["raw"]``) on the call."""
    if state.env.get(NO_INLINE_NOTES):
        return False
    start = state.pos
    if not footnote_inline(state, silent):
        return False
    if silent:
        return True
    token = state.tokens[-1]
    notes: dict[str, Any] = state.env["footnotes"]
    entry = notes["list"][token.meta["id"]]
    label = note_label(entry["content"], notes)
    entry["label"] = label
    token.meta.update(label=label, raw=state.src[start:state.pos])
    return True


def note_label(text: str, notes: dict[str, Any]) -> str:
    """``inline-`` and a hash of the note's text; longer when another note has that label."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
    taken = {key[1:] for key in notes.get("refs", {})}
    taken |= {entry["label"] for entry in notes["list"].values()
              if entry.get("label") and " ".join(entry.get("content", "").split()) != " ".join(text.split())}
    size = 6
    while INLINE_NOTE_PREFIX + digest[:size] in taken:
        size += 1
    return INLINE_NOTE_PREFIX + digest[:size]
