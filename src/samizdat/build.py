"""Build stage: plan (document × language × format) jobs, run them, write outputs atomically.

Takes a configuration and a selection; gives files under ``build/<lang>/<slug>.<fmt>`` and a
:class:`BuildResult`. Every document is loaded and validated before anything is written,
so a content error leaves earlier outputs untouched; each output is written to a temporary
file and renamed into place, so a reader never sees half a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samizdat import model as m
from samizdat.atomic import atomic_target
from samizdat.config import Config, Profile
from samizdat.content import discover, load_document
from samizdat.errors import Diagnostic, Report, SamizdatError, error
from samizdat.localize import localize


@dataclass(frozen=True)
class Job:
    source: Path
    langs: tuple[str, ...]  # one language, or two for a side-by-side bilingual edition
    fmt: str
    target: Path

    @property
    def lang(self) -> str:
        return self.langs[0]


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fallbacks: dict[tuple[str, str], list[m.Loc]] = field(default_factory=dict)  # (slug, lang) → where
    held: list[tuple[str, str]] = field(default_factory=list)  # (slug, lang) not built by policy

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]


def select_sources(config: Config, paths: list[Path]) -> list[Path]:
    if not paths:
        return discover(config)
    sources = []
    for path in paths:
        path = path if path.is_absolute() else Path.cwd() / path
        if path.is_dir() and (path / "index.md").is_file():
            path = path / "index.md"
        if not path.is_file():
            raise error(str(path), None, "no such content file")
        if not path.resolve().is_relative_to(config.content_dir.resolve()):
            raise error(config.rel(path), None, f"content files must be inside {config.rel(config.content_dir)}/")
        sources.append(path)
    return sources


def plan(config: Config, sources: list[Path], editions: list[tuple[str, ...]], formats: list[str], out: Path) -> list[Job]:
    """One job per source × edition × format; an edition is ('be',) or ('en', 'be')."""
    from samizdat.content import slug_of

    return [
        Job(source, edition, fmt, out / "+".join(edition) / f"{slug_of(source)}.{fmt}")
        for source in sources
        for edition in editions
        for fmt in formats
    ]


def budget_of(doc: m.Document, config: Config) -> int | None:
    """Pages a document may take in every language: its front matter, else its template's."""
    return doc.meta.pages or config.page_budgets.get(doc.meta.template) or None


def render_job(docs: list[m.Document], job: Job, config: Config, report: Report, profile: Profile | None = None,
               fit: bool = False) -> None:
    """Render one job: ``docs`` holds one localized document, or two for a bilingual edition."""
    doc = docs[0]
    with atomic_target(job.target) as temp:
        if job.fmt == "pdf":
            from samizdat.render import pdf
            from samizdat.render.html import render_bilingual_html, render_html

            profile = profile or config.profile(None)
            with pdf.collect_warnings() as warnings:
                if len(docs) == 2:
                    document = pdf.layout(doc, render_bilingual_html(*docs, config), config, "bilingual", profile)
                else:
                    document = fitted_layout(doc, render_html(doc, config), config, profile, fit, report)
                pdf.write(document, doc, temp, profile)
            for message in warnings:
                report.warning(doc.path, None, f"PDF ({'+'.join(job.langs)}): {message}")
        elif job.fmt == "docx":
            from samizdat.render import docx

            if len(docs) == 2:
                docx.render_bilingual(*docs, config, temp)
            else:
                docx.render(doc, config, temp)
        elif job.fmt == "html":
            from samizdat.render import web

            if len(docs) == 2:
                raise error(doc.path, None, "bilingual editions are made as PDF and DOCX, not HTML")
            web.render(doc, config, temp)
        else:  # the CLI validates formats; this guards direct callers
            raise error(doc.path, None, f"unknown format '{job.fmt}'")


def fitted_layout(doc: m.Document, html: str, config: Config, profile: Profile, fit: bool, report: Report) -> Any:
    """The laid-out PDF, checked against the page budget (and fitted to it with ``fit``)."""
    from samizdat.render import fit as fitting
    from samizdat.render import pdf

    document = pdf.layout(doc, html, config, profile=profile)
    budget = budget_of(doc, config)
    if not budget or len(document.pages) <= budget:
        return document
    over = fitting.overflow_mm(document, budget)
    where = f"the '{doc.lang}' edition ({profile.paper})"
    if fit:
        fitted = fitting.fit(lambda css: pdf.layout(doc, html, config, profile=profile, extra_css=css), budget, config.fit_floors)
        if fitted is not None:
            report.warning(doc.path, None, f"fitted {where} to {budget} pages ({over:.0f} mm over): {fitted.setting.describe()}")
            return fitted.document
        raise error(doc.path, None, f"{where} cannot be fitted to {budget} pages: still over at the floors of samizdat.toml [fit]"
                    f" ({len(document.pages)} pages, {over:.0f} mm over the budget at the design size)")
    raise error(doc.path, None, f"{where} takes {len(document.pages)} pages, over its budget of {budget} by {over:.0f} mm"
                " (shorten it, raise 'pages:', or build with --fit)")


