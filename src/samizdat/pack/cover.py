"""The cover sheet: the one page a print shop reads first.

Takes the checked pack, its print files and manifest rows; gives ``cover.pdf`` (one A4
page): the event, its date and place, the contact and notes, each print file with its
paper and imposition, and the total sheets per language and overall.
"""

from __future__ import annotations

from pathlib import Path

from samizdat.config import Config
from samizdat.pack import design
from samizdat.pack.design import esc
from samizdat.pack.manifest import ManifestRow, PrintFile, describe, sheets_text, totals
from samizdat.pack.spec import PackSpec

_FORMAT = {"none": "sheets", "2-up": "2-up, cut", "booklet": "booklet"}


def write_cover(spec: PackSpec, files: list[PrintFile], rows: list[ManifestRow], target: Path, config: Config) -> int:
    """Write the cover sheet; gives its page count."""
    date_text = design.long_date(spec.date)
    body = ['<p class="kicker">Print order</p>', f"<h1>{esc(spec.name)}</h1>",
            f'<p class="when"><strong>{esc(date_text)}</strong>'
            + (f" · {esc(spec.venue)}" if spec.venue else "") + "</p>"]
    if spec.contact:
        body.append(f'<p class="contact">Contact: {esc(spec.contact)}</p>')
    if spec.notes:
        body.append(f'<div class="notes">{esc(spec.notes)}</div>')

    body.append('<h2>Print files</h2><table><thead><tr><th>File</th><th>Paper and finishing</th>'
                '<th class="num">Pages in file</th><th class="num">Runs</th><th class="num">Sheets to print</th>'
                "</tr></thead><tbody>")
    for file in files:
        mine = [row for row in rows if row.file == file.name]
        body.append(f'<tr><td class="file">{esc(file.name)}</td>'
                    f"<td>{esc(describe(file.imposition, file.paper, file.sheet))}</td>"
                    f'<td class="num">{file.pages}</td><td class="num">{len(mine)}</td>'
                    f'<td class="num">{sum(r.total_sheets for r in mine):,} {esc(file.sheet)}</td></tr>')
    body.append("</tbody></table>")

    body.append('<h2>Sheets per language</h2><div class="tiles">')
    for language, by_sheet in totals(rows).items():
        copies = sum(r.copies for r in rows if language in (r.language, "all"))
        name = "All languages" if language == "all" else design.language_name(language, config)
        body.append(f'<div class="tile{" all" if language == "all" else ""}">'
                    f'<div class="code">{esc(name)}</div>'
                    f'<div class="figure">{esc(sheets_text(by_sheet))}</div>'
                    f'<div class="unit">sheets · {copies:,} copies</div></div>')
    body.append("</div>")

    languages = list(dict.fromkeys(row.language for row in rows))
    body.append('<h2>Contents</h2><table><thead><tr><th>Document</th><th>Format</th>'
                + "".join(f'<th class="num">{esc(lang)} copies</th>' for lang in languages) + "</tr></thead><tbody>")
    for item in spec.items:
        by_lang = {row.language: row for row in rows if (row.document, row.paper, row.imposition)
                == (item.document, item.paper, item.imposition)}
        title = next((r.title for r in by_lang.values() if r.language == config.source_language), item.document)
        cells = "".join(f'<td class="num">{by_lang[lang].copies:,}</td>' if lang in by_lang else '<td class="num">–</td>'
                        for lang in languages)
        body.append(f'<tr><td>{esc(title)}<br><span class="slug">{esc(item.document)}</span></td>'
                    f"<td>{esc(item.paper)} {esc(_FORMAT[item.imposition])}</td>{cells}</tr>")
    body.append("</tbody></table>")
    body.append('<h2>Also in this folder</h2><p class="small">manifest.pdf and manifest.csv: every print run with its '
                "page range, copies and sheets. All files are printed duplex; every document starts on a new sheet.</p>")

    organisation = config.defaults.get("organisation") or config.name
    html = design.page(f"Print order: {spec.name}", "".join(body), organisation, date_text)
    return design.write_one_page(html, target, config, design.footer(spec.rel), "Cover sheet")
