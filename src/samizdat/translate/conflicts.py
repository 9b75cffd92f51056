"""Rows of a Word import (units of an XLIFF import) whose translation was changed both in
the PO file (since the export) and in the file: a three-way conflict, which no rule can
settle without losing a fix.

Import keeps the PO file's text and adds every conflict, with its source and both
translations, to ``build/translations/<slug>.<lang>.conflicts.txt``: plain UTF-8 that opens
anywhere, each text whole on its own line (a PO file would wrap them and hide one of the
two in a comment), for the editor to pick one or merge them and put the result in the PO
file. Each import adds a section, so the conflicts of a second volunteer's file never
hide the first's; the editor deletes the file once they are settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from samizdat.atomic import write_bytes
from samizdat.config import Config

_LABEL = 10  # "PO file:  " and the other labels, so the texts line up


@dataclass(frozen=True)
class Conflict:
    at: str  # where the imported file has it: "row 3" (1-based, the header not counted), "line 40"
    where: str  # the segment's place in the content, from the catalog
    context: str
    source: str
    po_text: str  # the PO file's translation now
    imported_text: str  # the Word cell's, the XLIFF target's


def conflicts_path(config: Config, slug: str, lang: str) -> Path:
    return config.output_dir / "translations" / f"{slug}.{lang}.conflicts.txt"


def add_conflicts(path: Path, conflicts: list[Conflict], imported: str, po: str, kind: str) -> None:
    """Add this import's conflicts to ``path`` as a new section after any earlier ones;
    ``kind`` names the imported file's format ("Word", "XLIFF")."""
    earlier = path.read_bytes() + b"\n" if path.exists() else b""
    write_bytes(path, earlier + render(conflicts, imported, po, kind).encode("utf-8"))


def render(conflicts: list[Conflict], imported: str, po: str, kind: str) -> str:
    lines = [
        "samizdat translation conflicts",
        f"{kind} file: {imported}, imported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"PO file:   {po}",
        "",
        f"Each text below was changed in the PO file after the export, and in the {kind} file too.",
        f"The PO file kept its text; the {kind} text is kept here. For each, choose one text or",
        "merge the two, and put the result in the PO file (in Poedit, search for the source).",
        "Later imports add their conflicts below; delete this file once all are settled.",
    ]
    for conflict in conflicts:
        lines += [
            "",
            f"{conflict.at} · {conflict.where}" + (f" · {conflict.context}" if conflict.context else ""),
            _labelled("source:", conflict.source),
            _labelled("PO file:", conflict.po_text),
            _labelled(f"{kind}:", conflict.imported_text),
        ]
    return "\n".join(lines) + "\n"


def _labelled(label: str, text: str) -> str:
    """``label`` then the text, any line breaks in it indented under the first line."""
    return label.ljust(_LABEL) + text.replace("\n", "\n" + " " * _LABEL)
