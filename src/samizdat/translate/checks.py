"""Consistency checks of translations against their source (``samizdat translate check``).

Each check compares one translated message with its msgid and reports a diagnostic on
the PO line, naming the content location: markup (links, footnote calls, emphasis,
code), numbers (458 stays 458, whatever the digit grouping), placeholders and plural
forms in interface strings, and the glossary. Fuzzy messages are not checked: the build
never uses them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from babel.messages.catalog import Catalog

from samizdat import model as m
from samizdat.config import Config
from samizdat.content import project_strings
from samizdat.content.markdown import parse_inlines
from samizdat.errors import Diagnostic
from samizdat.localize.catalogs import PROJECT_DOMAIN, TEMPLATES_DOMAIN, message_problems, po_path, read_catalog
from samizdat.translate.entries import TRANSLATED, Catalogue, Entry, state_of
from samizdat.translate.glossary import Glossary

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")


SPAN_MARKUP: dict[type, str] = {m.Strikeout: "~~strikethrough~~", m.Superscript: "^superscript^", m.Subscript: "~subscript~"}


def markup(inlines: tuple[m.Inline, ...]) -> Counter[str]:
    """What a translation must keep: each link target, footnote call, emphasis, code span,
    cross-reference (its grammatical form may change)."""
    found: Counter[str] = Counter()

    def walk(nodes: Iterable[m.Inline]) -> None:
        for node in nodes:
            if isinstance(node, m.Link):
                found[f"link to {node.url}"] += 1
                walk(node.children)
            elif isinstance(node, m.NoteRef):
                found[f"footnote [^{node.label}]"] += 1
            elif isinstance(node, m.Strong):
                found["**strong emphasis**"] += 1
                walk(node.children)
            elif isinstance(node, m.Emph):
                found["*emphasis*"] += 1
                walk(node.children)
            elif isinstance(node, m.SPANS):
                found[SPAN_MARKUP[type(node)]] += 1
                walk(node.children)
            elif isinstance(node, m.Code):
                found[f"code `{node.text}`"] += 1
            elif isinstance(node, m.InlineImage):
                found[f"image {node.src}"] += 1
            elif isinstance(node, m.CrossRef):
                found[f"reference @{node.target}"] += 1

    walk(inlines)
    return found


def numbers(text: str) -> Counter[str]:
    """Numbers as digit strings: '12,345', '12 345' and '12345' are one number."""
    return Counter(re.sub(r"\D", "", match) for match in _NUMBER.findall(text))


def check_catalogue(cat: Catalogue, glossary: Glossary, config: Config) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    rel = config.rel(cat.path)
    labels = set(cat.doc.notes)
    for entry in cat.entries:
        if entry.state == TRANSLATED:
            out += [Diagnostic(rel, entry.po_line, f"{text} ({entry.segment.loc})") for text in entry_problems(entry, labels, cat.lang, glossary)]
    return out


def entry_problems(entry: Entry, labels: set[str], lang: str, glossary: Glossary) -> list[str]:
    """What is wrong with one translated entry: markup, numbers, glossary."""
    problems: list[str] = []
    literal_source: list[str] = []
    literal_target: list[str] = []
    source_inlines = parse_inlines(entry.segment.source, labels, literal=literal_source)
    target_inlines = parse_inlines(entry.translation, labels, literal=literal_target)
    lost = markup(source_inlines) - markup(target_inlines)
    added = markup(target_inlines) - markup(source_inlines)
    problems += [f"markup: the translation lost the {item}" for item in sorted(lost)]
    problems += [f"markup: the translation adds a {item} the source does not have" for item in sorted(added)]
    problems += [f"markup: {item}" for item in dict.fromkeys(literal_target) if item not in literal_source]
    problems += [f"numbers: {number} is in the source but not in the translation"
                 for number in sorted(numbers(m.plain_text(source_inlines)) - numbers(entry.translation))]
    return problems + glossary_problems(entry.segment.plain(), m.plain_text(target_inlines), lang, glossary)


def glossary_problems(source: str, target: str, lang: str, glossary: Glossary) -> list[str]:
    problems = []
    for term in glossary.terms:
        rendering = term.renderings.get(lang)
        if rendering and term.source.found_in(source) and not rendering.found_in(target):
            problems.append(f"glossary: '{term.source.text}' should be rendered as '{rendering.shown()}'")
    for rule in glossary.forbidden.get(lang, ()):
        match = rule.pattern.regex.search(target)
        if match:
            problems.append(f"glossary: '{match.group(0)}' is not used; write '{rule.use}'" if rule.use else f"glossary: '{match.group(0)}' is not allowed")
    return problems


def check_templates(config: Config, lang: str, glossary: Glossary) -> list[Diagnostic]:
    """Placeholders and plural forms of interface strings, and forbidden variants."""
    path = po_path(config, lang, TEMPLATES_DOMAIN)
    catalog: Catalog | None = read_catalog(path, lang, config)  # wrong plural counts raise here
    if catalog is None:
        return []
    rel = config.rel(path)
    out: list[Diagnostic] = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        out += [Diagnostic(rel, message.lineno, problem) for problem in message_problems(message, lang, catalog.num_plurals)]
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        for string in strings:
            out += [Diagnostic(rel, message.lineno, text) for text in glossary_problems("", string, lang, glossary)]
    return out


def check_project(config: Config, lang: str, glossary: Glossary) -> list[Diagnostic]:
    """samizdat.toml's texts in project.po, checked as a document's segments are."""
    path = po_path(config, lang, PROJECT_DOMAIN)
    catalog = read_catalog(path, lang, config)
    if catalog is None:
        return []
    rel = config.rel(path)
    out: list[Diagnostic] = []
    for segment in project_strings.segments(config).values():
        message = catalog.get(segment.source, context=segment.context)
        entry = Entry(segment, message, state_of(message))
        if entry.state == TRANSLATED:
            out += [Diagnostic(rel, entry.po_line, f"{text} ({segment.loc})") for text in entry_problems(entry, set(), lang, glossary)]
    return out


def check_all(config: Config, catalogues: list[Catalogue], glossary: Glossary) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for lang in sorted({c.lang for c in catalogues}):
        out += check_templates(config, lang, glossary) + check_project(config, lang, glossary)
    for cat in catalogues:
        out += check_catalogue(cat, glossary, config)
    return out
