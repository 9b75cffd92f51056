"""Pages for a pack: build every document × language × page form a pack needs, once.

Takes the configuration and a checked :class:`PackSpec`; gives, for every (item,
language), the built PDF under ``<pack>/pages/<form>/<lang>/<slug>.pdf`` with its page count
and title — or raises :class:`SamizdatError` naming what could not be built. Rendering is
samizdat's ordinary build (``samizdat.build.build``) with a print profile; nothing is
re-implemented here.

Two page forms:

* for imposition ``none``: the page size with 3 mm bleed and crop marks, the file a print
  shop wants for pages printed one to a side and trimmed (form ``A4-bleed``);
* for ``2-up`` and ``booklet``: trimmed pages without bleed or marks (form ``A5``), because
  imposed pages abut at the cut or fold (see :mod:`samizdat.pack.impose`).

The build is samizdat's incremental one: pages whose inputs are unchanged are not
rendered again. A file is only read after its build succeeded and was not held back.

Page budgets follow the paper: the build scales ``[pages]`` from A4 to A5 itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from samizdat.config import Config, Profile
from samizdat.errors import Diagnostic, Report, SamizdatError
from samizdat.pack.paper import PAPERS
from samizdat.pack.spec import PackItem, PackSpec

BLEED = "3mm"
MARKS = "crop cross"


@dataclass(frozen=True)
class BuiltPages:
    """One document in one language, built in the form an item needs."""

    pdf: Path
    pages: int
    title: str


def form_of(item: PackItem) -> str:
    """The page form an item needs: 'A4-bleed' for imposition none, else the bare size."""
    return f"{item.paper}-bleed" if item.imposition == "none" else item.paper


def profile_for(form: str) -> Profile:
    paper, _, bleed = form.partition("-")
    css = PAPERS[paper].css
    if bleed:
        return Profile(name=f"pack-{form}", paper=css, bleed=BLEED, marks=MARKS)
    return Profile(name=f"pack-{form}", paper=css)


def render_pages(config: Config, spec: PackSpec, folder: Path, report: Report) -> dict[tuple[int, str], BuiltPages]:
    """(item index, language) -> built pages. Warnings go to ``report``; errors are raised."""
    from samizdat import writers
    from samizdat.build import build

    # one build per (form, document), in every language any item wants it in
    wanted: dict[tuple[str, Path], list[str]] = {}
    for item in spec.items:
        langs = wanted.setdefault((form_of(item), item.source), [])
        langs.extend(lang for lang in item.languages if lang not in langs)

    errors: list[Diagnostic] = []
    held: dict[tuple[str, str, str], list[str]] = {}  # (form, slug, lang) → why
    for (form, source), langs in wanted.items():
        profile = profile_for(form)
        try:
            result = build(config, [source], langs, [writers.PDF],
                           folder / form, profile=profile)
        except SamizdatError as exc:
            errors.extend(d for d in exc.diagnostics if d not in errors)
            continue
        errors.extend(d for d in result.errors if d not in errors)
        report.items.extend(d for d in result.warnings if d not in report.items)
        for (slug, lang), why in result.held.items():
            held[form, slug, lang] = why
        for (slug, lang), where in result.fallbacks.items():
            if where:
                report.warning(config.rel(source), None,
                               f"{slug} in '{lang}' ({form} pages): {len(where)} segments are not translated and "
                               f"print in '{config.source_language}' (first at {where[0]})")

    built: dict[tuple[int, str], BuiltPages] = {}
    for index, item in enumerate(spec.items):
        form = form_of(item)
        for lang in item.languages:
            if (form, item.document, lang) in held:
                errors.append(Diagnostic(spec.rel, item.copies_line(lang),
                                         f"{item.document} cannot be printed in '{lang}': the translation is held back "
                                         f"({'; '.join(held[form, item.document, lang])}; finish it, or remove '{lang}' here)"))
                continue
            pdf = folder / form / lang / f"{item.document}.pdf"
            if not pdf.is_file():
                if not errors:
                    errors.append(Diagnostic(spec.rel, item.copies_line(lang), f"{item.document} in '{lang}' was not built"))
                continue
            reader = PdfReader(pdf)
            title = str((reader.metadata.title if reader.metadata else None) or item.document)
            built[index, lang] = BuiltPages(pdf, len(reader.pages), title)
    if errors:
        raise SamizdatError(errors)
    return built
