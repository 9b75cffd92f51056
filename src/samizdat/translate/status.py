"""``samizdat translate status``: how far each document is translated, and reviewed, in
each language.

Counts segments and words per state; fuzzy never counts as translated (unlike
``sphinx-intl stat``). ``--check`` fails when a language has no publishing policy, is below
its ``min_translated`` or ``min_reviewed``, or has fuzzy entries, so CI can hold a release
back. The "memory" column counts the
entries the translation memory filled (translated / offered as fuzzy), read from the
provenance comments it leaves in the catalog. A line per language follows for project.po,
samizdat.toml's texts, which every edition prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Message
from rich.console import Console
from rich.table import Table

from samizdat.build.policy import has_policy, no_policy
from samizdat.config import Config
from samizdat.content import project_strings
from samizdat.errors import Diagnostic
from samizdat.localize.catalogs import PROJECT_DOMAIN, po_path, read_catalog
from samizdat.translate import memory
from samizdat.translate.entries import FUZZY, TRANSLATED, UNTRANSLATED, Catalogue, state_of


@dataclass(frozen=True)
class Verdict:
    catalogue: Catalogue
    config: Config

    @property
    def policy(self) -> bool:
        return has_policy(self.config, self.catalogue.lang)

    @property
    def threshold(self) -> float:
        return self.config.min_translated.get(self.catalogue.lang, 0.0)

    @property
    def review_threshold(self) -> float:
        return self.config.min_reviewed.get(self.catalogue.lang, 0.0)

    @property
    def below(self) -> bool:
        return self.catalogue.percent < self.threshold

    @property
    def below_reviewed(self) -> bool:
        return self.catalogue.percent_reviewed < self.review_threshold

    @property
    def fuzzy(self) -> int:
        return self.catalogue.count(FUZZY)

    @property
    def ok(self) -> bool:
        return self.policy and not self.below and not self.below_reviewed and not self.fuzzy

    def reason(self) -> str:
        if not self.policy:
            return "no publishing policy"
        parts = []
        if self.below:
            parts.append(f"{self.catalogue.percent:.0f}% translated, below min_translated {self.threshold:g}%")
        if self.below_reviewed:
            parts.append(f"{self.catalogue.percent_reviewed:.0f}% reviewed, below min_reviewed {self.review_threshold:g}%")
        if self.fuzzy:
            parts.append(f"{self.fuzzy} fuzzy")
        return "; ".join(parts)

    def diagnostic(self) -> Diagnostic:
        """What ``--check`` says: on samizdat.toml without a policy, else on the catalog."""
        if not self.policy:
            return no_policy(self.config, self.catalogue.lang)
        return Diagnostic(self.config.rel(self.catalogue.path), None, self.reason())

    def policy_shown(self) -> str:
        if not self.policy:
            return "none"
        reviewed = f", {self.review_threshold:g}% reviewed" if self.catalogue.lang in self.config.min_reviewed else ""
        return f"{self.threshold:g}%{reviewed}"


def verdicts(config: Config, catalogues: list[Catalogue]) -> list[Verdict]:
    return [Verdict(c, config) for c in catalogues]


def from_memory(messages: Iterable[Message | None]) -> str:
    """"5 + 1 fuzzy": entries the memory filled as translated, and offered as fuzzy; "" for none."""
    counts = Counter(memory.given(message) for message in messages)
    return f"{counts[TRANSLATED]} + {counts[FUZZY]} fuzzy" if counts[TRANSLATED] or counts[FUZZY] else ""


def show(verdicts_: list[Verdict], console: Console) -> None:
    table = Table(title="Translation status", title_justify="left")
    for name, justify in [("document", "left"), ("lang", "left"), ("translated", "right"), ("reviewed", "right"),
                          ("fuzzy", "right"), ("untranslated", "right"), ("memory", "right"), ("words done", "right"),
                          ("%", "right"), ("% reviewed", "right"), ("policy", "right"), ("", "left")]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for verdict in verdicts_:
        cat = verdict.catalogue
        total_words = sum(e.words for e in cat.entries)
        table.add_row(
            cat.doc.slug, cat.lang,
            str(cat.count(TRANSLATED)), str(cat.reviewed_count), str(cat.count(FUZZY)), str(cat.count(UNTRANSLATED)),
            from_memory(e.message for e in cat.entries),
            f"{cat.words(TRANSLATED)}/{total_words}",
            f"{cat.percent:.0f}", f"{cat.percent_reviewed:.0f}", verdict.policy_shown(),
            "ok" if verdict.ok else verdict.reason(),
        )
    console.print(table)


def project_lines(config: Config, langs: list[str]) -> list[str]:
    """How far samizdat.toml's texts are translated in each language's project.po."""
    lines = []
    for lang in langs:
        path = po_path(config, lang, PROJECT_DOMAIN)
        catalog = read_catalog(path, lang, config)
        messages = [catalog.get(s.source, context=s.context) if catalog is not None else None
                    for s in project_strings.segments(config).values()]
        if not messages:
            continue
        states = Counter(state_of(message) for message in messages)
        given = from_memory(messages)
        lines.append(f"{config.rel(path)} (samizdat.toml's texts, in every edition): {states[TRANSLATED]} translated, "
                     f"{states[FUZZY]} fuzzy, {states[UNTRANSLATED]} untranslated" + (f"; memory: {given}" if given else ""))
    return lines
