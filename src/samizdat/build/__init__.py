"""Build stage: plan jobs, skip what is up to date, run the rest, write outputs atomically.

Takes a configuration and a selection; gives files under ``build/<edition>/<slug>.<fmt>``,
``build/manifest.json`` and a :class:`BuildResult`. The recipe, in order:

1. load and validate every selected document (any error: stop, nothing written);
2. plan (document × edition × format) jobs, keep this machine's shard;
3. fingerprint each job's inputs and skip those whose output is unchanged (``manifest``);
4. localize what must be built and apply the translation ``policy``, still writing nothing;
5. run the jobs, here or in a process pool (``runner``), each output written atomically;
6. record the manifest; count DOCX pages with LibreOffice if asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from samizdat import model as m
from samizdat.build import fingerprint
from samizdat.build.jobs import budget_of, check_docx_pages
from samizdat.build.manifest import Manifest
from samizdat.build.plan import Job, parse_shard, plan, select_sources, shard
from samizdat.build.policy import policy
from samizdat.build.runner import Outcome, Session, default_workers, run
from samizdat.config import Config, Profile
from samizdat.content import load_document
from samizdat.errors import Diagnostic, Report, SamizdatError

__all__ = ["build", "BuildResult", "Job", "select_sources", "parse_shard", "budget_of", "default_workers"]


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    failed: list[Job] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fallbacks: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (slug, lang) → where
    held: list[tuple[str, str]] = field(default_factory=list)  # (slug, lang) not built by policy
    jobs: list[Job] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]


def build(
    config: Config, paths: list[Path], langs: list[str], formats: list[str], out: Path, strict: bool = False,
    pairs: list[tuple[str, str]] | None = None, profile: Profile | None = None, fit: bool = False,
    docx_pages: bool = False, workers: int = 1, part: tuple[int, int] | None = None,
    on_start: Callable[[int], None] | None = None, on_done: Callable[[Outcome], None] | None = None,
) -> BuildResult:
    profile = profile or config.profile(None)
    result = BuildResult()
    report = Report()

    sources = select_sources(config, paths)
    documents: dict[Path, m.Document] = {}
    problems: list[Diagnostic] = []
    for source in sources:
        try:
            documents[source] = load_document(source, config, report)
        except SamizdatError as exc:
            problems.extend(exc.diagnostics)
    problems.extend(report.errors)
    if problems:
        raise SamizdatError(_unique(problems))

    editions: list[tuple[str, ...]] = [tuple(pair) for pair in pairs] if pairs else [(lang,) for lang in langs]
    jobs = plan(sources, editions, formats, out)
    if part:
        jobs = shard(jobs, *part)
    result.jobs = jobs

    clear_leftovers(out)
    manifest = Manifest(out)
    hasher = fingerprint.Hasher()
    options = {"profile": profile, "fit": fit, "strict": strict}
    keys: dict[Job, tuple[str, dict[str, str]]] = {}
    stale: list[Job] = []
    for job in jobs:
        found = fingerprint.inputs(job, documents[job.source], config, options, hasher)
        keys[job] = (fingerprint.key(found), found)
        entry = manifest.fresh(job.target, keys[job][0])
        if entry is None:
            stale.append(job)
            continue
        result.up_to_date.append(job.target)
        report.items.extend(entry.diagnostics)
        if entry.fallbacks:
            result.fallbacks[job.slug, job.edition] = entry.fallbacks

    session = Session(config, profile, fit, documents)
    needed = sorted({(job.source, lang) for job in stale for lang in job.langs}, key=str)
    for source, lang in needed:  # every catalog read and checked before anything is written
        try:
            session.localized(source, lang)
        except SamizdatError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise SamizdatError(_unique(problems))
    held = policy(config, {s: documents[s] for s in {src for src, _ in needed}}, sorted({l for _, l in needed}), strict, report)
    runnable = [job for job in stale if not any((job.source, lang) in held for lang in job.langs)]
    result.held = sorted({(documents[src].slug, lang) for src, lang in held})

    if on_start:
        on_start(len(runnable))

    def done(outcome: Outcome) -> None:
        report.items.extend(outcome.diagnostics)
        if outcome.ok:
            result.written.append(outcome.job.target)
            key, found = keys[outcome.job]
            manifest.record(outcome.job.target, key, found, outcome.diagnostics, outcome.fallbacks)
            if outcome.fallbacks:
                result.fallbacks[outcome.job.slug, outcome.job.edition] = outcome.fallbacks
        else:
            result.failed.append(outcome.job)
        if on_done:
            on_done(outcome)

    run(runnable, session, workers, done)
    if strict:  # check what was just written: every segment there, no tofu, links resolve
        from samizdat.verify import Output, verify

        written = [job for job in runnable if job.target in result.written and len(job.langs) == 1]
        report.items.extend(verify([Output(session.localized(j.source, j.lang)[0], j.fmt, j.target) for j in written], config))
    if stale:
        manifest.save()
    if docx_pages:
        check_docx_pages(config, [j for j in jobs if j.target in result.written or j.target in result.up_to_date], documents, report)
    result.diagnostics = _unique(report.items)
    return result


def clear_leftovers(out: Path) -> None:
    """Temporary files of a build that was killed (``.<name>.<random>.part``)."""
    if out.is_dir():
        for temp in out.rglob(".*.part"):
            temp.unlink(missing_ok=True)


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[Diagnostic] = set()
    return [d for d in items if not (d in seen or seen.add(d))]
