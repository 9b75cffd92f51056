"""One broken document, or one broken translation, does not stop the others: they are
written in every language and format, the broken one is reported at its line and listed
first as failed, its earlier outputs stay, and the exit code says something failed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.support import copy_project, run_cli

GOOD = ("content/ep-vote-handout.md", "content/ep-vote-flyer.md")
NOTE = """---
title: A note for the press
date: 2026-11-24
languages: [en]
---

The European Parliament voted on Belarus.
"""


def digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.glob("*/press-note.*"))}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path)
    (root / "content" / "press-note.md").write_text(NOTE, encoding="utf-8")
    first = run_cli(root, "build", "content/press-note.md", *GOOD)
    assert first.returncode == 0, first.stderr
    return root


def test_a_broken_document_is_skipped_and_the_others_are_built(project: Path) -> None:
    before = digests(project / "build")
    assert len(before) == 3  # pdf, docx, html
    (project / "content" / "press-note.md").write_text(NOTE.replace("date: 2026-11-24", "date: 2026-13-40"), encoding="utf-8")
    for good in GOOD:
        path = project / good
        path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\n---\n<!-- edited -->\n", 1), encoding="utf-8")
    result = run_cli(project, "build", "content/press-note.md", *GOOD)
    assert result.returncode == 1
    assert "content/press-note.md:3: error: bad date '2026-13-40'" in result.stderr
    written = {line.removeprefix("wrote build/") for line in result.stdout.splitlines() if line.startswith("wrote ")}
    assert written == {f"{lang}/{slug}.{fmt}" for slug, langs in (("ep-vote-handout", ("en", "be", "ru", "pl", "lt", "be-Latn")),
                                                                  ("ep-vote-flyer", ("en", "be", "ru", "be-Latn")))
                       for lang in langs for fmt in ("pdf", "docx", "html")}
    summary = result.stderr.splitlines()
    failed = summary.index("failed: content/press-note.md (1 error; earlier outputs kept)")
    assert failed > summary.index("content/press-note.md:3: error: bad date '2026-13-40': write it as YYYY-MM-DD, e.g. 2026-11-24")
    assert summary[-1].startswith("1 failed, 30 files written")
    assert digests(project / "build") == before  # the broken document's earlier outputs are kept


def test_a_broken_translation_holds_back_only_its_edition(project: Path) -> None:
    po = project / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Пераканаўчая', 'msgstr "@fig:nowhere Пераканаўчая', 1), encoding="utf-8")
    assert po.read_text(encoding="utf-8") != text
    old = (project / "build" / "be" / "ep-vote-handout.pdf").read_bytes()
    result = run_cli(project, "build", "--format", "pdf", *GOOD)
    assert result.returncode == 1
    assert "@fig:nowhere refers to nothing" in result.stderr
    assert "failed: be/ep-vote-handout (1 translation error; earlier outputs kept)" in result.stderr
    assert (project / "build" / "be" / "ep-vote-handout.pdf").read_bytes() == old
    assert "failed: be-Latn/ep-vote-handout (1 translation error; earlier outputs kept)" in result.stderr  # made from it
    assert [line for line in result.stderr.splitlines() if line.startswith("failed: ")] == [
        "failed: be/ep-vote-handout (1 translation error; earlier outputs kept)",
        "failed: be-Latn/ep-vote-handout (1 translation error; earlier outputs kept)"]
    assert "2 failed, 0 files written, 8 up to date" in result.stderr  # every other edition, as it was
