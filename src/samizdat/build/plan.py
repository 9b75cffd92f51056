"""Planning: which (document, edition, format) jobs a build consists of.

Takes the configuration, the selected content files and the editions wanted; gives
:class:`Job` values in a stable order, optionally one shard of them (``--shard I/N``) so
a CI matrix can split a large publication across machines deterministically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samizdat.config import Config, Profile
from samizdat.content import check_slugs, discover, slug_of
from samizdat.errors import error


@dataclass(frozen=True)
class Job:
    source: Path
    langs: tuple[str, ...]  # one language, or two for a side-by-side bilingual edition
    fmt: str
    target: Path

    @property
    def lang(self) -> str:
        return self.langs[0]

    @property
    def slug(self) -> str:
        return slug_of(self.source)

    @property
    def edition(self) -> str:
        return "+".join(self.langs)


def profile_folder(out: Path, profile: Profile) -> Path:
    """Where a profile's files go in the build folder ``out``: the screen edition at its top,
    any other profile's in a folder of its name (print-shop files never overwrite the screen's)."""
    return out if profile.name == "screen" else out / profile.name


def select_sources(config: Config, paths: list[Path]) -> list[Path]:
    """The content files named (folders with an index.md included), or all of them."""
    if not paths:
        return discover(config)
    sources = []
    for path in paths:
        path = path if path.is_absolute() else Path.cwd() / path
        if path.is_dir():
            if not (path / "index.md").is_file():
                raise error(config.rel(path), None, "a folder without an index.md: name a content file")
            path = path / "index.md"
        if not path.is_file():
            raise error(config.rel(path), None, "no such content file")
        if not path.resolve().is_relative_to(config.content_dir.resolve()):
            raise error(config.rel(path), None, f"content files must be inside {config.rel(config.content_dir)}/")
        sources.append(path)
    check_slugs(sources, config)
    return sources


def plan(sources: list[Path], editions: list[tuple[str, ...]], formats: list[str], out: Path) -> list[Job]:
    """One job per source × edition × format; an edition is ('be',) or ('en', 'be')."""
    return [
        Job(source, edition, fmt, out / "+".join(edition) / f"{slug_of(source)}.{fmt}")
        for source in sources
        for edition in editions
        for fmt in formats
    ]


def shard(jobs: list[Job], index: int, count: int) -> list[Job]:
    """Share ``index`` (1-based) of ``count``: every count-th job by output path."""
    ordered = sorted(jobs, key=lambda job: str(job.target))
    return [job for position, job in enumerate(ordered) if position % count == index - 1]


def parse_shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError("--shard takes I/N, e.g. 2/4") from None
    if not 1 <= index <= count:
        raise ValueError("--shard I/N needs 1 ≤ I ≤ N")
    return index, count
