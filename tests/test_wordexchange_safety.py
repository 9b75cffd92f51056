"""``translate import`` treats a DOCX as untrusted: translations arrive from volunteers by
e-mail. A file cannot choose which catalog it writes, cannot undo a fix made in the PO
file, cannot slip a translation into another message, and cannot exhaust the machine.

The malformed files that only need an exit code and a message are in tests/bad_input/
(cli-import-*); these are the cases that need more than the folder format says.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table

from samizdat.localize import pofile
from tests.hostile_docx import (
    DOCUMENT,
    GIB,
    HANDOUT,
    edit_table,
    export,
    parts,
    replace_part,
    row_number,
    row_with,
    set_identifier,
    zip_bomb,
)
from tests.support import SAMIZDAT, copy_project, run_cli

EXPORT = f"build/translations/{HANDOUT}.be.docx"
CONFLICTS = f"build/translations/{HANDOUT}.be.conflicts.txt"
FIXED_IN_PO = "Пяць патрабаванняў Парламента"
TYPED_IN_WORD = "Пяць галоўных патрабаванняў"


def po(project: Path, lang: str = "be") -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{HANDOUT}.po"


def translation(project: Path, source_start: str, lang: str = "be") -> str:
    (message,) = [m for m in pofile.read(po(project, lang).read_bytes(), lang) if m.id and str(m.id).startswith(source_start)]
    return str(message.string)


def set_translation(project: Path, source_start: str, text: str) -> None:
    catalog = pofile.read(po(project).read_bytes(), "be")
    (message,) = [m for m in catalog if m.id and str(m.id).startswith(source_start)]
    message.string = text
    po(project).write_bytes(pofile.write(catalog))


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the file names its document: only the project's own documents count --------------


@pytest.fixture
def beside(tmp_path: Path) -> tuple[Path, Path]:
    """A project and, beside it, a folder holding a PO-shaped file a hostile name could reach."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copyfile(po(project), outside / "victim.po")  # same messages: it would pass every content check
    return project, outside


@pytest.mark.parametrize("name", [
    "../../ru/LC_MESSAGES/ep-vote-handout",  # the Russian catalog, from a "Belarusian" table
    "../../../../outside/victim",  # out of the project
    "{outside}/victim",  # an absolute path
    "templates",  # the interface catalog is not a document
])
def test_the_document_name_in_the_file_cannot_choose_the_catalog(beside: tuple[Path, Path], name: str) -> None:
    project, outside = beside
    path = export(project)
    edit_table(path, lambda table: setattr(row_with(table, "Why it matters")[2], "text", "Чаму гэта мае значэнне"))
    name = name.format(outside=outside)
    set_identifier(path, f"samizdat-translation:{name}:be")
    before, before_outside = snapshot(project / "locales"), snapshot(outside)

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{EXPORT}: error: the file names the document '{name}', which is not a document of this project" in result.stderr
    assert "updated" not in result.stdout
    assert snapshot(project / "locales") == before
    assert snapshot(outside) == before_outside


# --- a fix in the PO file and an edit in Word of the same row -----------------------------


