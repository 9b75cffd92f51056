"""Consistency checks of translations against their source (``samizdat translate check``).

Each check compares one translated message with its msgid and reports a diagnostic on
the PO line, naming the content location: markup (links, footnote calls, emphasis,
code), numbers (458 stays 458, whatever the digit grouping), placeholders and plural
forms in interface strings, and the glossary. Fuzzy messages are not checked: the build
never uses them. Each finding names its check (``waivers.CHECKS``), so that a waiver on the
entry can accept it: accepted findings are listed as waived, never as errors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message

from samizdat import model as m
from samizdat.config import Config
from samizdat.content import project_strings
from samizdat.content.markdown import parse_inlines
from samizdat.errors import Diagnostic
from samizdat.localize.catalogs import PROJECT_DOMAIN, TEMPLATES_DOMAIN, message_problems, po_path, read_catalog
from samizdat.translate import waivers
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


@dataclass(frozen=True)
class Finding:
    check: str  # a name of waivers.CHECKS
    text: str


@dataclass
class Findings:
    """What the checks found, each with its check's name: problems (errors) and the findings
    a waiver accepted. An unknown waiver is a problem of its own, under the name 'waiver'."""

    problems: list[tuple[str, Diagnostic]] = field(default_factory=list)
    waived: list[tuple[str, Diagnostic]] = field(default_factory=list)

    def __iadd__(self, other: Findings) -> Findings:
        self.problems += other.problems
        self.waived += other.waived
        return self

    def errors(self, checks: Iterable[str] | None = None) -> list[Diagnostic]:
        """The problems, or those of the named checks only."""
        wanted = None if checks is None else set(checks)
        return [diagnostic for check, diagnostic in self.problems if wanted is None or check in wanted]

    def add(self, rel: str, message: Message | None, line: int | None, found: list[Finding], suffix: str = "") -> None:
        accepted = waivers.of(message)
        self.problems += [("waiver", Diagnostic(rel, line, text)) for text in accepted.unknown]
        for finding in found:
            into = self.waived if finding.check in accepted.checks else self.problems
            into.append((finding.check, Diagnostic(rel, line, finding.text + suffix)))

    def waived_lines(self) -> list[str]:
        """How ``translate check`` lists accepted findings: ``file:line: waived (link): …``."""
        return [f"{d.path}:{d.line}: waived ({check}): {d.message}" if d.line else f"{d.path}: waived ({check}): {d.message}"
                for check, d in self.waived]


def check_catalogue(cat: Catalogue, glossary: Glossary, config: Config) -> Findings:
    out = Findings()
    rel = config.rel(cat.path)
    labels = set(cat.doc.notes)
    for entry in cat.entries:  # an untranslated entry's waivers are checked too: a typo shows at once
        found = entry_problems(entry, labels, cat.lang, glossary) if entry.state == TRANSLATED else []
        out.add(rel, entry.message, entry.po_line, found, f" ({entry.segment.loc})")
    return out


def _markup_check(item: str) -> str:
    """Which check a markup item belongs to: a link, a footnote call, a reference, or other markup."""
    for prefix, check in (("link to ", "link"), ("footnote ", "footnote"), ("reference ", "reference")):
        if item.startswith(prefix):
            return check
    return "markup"


def entry_problems(entry: Entry, labels: set[str], lang: str, glossary: Glossary) -> list[Finding]:
    """What is wrong with one translated entry: markup, numbers, glossary."""
    problems: list[Finding] = []
    literal_source: list[str] = []
    literal_target: list[str] = []
    source_inlines = parse_inlines(entry.segment.source, labels, literal=literal_source)
    target_inlines = parse_inlines(entry.translation, labels, literal=literal_target)
    lost = markup(source_inlines) - markup(target_inlines)
    added = markup(target_inlines) - markup(source_inlines)
    problems += [Finding(_markup_check(item), f"markup: the translation lost the {item}") for item in sorted(lost)]
    problems += [Finding(_markup_check(item), f"markup: the translation adds a {item} the source does not have") for item in sorted(added)]
    problems += [Finding("markup", f"markup: {item}") for item in dict.fromkeys(literal_target) if item not in literal_source]
    problems += [Finding("number", f"numbers: {number} is in the source but not in the translation")
                 for number in sorted(numbers(m.plain_text(source_inlines)) - _numbers_shown(target_inlines, entry.translation))]
    return problems + glossary_problems(entry.segment.plain(), m.plain_text(target_inlines), lang, glossary)


def _numbers_shown(inlines: tuple[m.Inline, ...], markdown: str) -> Counter[str]:
    """The numbers of a translation as read (2^10^ reads '210', as its source does) or as
    typed (a number in a link's address counts too)."""
    return numbers(m.plain_text(inlines)) | numbers(markdown)


def glossary_problems(source: str, target: str, lang: str, glossary: Glossary) -> list[Finding]:
    problems = []
    for term in glossary.terms:
        renderings = term.renderings.get(lang, ())
        if renderings and term.source.found_in(source) and not any(r.found_in(target) for r in renderings):
            shown = " or ".join(f"'{r.shown()}'" for r in renderings)
            problems.append(Finding("glossary", f"glossary: '{term.source.text}' should be rendered as {shown}"))
    for rule in glossary.forbidden.get(lang, ()):
        match = rule.search(target)
        if match:
            problems.append(Finding("glossary", f"glossary: '{match.group(0)}' is not used; write '{rule.use}'" if rule.use
                                    else f"glossary: '{match.group(0)}' is not allowed"))
    return problems


def check_templates(config: Config, lang: str, glossary: Glossary) -> Findings:
    """Placeholders and plural forms of interface strings (never waived: they break pages),
    and forbidden variants."""
    path = po_path(config, lang, TEMPLATES_DOMAIN)
    catalog: Catalog | None = read_catalog(path, lang, config)  # wrong plural counts raise here
    out = Findings()
    if catalog is None:
        return out
    rel = config.rel(path)
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        out.problems += [("placeholders", Diagnostic(rel, message.lineno, problem))
                         for problem in message_problems(message, lang, catalog.num_plurals)]
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        out.add(rel, message, message.lineno, [finding for string in strings for finding in glossary_problems("", string, lang, glossary)])
    return out


def check_project(config: Config, lang: str, glossary: Glossary) -> Findings:
    """samizdat.toml's texts in project.po, checked as a document's segments are."""
    path = po_path(config, lang, PROJECT_DOMAIN)
    catalog = read_catalog(path, lang, config)
    out = Findings()
    if catalog is None:
        return out
    rel = config.rel(path)
    for segment in project_strings.segments(config).values():
        message = catalog.get(segment.source, context=segment.context)
        entry = Entry(segment, message, state_of(message))
        found = entry_problems(entry, set(), lang, glossary) if entry.state == TRANSLATED else []
        out.add(rel, message, entry.po_line, found, f" ({segment.loc})")
    return out


def check_all(config: Config, catalogues: list[Catalogue], glossary: Glossary) -> Findings:
    out = Findings()
    for lang in sorted({c.lang for c in catalogues}):
        out += check_templates(config, lang, glossary)
        out += check_project(config, lang, glossary)
    for cat in catalogues:
        out += check_catalogue(cat, glossary, config)
    return out
