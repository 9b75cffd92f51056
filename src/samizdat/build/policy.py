"""Translation policy: which (document, language) editions a build holds back, and why.

A document is published in a language other than its own only by an explicit policy:
``min_translated`` in that language's ``[languages.xx]`` table of samizdat.toml (below 100
it accepts that the untranslated rest shows in the source language, highlighted). Without
one nothing is built in that language, and the build fails saying what to add. With one,
an edition is held back

- below ``min_translated`` or ``min_reviewed`` (a warning; an error with ``strict``);
- when ``translate check`` finds a lost link, footnote call or cross-reference, a changed
  number or a glossary violation that no waiver accepts (an error, in every build);
- with ``strict`` also when any segment would fall back to the source, or for any other
  check problem (emphasis, code spans, the interface strings of templates.po).

A held edition is not built; its earlier outputs stay. The reasons go into the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from samizdat import model as m
from samizdat.config import CONFIG_NAME, Config
from samizdat.errors import Diagnostic, Report, Severity

if TYPE_CHECKING:
    from samizdat.translate.checks import Findings
    from samizdat.translate.glossary import Glossary

# checks whose problems hold an edition back in every build (the others: with --strict)
BLOCKING = ("link", "footnote", "reference", "number", "glossary", "waiver")


def has_policy(config: Config, lang: str) -> bool:
    return lang in config.min_translated


def no_policy(config: Config, lang: str) -> Diagnostic:
    return Diagnostic(CONFIG_NAME, config.languages_line,
                      f"'{lang}' has no publishing policy, so nothing is built in it: add [languages.{lang}] with "
                      f"min_translated = 90 (a document is built in '{lang}' once 90 % of it is translated; the rest "
                      f"shows in '{config.source_language}', highlighted) or 100 (only complete translations)")


@dataclass(frozen=True)
class Hold:
    """Why one edition is held back: a short reason for the summary, and the diagnostics."""

    reason: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def assess(config: Config, doc: m.Document, lang: str, words: Glossary, strict: bool,
           templates: Findings | None = None) -> list[Hold]:
    """Why ``doc`` may not be published in ``lang``; empty when it may (``templates``: the
    findings in templates.po, which ``strict`` counts)."""
    from samizdat.translate.checks import check_catalogue
    from samizdat.translate.entries import FUZZY, UNTRANSLATED, catalogue

    if lang == doc.lang:
        return []
    lang = config.catalog_language(lang)  # a derived edition is published when its base is
    if not has_policy(config, lang):
        return [Hold("no publishing policy", [no_policy(config, lang)])]
    cat = catalogue(doc, lang, config)
    rel = config.rel(cat.path)
    severity = Severity.ERROR if strict else Severity.WARNING
    holds = []
    for key, share, what in (("min_translated", cat.percent, "translated"), ("min_reviewed", cat.percent_reviewed, "reviewed")):
        threshold = getattr(config, key).get(lang)
        if threshold is not None and share < threshold:
            why = "no catalog yet (run 'samizdat translate extract')" if cat.catalog is None else f"{share:.0f}% {what}"
            text = f"{why}, below {key} {threshold:g}%"
            holds.append(Hold(text, [Diagnostic(rel, None, f"{doc.path} not built in '{lang}': {text}", severity)]))
    findings = check_catalogue(cat, words, config)
    if not strict:
        problems = findings.errors(BLOCKING)
        if problems:
            reason = _count(len(problems), "translation problem")
            holds.append(Hold(reason, [*problems, Diagnostic(
                rel, None, f"{doc.path} not built in '{lang}': {reason} (a deliberate difference takes a waiver "
                           "on its entry, '# samizdat-allow: <check>')")]))
        return holds
    problems = findings.errors() + (templates.errors() if templates else [])
    missing = cat.count(FUZZY) + cat.count(UNTRANSLATED)
    reasons = ([f"{missing} segments would fall back to the source text"] if missing else [])
    reasons += [_count(len(problems), "translation problem")] if problems else []
    if reasons:
        holds.append(Hold(", ".join(reasons), [*problems, Diagnostic(rel, None, f"{doc.path} not built in '{lang}' (--strict): {', '.join(reasons)}")]))
    return holds


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def published_languages(config: Config, doc: m.Document) -> list[str]:
    """The configured languages a build of ``doc`` publishes without ``--strict`` (the web
    edition links only to these)."""
    from samizdat.translate import glossary

    words = glossary.load(config.root, config.languages)
    return [lang for lang in config.languages if doc.meta.publishes(lang) and not assess(config, doc, lang, words, strict=False)]


def policy(config: Config, documents: dict[Path, m.Document], langs: list[str], strict: bool,
           report: Report) -> dict[tuple[Path, str], list[str]]:
    """The (source, language) pairs not to build, each with its reasons (and the
    diagnostics in ``report``)."""
    from samizdat.translate import glossary
    from samizdat.translate.checks import check_project, check_templates

    held: dict[tuple[Path, str], list[str]] = {}
    words: Glossary | None = None  # loaded when a translation is to be checked
    templates: dict[str, Findings] = {}
    for source, doc in documents.items():
        for lang in langs:
            if lang == doc.lang or not doc.meta.publishes(lang):
                continue
            if words is None:
                words = glossary.load(config.root, config.languages)
            if strict and lang not in templates and has_policy(config, lang):
                templates[lang] = check_templates(config, lang, words)  # and samizdat.toml's texts in project.po
                templates[lang] += check_project(config, lang, words)
            holds = assess(config, doc, lang, words, strict, templates.get(lang))
            if holds:
                held[source, lang] = [hold.reason for hold in holds]
                for hold in holds:
                    report.items.extend(hold.diagnostics)
    return held
