"""Review marks: which translations a second person has read (``samizdat translate review``).

A mark is a translator comment naming a digest of what was reviewed — the context, the
source and the translation::

    # samizdat-reviewed: 5d41402abc4b

PO has no reviewed state of its own (Weblate keeps its "approved" in its database, not in
the file), and a flag such as ``#, reviewed`` would survive an edit in Poedit, which keeps
flags it does not know: the translation would change and still count as reviewed. A
digest cannot: an entry counts as reviewed only while it is translated, not fuzzy, and its
texts are those the mark names. ``translate extract`` and ``translate import`` remove marks
that no longer match, so the files say what counts.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from samizdat import atomic
from samizdat import model as m
from samizdat.config import Config
from samizdat.localize import pofile
from samizdat.localize.catalogs import po_path, read_catalog
from samizdat.translate.entries import TRANSLATED, catalogue, state_of

MARK = "samizdat-reviewed:"


def digest(message: Message) -> str:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    text = "\0".join([message.context or "", *ids, "\x1e", *(str(s or "") for s in strings)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def is_reviewed(message: Message | None) -> bool:
    return (message is not None and state_of(message) == TRANSLATED
            and f"{MARK} {digest(message)}" in message.user_comments)


def _unmark(message: Message) -> None:
    message.user_comments = [c for c in message.user_comments if not c.startswith(MARK)]


def drop_stale(catalog: Catalog) -> int:
    """Remove every mark that no longer matches its entry; gives how many went."""
    dropped = 0
    for message in catalog:
        if message.id and any(c.startswith(MARK) for c in message.user_comments) and not is_reviewed(message):
            _unmark(message)
            dropped += 1
    return dropped


@dataclass(frozen=True)
class Reviewed:
    po: Path
    marked: int  # newly
    already: int


def review(config: Config, doc: m.Document, lang: str) -> Reviewed:
    """Mark every translated, non-fuzzy entry of ``doc`` in ``lang`` reviewed (stale marks go)."""
    path = po_path(config, lang, doc.slug)
    cached = read_catalog(path, lang, config)
    if cached is None:
        return Reviewed(path, 0, 0)
    catalog = copy.deepcopy(cached)  # read_catalog's copy is shared; never mutate it
    dropped = drop_stale(catalog)
    marked = already = 0
    for entry in catalogue(doc, lang, config).entries:
        message = catalog.get(entry.segment.source, context=entry.segment.context or None)
        if message is None or state_of(message) != TRANSLATED:
            continue
        if is_reviewed(message):
            already += 1
            continue
        message.user_comments.append(f"{MARK} {digest(message)}")
        marked += 1
    if marked or dropped:
        atomic.write_bytes(path, pofile.write(catalog))
    return Reviewed(path, marked, already)
