"""Running jobs: in this process, or in a pool of worker processes (``--jobs N``).

Each process keeps one :class:`Session`: documents loaded and localized once per
(document, language), and — inside the renderers — one WeasyPrint font configuration and
the parsed stylesheets, reused for every job the process runs. Outcomes come back in
completion order through ``on_done`` (for a progress bar).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from samizdat import model as m
from samizdat.build.jobs import render_job
from samizdat.build.plan import Job
from samizdat.config import Config, Profile
from samizdat.content import load_document
from samizdat.errors import Diagnostic, Report, SamizdatError
from samizdat.localize import localize


@dataclass
class Outcome:
    job: Job
    ok: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)  # "content/x.md:12" of segments shown untranslated


class Session:
    """One process's view of a build: configuration, options and caches."""

    def __init__(self, config: Config, profile: Profile, fit: bool, documents: dict[Path, m.Document] | None = None) -> None:
        self.config, self.profile, self.fit = config, profile, fit
        self._documents: dict[Path, m.Document] = dict(documents or {})
        self._localized: dict[tuple[Path, str], tuple[m.Document, list[Diagnostic]]] = {}

    def localized(self, source: Path, lang: str) -> tuple[m.Document, list[Diagnostic]]:
        if (source, lang) not in self._localized:
            if source not in self._documents:
                self._documents[source] = load_document(source, self.config)
            report = Report()
            doc = localize(self._documents[source], lang, self.config, report)
            self._localized[source, lang] = (doc, report.items)
        return self._localized[source, lang]

    def run(self, job: Job) -> Outcome:
        report = Report()
        try:
            docs = []
            for lang in job.langs:
                doc, said = self.localized(job.source, lang)
                docs.append(doc)
                report.items.extend(said)
            render_job(docs, job, self.config, report, self.profile, self.fit)
        except SamizdatError as exc:
            report.items.extend(exc.diagnostics)
            return Outcome(job, False, report.items)
        fallbacks = [str(s.loc) for doc in docs[1:] or docs for s in m.iter_segments(doc) if s.fallback]
        return Outcome(job, True, report.items, fallbacks)


_worker: Session | None = None  # set before the pool forks: every worker inherits it


def _run_in_worker(job: Job) -> Outcome:
    assert _worker is not None
    return _worker.run(job)


def _preload(jobs: list[Job]) -> None:
    """Import the renderers once, before forking, so no worker pays for it again."""
    if any(job.fmt == "pdf" for job in jobs):
        import weasyprint  # noqa: F401
    if any(job.fmt == "docx" for job in jobs):
        import docx  # noqa: F401


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(jobs: list[Job], session: Session, workers: int, on_done: Callable[[Outcome], None]) -> list[Outcome]:
    """Run ``jobs``; with more than one worker and job, in a process pool."""
    workers = max(1, min(workers, len(jobs)))
    outcomes: list[Outcome] = []
    if workers == 1:
        for job in jobs:
            outcome = session.run(job)
            outcomes.append(outcome)
            on_done(outcome)
        return outcomes
    # Workers are forked from this process: they inherit the imported renderers and the
    # session with every document already loaded and localized (nothing is pickled back
    # but outcomes). Long jobs first, so the last one to finish is short.
    global _worker
    _preload(jobs)
    _worker = session
    ordered = sorted(jobs, key=lambda job: (job.fmt != "pdf", str(job.source), job.edition))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_in_worker, job) for job in ordered]
            for future in as_completed(futures):
                outcome = future.result()
                outcomes.append(outcome)
                on_done(outcome)
    finally:
        _worker = None
    return outcomes
