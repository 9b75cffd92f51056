"""Each source segment of a document paired with its message in one language's catalog.

Takes a source-language :class:`model.Document`; gives :class:`Entry` rows (one per
distinct message, in reading order) with the translation state the build will see:
``translated``, ``fuzzy`` (never used) or ``untranslated``, and whether it is reviewed.
``status``, ``check`` and the Word exchange all read these rows, so they agree with the
build about what counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from samizdat import model as m
from samizdat.config import Config
from samizdat.content import project_strings
from samizdat.localize.catalogs import po_path, read_catalog

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
_WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Entry:
    segment: m.Segment
    message: Message | None
    state: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.segment.plain()))

    @property
    def translation(self) -> str:
        return str(self.message.string) if self.message is not None and self.message.string else ""

    @property
    def po_line(self) -> int | None:
        return self.message.lineno if self.message is not None else None

    @property
    def reviewed(self) -> bool:
        """Translated, and marked reviewed for this very source and translation."""
        from samizdat.translate.review import is_reviewed

        return is_reviewed(self.message)


@dataclass(frozen=True)
class Catalogue:
    """One document's catalog in one language, with its rows."""

    doc: m.Document
    lang: str
    path: Path
    catalog: Catalog | None
    entries: tuple[Entry, ...]

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)

    def words(self, state: str) -> int:
        return sum(e.words for e in self.entries if e.state == state)

    @property
    def percent(self) -> float:
        """Translated segments as a share of all; fuzzy ones do not count."""
        return 100.0 * self.count(TRANSLATED) / len(self.entries) if self.entries else 100.0

    @property
    def reviewed_count(self) -> int:
        return sum(1 for e in self.entries if e.reviewed)

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.reviewed_count / len(self.entries) if self.entries else 100.0


def state_of(message: Message | None) -> str:
    if message is None or not message.string or (isinstance(message.string, tuple) and not all(message.string)):
        return UNTRANSLATED
    return FUZZY if message.fuzzy else TRANSLATED


def catalogue(doc: m.Document, lang: str, config: Config) -> Catalogue:
    path = po_path(config, lang, doc.slug)
    catalog = read_catalog(path, lang, config)
    rows: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for segment in m.iter_segments(doc):
        key = (segment.source, segment.context)
        if not segment.source or key in seen or project_strings.is_project(segment):  # in project.po
            continue
        seen.add(key)
        message = catalog.get(segment.source, context=segment.context or None) if catalog is not None else None
        rows.append(Entry(segment, message, state_of(message)))
    return Catalogue(doc, lang, path, catalog, tuple(rows))
