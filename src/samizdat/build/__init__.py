"""Build stage: plan jobs, skip what is up to date, run the rest, write outputs atomically.

Takes a configuration and a selection; gives files under ``build/<edition>/<slug>.<fmt>``,
``build/manifest.json`` and a :class:`BuildResult`. The recipe, in order:

1. load and validate every selected document; one with errors is reported and left out,
   the others go on (a typo in one handout must not stop the rest on event morning);
2. plan (document × edition × format) jobs, keep this machine's shard;
3. take the build folder's lock (``lock``: one build at a time), fingerprint each job's
   inputs and skip those whose output is unchanged (``manifest``);
4. localize what must be built (an edition whose translation has errors is left out, its
   earlier outputs kept) and apply the translation ``policy``, still writing nothing;
5. run the jobs, here or in a process pool (``runner``), each output written atomically;
6. hold DOCX pages to their PDF's in LibreOffice if asked (``office_pages``), record the
   manifest (and release the lock).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samizdat import inputs
from samizdat import model as m
from samizdat.build import fingerprint, lock, office_pages
from samizdat.build.jobs import budget_of
from samizdat.build.manifest import Manifest
from samizdat.build.plan import Job, parse_shard, plan, select_sources, shard
from samizdat.build.policy import policy
from samizdat.build.runner import Outcome, Session, Workers, default_workers, run
from samizdat.config import Config, Profile
from samizdat.content import load_document
from samizdat.errors import Diagnostic, Report, SamizdatError
from samizdat.theme import BILINGUAL

__all__ = ["build", "BuildResult", "Job", "select_sources", "parse_shard", "budget_of", "default_workers"]


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    failed: list[Job] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fallbacks: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (slug, lang) → where
    held: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (slug, lang) not built by policy → why
    broken: dict[str, str] = field(default_factory=dict)  # what could not be built at all (a document, an edition) → why
    jobs: list[Job] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]


@dataclass(frozen=True)
class Options:
    """What a build is asked for, besides which documents."""

    langs: list[str]
    formats: list[str]
    out: Path
    profile: Profile
    pairs: list[tuple[str, str]] = field(default_factory=list)
    strict: bool = False
    fit: bool = False
    docx_pages: bool = False
    workers: int = 1
    part: tuple[int, int] | None = None
    wait: bool = True  # for another build in the same build folder; else fail naming it


def build(
    config: Config, paths: list[Path], langs: list[str], formats: list[str], out: Path, strict: bool = False,
    pairs: list[tuple[str, str]] | None = None, profile: Profile | None = None, fit: bool = False,
    docx_pages: bool = False, workers: int = 1, part: tuple[int, int] | None = None, wait: bool = True,
    on_start: Callable[[int], None] | None = None, on_done: Callable[[Outcome], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> BuildResult:
    options = Options(langs, formats, out, profile or config.profile(None), pairs or [], strict, fit, docx_pages, workers, part, wait)
    return Build(config, options, on_start, on_done, on_wait).run(paths)


class Build:
    """One build, step by step (the module docstring lists the steps)."""

    def __init__(self, config: Config, options: Options, on_start: Callable[[int], None] | None = None,
                 on_done: Callable[[Outcome], None] | None = None, on_wait: Callable[[str], None] | None = None) -> None:
        self.config, self.options = config, options
        self.on_start, self.on_done, self.on_wait = on_start, on_done, on_wait
        self.result, self.report = BuildResult(), Report()
        self.documents: dict[Path, m.Document] = {}
        self.keys: dict[Job, tuple[str, dict[str, str]]] = {}
        self.manifest: Manifest  # read once the lock is held

    def run(self, paths: list[Path]) -> BuildResult:
        with inputs.snapshot():  # every input read once: what is fingerprinted is what is rendered
            return self._run(paths)

    def _run(self, paths: list[Path]) -> BuildResult:
        self.load(select_sources(self.config, paths))
        if not self.documents:  # every one is broken: nothing to lock, plan or write
            self.result.diagnostics = _unique(self.report.items)
            return self.result
        jobs = self.plan()
        folder = self.lock_folder()
        with lock.exclusive(folder, self.config.rel(folder), self.options.wait, self.on_wait):
            self.manifest = Manifest(self.options.out)
            self.run_locked(jobs)
        return self.result

    def lock_folder(self) -> Path:
        """The project's build folder, which holds the other profiles' folders (a build clears
        ``.part`` files below its own); ``--out`` when that lies elsewhere."""
        out, root = self.options.out.resolve(), self.config.output_dir.resolve()
        return root if out.is_relative_to(root) else out

    def run_locked(self, jobs: list[Job]) -> None:
        """Steps 3 to 6, while no other build can touch the build folder."""
        stale = self.skip_fresh(jobs)
        session = Session(self.config, self.options.profile, self.options.fit, self.documents)
        pool = self.start_workers(session, stale)
        try:
            runnable = self.localize(session, stale)
            run(runnable, session, self.record, pool)
        except BaseException:  # Ctrl+C, SIGTERM or a failure: stop now, not after the running jobs
            if pool is not None:
                pool.stop()
                clear_leftovers(self.options.out)
            raise
        if pool is not None:
            pool.close()
        self.finish(session, jobs, stale, runnable)

    def load(self, sources: list[Path]) -> None:
        """1. Every document read and validated; one with errors is reported and left out."""
        for source in sources:
            report = Report()
            try:
                doc = load_document(source, self.config, report)
            except SamizdatError as exc:
                report.items.extend(exc.diagnostics)
            else:
                if not report.errors:
                    self.documents[source] = doc
            self.report.items.extend(report.items)
            if report.errors:
                self.result.broken[self.config.rel(source)] = _count(len(_unique(report.errors)), "error")

    def plan(self) -> list[Job]:
        """2. Jobs for every document, edition and format; this machine's shard of them."""
        o = self.options
        editions: list[tuple[str, ...]] = [tuple(p) for p in o.pairs] if o.pairs else [(lang,) for lang in o.langs]
        jobs = [job for job in plan(list(self.documents), editions, o.formats, o.out)
                if all(self.documents[job.source].meta.publishes(lang) for lang in job.langs)]
        self.result.jobs = shard(jobs, *o.part) if o.part else jobs
        return self.result.jobs

    def skip_fresh(self, jobs: list[Job]) -> list[Job]:
        """3. Jobs whose inputs changed; the others are up to date and replay their warnings."""
        clear_leftovers(self.options.out)
        hasher = fingerprint.Hasher()
        settings = {"profile": self.options.profile, "fit": self.options.fit, "strict": self.options.strict}
        stale = []
        for job in jobs:
            found = fingerprint.inputs(job, self.documents[job.source], self.config, settings, hasher)
            self.keys[job] = (fingerprint.key(found), found)
            entry = self.manifest.fresh(job.target, self.keys[job][0])
            if entry is None:
                stale.append(job)
                continue
            self.result.up_to_date.append(job.target)
            self.report.items.extend(entry.diagnostics)
            if entry.fallbacks:
                self.result.fallbacks[job.slug, job.edition] = entry.fallbacks
        return stale

    def start_workers(self, session: Session, stale: list[Job]) -> Workers | None:
        """Fork the pool now, so workers load WeasyPrint while this process checks (step 4)."""
        if self.options.workers < 2 or len(stale) < 2:
            return None
        warm: dict[str, set[str]] = {}
        for job in stale:
            warm.setdefault(job.fmt, set()).add(BILINGUAL if len(job.langs) == 2 else self.documents[job.source].meta.template)
        return Workers(session, min(self.options.workers, len(stale)), {fmt: sorted(names) for fmt, names in warm.items()})

    def localize(self, session: Session, stale: list[Job]) -> list[Job]:
        """4. Every catalog read and checked, the translation policy applied: still nothing written."""
        needed = sorted({(job.source, lang) for job in stale for lang in job.langs}, key=str)
        for source, lang in list(needed):
            try:
                session.localized(source, lang)
            except SamizdatError as exc:
                self.report.items.extend(exc.diagnostics)
                self.result.broken[f"{lang}/{self.documents[source].slug}"] = _count(len(_unique(exc.diagnostics)), "translation error")
                needed.remove((source, lang))
        stale = [job for job in stale if all((job.source, lang) in needed for lang in job.langs)]
        sources = {src for src, _ in needed}
        held = policy(self.config, {s: self.documents[s] for s in sources}, sorted({l for _, l in needed}),
                      self.options.strict, self.report)
        self.result.held = dict(sorted(((self.documents[src].slug, lang), why) for (src, lang), why in held.items()))
        runnable = [job for job in stale if not any((job.source, lang) in held for lang in job.langs)]
        if self.on_start:
            self.on_start(len(runnable))
        return runnable

    def record(self, outcome: Outcome) -> None:
        """5. (as each job ends) What it wrote and said, into the result and the manifest."""
        self.report.items.extend(outcome.diagnostics)
        job = outcome.job
        if outcome.ok:
            self.result.written.append(job.target)
            key, found = self.keys[job]
            self.manifest.record(job.target, key, found, outcome.diagnostics, outcome.fallbacks)
            if outcome.fallbacks:
                self.result.fallbacks[job.slug, job.edition] = outcome.fallbacks
        else:
            self.result.failed.append(job)
        if self.on_done:
            self.on_done(outcome)

    def finish(self, session: Session, jobs: list[Job], stale: list[Job], runnable: list[Job]) -> None:
        """6. With --strict the new outputs read back; DOCX pages held to their PDF's; the manifest
        saved; web images no page uses any more deleted."""
        if self.options.strict:
            from samizdat.verify import Output, verify

            written = [j for j in runnable if j.target in self.result.written and len(j.langs) == 1]
            self.report.items.extend(verify([Output(session.localized(j.source, j.lang)[0], j.fmt, j.target) for j in written], self.config))
        if self.options.docx_pages:
            done = set(self.result.written) | set(self.result.up_to_date)
            office_pages.check(self.config, [j for j in jobs if j.target in done], self.documents, self.manifest, self.report,
                               self.options.fit, self.options.workers, lambda job: self.render_again(session, job))
        if stale or self.manifest.recorded:
            self.manifest.save()
        pages = {target.parent for target in self.result.written if target.suffix == ".html"}
        if pages:
            from samizdat.render.web import prune_assets

            for folder in sorted(pages):
                prune_assets(folder)
        self.result.diagnostics = _unique(self.report.items)

    def render_again(self, session: Session, job: Job) -> bool:
        """Write an up-to-date output anew (a DOCX tightened for a longer PDF than today's)."""
        outcome = session.run(job)
        if outcome.ok:
            self.manifest.record(job.target, *self.keys[job], outcome.diagnostics, outcome.fallbacks)
            self.result.up_to_date.remove(job.target)
            self.result.written.append(job.target)
        self.report.items.extend(outcome.diagnostics)
        return outcome.ok


def clear_leftovers(out: Path) -> None:
    """Temporary files of a build that was killed (``.<name>.<random>.part``)."""
    if out.is_dir():
        for temp in out.rglob(".*.part"):
            temp.unlink(missing_ok=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(items))  # in order, each once
