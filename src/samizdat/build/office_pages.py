"""DOCX pages held to the PDF's: counted in LibreOffice, near-empty last pages tightened away.

The team prints the DOCX as well as the PDF, so a DOCX edition (one language) may take no
more pages in LibreOffice than its PDF edition in the same build (same document, language
and profile) nor than its page budget. Every DOCX the build wrote or found up to date is
counted in one LibreOffice run; its layout is kept in the manifest with the file's hash,
so a no-op build starts no LibreOffice.

A DOCX over its limit is tightened (``render.docx.tighten``: spacing, then leading, then
type, down to the [fit] floors) when its extra page is near-empty — a few lines that the
PDF's layout found room for: by default, since the PDF already fits and only the word
processor's looser layout spills — and, with ``--fit``, whatever the overflow; the build
says what it tightened, per language. Otherwise, or at the floors, the build fails naming
the language and the overflow. Without LibreOffice the build says once that DOCX pages
were not checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samizdat import atomic, writers
from samizdat import model as m
from samizdat.build.jobs import budget_of
from samizdat.build.manifest import Manifest
from samizdat.build.plan import Job
from samizdat.config import Config
from samizdat.errors import Diagnostic, Report, Severity
from samizdat.render import office

NEAR_EMPTY_LINES = 10  # at most this many lines on an extra last page: about a fifth of an A4 page


@dataclass(frozen=True, eq=False)
class Edition:
    """One DOCX to hold to a number of pages: its PDF's, else its budget."""

    job: Job
    doc: m.Document
    limit: int
    by_pdf: bool

    def over(self, pages: int) -> str:
        limit = f"its PDF's {self.limit}" if self.by_pdf else f"its budget of {self.limit}"
        return f"the '{self.job.lang}' DOCX takes {pages} pages in LibreOffice, over {limit}"

    def tightened(self, layout: dict[str, Any], what: str) -> str:
        limit = "its PDF's" if self.by_pdf else "its budget"
        pages = f"{self.limit} page{'' if self.limit == 1 else 's'}, {limit}"
        spilled = f"LibreOffice put {layout['last_page_lines']} lines on page {layout['pages']}"
        return f"tightened the '{self.job.lang}' DOCX to {pages} ({spilled}): {what}"


def check(config: Config, jobs: list[Job], documents: dict[Path, m.Document], manifest: Manifest, report: Report,
          fit: bool = False, processes: int = 1, render_again: Callable[[Job], bool] | None = None) -> None:
    """Count (or recall) the pages of every DOCX among ``jobs`` (those built or up to date),
    tighten those that may be, and report the rest. ``render_again`` writes a job's output
    anew from its design (for a DOCX tightened to an earlier, larger limit) and says whether it could."""
    editions = _editions(config, jobs, documents)
    known: dict[Edition, dict[str, Any]] = {}
    for edition in editions:
        layout = manifest.office(edition.job.target)
        if layout and layout.get("tightened") and layout["pages"] > edition.limit and render_again:
            layout = None if render_again(edition.job) else layout  # from the design again
        if layout:
            known[edition] = layout
    unknown = [edition for edition in editions if edition not in known]
    there = office.available()
    if unknown and not there:
        report.warning(config.rel(unknown[0].job.target), None, f"DOCX pages were not checked ({len(unknown)} files): LibreOffice"
                       f" ({office.SOFFICE}) is not installed; install it, or build with --no-docx-pages")
        unknown = []
    over = {edition: layout for edition, layout in known.items() if layout["pages"] > edition.limit}
    if not unknown and not over:
        return
    with office.session(processes) as lo:
        measured = lo.layouts({_name(i): edition.job.target.read_bytes() for i, edition in enumerate(unknown)})
        for i, edition in enumerate(unknown):
            if _name(i) not in measured:
                report.warning(config.rel(edition.job.target), None, "LibreOffice could not open this DOCX: its pages were not checked")
                continue
            layout = _recorded(measured[_name(i)])
            manifest.record_office(edition.job.target, layout)
            if layout["pages"] > edition.limit:
                over[edition] = layout
        tighten = [edition for edition, layout in over.items() if there and (fit or _near_empty(edition, layout))]
        for edition, layout in over.items():
            if edition not in tighten:
                why = "shorten it, or build with --fit" if there else f"LibreOffice ({office.SOFFICE}) is not installed to tighten it"
                report.error(edition.doc.path, None, f"{edition.over(layout['pages'])} ({layout['last_page_lines']} lines on its"
                             f" last page: {why})")
        if tighten:
            _tighten(lo, tighten, over, config.fit_floors, manifest, report)


