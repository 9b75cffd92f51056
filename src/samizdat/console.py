"""What a build shows: a progress bar and a summary table on a terminal, plain lines elsewhere.

Takes a :class:`build.BuildResult` (and the job outcomes as they complete); gives output on
stdout/stderr. With ``--quiet`` or when output is not a terminal (CI, pipes) nothing
moves: errors, warnings and one summary line, in the ``file:line: error:`` form.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from samizdat.config import Config


def interactive(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress(enabled: bool) -> Iterator[tuple[Callable[[int], None], Callable[[Any], None]]]:
    """(on_start, on_done) callbacks for build(); a rich progress bar when ``enabled``."""
    if not enabled:
        yield (lambda total: None), (lambda outcome: None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("building", total=0)

        def start(total: int) -> None:
            bar.update(task, total=total)

        def done(outcome: Any) -> None:
            job = outcome.job
            bar.update(task, advance=1, description=f"{job.edition}/{job.slug}.{job.fmt}")

        yield start, done


def summary(result: Any, config: Config, quiet: bool) -> None:
    """The diagnostics; then, first of the summary, what failed and the editions held back
    (none of them was published, their earlier outputs are kept); what was written; what
    shows the source language."""
    for diagnostic in ([] if quiet else result.warnings) + result.errors:
        print(diagnostic, file=sys.stderr)
    for what, why in result.broken.items():
        print(f"failed: {what} ({why}; earlier outputs kept)", file=sys.stderr)
    for job in result.failed:
        print(f"failed: {config.rel(job.target)} (earlier output kept)", file=sys.stderr)
    for (slug, lang), reasons in result.held.items():
        print(f"held back: {lang}/{slug} ({'; '.join(reasons)})", file=sys.stderr)
    if not quiet and not interactive(quiet):
        for path in result.written:
            print(f"wrote {config.rel(path)}")
    for (slug, edition), places in sorted(result.fallbacks.items()):
        shown = ", ".join(places[:5]) + (", …" if len(places) > 5 else "")
        print(f"{edition}/{slug}: {len(places)} segments shown in the source language (marked): {shown}", file=sys.stderr)
    if interactive(quiet) and result.jobs:
        table(result)
    failures = len(result.broken) + len(result.failed)
    line = (f"{failures} failed, " if failures else "") + (
        f"{len(result.written)} files written, {len(result.up_to_date)} up to date, "
        f"{len(result.errors)} errors, {len(result.warnings)} warnings")
    if result.held:
        line += f", held back: {', '.join(f'{lang}/{slug}' for slug, lang in result.held)}"
    print(line, file=sys.stderr if result.errors else sys.stdout)


def table(result: Any) -> None:
    """Documents × editions, each cell the formats written (bold), up to date (dim) or failed."""
    from rich.console import Console
    from rich.table import Table

    written, fresh = set(result.written), set(result.up_to_date)
    failed = {job.target for job in result.failed}
    held = {(slug, lang) for slug, lang in result.held}
    editions = list(dict.fromkeys(job.edition for job in result.jobs))
    grid = Table(title="samizdat build", title_justify="left")
    grid.add_column("document")
    for edition in editions:
        grid.add_column(edition)
    for slug in dict.fromkeys(job.slug for job in result.jobs):
        cells = []
        for edition in editions:
            parts = []
            for job in (j for j in result.jobs if j.slug == slug and j.edition == edition):
                if job.target in written:
                    parts.append(f"[bold green]{job.fmt}[/]")
                elif job.target in fresh:
                    parts.append(f"[dim]{job.fmt}[/]")
                elif job.target in failed:
                    parts.append(f"[bold red]{job.fmt} ✗[/]")
                elif any((slug, lang) in held for lang in job.langs):
                    parts.append(f"[yellow]{job.fmt} held[/]")
            cells.append(" ".join(parts))
        grid.add_row(slug, *cells)
    grid.caption = "[bold green]written[/]  [dim]up to date[/]  [yellow]held back by translation policy[/]"
    Console(stderr=True).print(grid)
