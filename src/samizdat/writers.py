"""Output formats: every writer registered in one place, and asked instead of compared.

A writer turns one or two localized documents into one file. What the rest of samizdat
needs to know about a format is declared here: its file extension, whether it can make
side-by-side editions, whether it lays out pages (fonts are then inputs of its outputs,
page budgets apply and its jobs run first), whether its pages link to the other
languages' editions (their catalogs are then inputs too), whether the web edition offers
it for download, how to warm a worker up for it, and how ``samizdat check`` reads an
output back. Configuration, planning, fingerprints, the CLI and ``check`` ask the
registry; no other module compares format names.

The functions are named as ``"module:function"`` and imported on first use, so a build
that writes only HTML never loads WeasyPrint. Other packages add writers through the
``samizdat.writers`` entry point group: each entry point loads a :class:`Writer`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samizdat.errors import error

if TYPE_CHECKING:
    from samizdat import model as m
    from samizdat.build.plan import Job
    from samizdat.config import Config, Profile
    from samizdat.errors import Report

ENTRY_POINTS = "samizdat.writers"


@dataclass(frozen=True)
class Request:
    """One job for a writer: its documents (two for a bilingual edition) and where to write."""

    docs: list[m.Document]
    job: Job
    target: Path  # a temporary file beside the final one; the build renames it
    config: Config
    report: Report
    profile: Profile
    fit: bool = False
    languages: list[str] | None = None  # editions a page may link to (writers with links_editions)


@dataclass(frozen=True)
class Writer:
    name: str
    extension: str
    description: str
    render: str  # "module:function" taking a Request and writing request.target
    bilingual: bool = False
    paged: bool = False
    links_editions: bool = False
    download: bool = False
    warm: str | None = None  # "module:function(config, templates)", run once per worker process
    read_text: str | None = None  # "module:function(path) -> str", for 'samizdat check'
    link_problems: str | None = None  # "module:function(path) -> list[str]"
    own_fonts: bool = True  # its text is drawn in the configured fonts only (a browser falls back to others)
    embedded_fonts: str | None = None  # "module:function(path) -> set[str]"
    clipped_text: str | None = None  # "module:function(path) -> [(page, [words outside it])]"
    office_pages: bool = False  # LibreOffice can open it to count its pages (build --docx-pages)
    options: dict[str, Any] = field(default_factory=dict)

    def call(self, what: str, *args: Any) -> Any:
        """Call one of the writer's named functions (``render``, ``warm``, ``read_text``…)."""
        ref = getattr(self, what)
        if ref is None:
            raise error("samizdat", None, f"the '{self.name}' writer has no {what}")
        return _function(ref)(*args)


BUILTIN = (
    Writer("pdf", ".pdf", "the designed, paged print and screen edition (WeasyPrint)", "samizdat.build.jobs:write_pdf",
           bilingual=True, paged=True, download=True, warm="samizdat.render.pdf:warm",
           read_text="samizdat.verify.text:pdf_text", link_problems="samizdat.verify.links:pdf_problems",
           embedded_fonts="samizdat.verify.fonts:pdf_font_names", clipped_text="samizdat.verify.clipping:pdf_clipped"),
    Writer("docx", ".docx", "the editable Word document, styled by the theme's reference document",
           "samizdat.build.jobs:write_docx", bilingual=True, download=True, office_pages=True, warm="samizdat.build.jobs:warm_docx",
           read_text="samizdat.verify.text:docx_text", link_problems="samizdat.verify.links:docx_problems"),
    Writer("html", ".html", "the web edition: a standalone, accessible page linking the other languages",
           "samizdat.build.jobs:write_html", links_editions=True, own_fonts=False,
           read_text="samizdat.verify.text:html_text", link_problems="samizdat.verify.links:html_problems"),
    Writer("md", ".md", "CommonMark with front matter, for a website CMS or a newsletter",
           "samizdat.build.jobs:write_md"),
)
PDF = "pdf"  # event packs impose PDFs
WEB = "html"  # what 'samizdat serve' keeps built by default
PRINT = "pdf"  # what its print preview shows
DEFAULT_FORMATS = ("pdf", "docx", "html")  # what a project builds when samizdat.toml names no formats


@lru_cache(maxsize=1)
def registry() -> dict[str, Writer]:
    """Every writer by name: the built-in ones, then those other packages register."""
    found = {writer.name: writer for writer in BUILTIN}
    for point in entry_points(group=ENTRY_POINTS):
        try:
            writer = point.load()
        except Exception as exc:  # a broken plugin must not take samizdat down with it
            raise error(f"entry point {point.value}", None, f"writer '{point.name}' cannot be loaded: {exc}") from None
        if not isinstance(writer, Writer):
            raise error(f"entry point {point.value}", None, f"writer '{point.name}' is not a samizdat.writers.Writer")
        found[writer.name] = writer
    return found


def get(name: str) -> Writer:
    return registry()[name]


def names() -> tuple[str, ...]:
    return tuple(registry())


def bilingual() -> tuple[str, ...]:
    return tuple(name for name, writer in registry().items() if writer.bilingual)


def downloads() -> tuple[str, ...]:
    return tuple(name for name, writer in registry().items() if writer.download)


@cache
def _function(ref: str) -> Callable[..., Any]:
    module, _, name = ref.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function
