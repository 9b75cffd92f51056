"""``build/manifest.json``: what was built from which inputs, and what it said.

Each output records the key of its inputs, the inputs themselves, the output's own hash
and the diagnostics of its build. An output is up to date when its key is unchanged and
the file on disk still has the recorded hash; its diagnostics are then replayed, so a
no-op build reports the same warnings as the build that made the files. A DOCX also keeps
its layout in LibreOffice (pages, lines on the last page) with the hash it was measured
on, so a no-op build need not start LibreOffice again.

A build saves only what it recorded over the manifest on disk as it is then, so the entries
of documents it did not build are kept even if another build wrote them meanwhile.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samizdat import atomic
from samizdat.errors import Diagnostic, Severity

NAME = "manifest.json"
FORMAT = 1


@dataclass
class Entry:
    key: str
    sha256: str
    inputs: dict[str, str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)
    office: dict[str, Any] = field(default_factory=dict)  # {"sha256", "pages", "last_page_lines", "tightened"}

    def as_json(self) -> dict[str, Any]:
        data = {
            "key": self.key,
            "sha256": self.sha256,
            "inputs": self.inputs,
            "diagnostics": [[d.path, d.line, d.message, d.severity.value] for d in self.diagnostics],
            "fallbacks": self.fallbacks,
        }
        return {**data, "office": self.office} if self.office else data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        diagnostics = [Diagnostic(p, line, msg, Severity(sev)) for p, line, msg, sev in data.get("diagnostics", [])]
        return cls(data["key"], data["sha256"], dict(data.get("inputs", {})), diagnostics, list(data.get("fallbacks", [])),
                   dict(data.get("office", {})))


def digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return ""


class Manifest:
    def __init__(self, out: Path) -> None:
        self.path = out / NAME
        self.out = out
        self.entries = self.read()
        self.recorded: set[str] = set()

    def read(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT:
                return {name: Entry.from_json(e) for name, e in data.get("outputs", {}).items()}
        except (FileNotFoundError, NotADirectoryError, ValueError, KeyError, TypeError):
            pass  # no manifest or an unreadable one: everything is rebuilt
        return {}

    def name(self, target: Path) -> str:
        return str(target.relative_to(self.out))

    def fresh(self, target: Path, key: str) -> Entry | None:
        entry = self.entries.get(self.name(target))
        if entry and entry.key == key and entry.sha256 == digest(target):
            return entry
        return None

    def record(self, target: Path, key: str, inputs: dict[str, str], diagnostics: list[Diagnostic], fallbacks: list[str]) -> None:
        self.entries[self.name(target)] = Entry(key, digest(target), inputs, diagnostics, fallbacks)
        self.recorded.add(self.name(target))

    def office(self, target: Path) -> dict[str, Any] | None:
        """The LibreOffice layout recorded for ``target`` as it is on disk, if any."""
        entry = self.entries.get(self.name(target))
        if entry and entry.office and entry.office.get("sha256") == digest(target):
            return entry.office
        return None

    def record_office(self, target: Path, layout: dict[str, Any], said: list[Diagnostic] | None = None) -> None:
        """``target``'s layout in LibreOffice, measured now (it may have been rewritten: its
        hash is taken again), and what the build said about it, replayed with its entry."""
        entry = self.entries.get(self.name(target))
        if entry is None:
            return
        entry.sha256 = digest(target)
        entry.office = {**layout, "sha256": entry.sha256}
        entry.diagnostics = [*entry.diagnostics, *(said or [])]
        self.recorded.add(self.name(target))

    def save(self) -> None:
        """What this build recorded, merged into the manifest on disk."""
        self.entries = {**self.read(), **{name: self.entries[name] for name in self.recorded}}
        data = {"format": FORMAT, "outputs": {k: e.as_json() for k, e in sorted(self.entries.items())}}
        atomic.write_bytes(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
