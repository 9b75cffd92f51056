"""Event packs: everything a print shop needs for one event, from one YAML file.

Takes the configuration and ``events/<name>.yaml`` (schema: :mod:`samizdat.pack.spec`);
gives, in ``build/packs/<name>/``:

* one print-ready PDF per (paper, imposition) group — ``A4-none.pdf``, ``A4-2up.pdf``,
  ``A4-booklet.pdf``… named by the sheet printed on; items in the order of the pack file,
  languages in the order of each item's copies; every document starts on a new sheet;
* ``cover.pdf``: one A4 page for the print shop (event, files, sheets per language);
* ``manifest.csv`` and ``manifest.pdf``: one row per item × language with its page range,
  pages, sheets and copies, and the totals (counting: :mod:`samizdat.pack.manifest`);
* ``pages/``: the per-language PDFs the print files were made from (built incrementally).

Stages, one module each: spec (check the file) → pages (build the PDFs with samizdat's
ordinary build) → impose (pypdf) → manifest and cover (WeasyPrint). The pack file is
checked completely before anything is built; print files are written atomically, and
print files of an earlier run that this pack no longer makes are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from samizdat.config import Config
from samizdat.errors import Diagnostic, Report
from samizdat.pack import design
from samizdat.pack.cover import write_cover
from samizdat.pack.impose import Section, copies_per_set, impose
from samizdat.pack.manifest import ManifestRow, PrintFile, totals, write_csv, write_pdf
from samizdat.pack.pages import render_pages
from samizdat.pack.paper import PAPERS, sheet_for
from samizdat.pack.spec import PackItem, PackSpec, load_spec

PRINT_FILE_SUFFIXES = ("-none.pdf", "-2up.pdf", "-booklet.pdf")


@dataclass
class PackResult:
    spec: PackSpec
    folder: Path  # build/packs/<name>/
    files: list[PrintFile] = field(default_factory=list)  # the print files, in order
    rows: list[ManifestRow] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # print files, cover, manifest (not pages/)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings; errors are raised

    @property
    def cover(self) -> Path:
        return self.folder / "cover.pdf"

    @property
    def manifest_csv(self) -> Path:
        return self.folder / "manifest.csv"

    @property
    def manifest_pdf(self) -> Path:
        return self.folder / "manifest.pdf"

    @property
    def totals(self) -> dict[str, dict[str, int]]:
        """Sheets per language (and 'all'), per sheet size."""
        return totals(self.rows)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]


def file_name(item: PackItem) -> str:
    """The print file an item goes into: '<sheet>-<imposition>.pdf', e.g. 'A4-booklet.pdf'."""
    return f"{sheet_for(item.paper, item.imposition).name}-{item.imposition.replace('-', '')}.pdf"


def build_pack(config: Config, spec_path: Path, out_root: Path | None = None) -> PackResult:
    """Build the pack described by ``spec_path``; raises SamizdatError on any error."""
    spec = load_spec(spec_path, config)
    folder = (out_root or config.output_dir / "packs") / spec.slug
    report = Report()
    built = render_pages(config, spec, folder / "pages", report)

    result = PackResult(spec, folder)
    groups: dict[str, list[int]] = {}  # file name -> item indexes, in pack order
    for index, item in enumerate(spec.items):
        groups.setdefault(file_name(item), []).append(index)

    for name, indexes in groups.items():
        first = spec.items[indexes[0]]
        sheet = sheet_for(first.paper, first.imposition)
        runs = [(spec.items[i], lang, built[i, lang]) for i in indexes for lang in spec.items[i].languages]
        sections = [Section(pages.pdf, f"{pages.title} — {lang} — {count:,} copies")
                    for item, lang, pages in runs for count in [dict(item.copies)[lang]]]
        title = f"{spec.name}: {first.paper} {first.imposition} on {sheet.name}"
        placements = impose(sections, first.imposition, PAPERS[first.paper], sheet, folder / name, title)
        result.written.append(folder / name)
        result.files.append(PrintFile(name, folder / name, first.paper, sheet.name, first.imposition, placements[-1].last))
        for (item, lang, pages), place in zip(runs, placements):
            result.rows.append(ManifestRow(
                file=name, first_page=place.first, last_page=place.last, document=item.document, title=pages.title,
                language=lang, paper=item.paper, sheet=sheet.name, imposition=item.imposition, pages=place.pages,
                sheets_per_set=place.sheets, copies_per_set=copies_per_set(item.imposition),
                copies=dict(item.copies)[lang]))

    write_csv(result.rows, result.manifest_csv)
    date_text = design.long_date(spec.date)
    page_counts = {
        result.manifest_pdf: write_pdf(result.rows, result.files, spec.name, date_text, spec.rel, result.manifest_pdf, config),
        result.cover: write_cover(spec, result.files, result.rows, result.cover, config),
    }
    for target, count in page_counts.items():
        if count > 1:
            report.warning(config.rel(target), None, f"takes {count} pages: the pack is too long for one page")
    result.written += [result.cover, result.manifest_csv, result.manifest_pdf]

    keep = {path.name for path in result.written}
    for old in folder.glob("*.pdf"):
        if old.name.endswith(PRINT_FILE_SUFFIXES) and old.name not in keep:
            old.unlink()
    result.diagnostics = report.items
    return result


__all__ = ["PackResult", "build_pack", "load_spec", "PackSpec", "PackItem", "ManifestRow", "PrintFile"]
