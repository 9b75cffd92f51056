"""Event packs: the sample pack is built once (real PDFs, no mocks), then its manifest is
checked against what pypdf counts, the imposed sheets are read back half by half with
pdftotext (and rendered with pdftoppm to prove blank halves are blank), every PDF passes
qpdf --check, and bad pack files give file:line errors."""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from samizdat.config import load_config
from samizdat.errors import SamizdatError
from samizdat.pack import PackResult, build_pack
from samizdat.pack.impose import copies_per_set, sheets_per_set, sides
from samizdat.pack.spec import load_spec
from tests.support import ROOT, copy_project, write_doc

SPEC = "events/strasbourg-2026-11.yaml"
A4 = (595.276, 841.890)
BLEED = 3 * 72 / 25.4


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> PackResult:
    """The sample event pack, built once for the module."""
    project = copy_project(tmp_path_factory.mktemp("pack"))
    return build_pack(load_config(project), project / SPEC)


@pytest.fixture(scope="module")
def rows(pack: PackResult) -> list[dict[str, str]]:
    with pack.manifest_csv.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def runs(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in rows if row["document"] != "TOTAL"]


def sample_items() -> list[dict]:
    return yaml.safe_load((ROOT / SPEC).read_text(encoding="utf-8"))["items"]


def form(row: dict[str, str]) -> str:
    return f"{row['paper']}-bleed" if row["imposition"] == "none" else row["paper"]


def source_pdf(pack: PackResult, row: dict[str, str]) -> Path:
    return pack.folder / "pages" / form(row) / row["language"] / f"{row['document']}.pdf"


def squashed_text(pdf: Path, page: int, crop: tuple[float, float, float, float] | None = None) -> str:
    """Text of one page (or of a rectangle of it, in points from the top left), squashed."""
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
    if crop:
        args += ["-x", str(round(crop[0])), "-y", str(round(crop[1])), "-W", str(round(crop[2])), "-H", str(round(crop[3]))]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[\s\-\u2010\u00ad]", "", out.casefold())


def is_white(pdf: Path, page: int, tmp_path: Path, crop: tuple[float, float, float, float] | None = None) -> bool:
    """Rendered at 20 dpi, is the page (or the rectangle, in points) pure white?"""
    dpi = 20
    args = ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(page), "-l", str(page)]
    if crop:
        px = [round(v * dpi / 72) for v in crop]
        args += ["-x", str(px[0]), "-y", str(px[1]), "-W", str(px[2]), "-H", str(px[3])]
    root = tmp_path / f"white-{pdf.stem}-{page}-{crop and round(crop[0])}"
    subprocess.run([*args, str(pdf), str(root)], check=True, capture_output=True)
    data = root.with_suffix(".pgm").read_bytes()
    header = data.split(b"\n", 3)  # P5, "w h", maxval, pixels
    return header[0] == b"P5" and min(header[3]) == 255


def halves(pdf: Path, page: int) -> list[tuple[float, float, float, float]]:
    box = PdfReader(pdf).pages[page - 1].mediabox
    width, height = float(box.width), float(box.height)
    return [(0, 0, width / 2, height), (width / 2, 0, width / 2, height)]


# --- layout rules, no PDFs ------------------------------------------------------------------

def test_booklet_sides_follow_saddle_stitch_order() -> None:
    # 5 pages → padded to 8: outer sheet front [8, 1], back [2, 7]; inner front [6, 3], back [4, 5]
    assert sides(5, "booklet") == [(None, 0), (1, None), (None, 2), (3, 4)]
    assert sides(8, "booklet") == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert sides(1, "booklet") == [(None, 0), (None, None)]
    assert [sheets_per_set(n, "booklet") for n in (1, 4, 5, 8, 9)] == [1, 1, 2, 2, 3]


def test_2up_and_none_sides() -> None:
    assert sides(3, "2-up") == [(0, 0), (1, 1), (2, 2), (None, None)]
    assert sides(3, "none") == [(0,), (1,), (2,), (None,)]
    assert [sheets_per_set(n, "none") for n in (1, 2, 3)] == [1, 1, 2]
    assert [sheets_per_set(n, "2-up") for n in (1, 2, 3)] == [1, 1, 2]
    assert (copies_per_set("2-up"), copies_per_set("none"), copies_per_set("booklet")) == (2, 1, 1)


# --- the sample pack -------------------------------------------------------------------------

