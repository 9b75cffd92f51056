"""The manifest: what the print shop prints, how many times, on how many sheets.

Takes the rows of a pack (one per item × language, with its place in the print file) and
gives ``manifest.csv`` and a one-page ``manifest.pdf``, plus the totals the cover shows.

Counting (every sheet is printed on both sides; a *set* is the print file's page range
for one row, printed once):

* ``none``: sheets per set = ceil(pages / 2); one set is one copy.
* ``2-up``: sheets per set = ceil(pages / 2); one set, cut in half, is two copies, so
  sets = ceil(copies / 2) and sheets per copy = ceil(pages / 2) / 2.
* ``booklet``: sheets per set = pages padded to a multiple of 4, divided by 4; one copy.

total sheets = sheets per set × sets. Sheets are of the print file's sheet size (A4 for A5
booklets), so totals are given per sheet size. The CSV has one row per item × language,
then total rows whose ``document`` is ``TOTAL`` (per language, then ``all``).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from samizdat.atomic import write_bytes
from samizdat.config import Config
from samizdat.pack import design
from samizdat.pack.design import esc

COLUMNS = ("file", "file_pages", "document", "title", "language", "paper", "sheet", "imposition", "pages",
           "sheets_per_copy", "copies_per_set", "sheets_per_set", "copies", "sets", "total_sheets")


@dataclass(frozen=True)
class ManifestRow:
    """One document in one language: where it is in its print file and what it costs."""

    file: str  # print file name, e.g. 'A4-booklet.pdf'
    first_page: int  # its pages in the print file (1-based, inclusive)
    last_page: int
    document: str  # slug
    title: str  # in this language, from the built PDF
    language: str
    paper: str  # finished page size
    sheet: str  # sheet size printed on
    imposition: str
    pages: int  # pages of the document in this language
    sheets_per_set: int
    copies_per_set: int
    copies: int

    @property
    def sets(self) -> int:
        """How many times the page range is printed."""
        return math.ceil(self.copies / self.copies_per_set)

    @property
    def total_sheets(self) -> int:
        return self.sheets_per_set * self.sets

    @property
    def sheets_per_copy(self) -> Fraction:
        return Fraction(self.sheets_per_set, self.copies_per_set)

    @property
    def file_pages(self) -> str:
        return f"{self.first_page}-{self.last_page}"


@dataclass(frozen=True)
class PrintFile:
    """One print-ready PDF: a (paper, imposition) group."""

    name: str
    path: Path
    paper: str
    sheet: str
    imposition: str
    pages: int  # PDF pages = sheet sides

    @property
    def sheets(self) -> int:
        """Sheets for one set of everything in the file."""
        return self.pages // 2


def describe(imposition: str, paper: str, sheet: str) -> str:
    """What a print file is and what to do with it, in a line."""
    if imposition == "2-up":
        return f"{paper} pages 2-up on {sheet} (each page twice): cut in half, 2 copies per sheet"
    if imposition == "booklet":
        return f"{paper} booklet on {sheet}: fold and saddle-stitch"
    return f"{paper} pages with 3 mm bleed and crop marks: trim to {paper}"


def fraction(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def totals(rows: list[ManifestRow]) -> dict[str, dict[str, int]]:
    """Total sheets per language (and 'all'), each per sheet size, languages in first-seen order."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        for key in (row.language, "all"):
            by_sheet = out.setdefault(key, {})
            by_sheet[row.sheet] = by_sheet.get(row.sheet, 0) + row.total_sheets
    if "all" in out:
        out["all"] = out.pop("all")  # last
    return out


def sheets_text(by_sheet: dict[str, int]) -> str:
    """{'A4': 120, 'A3': 10} → '120 A4 + 10 A3'."""
    return " + ".join(f"{count:,} {sheet}" for sheet, count in by_sheet.items())


def write_csv(rows: list[ManifestRow], target: Path) -> None:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(COLUMNS)
    for row in rows:
        out.writerow([row.file, row.file_pages, row.document, row.title, row.language, row.paper, row.sheet,
                      row.imposition, row.pages, fraction(row.sheets_per_copy), row.copies_per_set, row.sheets_per_set,
                      row.copies, row.sets, row.total_sheets])
    for language, by_sheet in totals(rows).items():
        for sheet, count in by_sheet.items():
            out.writerow(["", "", "TOTAL", "", language, "", sheet, "", "", "", "", "", "", "", count])
    write_bytes(target, buffer.getvalue().encode("utf-8"))


def write_pdf(rows: list[ManifestRow], files: list[PrintFile], event: str, date_text: str, spec_rel: str,
              target: Path, config: Config) -> int:
    """The one-page manifest; gives its page count (1 unless the pack is very long)."""
    body = [f'<p class="kicker">Print manifest</p><h1>{esc(event)}</h1>',
            f'<p class="when"><strong>{esc(date_text)}</strong> · {len(rows)} print runs in {len(files)} files</p>',
            "<h2>Print runs</h2><table><thead><tr>"
            '<th>File pages</th><th>Document</th><th>Lang</th><th class="num">Doc. pages</th>'
            '<th class="num">Sheets / copy</th><th class="num">Copies</th><th class="num">Print ×</th>'
            '<th class="num">Sheets</th></tr></thead><tbody>']
    for file in files:
        mine = [row for row in rows if row.file == file.name]
        body.append(f'<tr class="group"><td colspan="8"><span class="file">{esc(file.name)}</span> '
                    f'<span class="small">— {esc(describe(file.imposition, file.paper, file.sheet))}</span></td></tr>')
        for row in mine:
            body.append(
                f'<tr><td class="num">{row.first_page}–{row.last_page}</td>'
                f'<td>{esc(row.title)} <span class="slug">· {esc(row.document)}</span></td>'
                f'<td class="lang">{esc(row.language)}</td><td class="num">{row.pages}</td>'
                f'<td class="num">{fraction(row.sheets_per_copy)}</td><td class="num">{row.copies:,}</td>'
                f'<td class="num">{row.sets:,}</td><td class="num">{row.total_sheets:,} {esc(row.sheet)}</td></tr>')
    body.append("</tbody></table><h2>Total sheets</h2><table><tbody>")
    for language, by_sheet in totals(rows).items():
        label = "All languages" if language == "all" else f"{design.language_name(language, config)} ({language})"
        css = ' class="total"' if language == "all" else ""
        body.append(f'<tr{css}><td>{esc(label)}</td><td class="num">{esc(sheets_text(by_sheet))} sheets</td></tr>')
    body.append("</tbody></table>")
    body.append(
        "<h2>How to print</h2><ol class=\"howto\">"
        "<li>Print each page range of the named file as many times as <em>Print ×</em> says, duplex "
        "(landscape sheets flip on the short edge).</li>"
        "<li>Every document starts on a new sheet: blank pages are added where needed, so duplex printing "
        "never puts two documents on one sheet.</li>"
        "<li>2-up sheets carry each page twice: cut down the middle; every sheet gives two copies.</li>"
        "<li>Booklets: fold the sheets of one copy together and staple on the fold.</li></ol>")
    organisation = config.defaults.get("organisation") or config.name
    html = design.page(f"Print manifest: {event}", "".join(body), organisation, date_text)
    return design.write_one_page(html, target, config, design.footer(spec_rel), "Print manifest")