def test_a_row_changed_in_both_the_po_file_and_word_is_a_conflict_and_nothing_is_lost(project: Path) -> None:
    assert run_cli(project, "translate", "export", "--lang", "be").returncode == 0
    set_translation(project, "Five demands", FIXED_IN_PO)  # meanwhile, in Poedit

    def translate(table: Table) -> None:
        row_with(table, "Five demands")[2].text = TYPED_IN_WORD
        row_with(table, "Why it matters")[2].text = "Чаму гэта мае значэнне"

    edit_table(project / EXPORT, translate)
    number = row_number(Document(str(project / EXPORT)).tables[0], "Five demands")

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1, result.stderr
    assert f"locales/be/LC_MESSAGES/{HANDOUT}.po: 1 updated, 14 unchanged, 0 empty, 0 refused, 1 conflict" in result.stdout
    assert f"1 conflict added to {CONFLICTS}" in result.stdout
    warning = next(line for line in result.stderr.splitlines() if f"row {number} " in line)
    assert warning.startswith(f"{EXPORT}: warning: row {number} (content/{HANDOUT}.md:")
    assert f"PO file now: '{FIXED_IN_PO}'" in warning and f"Word: '{TYPED_IN_WORD}'" in warning
    assert translation(project, "Five demands") == FIXED_IN_PO  # the PO fix stays
    assert translation(project, "Why it matters") == "Чаму гэта мае значэнне"  # the rest is imported
    conflicts = (project / CONFLICTS).read_text(encoding="utf-8")
    assert f"row {number} · content/{HANDOUT}.md:" in conflicts
    assert "source:   Five demands\n" in conflicts
    assert f"PO file:  {FIXED_IN_PO}\n" in conflicts
    assert f"Word:     {TYPED_IN_WORD}\n" in conflicts

    # a second import (another volunteer's copy) adds its conflicts: the first ones stay
    assert run_cli(project, "translate", "import", EXPORT).returncode == 1
    assert (project / CONFLICTS).read_text(encoding="utf-8").startswith(conflicts)
    assert (project / CONFLICTS).read_text(encoding="utf-8").count(f"Word:     {TYPED_IN_WORD}\n") == 2

    # the editor settles it in the PO file: importing the same file again finds nothing to do
    set_translation(project, "Five demands", TYPED_IN_WORD)
    (project / CONFLICTS).unlink()
    again = run_cli(project, "translate", "import", EXPORT)
    assert again.returncode == 0, again.stderr
    assert "0 updated, 16 unchanged, 0 empty, 0 refused, 0 conflicts" in again.stdout
    assert not (project / CONFLICTS).exists()


# --- rows must be what they claim to be -----------------------------------------------------


def test_an_id_copied_from_another_row_is_refused(project: Path) -> None:
    path = export(project)
    word = Document(str(path))
    table = word.tables[0]
    donor, victim = row_with(table, "Five demands"), row_with(table, "Why it matters")
    victim[0].paragraphs[0].runs[0].text = donor[0].paragraphs[0].text  # the ID line, the location kept
    victim[2].text = "Чаму гэта мае значэнне"
    word.save(str(path))
    number = row_number(table, "Why it matters")
    before = po(project).read_bytes()

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    assert f"{EXPORT}: warning: row {number} (content/{HANDOUT}.md:" in result.stderr
    assert "the Source cell is not the source this ID stands for" in result.stderr
    assert "0 updated, 15 unchanged, 0 empty, 1 refused" in result.stdout
    assert po(project).read_bytes() == before


def test_two_rows_with_one_id_are_both_refused(project: Path) -> None:
    path = export(project)
    word = Document(str(path))
    table = word.tables[0]
    original = row_with(table, "Five demands")
    original[2].text = "Пяць патрабаванняў (1)"
    copy = Document(str(path)).tables[0]  # a second tree to take an independent row from
    pasted = row_with(copy, "Five demands")[0]._tc.getparent()
    original[0]._tc.getparent().addnext(pasted)
    table.rows[row_number(table, "Five demands") + 1].cells[2].text = "Пяць патрабаванняў (2)"
    word.save(str(path))
    first = row_number(table, "Five demands")
    before = po(project).read_bytes()

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    assert f"row {first} (content/{HANDOUT}.md:" in result.stderr and f"the same ID as row {first + 1}" in result.stderr
    assert f"row {first + 1} (content/{HANDOUT}.md:" in result.stderr and f"the same ID as row {first}" in result.stderr
    assert "0 updated, 15 unchanged, 0 empty, 2 refused" in result.stdout
    assert po(project).read_bytes() == before


# --- exhaustion: refused before anything is inflated --------------------------------------


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    cpu: float  # seconds, user and system: what the run cost, whatever else the machine does
    wall: float