def test_pack_writes_print_files_cover_and_manifest(pack: PackResult) -> None:
    names = {path.name for path in pack.written}
    assert names == {"A4-none.pdf", "A4-2up.pdf", "A4-booklet.pdf", "cover.pdf", "manifest.csv", "manifest.pdf"}
    assert all(path.is_file() and path.parent == pack.folder for path in pack.written)
    assert pack.folder.name == "strasbourg-2026-11" and pack.folder.parent.name == "packs"
    assert [f.name for f in pack.files] == ["A4-none.pdf", "A4-2up.pdf", "A4-booklet.pdf"]  # pack order
    assert len(PdfReader(pack.cover).pages) == 1
    assert len(PdfReader(pack.manifest_pdf).pages) == 1
    assert pack.warnings == []


def test_manifest_rows_follow_the_pack_file(rows: list[dict[str, str]]) -> None:
    expected = [(item["document"], item["paper"], item["imposition"], lang, count)
                for item in sample_items() for lang, count in item["copies"].items()]
    got = [(r["document"], r["paper"], r["imposition"], r["language"], int(r["copies"])) for r in runs(rows)]
    assert got == expected


def test_manifest_pages_and_titles_match_the_built_pdfs(pack: PackResult, rows: list[dict[str, str]]) -> None:
    for row in runs(rows):
        reader = PdfReader(source_pdf(pack, row))
        assert int(row["pages"]) == len(reader.pages), row
        assert row["title"] == reader.metadata.title, row
    titles = {r["language"]: r["title"] for r in runs(rows) if r["document"] == "ep-vote-handout"}
    assert titles["en"] == "Europe stands with the people of Belarus"
    assert titles["be"] != titles["en"] and titles["ru"] != titles["en"]


def test_manifest_sheets_follow_the_counting_rules(rows: list[dict[str, str]]) -> None:
    for row in runs(rows):
        pages, per_set, copies = int(row["pages"]), int(row["sheets_per_set"]), int(row["copies"])
        expected = {"none": math.ceil(pages / 2), "2-up": math.ceil(pages / 2), "booklet": math.ceil(pages / 4)}
        assert per_set == expected[row["imposition"]], row
        per_copy = 2 if row["imposition"] == "2-up" else 1
        assert int(row["copies_per_set"]) == per_copy
        assert float(row["sheets_per_copy"]) == per_set / per_copy
        assert int(row["sets"]) == math.ceil(copies / per_copy)
        assert int(row["total_sheets"]) == per_set * math.ceil(copies / per_copy)


def test_manifest_sheets_add_up_to_the_print_files(pack: PackResult, rows: list[dict[str, str]]) -> None:
    for file in pack.files:
        mine = [r for r in runs(rows) if r["file"] == file.name]
        pdf_pages = len(PdfReader(file.path).pages)
        assert pdf_pages % 2 == 0  # duplex: whole sheets
        assert sum(int(r["sheets_per_set"]) for r in mine) == pdf_pages // 2
        # page ranges are contiguous, each a whole number of sheets, starting on a sheet's front
        next_page = 1
        for r in mine:
            first, last = map(int, r["file_pages"].split("-"))
            assert first == next_page and first % 2 == 1
            assert last - first + 1 == 2 * int(r["sheets_per_set"])
            next_page = last + 1
        assert next_page == pdf_pages + 1


def test_manifest_totals(pack: PackResult, rows: list[dict[str, str]]) -> None:
    totals = {(r["language"], r["sheet"]): int(r["total_sheets"]) for r in rows if r["document"] == "TOTAL"}
    for lang in ("en", "be", "ru"):
        assert totals[lang, "A4"] == sum(int(r["total_sheets"]) for r in runs(rows) if r["language"] == lang)
    assert totals["all", "A4"] == sum(int(r["total_sheets"]) for r in runs(rows))
    assert pack.totals["all"] == {"A4": totals["all", "A4"]}


