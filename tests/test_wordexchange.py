"""Word round trip of translations: export a DOCX table, edit it as a translator would, import."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.table import Table, _Cell

from samizdat.config import Config, load_config
from samizdat.content import discover, load_document
from samizdat.errors import SamizdatError, Severity
from samizdat.localize import pofile
from samizdat.translate.entries import catalogue
from samizdat.translate.wordexchange import export_docx, import_docx
from tests.support import run_cli, write_doc

HANDOUT = "ep-vote-handout"


def export(project: Path, lang: str = "be") -> tuple[Config, Path]:
    config = load_config(project)
    docs = [load_document(p, config) for p in discover(config)]
    paths = export_docx(config, docs, lang, project / "exchange")
    assert sorted(p.name for p in paths) == [f"ep-resolution-briefing.{lang}.docx", f"ep-vote-flyer.{lang}.docx", f"{HANDOUT}.{lang}.docx"]
    assert sorted((project / "exchange").iterdir()) == sorted(paths)  # no temporary files left
    return config, project / "exchange" / f"{HANDOUT}.{lang}.docx"


def po(project: Path, lang: str = "be") -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{HANDOUT}.po"


def message(project: Path, fragment: str):
    found = [m for m in pofile.read(po(project).read_bytes(), "be") if m.id and fragment in m.id]
    assert len(found) == 1, fragment
    return found[0]


def row_with(table: Table, fragment: str) -> list[_Cell]:
    rows = [row.cells for row in table.rows[1:] if fragment in row.cells[1].text]
    assert len(rows) == 1, fragment
    return rows[0]


def edit_source(project: Path, old: str, new: str) -> None:
    path = project / "content" / f"{HANDOUT}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr


def type_tracked(cell: _Cell, text: str) -> None:
    """Replace a cell's text with Track Changes on: old runs in w:del, new text in w:ins."""
    p = cell.paragraphs[0]._p
    deleted = OxmlElement("w:del")
    for r in p.findall(qn("w:r")):
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")
        deleted.append(r)
    inserted = OxmlElement("w:ins")
    for change, change_id in ((deleted, 1), (inserted, 2)):
        change.set(qn("w:id"), str(change_id))
        change.set(qn("w:author"), "Translator")
        change.set(qn("w:date"), "2026-11-25T10:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    inserted.append(r)
    p.append(deleted)
    p.append(inserted)


def test_export_writes_one_row_per_entry_in_the_target_language(project: Path) -> None:
    config, path = export(project)
    doc = load_document(project / "content" / f"{HANDOUT}.md", config)
    entries = catalogue(doc, "be", config).entries
    word = Document(str(path))
    assert word.core_properties.identifier == f"samizdat-translation:{HANDOUT}:be"
    assert "Europe stands with the people of Belarus" in word.paragraphs[0].text
    assert len(word.tables) == 1
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["ID", "Source", "Translation", "Status"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(table.rows) == 1 + len(entries) == 17
    for row, entry in zip(table.rows[1:], entries):
        ids, source, translation, status = (c.text for c in row.cells)
        digest = hashlib.sha1(entry.segment.source.encode("utf-8")).hexdigest()[:10]
        exported = hashlib.sha1(entry.translation.encode("utf-8")).hexdigest()[:6]
        assert ids.split("\n") == [f"{entry.segment.context}|{digest}|{exported}", str(entry.segment.loc)]
        assert source == entry.segment.source
        assert translation == entry.translation
        assert status == entry.state == "translated"
    assert row_with(table, "**458 votes to 18, with 84 abstentions**")[2].text.endswith("Ціханоўскай.[^winner]")
    assert row_with(table, "Hold new elections")[2].text == "Правесці новыя свабодныя і справядлівыя выбары пад міжнародным наглядам."
    defaults = word.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == "be-BY"
    source_lang = table.rows[1].cells[1].paragraphs[0].runs[0]._r.rPr.find(qn("w:lang"))
    assert source_lang.get(qn("w:val")) == "en-GB"
    section = word.sections[0]
    assert section.page_width > section.page_height
    # importing an untouched export changes nothing, not even the file
    before = po(project).read_bytes()
    result = import_docx(config, path)
    assert (result.updated, result.unchanged, result.skipped, result.refused) == (0, 16, 0, 0)
    assert po(project).read_bytes() == before


def test_translations_typed_in_word_are_imported(project: Path) -> None:
    edit_source(project, "Free every political prisoner now", "Free every political prisoner at once")
    assert message(project, "at once").fuzzy
    config, path = export(project)
    word = Document(str(path))
    table = word.tables[0]
    fuzzy = row_with(table, "at once")
    assert fuzzy[3].text == "fuzzy"
    assert fuzzy[3]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFE699"
    fuzzy[2].text = "  Адразу вызваліць усіх палітычных вязняў\nі выплаціць кампенсацыю ўсім ахвярам рэпрэсій. "
    row_with(table, "Why it matters")[2].text = "Чаму гэта мае значэнне"
    type_tracked(row_with(table, "Hold new elections")[2], "Правесці новыя выбары пад міжнародным наглядам.")
    row_with(table, "Five demands")[2].text = ""
    word.save(str(path))

    result = import_docx(config, path)
    assert (result.updated, result.skipped, result.refused, result.unchanged) == (3, 1, 0, 12)
    assert result.diagnostics == []
    changed = message(project, "at once")
    assert changed.string == "Адразу вызваліць усіх палітычных вязняў і выплаціць кампенсацыю ўсім ахвярам рэпрэсій."
    assert not changed.fuzzy and not changed.previous_id
    assert "#| msgid" not in po(project).read_text(encoding="utf-8")
    assert message(project, "Why it matters").string == "Чаму гэта мае значэнне"
    assert message(project, "Hold new elections").string == "Правесці новыя выбары пад міжнародным наглядам."
    assert message(project, "Five demands").string == "Пяць патрабаванняў"  # empty cell: kept
    # the catalog is still one extract would leave alone; only the compendium learns the new translations
    again = run_cli(project, "translate", "extract")
    assert again.stdout.splitlines()[:-1] == ["wrote locales/be/compendium.po"], again.stdout


def test_rows_whose_source_changed_since_export_are_refused(project: Path) -> None:
    config, path = export(project)
    word = Document(str(path))
    table = word.tables[0]
    row_with(table, "Hold new elections")[2].text = "Новы пераклад, зроблены да змены крыніцы."
    row_with(table, "Why it matters")[2].text = "Чаму гэта мае значэнне"
    refused_number = [i for i, row in enumerate(table.rows) if "Hold new elections" in row.cells[1].text][0]
    word.save(str(path))
    edit_source(project, "Hold new elections, free and fair,", "Hold new elections, free and fair and open to all,")
    before = message(project, "open to all")
    assert before.fuzzy

    result = import_docx(config, path)
    assert (result.updated, result.refused) == (1, 1)
    [warning] = result.diagnostics
    assert warning.severity is Severity.WARNING and warning.path == "exchange/ep-vote-handout.be.docx" and warning.line is None
    assert f"row {refused_number} (content/ep-vote-handout.md:34)" in warning.message
    assert "Hold new elections, free and fair, under international supervision." in warning.message
    assert message(project, "Why it matters").string == "Чаму гэта мае значэнне"
    after = message(project, "open to all")
    assert after.fuzzy and after.string == before.string == "Правесці новыя свабодныя і справядлівыя выбары пад міжнародным наглядам."
    assert after.previous_id == ["Hold new elections, free and fair, under international supervision."]


def test_an_old_export_does_not_undo_a_later_fix_in_the_po_file(project: Path) -> None:
    config, path = export(project)
    word = Document(str(path))
    row_with(word.tables[0], "Why it matters")[2].text = "Чаму гэта мае значэнне"
    word.save(str(path))
    catalog = pofile.read(po(project).read_bytes(), "be")  # meanwhile, someone edits in Poedit
    catalog.get("Five demands", context="heading").string = "Пяць патрабаванняў Парламента"
    po(project).write_bytes(pofile.write(catalog))

    result = import_docx(config, path)
    assert (result.updated, result.unchanged) == (1, 15)
    assert message(project, "Five demands").string == "Пяць патрабаванняў Парламента"
    assert message(project, "Why it matters").string == "Чаму гэта мае значэнне"


def test_an_export_is_recognised_after_a_rename_and_lost_properties(project: Path) -> None:
    config, path = export(project)
    word = Document(str(path))
    word.core_properties.identifier = ""  # as after a trip through some editors
    renamed = project / "handout – checked by Anna.docx"
    word.save(str(renamed))
    result = import_docx(config, renamed)
    assert (result.slug, result.lang, result.unchanged) == (HANDOUT, "be", 16)
    # pointed at another document: an error, not 16 warnings
    write_doc(project, "other.md", "---\ntitle: Another briefing\n---\n\nNothing in common.\n")
    assert run_cli(project, "translate", "extract").returncode == 0
    word.paragraphs[1].runs[0].text = word.paragraphs[1].text.replace(HANDOUT, "other")
    word.save(str(renamed))
    with pytest.raises(SamizdatError, match="export of content/ep-vote-handout.md, but locales/be/LC_MESSAGES/other.po translates content/other.md"):
        import_docx(config, renamed)


def test_a_document_that_is_not_an_export_is_rejected(project: Path) -> None:
    config = load_config(project)
    stray = project / "letter.docx"
    word = Document()
    word.add_paragraph("Dear colleagues, please find the translation attached.")
    word.add_table(rows=2, cols=2).rows[0].cells[0].text = "Name"
    word.save(str(stray))
    with pytest.raises(SamizdatError, match=r"^letter\.docx: error: not a samizdat translation export"):
        import_docx(config, stray)
    text = project / "notes.docx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(SamizdatError, match=r"^notes\.docx: error: not a Word document"):
        import_docx(config, text)


def test_export_refuses_the_source_language_and_stale_catalogs(project: Path) -> None:
    config = load_config(project)
    with pytest.raises(SamizdatError, match="source language"):
        export_docx(config, [], "en", project / "exchange")
    path = project / "content" / f"{HANDOUT}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Five demands", "Six demands"), encoding="utf-8")
    doc = load_document(path, config)
    with pytest.raises(SamizdatError, match=r"^content/ep-vote-handout.md:28: error: not in locales/be/.*translate extract"):
        export_docx(config, [doc], "be", project / "exchange")
    assert not (project / "exchange" / f"{HANDOUT}.be.docx").exists()


def test_export_and_import_through_the_command_line(project: Path) -> None:
    from tests.support import run_cli

    exported = run_cli(project, "translate", "export", "--lang", "ru", "content/ep-vote-handout.md")
    assert exported.returncode == 0, exported.stderr
    path = project / "build" / "translations" / "ep-vote-handout.ru.docx"
    assert path.is_file()
    imported = run_cli(project, "translate", "import", str(path))
    assert imported.returncode == 0, imported.stderr
    assert "locales/ru/LC_MESSAGES/ep-vote-handout.po: 0 updated, 16 unchanged, 0 empty, 0 refused" in imported.stdout
