"""Running jobs: in this process, or in a pool of worker processes (``--jobs N``).

Each process keeps one :class:`Session`: documents loaded and localized once per
(document, language), and — inside the renderers — one WeasyPrint font configuration and
the parsed stylesheets, reused for every job the process runs. Outcomes come back in
completion order through ``on_done`` (for a progress bar).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from samizdat import model as m
from samizdat import writers
from samizdat.build.jobs import render_job
from samizdat.build.lifeline import tie_to_parent
from samizdat.build.plan import Job
from samizdat.build.policy import published_languages
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
            linked = writers.get(job.fmt).links_editions
            languages = published_languages(self.config, self._documents[job.source]) if linked else None
            render_job(docs, job, self.config, report, self.profile, self.fit, languages)
        except SamizdatError as exc:
            report.items.extend(exc.diagnostics)
            return Outcome(job, False, report.items)
        fallbacks = [str(s.loc) for doc in docs[1:] or docs for s in m.iter_segments(doc) if s.fallback]
        return Outcome(job, True, report.items, fallbacks)


_worker: Session | None = None  # the session this worker process inherited when forked


def _run_in_worker(job: Job) -> Outcome:
    assert _worker is not None
    return _worker.run(job)


def _start_worker(parent: int, warm: dict[str, list[str]]) -> None:
    """Tie the worker's life to the build's; then let each writer it will run warm up (import
    its renderer; WeasyPrint loads fonts and stylesheets of these templates), once per worker.

    Interrupts are the build's to handle: Ctrl+C reaches the whole process group, and a
    worker that raised KeyboardInterrupt mid-job would print a traceback. SIGTERM gets its
    default back (a fork inherits the build's handler)."""
    tie_to_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    assert _worker is not None
    for fmt, templates in warm.items():
        if writers.get(fmt).warm:
            writers.get(fmt).call("warm", _worker.config, templates)


class Workers:
    """A pool of forked worker processes, started early so that they import WeasyPrint and
    load fonts while this process is still localizing and checking; jobs follow."""

    def __init__(self, session: Session, count: int, warm: dict[str, list[str]]) -> None:
        """``warm``: format → the templates its jobs use, for each writer to prepare."""
        global _worker
        _worker = session  # a fork copies it: workers share the documents already loaded
        before = set(multiprocessing.active_children())
        self.pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker, initargs=(os.getpid(), warm))
        self.pool.submit(int)  # forks every worker now (fork pools start all processes at once)
        self.processes = [p for p in multiprocessing.active_children() if p not in before]
        _worker = None

    def run(self, jobs: list[Job], on_done: Callable[[Outcome], None]) -> list[Outcome]:
        outcomes = []
        ordered = sorted(jobs, key=lambda job: (not writers.get(job.fmt).paged, str(job.source), job.edition))  # long jobs first
        for future in as_completed([self.pool.submit(_run_in_worker, job) for job in ordered]):
            outcome = future.result()
            outcomes.append(outcome)
            on_done(outcome)
        return outcomes

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        """Kill the workers mid-job (the build was interrupted or failed) and wait for them;
        their unfinished ``.part`` files are the caller's to clear."""
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.join()
        self.pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(jobs: list[Job], session: Session, on_done: Callable[[Outcome], None], workers: Workers | None = None) -> list[Outcome]:
    """Run ``jobs`` in ``workers`` when there is a pool, else one after the other here."""
    if workers is not None and len(jobs) > 1:
        return workers.run(jobs, on_done)
    outcomes: list[Outcome] = []
    for job in jobs:
        outcome = session.run(job)
        outcomes.append(outcome)
        on_done(outcome)
    return outcomes