def _editions(config: Config, jobs: list[Job], documents: dict[Path, m.Document]) -> list[Edition]:
    """The single-language DOCX jobs with a limit: their PDF's pages, else their budget."""
    pdfs = {(job.source, job.langs): job.target for job in jobs if writers.get(job.fmt).paged and job.target.is_file()}
    editions = []
    for job in jobs:
        if not writers.get(job.fmt).office_pages or len(job.langs) != 1:
            continue
        doc, pdf = documents[job.source], pdfs.get((job.source, job.langs))
        budget = budget_of(doc, config)  # the DOCX keeps its reference's paper, whatever the profile
        pages = _pages(pdf) if pdf else None
        if pages is not None and (budget is None or pages <= budget):
            editions.append(Edition(job, doc, pages, by_pdf=True))
        elif budget is not None:
            editions.append(Edition(job, doc, budget, by_pdf=False))
    return editions


def _pages(pdf: Path) -> int | None:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError:
        return None
    try:
        return len(document)
    finally:
        document.close()


def _near_empty(edition: Edition, layout: dict[str, Any]) -> bool:
    return bool(layout["pages"] == edition.limit + 1 and layout["last_page_lines"] <= NEAR_EMPTY_LINES)


def _name(*numbers: int) -> str:
    return "-".join(f"{number:03d}" for number in numbers)


def _recorded(layout: office.Layout, tightened: str = "") -> dict[str, Any]:
    return {"pages": layout.pages, "last_page_lines": layout.last_page_lines, "tightened": tightened}


def _tighten(lo: office.Office, editions: list[Edition], over: dict[Edition, dict[str, Any]], floors: dict[str, float],
             manifest: Manifest, report: Report) -> None:
    """Each edition at the first step of the ladder at which LibreOffice fits it to its limit;
    one LibreOffice run per stage of the ladder, for every edition still over."""
    from samizdat.render.docx import tighten

    designs = {edition: edition.job.target.read_bytes() for edition in editions}
    pending = list(editions)
    for stage in tighten.stages(floors):
        tries = {_name(i, j): tighten.tightened(designs[edition], setting)
                 for i, edition in enumerate(pending) for j, setting in enumerate(stage)}
        measured = lo.layouts(tries)
        for i, edition in enumerate(list(pending)):
            fits = [(j, measured[_name(i, j)]) for j in range(len(stage))
                    if _name(i, j) in measured and measured[_name(i, j)].pages <= edition.limit]
            if fits:
                j, layout = fits[0]
                _write(edition, tries[_name(i, j)], layout, tighten.describe(stage[j]), over[edition], manifest, report)
                pending.remove(edition)
        if not pending:
            return
    for edition in pending:
        report.error(edition.doc.path, None, f"{edition.over(over[edition]['pages'])} even at the [fit] floors")


def _write(edition: Edition, data: bytes, layout: office.Layout, what: str, before: dict[str, Any], manifest: Manifest,
           report: Report) -> None:
    atomic.write_bytes(edition.job.target, data)
    said = Diagnostic(edition.doc.path, None, edition.tightened(before, what), Severity.WARNING)
    report.items.append(said)
    manifest.record_office(edition.job.target, _recorded(layout, what), [said])
