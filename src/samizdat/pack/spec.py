"""The event-pack file: load ``events/<name>.yaml`` and validate it at the edge.

Takes the path of a pack file and the project configuration; gives a :class:`PackSpec`
whose every value has been checked, or raises :class:`SamizdatError` listing every problem
as ``file:line: error: …`` (with a "did you mean" where one fits).

The schema (the one place it is written down)::

    name: Side event at the European Parliament, Strasbourg   # required: the event, for the cover
    date: 2026-11-26                # required: the event's date, YYYY-MM-DD
    venue: European Parliament, Strasbourg     # optional, printed on the cover
    contact: Anna K., +32 470 00 00 00         # optional: who the print shop calls
    notes: Deliver to the Louise Weiss building by 08:30.   # optional, printed on the cover
    items:                          # required: what to print, in this order
      - document: ep-vote-handout   # required: slug of content/<slug>.md or content/<slug>/index.md
        paper: A4                   # the finished page: A4, A5 or Letter (default A4)
        imposition: none            # none | 2-up | booklet (default none)
        copies: {en: 200, be: 80, ru: 60}   # required: language -> copies, in print order

``paper`` is the size of the finished page the reader holds; the sheet the print shop
feeds follows from the imposition (see :mod:`samizdat.pack.paper`): ``none`` prints each
page on its own sheet of that size, ``2-up`` and ``booklet`` put two pages on a sheet twice
the size (A5 pages on A4 sheets, A4 on A3, Letter on Tabloid). Languages must be among the
project's ``languages``; copies are whole numbers from 1. The same document may appear in
several items (an A4 handout for the table and an A5 one for the seats), but not twice with
the same paper and imposition — add the copies together instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from samizdat import yamlfile
from samizdat.config import Config
from samizdat.content import discover, slug_of
from samizdat.errors import Report, did_you_mean, error
from samizdat.pack.paper import PAGE_SIZES, page_size

IMPOSITIONS = ("none", "2-up", "booklet")

# key -> (required, meaning)
PACK_KEYS: dict[str, tuple[bool, str]] = {
    "name": (True, "the event, as printed on the cover"),
    "date": (True, "the event's date, YYYY-MM-DD"),
    "venue": (False, "where the event is held"),
    "contact": (False, "who the print shop should call"),
    "notes": (False, "instructions for the print shop, printed on the cover"),
    "items": (True, "list of documents to print"),
}
ITEM_KEYS: dict[str, tuple[bool, str]] = {
    "document": (True, "slug of content/<slug>.md or content/<slug>/index.md"),
    "paper": (False, "finished page size: A4, A5 or Letter (default A4)"),
    "imposition": (False, "none, 2-up or booklet (default none)"),
    "copies": (True, "mapping of language to number of copies"),
}
MAX_COPIES = 100_000  # a pack for an event; more is a typo


@dataclass(frozen=True)
class PackItem:
    """One document in one format, with the copies wanted per language (in print order)."""

    document: str  # slug
    source: Path  # the content file
    paper: str  # finished page: 'A4', 'A5' or 'Letter'
    imposition: str  # 'none', '2-up' or 'booklet'
    copies: tuple[tuple[str, int], ...]  # (language, copies), in the order written
    line: int  # line of the item in the pack file
    copies_lines: tuple[tuple[str, int], ...] = ()  # (language, line of its copies)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.copies)

    def copies_line(self, lang: str) -> int:
        return dict(self.copies_lines).get(lang, self.line)


@dataclass(frozen=True)
class PackSpec:
    """A checked pack file."""

    path: Path  # the pack file
    rel: str  # the pack file as users see it in messages
    slug: str  # the file's stem: names the output folder
    name: str  # the event
    date: dt.date
    items: tuple[PackItem, ...]
    venue: str = ""
    contact: str = ""
    notes: str = ""


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps impossible dates (2026-13-01) as text, to be reported as bad dates."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Walks the YAML node tree, so every value keeps its line for messages."""

    def __init__(self, loader: _Loader, rel: str, report: Report) -> None:
        self.loader = loader
        self.rel = rel
        self.report = report

    def error(self, node_or_line: yaml.Node | int, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        self.report.error(self.rel, line, message)

    def value(self, node: yaml.Node) -> Any:
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.Node, what: str, keys: dict[str, tuple[bool, str]]) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """key -> (key node, value node); unknown, duplicate and missing keys are reported."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of 'key: value' lines, not {yamlfile.describe(self.value(node))}")
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(self.value(key_node))
            if key in found:
                self.error(key_node, f"'{key}' is given twice in {what} (first on line {_line(found[key][0])})")
            elif key not in keys:
                self.error(key_node, f"unknown key '{key}' in {what}{did_you_mean(key, keys)}; "
                                     f"allowed: {', '.join(keys)}")
            else:
                found[key] = (key_node, value_node)
        for key, (required, meaning) in keys.items():
            if required and key not in found:
                self.error(node, f"{what} is missing '{key}' ({meaning})")
        return found

    def text(self, key: str, node: yaml.Node) -> str | None:
        value = self.value(node)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key != "name":
            value = str(value)  # a phone number written without quotes is still a contact
        if not isinstance(value, str):
            self.error(node, f"'{key}' must be text, not {yamlfile.describe(value)}")
            return None
        if not value.strip():
            self.error(node, f"'{key}' is empty")
            return None
        return " ".join(value.split())


def _documents(config: Config) -> dict[str, Path]:
    try:
        return {slug_of(path): path for path in discover(config)}
    except Exception:  # no content folder: every document is then unknown, reported per item
        return {}


def load_spec(path: Path, config: Config) -> PackSpec:
    """Read and check a pack file; raises :class:`SamizdatError` with every problem found."""
    rel = config.rel(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(rel, None, "pack file not found") from None
    except IsADirectoryError:
        raise error(rel, None, "is a folder; give a pack file such as events/<name>.yaml") from None
    except UnicodeDecodeError as exc:
        raise error(rel, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(rel, mark.line + 1 if mark else 1, f"invalid YAML: {problem}") from None
    finally:
        loader.dispose()
    if root is None:
        raise error(rel, 1, "the pack file is empty; it needs at least 'name:', 'date:' and 'items:'")

    report = Report()
    reader = _Reader(loader, rel, report)
    top = reader.mapping(root, "the pack file", PACK_KEYS)
    if top is None:
        report.raise_errors()
        raise AssertionError("unreachable")

    texts: dict[str, str] = {}
    for key in ("name", "venue", "contact", "notes"):
        if key in top:
            value = reader.text(key, top[key][1])
            if value is not None:
                texts[key] = value

    date: dt.date | None = None
    if "date" in top:
        raw_date = reader.value(top["date"][1])
        if isinstance(raw_date, dt.datetime):
            raw_date = raw_date.date()
        if isinstance(raw_date, dt.date):
            date = raw_date
        else:
            shown = f"'{raw_date}'" if isinstance(raw_date, str) else yamlfile.describe(raw_date)
            reader.error(top["date"][1], f"bad date {shown}: write it as YYYY-MM-DD, e.g. 2026-11-26")

    items: list[PackItem] = []
    if "items" in top:
        items = _items(reader, top["items"][1], config)

    report.items.sort(key=lambda d: d.line or 0)
    report.raise_errors()
    assert date is not None
    return PackSpec(path=path, rel=rel, slug=path.stem, name=texts["name"], date=date, items=tuple(items),
                    venue=texts.get("venue", ""), contact=texts.get("contact", ""), notes=texts.get("notes", ""))


def _items(reader: _Reader, node: yaml.Node, config: Config) -> list[PackItem]:
    if not isinstance(node, yaml.SequenceNode):
        reader.error(node, f"'items' must be a list of '- document: …' entries, not {yamlfile.describe(reader.value(node))}")
        return []
    if not node.value:
        reader.error(node, "'items' is empty: list at least one document to print")
        return []
    documents = _documents(config)
    items: list[PackItem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, item_node in enumerate(node.value, 1):
        what = f"item {number}"
        fields = reader.mapping(item_node, what, ITEM_KEYS)
        if fields is None:
            continue
        ok = True

        slug = ""
        source: Path | None = None
        if "document" in fields:
            value = reader.value(fields["document"][1])
            slug = str(value).strip() if isinstance(value, str) else ""
            if not slug:
                reader.error(fields["document"][1], f"'document' must be a document's slug, not {yamlfile.describe(value)}")
            elif slug not in documents:
                known = ", ".join(sorted(documents)) or "none"
                reader.error(fields["document"][1], f"unknown document '{slug}'{did_you_mean(slug, documents)}; "
                                                    f"documents in {config.rel(config.content_dir)}/: {known}")
            else:
                source = documents[slug]
        ok = ok and source is not None

        paper = "A4"
        if "paper" in fields:
            value = reader.value(fields["paper"][1])
            found = page_size(value) if isinstance(value, str) else None
            if found is None:
                written = str(value)
                reader.error(fields["paper"][1], f"unknown paper '{written}'{did_you_mean(written, PAGE_SIZES)}; "
                                                 f"use {', '.join(PAGE_SIZES[:-1])} or {PAGE_SIZES[-1]}")
                ok = False
            else:
                paper = found.name

        imposition = "none"
        if "imposition" in fields:
            value = reader.value(fields["imposition"][1])
            written = str(value).strip().lower() if value is not None else ""
            if written not in IMPOSITIONS:
                reader.error(fields["imposition"][1], f"unknown imposition '{value}'{did_you_mean(written, IMPOSITIONS)}; "
                                                      f"use one of: {', '.join(IMPOSITIONS)}")
                ok = False
            else:
                imposition = written

        copies: list[tuple[str, int]] = []
        copies_lines: list[tuple[str, int]] = []
        if "copies" in fields:
            copies_node = fields["copies"][1]
            if not isinstance(copies_node, yaml.MappingNode) or not copies_node.value:
                reader.error(copies_node, "'copies' must map languages to numbers, e.g. {en: 200, be: 80}")
                ok = False
            else:
                for lang_node, count_node in copies_node.value:
                    lang = str(reader.value(lang_node))
                    count = reader.value(count_node)
                    if lang in dict(copies):
                        reader.error(lang_node, f"language '{lang}' is given twice in 'copies'")
                        ok = False
                    elif lang not in config.languages:
                        reader.error(lang_node, f"unknown language '{lang}'{did_you_mean(lang, config.languages)}; "
                                                f"the project's languages: {', '.join(config.languages)}")
                        ok = False
                    elif isinstance(count, bool) or not isinstance(count, int):
                        hint = " (write it without quotes)" if isinstance(count, str) and count.strip().isdigit() else ""
                        reader.error(count_node, f"copies for '{lang}' must be a whole number, not {yamlfile.describe(count)}{hint}")
                        ok = False
                    elif not 1 <= count <= MAX_COPIES:
                        reader.error(count_node, f"copies for '{lang}' must be from 1 to {MAX_COPIES:,}, not {count}"
                                                 + (" (remove the language instead)" if count == 0 else ""))
                        ok = False
                    else:
                        copies.append((lang, count))
                        copies_lines.append((lang, _line(lang_node)))
        else:
            ok = False

        if not ok or source is None:
            continue
        key = (slug, paper, imposition)
        if key in seen:
            reader.error(item_node, f"{slug} on {paper} with imposition {imposition} is already item {seen[key]}; "
                                    "add the copies together there")
            continue
        seen[key] = number
        items.append(PackItem(slug, source, paper, imposition, tuple(copies), _line(item_node), tuple(copies_lines)))
    return items