# Linux counts the memory of the process a child was spawned from in the child's ru_maxrss
# (exec records the old address space's peak: pytest's, hundreds of MB late in a session).
# A small launcher process spawns the import and reads the import's own figures with wait4.
LAUNCHER = """
import os, sys, time
start = time.monotonic()
pid = os.posix_spawn(sys.executable, [sys.executable, *sys.argv[2:]], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime} {time.monotonic() - start}")
"""


def import_measured(project: Path, tmp_path: Path) -> Measured:
    """Run ``translate import`` in a child process; its peak memory (RSS) and time."""
    figures = tmp_path / "figures"
    command = [*SAMIZDAT, "-C", str(project), "translate", "import", EXPORT]
    run = subprocess.run([sys.executable, "-c", LAUNCHER, str(figures), *command[1:]], cwd=project,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0 and figures.is_file(), run.stderr
    code, maxrss, cpu, wall = figures.read_text().split()
    return Measured(int(code), run.stdout, run.stderr, int(maxrss) / 1024, float(cpu), float(wall))  # Linux: KiB


@pytest.mark.parametrize("declared, message", [
    (GIB, "word/document.xml would inflate to 1.0 GB"),
    (40_000, "the archive is damaged"),  # zipfile stops at the declared size: the CRC fails
], ids=["honest-headers", "headers-lie"])
def test_a_zip_bomb_is_refused_quickly_in_little_memory(project: Path, tmp_path: Path, declared: int, message: str) -> None:
    """1 MB that inflates to 1 GiB (it took 2.1 GB and ended in an internal error)."""
    path = export(project)
    zip_bomb(path, inflated=GIB, declared=declared)
    assert path.stat().st_size < 2_000_000

    run = import_measured(project, tmp_path)

    assert run.returncode == 1, run.stderr
    assert f"{EXPORT}: error: " in run.stderr and message in run.stderr, run.stderr
    assert run.peak_mb < 200, f"peak memory {run.peak_mb:.0f} MB"
    assert run.cpu < 2, f"{run.cpu:.2f} s of CPU ({run.wall:.2f} s wall)"
    assert not list(project.rglob("*.part"))


def test_a_cell_spanning_millions_of_columns_costs_nothing(project: Path, tmp_path: Path) -> None:
    """python-docx's ``row.cells`` repeats a cell once per grid column it spans: a span of
    200 million took 1.8 GB and 25 s, and shifted the columns so that the ID cell's text
    was imported as a translation. Import reads the cells a row holds, spans ignored."""
    path = export(project)
    xml = parts(path)[DOCUMENT]
    first_cell = xml.index(b"<w:tcPr>", xml.index(b"</w:tr>"))  # row 1's ID cell
    replace_part(path, DOCUMENT, xml[:first_cell] + b'<w:tcPr><w:gridSpan w:val="200000000"/>' + xml[first_cell + 8:])
    before = snapshot(project / "locales")

    run = import_measured(project, tmp_path)

    assert run.returncode == 0, run.stderr
    assert "0 updated, 16 unchanged, 0 empty, 0 refused, 0 conflicts" in run.stdout
    assert snapshot(project / "locales") == before
    assert run.peak_mb < 200, f"peak memory {run.peak_mb:.0f} MB"


def test_core_properties_that_lead_back_to_the_document_are_ignored(project: Path) -> None:
    """python-docx's ``core_properties`` recursed forever (exit 70) when the package's
    core-properties relationship named the document part; the info line names the document."""
    path = export(project)
    rels = parts(path)["_rels/.rels"]
    replace_part(path, "_rels/.rels", rels.replace(b'Target="docProps/core.xml"', b'Target="word/document.xml"'))

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 0, result.stderr
    assert f"locales/be/LC_MESSAGES/{HANDOUT}.po: 0 updated, 16 unchanged" in result.stdout
