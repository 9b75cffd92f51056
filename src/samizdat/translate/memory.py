"""Translation memory: what the project has already translated, offered to empty entries.

A sentence translated in one document ("European Parliament", the five demands) would
otherwise start empty in the next. When ``translate extract`` leaves an entry without a
translation — a new segment, or one whose source changed beyond what Babel matched in the
same catalog — it looks in that language's catalogs (``project.po`` first, then every
document's) and then in the compendium, ``locales/<lang>/compendium.po``:

- the same source with the same msgctxt is filled as translated, with a translator
  comment saying where it came from: ``# memory: ep-vote-handout.po``;
- the same source with another msgctxt, or a source at least :data:`MIN_SIMILARITY` %
  alike, is offered as fuzzy with ``#| msgid`` set to the matched source, so Poedit and
  Weblate show the difference: ``# memory fuzzy: compendium, 86% alike``. The build never
  prints a fuzzy entry.

A translation is never replaced. The one exception is Babel's guess from this very run
(a new entry made fuzzy from another entry of the same catalog, whose user comments it
also copies): an exact match is better than a guess, and the guessed text is still in the
compendium. The comments stay with their entries, so ``translate status`` can count what
the memory gave.

The compendium is the project's memory across releases: after every run it holds each
translated, non-fuzzy entry of the catalogs, as merged and as they were before the run
(the current translation of a source replaces an older one), and keeps the entries no
catalog has any more, so a deleted document, a cut sentence or a translation that gave
way to an exact match still feeds the next ones. Translators may load it into Poedit too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from rapidfuzz import fuzz, process

from samizdat.config import Config
from samizdat.localize.catalogs import PROJECT_DOMAIN, po_path, read_catalog
from samizdat.translate.entries import FUZZY, TRANSLATED

COMPENDIUM = "compendium"
# rapidfuzz's ratio: 100 × 2 × (characters in common, in order) / (length of both), the
# measure difflib's ratio approximates. At 80 a one-word change in a ten-word sentence is
# offered, a different sentence on the same subject is not.
MIN_SIMILARITY = 80
EXACT_NOTE, FUZZY_NOTE = "memory: ", "memory fuzzy: "  # how its translator comments start

Key = tuple[str, str | None]  # (msgid, msgctxt)


@dataclass(frozen=True)
class Unit:
    """One translated entry the memory may offer."""

    source: str
    context: str | None
    string: str
    origin: str  # "ep-vote-handout.po", "project.po" or "compendium"


@dataclass(frozen=True)
class Offer:
    unit: Unit
    exact: bool
    note: str  # why a fuzzy offer was made: "msgctxt 'heading'", "86% alike"


def compendium_path(config: Config, lang: str) -> Path:
    return config.locales_dir / lang / f"{COMPENDIUM}.po"


def units(catalog: Catalog, origin: str) -> list[Unit]:
    """The translated, non-fuzzy singular entries of a catalog."""
    return [Unit(message.id, message.context, message.string, origin) for message in catalog
            if message.id and isinstance(message.id, str) and isinstance(message.string, str) and message.string and not message.fuzzy]


class Memory:
    """Units in order of preference (the first unit of a source wins), searchable."""

    def __init__(self, found: Iterable[Unit]):
        self.units = list(found)
        self._exact: dict[Key, Unit] = {}
        self._by_source: dict[str, Unit] = {}
        for unit in self.units:
            self._exact.setdefault((unit.source, unit.context), unit)
            self._by_source.setdefault(unit.source, unit)
        self._sources = list(self._by_source)

    @classmethod
    def load(cls, config: Config, lang: str, slugs: Iterable[str]) -> Memory:
        """The memory of ``lang`` as it is on disk: project.po, the documents' catalogs in
        order, then the compendium."""
        sources = [(po_path(config, lang, domain), f"{domain}.po") for domain in (PROJECT_DOMAIN, *slugs)]
        found: list[Unit] = []
        for path, origin in [*sources, (compendium_path(config, lang), COMPENDIUM)]:
            catalog = read_catalog(path, lang, config)
            if catalog is not None:
                found += units(catalog, origin)
        return cls(found)

    def offer(self, source: str, context: str | None) -> Offer | None:
        exact = self._exact.get((source, context))
        if exact is not None:
            return Offer(exact, True, "")
        same = self._by_source.get(source)
        if same is not None:
            return Offer(same, False, f"msgctxt '{same.context}'" if same.context else "no msgctxt")
        best = process.extractOne(source, self._sources, scorer=fuzz.ratio, processor=None, score_cutoff=MIN_SIMILARITY)
        if best is None:
            return None
        return Offer(self._by_source[best[0]], False, f"{int(best[1])}% alike")

    def fill(self, catalog: Catalog, guessed: set[Key]) -> Counter[str]:
        """Fill ``catalog``'s empty entries (and Babel's ``guessed`` ones, with an exact
        match only) from the memory; how many became translated and fuzzy."""
        filled: Counter[str] = Counter()
        for message in catalog:
            if not message.id or not isinstance(message.id, str):
                continue
            key = (message.id, message.context)
            if key in guessed:  # Babel copied the comments of the entry it guessed from
                message.user_comments = [c for c in message.user_comments if provenance(c) is None]
            elif message.string:
                continue
            offer = self.offer(message.id, message.context)
            if offer is None or (message.string and not offer.exact):
                continue
            _take(message, offer)
            filled[TRANSLATED if offer.exact else FUZZY] += 1
        return filled


def _take(message: Message, offer: Offer) -> None:
    message.string = offer.unit.string
    comments = [c for c in message.user_comments if provenance(c) is None]
    if offer.exact:
        message.flags.discard("fuzzy")
        message.previous_id = []
        comments.append(f"{EXACT_NOTE}{offer.unit.origin}")
    else:
        message.flags.add("fuzzy")
        message.previous_id = [offer.unit.source]
        comments.append(f"{FUZZY_NOTE}{offer.unit.origin}, {offer.note}")
    message.user_comments = comments


def provenance(comment: str) -> str | None:
    """``TRANSLATED`` or ``FUZZY`` for a comment the memory wrote, else None."""
    if comment.startswith(EXACT_NOTE):
        return TRANSLATED
    if comment.startswith(FUZZY_NOTE):
        return FUZZY
    return None


def given(message: Message | None) -> str | None:
    """What the memory gave this entry, if anything: ``TRANSLATED`` or ``FUZZY``."""
    if message is None:
        return None
    return next((kind for kind in map(provenance, message.user_comments) if kind), None)


def remember(compendium: Catalog, found: Iterable[Unit]) -> bool:
    """Put ``found`` into the compendium, the first unit of each (msgid, msgctxt) winning:
    new sources are added, a changed translation replaces the old one, nothing is removed.
    Whether anything changed."""
    seen: set[Key] = set()
    changed = False
    for unit in found:
        key = (unit.source, unit.context)
        if key in seen:
            continue
        seen.add(key)
        kept = compendium.get(unit.source, context=unit.context)
        if kept is None:
            compendium.add(unit.source, unit.string, context=unit.context).flags.discard("python-format")  # text, as in the catalogs
        elif kept.string != unit.string or kept.fuzzy:
            kept.string = unit.string
            kept.flags.discard("fuzzy")
        else:
            continue
        changed = True
    return changed
