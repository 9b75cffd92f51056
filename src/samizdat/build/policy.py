"""Translation policy: which (document, language) pairs a build holds back, and why.

Below ``min_translated`` a language is not built (a warning; an error with ``strict``).
With ``strict`` a pair is also held back when any segment would fall back to the source
or ``translate check`` reports a problem. The reasons go into the build's report.
"""

from __future__ import annotations

from pathlib import Path

from samizdat import model as m
from samizdat.config import Config
from samizdat.errors import Report


def translated_enough(percent: float, config: Config, lang: str) -> bool:
    return percent >= config.min_translated.get(lang, 0.0)


def published_languages(config: Config, doc: m.Document) -> list[str]:
    """The configured languages a build of ``doc`` publishes without ``--strict``: its own and
    each one translated at least ``min_translated`` (the web edition links only to these)."""
    from samizdat.translate.entries import catalogue

    return [lang for lang in config.languages
            if lang == doc.lang or translated_enough(catalogue(doc, lang, config).percent, config, lang)]


def policy(config: Config, documents: dict[Path, m.Document], langs: list[str], strict: bool, report: Report) -> set[tuple[Path, str]]:
    """The (source, language) pairs not to build, each with its reason in ``report``."""
    from samizdat.translate import glossary
    from samizdat.translate.checks import check_catalogue, check_project, check_templates
    from samizdat.translate.entries import FUZZY, UNTRANSLATED, catalogue

    held: set[tuple[Path, str]] = set()
    words = glossary.load(config.root, config.languages) if strict else None
    template_problems = {lang: check_templates(config, lang, words) + check_project(config, lang, words) for lang in langs} if words else {}
    for source, doc in documents.items():
        for lang in langs:
            if lang == doc.lang:
                continue
            cat = catalogue(doc, lang, config)
            rel = config.rel(cat.path)
            threshold = config.min_translated.get(lang, 0.0)
            if not translated_enough(cat.percent, config, lang):
                held.add((source, lang))
                say = report.error if strict else report.warning
                why = "no catalog yet (run 'samizdat translate extract')" if cat.catalog is None else f"{cat.percent:.0f}% translated"
                say(rel, None, f"{doc.path} not built in '{lang}': {why}, below min_translated {threshold:g}%")
            if not strict:
                continue
            missing = cat.count(FUZZY) + cat.count(UNTRANSLATED)
            assert words is not None  # loaded above whenever strict
            problems = check_catalogue(cat, words, config) + template_problems.get(lang, [])
            if missing or problems:
                held.add((source, lang))
                report.items.extend(problems)
                reasons = ([f"{missing} segments would fall back to the source text"] if missing else [])
                reasons += [f"{len(problems)} translation problems"] if problems else []
                report.error(rel, None, f"{doc.path} not built in '{lang}' (--strict): {', '.join(reasons)}")
    return held