def test_booklet_sheets_are_in_saddle_stitch_order(pack: PackResult, rows: list[dict[str, str]], tmp_path: Path) -> None:
    booklet = pack.folder / "A4-booklet.pdf"
    for row in runs(rows):
        if row["imposition"] != "booklet":
            continue
        source, pages = source_pdf(pack, row), int(row["pages"])
        first = int(row["file_pages"].split("-")[0])
        padded = math.ceil(pages / 4) * 4
        expected: list[tuple[int, int]] = []  # 1-based document pages per side, left and right
        for sheet in range(padded // 4):
            expected += [(padded - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, padded - 1 - 2 * sheet)]
        assert expected[0] == (padded, 1) and expected[1] == (2, padded - 1)  # outer sheet: [last, first], [second, second-last]
        for offset, slots in enumerate(expected):
            side = first + offset
            for crop, number in zip(halves(booklet, side), slots):
                if number <= pages:
                    assert squashed_text(booklet, side, crop) == squashed_text(source, number), (row["language"], side, number)
                else:
                    assert squashed_text(booklet, side, crop) == ""
                    assert is_white(booklet, side, tmp_path, crop), f"padding on side {side} is not blank"
    # the sample briefing has 5 or 6 pages, so blank pages really are added
    assert any(int(r["pages"]) % 4 for r in runs(rows) if r["imposition"] == "booklet")


def test_2up_sheets_hold_each_page_twice_in_order(pack: PackResult, rows: list[dict[str, str]], tmp_path: Path) -> None:
    two_up = pack.folder / "A4-2up.pdf"
    for row in runs(rows):
        if row["imposition"] != "2-up":
            continue
        source, pages = source_pdf(pack, row), int(row["pages"])
        first, last = map(int, row["file_pages"].split("-"))
        for number, side in enumerate(range(first, last + 1), 1):
            left, right = (squashed_text(two_up, side, crop) for crop in halves(two_up, side))
            if number <= pages:
                assert left == right == squashed_text(source, number) != ""
            else:
                assert left == right == "" and is_white(two_up, side, tmp_path)


def test_imposed_sheets_are_landscape_twice_the_page(pack: PackResult) -> None:
    for name in ("A4-2up.pdf", "A4-booklet.pdf"):
        for page in PdfReader(pack.folder / name).pages:
            assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (841.9, 595.3)
            assert not page.get("/Annots")


def test_print_ready_pages_keep_bleed_and_trim_and_start_on_a_new_sheet(pack: PackResult, rows: list[dict[str, str]],
                                                                         tmp_path: Path) -> None:
    none = pack.folder / "A4-none.pdf"
    reader = PdfReader(none)
    for page in reader.pages:  # padding pages too: the shop's RIP sees one page size
        trim, bleed = page.trimbox, page.bleedbox
        assert (round(float(trim.width), 1), round(float(trim.height), 1)) == (round(A4[0], 1), round(A4[1], 1))
        assert round(float(bleed.width) - float(trim.width), 1) == round(2 * BLEED, 1)
    for row in runs(rows):
        if row["imposition"] != "none":
            continue
        source, pages = source_pdf(pack, row), int(row["pages"])
        first, last = map(int, row["file_pages"].split("-"))
        for number, page in enumerate(range(first, last + 1), 1):
            if number <= pages:
                assert squashed_text(none, page) == squashed_text(source, number)
            else:
                assert squashed_text(none, page) == "" and is_white(none, page, tmp_path)
                assert "/Contents" not in reader.pages[page - 1]


def test_cover_and_manifest_say_what_to_print(pack: PackResult) -> None:
    cover = squashed_text(pack.cover, 1)
    for phrase in ("Side event at the European Parliament, Strasbourg", "26 November 2026", "A4-none.pdf",
                   "A4-2up.pdf", "A4-booklet.pdf", "A5 booklet on A4", "Belarusian", "Generated by samizdat"):
        assert re.sub(r"[\s\-]", "", phrase.casefold()) in cover, phrase
    total = pack.totals["all"]["A4"]
    assert f"{total:,}a4" in cover
    manifest = squashed_text(pack.manifest_pdf, 1)
    assert "еўрапейскіпарламентасудзіўрэпрэсііўбеларусі" in manifest  # titles in each language
    assert "starts on a new sheet" in PdfReader(pack.manifest_pdf).pages[0].extract_text().replace("\n", " ")


def test_every_pack_pdf_passes_qpdf_check(pack: PackResult) -> None:
    if shutil.which("qpdf") is None:
        if os.environ.get("CI"):
            pytest.fail("qpdf is required in CI")
        pytest.skip("qpdf is not installed")
    pdfs = sorted(pack.folder.glob("*.pdf"))
    assert len(pdfs) == 5
    for pdf in pdfs:
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, f"{pdf.name}: {check.stdout}{check.stderr}"


# --- errors ------------------------------------------------------------------------------------

GOOD_ITEM = "  - document: ep-vote-handout\n    paper: A4\n    imposition: none\n    copies: {en: 200, be: 80}\n"


def write_spec(project: Path, text: str, name: str = "bad.yaml") -> Path:
    path = project / "events" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(project: Path, path: Path) -> list[str]:
    with pytest.raises(SamizdatError) as caught:
        load_spec(path, load_config(project))
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("name: X\ndate: 2026-11-26\nitems:\n  - document: [oops\n", 5, "invalid YAML"),
    ("name: X\ndate: 2026-11-26\nitems:\n  - document: ep-vote-handot\n    copies: {en: 1}\n", 4,
     "unknown document 'ep-vote-handot' (did you mean 'ep-vote-handout'?)"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM.replace("be: 80", "de: 80"), 7, "unknown language 'de'"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM.replace("be: 80", "be: eighty"), 7,
     "copies for 'be' must be a whole number"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM.replace("be: 80", "be: 8.5"), 7,
     "copies for 'be' must be a whole number, not a number (8.5)"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM.replace("paper: A4", "paper: A3"), 5,
     "unknown paper 'A3'; use A4, A5 or Letter"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM.replace("imposition: none", "imposition: 2up"), 6,
     "unknown imposition '2up' (did you mean '2-up'?)"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM + "    colour: red\n", 8,
     "unknown key 'colour' in item 1"),
    ("name: X\ndate: 2026-11-26\nvenu: Strasbourg\nitems:\n" + GOOD_ITEM, 3,
     "unknown key 'venu' in the pack file (did you mean 'venue'?)"),
    ("name: X\ndate: 2026-13-01\nitems:\n" + GOOD_ITEM, 2, "bad date '2026-13-01'"),
    ("name: X\nitems:\n" + GOOD_ITEM, 1, "missing 'date'"),
    ("name: X\ndate: 2026-11-26\nitems:\n" + GOOD_ITEM + GOOD_ITEM, 8, "already item 1"),
])
def test_bad_pack_files_give_file_line_errors(project: Path, text: str, line: int, fragment: str) -> None:
    path = write_spec(project, text)
    messages = errors_of(project, path)
    assert any(m.startswith(f"events/bad.yaml:{line}: error: ") and fragment in m for m in messages), messages


