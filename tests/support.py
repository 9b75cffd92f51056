"""Helpers for tests: the sample project, running the CLI, reading PDF text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import discover, load_document
from samizdat.errors import Report
from samizdat.localize import localize

ROOT = Path(__file__).resolve().parents[1]
SAMIZDAT = [sys.executable, "-m", "samizdat"]


def copy_project(target: Path) -> Path:
    for name in ("samizdat.toml", "glossary.yaml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("templates", "content", "locales", "events"):
        shutil.copytree(ROOT / name, target / name)
    return target


SAMPLE_LANGUAGES = 'languages = ["en", "be", "ru", "pl", "lt", "be-Latn"]'  # the sample's samizdat.toml line


def write_doc(project: Path, name: str, text: str) -> Path:
    path = project / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SAMIZDAT, "-C", str(project), *args], capture_output=True, text=True, cwd=project, timeout=600)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return normalize(out)


def normalize(text: str) -> str:
    """Undo hyphenation and line breaks so phrases can be searched for."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)[\u2010-](?:\n|\s\n)\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def squash(text: str) -> str:
    """Case, whitespace and hyphens removed: hyphenation and text-transform cannot hide a phrase."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", text.casefold())


def pieces(segment: m.Segment) -> list[str]:
    """The segment's text split at footnote calls (the PDF puts a number there)."""
    out, current = [], []

    def walk(inlines):
        for node in inlines:
            if isinstance(node, m.NoteRef):
                out.append("".join(current))
                current.clear()
            elif isinstance(node, (*m.SPANS, m.Link)):
                walk(node.children)
            else:
                current.append(m.plain_text((node,)))

    walk(segment.inlines)
    out.append("".join(current))
    return [p for p in out if p.strip()]


def localized(slug: str, lang: str, root: Path = ROOT) -> m.Document:
    config = load_config(root)
    (source,) = [p for p in discover(config) if slug in str(p)]
    return localize(load_document(source, config), lang, config, Report())




def missing_segments(doc: m.Document, text: str) -> list[str]:
    """'file:line: piece' for every piece of every segment of ``doc`` not in ``text``; the
    author is a document property, not printed on the page."""
    flat = squash(text)
    return [f"{segment.loc}: {piece!r}" for segment in m.iter_segments(doc) if segment is not doc.meta.author
            for piece in pieces(segment) if squash(piece) not in flat]
