"""Running one job: a localized document (or two) → one output file, written atomically.

Takes a :class:`Job` and its localized documents; its format's writer (``samizdat.writers``)
renders into a temporary file renamed onto the target. The built-in writers are the
``write_*`` functions here: PDF (checked against the page budget, fitted with ``fit``),
DOCX, HTML and Markdown. Renderers are imported inside them, so a build with nothing to do
never loads WeasyPrint or python-docx.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from samizdat import model as m
from samizdat import writers
from samizdat.atomic import atomic_target
from samizdat.build.plan import Job
from samizdat.config import Config, Profile
from samizdat.errors import Report, error
from samizdat.render import toc
from samizdat.theme import BILINGUAL


def render_job(docs: list[m.Document], job: Job, config: Config, report: Report, profile: Profile | None = None,
               fit: bool = False, languages: list[str] | None = None) -> None:
    """Render one job with its format's writer: ``docs`` holds one localized document, or two
    for a bilingual edition; ``languages`` are the editions a web page may link to."""
    writer = writers.get(job.fmt)
    if len(docs) == 2 and not writer.bilingual:
        raise error(docs[0].path, None, f"side-by-side editions are made as {', '.join(writers.bilingual())}, not {job.fmt}")
    with atomic_target(job.target) as temp:
        request = writers.Request(docs, job, temp, config, report, profile or config.profile(None), fit, languages)
        writer.call("render", request)


def write_pdf(request: writers.Request) -> None:
    """The PDF: laid out by WeasyPrint, checked against the page budget (fitted with --fit)
    and, for a print profile, preflighted."""
    from samizdat.render import pdf
    from samizdat.render.html import render_bilingual_html, render_html
    from samizdat.verify import print_job

    docs, config, report, profile = request.docs, request.config, request.report, request.profile
    doc = docs[0]
    with pdf.collect_warnings() as warnings:
        if len(docs) == 2:
            document = pdf.layout(doc, render_bilingual_html(docs[0], docs[1], config, profile.cmyk), config, BILINGUAL, profile)
        else:
            laid_out: list[Any] = []  # the layout without contents, when the theme's rule needed it
            doc = toc.decided(doc, config, lambda: _pages_without_contents(doc, config, profile, laid_out))
            html = render_html(doc, config, profile.cmyk)
            document = fitted_layout(doc, html, config, profile, request.fit, report, laid_out[0] if laid_out and not doc.meta.toc else None)
        pdf.write(document, doc, request.target, profile, config)
    template = BILINGUAL if len(docs) == 2 else doc.meta.template
    report.items.extend(pdf.stylesheet_problems(config, template))  # on their stylesheet's line
    said = pdf.stylesheet_messages(config, template)
    for message in warnings:
        if message not in said:
            report.warning(doc.path, None, f"PDF ({'+'.join(request.job.langs)}): {message}")
    if print_job.for_print(profile):  # what the print shop's preflight would reject, found now; the file is kept
        report.items.extend(print_job.check(request.target, config.rel(request.job.target), print_job.expect(config, profile, template, docs)))


def _pages_without_contents(doc: m.Document, config: Config, profile: Profile, keep: list[Any] | None = None) -> int:
    """How many pages the PDF of ``doc`` takes without a table of contents (the theme's
    ``toc_from_pages`` rule asks); ``keep`` receives the layout, for the PDF to reuse."""
    from samizdat.render import pdf
    from samizdat.render.html import render_html

    plain = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, toc=False))
    document = pdf.layout(plain, render_html(plain, config, profile.cmyk), config, profile=profile)
    if keep is not None:
        keep.append(document)
    return len(document.pages)


def with_contents(request: writers.Request) -> m.Document:
    """The request's document with its table of contents decided, as the PDF decides it."""
    doc = request.docs[0]
    return toc.decided(doc, request.config, lambda: _pages_without_contents(doc, request.config, request.profile))


def write_docx(request: writers.Request) -> None:
    from samizdat.render import docx

    if len(request.docs) == 2:
        docx.render_bilingual(request.docs[0], request.docs[1], request.config, request.target)
    else:
        docx.render(with_contents(request), request.config, request.target)


def write_html(request: writers.Request) -> None:
    from samizdat.render import web

    web.render(with_contents(request), request.config, request.target, request.languages)


def write_md(request: writers.Request) -> None:
    """Markdown for a CMS or newsletter; its images go beside it, as the web edition's do."""
    from samizdat import doclinks
    from samizdat.render import markdown, web

    doc, config = request.docs[0], request.config
    publish = web.asset_publisher(doc, config, request.target.parent / web.ASSETS)
    request.target.write_text(markdown.render(doc, publish, lambda url: doclinks.href(url, doc, config, "markdown")), encoding="utf-8")


def warm_docx(config: Config, templates: list[str]) -> None:
    import docx  # noqa: F401  (python-docx's import is the slow part)


PAGES_PER_A4 = {"A4": 1, "A5": 2, "letter": 1}  # budgets are written for the A4 design


def budget_of(doc: m.Document, config: Config, profile: Profile | None = None) -> int | None:
    """Pages a document may take in every language: its front matter, else its template's,
    scaled to the profile's paper (the same text takes twice the A5 pages) unless the
    design fixes its own paper (a flyer is A5 in every profile)."""
    budget = doc.meta.pages or config.page_budgets.get(doc.meta.template)
    if not budget:
        return None
    if config.theme.template(doc.meta.template).paper:
        return budget
    return budget * PAGES_PER_A4.get(profile.paper if profile else "A4", 1)


def fitted_layout(doc: m.Document, html: str, config: Config, profile: Profile, fit: bool, report: Report,
                  document: Any = None) -> Any:
    """The laid-out PDF (``document``, when already laid out), checked against the page
    budget (and fitted to it with ``fit``)."""
    from samizdat.render import fit as fitting
    from samizdat.render import pdf

    document = document or pdf.layout(doc, html, config, profile=profile)
    budget = budget_of(doc, config, profile)
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