def test_every_problem_is_reported_at_once(project: Path) -> None:
    text = ("name: X\ndate: 2026-11-26\nitems:\n  - document: nope\n    copies: {xx: 1}\n"
            "  - document: ep-vote-handout\n    paper: B5\n    copies: {en: 0}\n")
    messages = errors_of(project, write_spec(project, text))
    assert [m.split(": error:")[0] for m in messages] == ["events/bad.yaml:4", "events/bad.yaml:5",
                                                          "events/bad.yaml:7", "events/bad.yaml:8"]


def test_unknown_document_fails_the_build_before_anything_is_written(project: Path) -> None:
    path = write_spec(project, "name: X\ndate: 2026-11-26\nitems:\n  - document: ep-vote\n    copies: {en: 1}\n")
    with pytest.raises(SamizdatError) as caught:
        build_pack(load_config(project), path)
    assert str(caught.value).startswith("events/bad.yaml:4: error: unknown document 'ep-vote'")
    assert not (project / "build" / "packs").exists()


def test_a_language_held_back_by_policy_is_an_error_at_its_copies(project: Path) -> None:
    write_doc(project, "untranslated.md", "---\ntitle: Not yet translated\ntemplate: handout\n---\n\nOnly in English.\n")
    path = write_spec(project, "name: X\ndate: 2026-11-26\nitems:\n  - document: untranslated\n"
                               "    copies:\n      en: 10\n      be: 5\n")
    with pytest.raises(SamizdatError) as caught:
        build_pack(load_config(project), path)
    messages = [str(d) for d in caught.value.diagnostics]
    assert any(m.startswith("events/bad.yaml:7: error: untranslated cannot be printed in 'be'") for m in messages), messages


def test_print_files_the_pack_no_longer_makes_are_removed(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    item = "  - document: ep-vote-handout\n    paper: A5\n    imposition: {imposition}\n    copies: {{en: 3}}\n"
    path = write_spec(project, "name: X\ndate: 2026-11-26\nitems:\n" + item.format(imposition="2-up"), "mini.yaml")
    first = build_pack(config, path, tmp_path / "out")
    assert (first.folder / "A4-2up.pdf").is_file()
    assert [r.sets for r in first.rows] == [2]  # 3 copies 2-up: 2 sets, one spare copy
    write_spec(project, "name: X\ndate: 2026-11-26\nitems:\n" + item.format(imposition="none"), "mini.yaml")
    second = build_pack(config, path, tmp_path / "out")
    assert sorted(p.name for p in second.folder.glob("*.pdf")) == ["A5-none.pdf", "cover.pdf", "manifest.pdf"]
