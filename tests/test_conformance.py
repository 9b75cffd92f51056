"""The public Markdown suites through the loader and every writer: no crash, no lost text,
the structure kept.

Every example of the CommonMark spec (655), of GFM's ``extensions.txt`` (28) and the
extension examples of the GFM spec (22) is loaded as a document and written as HTML,
DOCX, Markdown and PDF (see ``tests/conformance/outputs.py`` for how; the PDFs are laid
out in batches). For each example and writer:

* **no crash**: the only exception allowed is :class:`SamizdatError`, and only for what
  samizdat refuses by design: an image or link outside the sandbox (a missing image, an
  absolute path, a ``javascript:`` or other scheme). Such an example must show an image or
  a link in its reference, and every message must be about one;
* **no lost text**: every text the reference rendering shows is in the output (compared
  without white space, quotation marks and dashes, which typography changes);
* **structure** (not for PDF, whose pages are read as text): heading levels, list
  nesting (kind and depth of every item), tables (rows × columns), links and hard line
  breaks are as in the reference; code blocks keep their text exactly. In the PDF: every
  code line is a line of its own, its words at the columns the source puts them (white
  space kept, measured in character cells from the word positions), and the text after
  a hard break starts a line.

Raw HTML is shown as text by design: those examples are compared with the rendering that
escapes raw HTML (see ``suites.reference_html``), for text only.

``DIFFERENT_BY_DESIGN`` lists, by reason, the examples where samizdat's Markdown (GFM plus
pandoc's extensions, GFM autolinks always on) reads the text otherwise than the suite's
reference; they are strict xfails, so a change that makes one agree fails the test until
its entry goes.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest

from samizdat.verify import fonts
from tests.conformance.outputs import WRITERS, Outcome, Run
from tests.conformance.suites import CUT, Example, Shape, all_examples, comparable, lost_texts, reference_html, reference_shape

EXAMPLES = all_examples()
SANDBOX = re.compile(r"\b(link|image|picture)s?\b|absolute paths are not allowed", re.IGNORECASE)


def _reference_has(pattern: str) -> Callable[[Example, str], bool]:
    return lambda example, writer: re.search(pattern, reference_html(example)) is not None


def _in(*ids: str) -> Callable[[Example, str], bool]:
    return lambda example, writer: example.id in ids


def _writers(*names: str, when: Callable[[Example, str], bool]) -> Callable[[Example, str], bool]:
    return lambda example, writer: writer in names and when(example, writer)


# reason → which (example, writer) it concerns. Keyed on the example, never on the outcome,
# so an entry cannot hide a failure it does not describe.
DIFFERENT_BY_DESIGN: dict[str, Callable[[Example, str], bool]] = {
    "a bare web address is a link (GFM autolinks are always on; the CommonMark reference has none)": _writers(
        "html", "docx", "md", when=_in("commonmark-610", "commonmark-613", "commonmark-614")),
    "ftp:// addresses stay text: samizdat links web and mail addresses only": _writers(
        "html", "docx", "md", when=_in("gfm-spec-628")),
    "~text~ is a subscript (pandoc's extension), not GFM's single-tilde strikethrough": _in("gfm-extensions-18"),
    "lines that start with '| ' and make no table are a line block (pandoc's extension)": _in(
        "gfm-extensions-3", "gfm-extensions-7", "gfm-spec-203"),
}


def expected_failure(example: Example, writer: str) -> str | None:
    reasons = [reason for reason, applies in DIFFERENT_BY_DESIGN.items() if applies(example, writer)]
    return "; ".join(reasons) or None


def cases() -> list[object]:
    out = []
    for example in EXAMPLES:
        for writer in WRITERS:
            reason = expected_failure(example, writer)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(example, writer, id=f"{example.id}-{writer}", marks=marks))
    return out


@pytest.fixture(scope="session")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return Run(tmp_path_factory.mktemp("conformance"), EXAMPLES)


@pytest.mark.parametrize(("example", "writer"), cases())
def test_example(run: Run, example: Example, writer: str) -> None:
    outcome = run.outcome(example, writer)
    assert not outcome.crash, f"{example.id} ({example.section}) crashed the {writer} writer:\n{outcome.crash}"
    if outcome.refused:
        assert refused_by_design(example, outcome), f"{example.id} refused: {outcome.refused}"
        return
    assert outcome.shape is not None
    reference = reference_shape(example)
    if writer == "pdf":
        reference = drawable(reference, run)
    problems = differences(reference, outcome, writer, structure=not example.raw_html)
    assert not problems, f"{example.id} ({example.section}), {writer}:\n" + "\n".join(problems) + f"\n--- markdown:\n{example.markdown}"


def refused_by_design(example: Example, outcome: Outcome) -> bool:
    """Refused only for an image or link outside the sandbox, which the example does show
    (raw HTML read as text, as samizdat reads it, may make one: ``[a <b c="](d)">``)."""
    shown = reference_html(example)
    return bool(outcome.refused) and all(SANDBOX.search(message) for message in outcome.refused) and (
        "<img" in shown or "<a " in shown)


def drawable(reference: Shape, run: Run) -> Shape:
    """The reference without characters the configured fonts lack: the PDF draws them as
    boxes that carry no text (tofu, which 'samizdat check' reports as such)."""
    lacking = fonts.uncovered(reference.full_text, tuple(run.config.fonts.values()))
    if not lacking:
        return reference
    strip = re.compile("|".join(re.escape(char) for char in lacking))
    return dataclasses.replace(reference, texts=[strip.sub(CUT, text) for text in reference.texts])


def differences(reference: Shape, outcome: Outcome, writer: str, structure: bool) -> list[str]:
    shape = outcome.shape
    assert shape is not None
    problems = [f"lost text: {text!r}" for text in lost_texts(reference, shape.full_text)]
    if reference.tasks and re.search(r"\[[ xX]\]", shape.full_text):
        problems.append("task list markers printed as typed ([ ] / [x])")
    if shape.full_text.count("~") > reference.full_text.count("~"):
        problems.append("strikethrough markers printed as typed (~~)")
    if not structure:
        return problems
    if writer == "pdf":
        return problems + pdf_code(reference, outcome) + pdf_breaks(reference, outcome)
    wanted_headings = [(level, comparable(text)) for level, text in reference.headings]
    if [(level, comparable(text)) for level, text in shape.headings] != wanted_headings:
        problems.append(f"headings {shape.headings} instead of {reference.headings}")
    if shape.items != reference.items:
        problems.append(f"list items (kind, depth) {shape.items} instead of {reference.items}")
    if [code.rstrip("\n") for code in shape.code] != [code.rstrip("\n") for code in reference.code]:
        problems.append(f"code blocks {shape.code} instead of {reference.code}")
    if shape.breaks != reference.breaks:
        problems.append(f"{shape.breaks} hard line breaks instead of {reference.breaks}")
    if shape.links != reference.links:
        problems.append(f"{shape.links} links instead of {reference.links}")
    if shape.tables != reference.tables:
        problems.append(f"tables (rows, columns) {shape.tables} instead of {reference.tables}")
    return problems


def pdf_code(reference: Shape, outcome: Outcome) -> list[str]:
    """Each code block's lines, in order, as lines of the page, words at their columns."""
    problems = []
    lines = outcome.pdf_lines
    for code in reference.code:
        wanted = [line.expandtabs(8) for line in code.split("\n") if line.strip()]
        if not wanted:
            continue
        words = [line.split() for line in wanted]
        at = next((i for i in range(len(lines) - len(words) + 1)
                   if all([w for w, _, _ in lines[i + k][-len(words[k]):]] == words[k] for k in range(len(words)))), None)
        if at is None:
            problems.append(f"code lines not found as lines of the PDF: {wanted}")
            continue
        found = [line[-len(words[k]):] for k, line in enumerate(lines[at:at + len(words)])]  # after a list marker, if any
        advance = statistics.median((x1 - x0) / len(w) for line in found for w, x0, x1 in line)
        left = min(line[0][1] for line in found)
        columns = [[round((x0 - left) / advance) for _, x0, _ in line] for line in found]
        expected = [[match.start() for match in re.finditer(r"\S+", line)] for line in wanted]
        shift = min(cols[0] for cols in expected)
        if columns != [[c - shift for c in cols] for cols in expected]:
            problems.append(f"code white space not kept: words at columns {columns}, source has {expected} (less {shift})")
    return problems


def pdf_breaks(reference: Shape, outcome: Outcome) -> list[str]:
    starts = [comparable(" ".join(word for word, _, _ in line)) for line in outcome.pdf_lines]
    problems = []
    for text in reference.after_breaks:
        wanted = comparable(text)[:12]
        if wanted and not any(start.startswith(wanted) for start in starts):
            problems.append(f"no line starts after the hard break with {text.strip()!r}")
    return problems


def test_suites_are_complete() -> None:
    """The files hold what the module docstring promises (a truncated copy would pass silently)."""
    counts = {suite: sum(1 for e in EXAMPLES if e.suite == suite) for suite in ("commonmark", "gfm-extensions", "gfm-spec")}
    assert counts == {"commonmark": 655, "gfm-extensions": 28, "gfm-spec": 22}
    assert all((Path(__file__).parent / "conformance" / folder / "NOTICE").is_file() for folder in ("commonmark", "gfm", "pandoc"))