def check_docx_pages(config: Config, jobs: list[Job], documents: dict[Path, m.Document], report: Report) -> None:
    """Page budgets of the DOCX outputs, counted by LibreOffice in one run."""
    from samizdat.render import office

    budgeted = [j for j in jobs if j.fmt == "docx" and len(j.langs) == 1 and budget_of(documents[j.source], config)]
    if not budgeted:
        return
    if not office.available():
        report.warning(config.rel(budgeted[0].target), None, "DOCX page budgets cannot be checked exactly without LibreOffice (soffice)")
        return
    counts = office.page_counts([j.target for j in budgeted])
    for job in budgeted:
        doc, budget = documents[job.source], budget_of(documents[job.source], config)
        pages = counts.get(job.target)
        if pages is None:
            report.error(config.rel(job.target), None, "LibreOffice could not open this DOCX to count its pages")
        elif pages > budget:  # type: ignore[operator]
            report.error(doc.path, None, f"the '{job.lang}' DOCX takes {pages} pages in LibreOffice, over its budget of {budget}")


def build(
    config: Config, paths: list[Path], langs: list[str], formats: list[str], out: Path, strict: bool = False,
    pairs: list[tuple[str, str]] | None = None, profile: Profile | None = None, fit: bool = False,
    docx_pages: bool = False,
) -> BuildResult:
    """Validate and localize everything, apply the translation policy, then render.

    A (document, language) pair is held back when fewer than ``min_translated`` percent of
    its segments are translated; with ``strict`` also when any segment falls back to the
    source or ``translate check`` finds a problem — then the build fails.
    """
    result = BuildResult()
    report = Report()
    sources = select_sources(config, paths)
    documents: dict[Path, m.Document] = {}
    load_errors: list[Diagnostic] = []
    for source in sources:  # validate everything before writing anything
        try:
            documents[source] = load_document(source, config, report)
        except SamizdatError as exc:
            load_errors.extend(exc.diagnostics)
    load_errors.extend(report.errors)
    if load_errors:
        raise SamizdatError(load_errors)

    localized: dict[tuple[Path, str], m.Document] = {}
    for source in sources:  # then every translation, still before writing anything
        for lang in langs:
            try:
                localized[source, lang] = localize(documents[source], lang, config, report)
            except SamizdatError as exc:
                load_errors.extend(exc.diagnostics)
    if load_errors:
        raise SamizdatError(_unique(load_errors))

    held = policy(config, documents, langs, strict, report)
    for key, doc in localized.items():
        fallbacks = [s.loc for s in m.iter_segments(doc) if s.fallback]
        if fallbacks and key not in held:
            result.fallbacks[doc.slug, doc.lang] = fallbacks

    editions: list[tuple[str, ...]] = [tuple(pair) for pair in pairs] if pairs else [(lang,) for lang in langs]
    for job in plan(config, sources, editions, formats, out):
        if any((job.source, lang) in held for lang in job.langs):
            continue
        try:
            render_job([localized[job.source, lang] for lang in job.langs], job, config, report, profile, fit)
            result.written.append(job.target)
        except SamizdatError as exc:
            report.items.extend(exc.diagnostics)
    if docx_pages:
        check_docx_pages(config, [j for j in plan(config, sources, editions, formats, out) if j.target in result.written],
                         documents, report)
    result.held = sorted({(documents[src].slug, lang) for src, lang in held})
    result.diagnostics = _unique(report.items)
    return result


def policy(config: Config, documents: dict[Path, m.Document], langs: list[str], strict: bool, report: Report) -> set[tuple[Path, str]]:
    """The (source, language) pairs not to build, each with its reason in ``report``."""
    from samizdat.translate import glossary
    from samizdat.translate.checks import check_catalogue, check_templates
    from samizdat.translate.entries import FUZZY, UNTRANSLATED, catalogue

    held: set[tuple[Path, str]] = set()
    words = glossary.load(config.root) if strict else None
    template_problems = {lang: check_templates(config, lang, words) for lang in langs} if words else {}
    for source, doc in documents.items():
        for lang in langs:
            if lang == doc.lang:
                continue
            cat = catalogue(doc, lang, config)
            rel = config.rel(cat.path)
            threshold = config.min_translated.get(lang, 0.0)
            if cat.percent < threshold:
                held.add((source, lang))
                say = report.error if strict else report.warning
                say(rel, None, f"{doc.path} not built in '{lang}': {cat.percent:.0f}% translated, below min_translated {threshold:g}%")
            if not strict:
                continue
            missing = cat.count(FUZZY) + cat.count(UNTRANSLATED)
            problems = check_catalogue(cat, words, config) + template_problems.get(lang, [])
            if missing or problems:
                held.add((source, lang))
                report.items.extend(problems)
                reasons = ([f"{missing} segments would fall back to the source text"] if missing else [])
                reasons += [f"{len(problems)} translation problems"] if problems else []
                report.error(rel, None, f"{doc.path} not built in '{lang}' (--strict): {', '.join(reasons)}")
    return held


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[Diagnostic] = set()
    return [d for d in items if not (d in seen or seen.add(d))]
