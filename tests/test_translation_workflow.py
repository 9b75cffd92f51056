"""Never publish a stale or wrong translation unknowingly: update → fuzzy → status --check
fails → the build shows the new source (marked), and translate check / build --strict
catch lost links, changed numbers and forbidden names."""

from __future__ import annotations

from pathlib import Path

import pytest

from samizdat.localize import pofile
from tests.support import pdf_text, run_cli

HANDOUT = "content/ep-vote-handout.md"
OLD = "Hold new elections, free and fair, under international supervision."
NEW = "Hold new elections, free and fair, under international observation."


def po(project: Path, lang: str) -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / "ep-vote-handout.po"


def edit_po(project: Path, lang: str, msgid_start: str, change) -> None:
    path = po(project, lang)
    catalog = pofile.read(path.read_bytes(), lang)
    (message,) = [m for m in catalog if m.id and str(m.id).startswith(msgid_start)]
    message.string = change(message.string)
    path.write_bytes(pofile.write(catalog))


def test_edited_source_paragraph_goes_fuzzy_and_is_never_shown_stale(project: Path) -> None:
    old_be = {str(m.id): m.string for m in pofile.read(po(project, "be").read_bytes(), "be") if m.id}[OLD]
    handout = project / HANDOUT
    handout.write_text(handout.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    assert run_cli(project, "translate", "update").returncode == 0

    for lang in ("be", "ru"):
        catalog = pofile.read(po(project, lang).read_bytes(), lang)
        fuzzy = [m for m in catalog if m.id and m.fuzzy]
        assert [m.id for m in fuzzy] == [NEW], lang
        assert fuzzy[0].previous_id == [OLD]

    status = run_cli(project, "translate", "status", "--check")
    assert status.returncode == 1
    assert "locales/be/LC_MESSAGES/ep-vote-handout.po: error: 1 fuzzy" in status.stderr

    build = run_cli(project, "build", "--format", "pdf", "--lang", "be", HANDOUT)
    assert build.returncode == 0, build.stderr
    assert "fuzzy translation" in build.stderr and "be/ep-vote-handout: 1 segments shown in the source language" in build.stderr
    text = pdf_text(project / "build" / "be" / "ep-vote-handout.pdf")
    assert "under international observation" in text
    assert old_be not in text

    strict = run_cli(project, "build", "--strict", "--format", "pdf", "--lang", "be", HANDOUT)
    assert strict.returncode == 1
    assert "not built in 'be' (--strict): 1 segments would fall back" in strict.stderr


@pytest.mark.parametrize(
    "msgid_start, change, expected",
    [
        ("The European Parliament adopted", lambda s: s.replace("Беларуси", "Белоруссии", 1), "glossary: 'Белоруссии' is not used; write 'Беларусь'"),
        ("Read the resolution", lambda s: s.replace("](https://tsikhanouskaya.org/)", "]").replace("[tsikhanouskaya.org", "tsikhanouskaya.org"), "markup: the translation lost the link to https://tsikhanouskaya.org/"),
        ("The European Parliament adopted", lambda s: s.replace("458", "548"), "numbers: 458 is in the source but not in the translation"),
        ("The European Parliament adopted", lambda s: s.replace("[^winner]", ""), "markup: the translation lost the footnote [^winner]"),
        ("The European Parliament adopted", lambda s: s.replace("Тихановской", "Тихоновской"), "glossary: 'Tsikhanouskaya' should be rendered as 'Тихановск…'"),
    ],
)
def test_check_reports_file_line_and_reason_and_strict_refuses(project: Path, msgid_start: str, change, expected: str) -> None:
    edit_po(project, "ru", msgid_start, change)
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 1
    (line,) = [l for l in check.stderr.splitlines() if expected in l]
    assert line.startswith("locales/ru/LC_MESSAGES/ep-vote-handout.po:")
    assert int(line.split(":")[1]) > 0
    assert "(content/ep-vote-handout.md:" in line

    strict = run_cli(project, "build", "--strict", "--format", "pdf", HANDOUT)
    assert strict.returncode == 1
    assert not (project / "build" / "ru" / "ep-vote-handout.pdf").exists()
    assert (project / "build" / "be" / "ep-vote-handout.pdf").exists(), "other languages still build"


def test_placeholders_and_plural_forms_of_interface_strings(project: Path) -> None:
    path = project / "locales" / "be" / "LC_MESSAGES" / "templates.po"
    catalog = pofile.read(path.read_bytes(), "be")
    catalog.get("Page %(page)s of %(pages)s", context="page footer").string = "Старонка %(page)s"
    path.write_bytes(pofile.write(catalog))
    check = run_cli(project, "translate", "check", "--lang", "be")
    assert check.returncode == 1
    assert "placeholders: translation of 'Page %(page)s of %(pages)s' lacks %(pages)s" in check.stderr

    catalog.get("Page %(page)s of %(pages)s", context="page footer").string = "Старонка %(page)s з %(pages)s"
    vote = catalog.get(("%(num)s vote", "%(num)s votes"), context="vote chart, count")
    vote.string = (*vote.string[:2], "")
    path.write_bytes(pofile.write(catalog))
    check = run_cli(project, "translate", "check", "--lang", "be")
    assert check.returncode == 1
    assert "plural forms: form 2 of '%(num)s vote' is empty; be needs 3 forms" in check.stderr

    # a hand-edited file with too few forms is refused, as msgfmt --check refuses it, on the msgstr[0] line
    text = path.read_text(encoding="utf-8").replace('msgstr[2] ""\n', "")
    path.write_text(text, encoding="utf-8")
    check = run_cli(project, "translate", "check", "--lang", "be")
    assert check.returncode == 1
    line = text.split("\n").index('msgstr[0] "%(num)s голас"') + 1
    assert f"templates.po:{line}: error: plural forms: form 2 of '%(num)s vote' is missing; the header's Plural-Forms says nplurals=3" in check.stderr

    # and one with too many is an error of the file itself
    text = path.read_text(encoding="utf-8").replace('msgstr[1] "%(num)s галасы"\n', 'msgstr[1] "%(num)s галасы"\nmsgstr[2] "x"\nmsgstr[3] "y"\n')
    path.write_text(text, encoding="utf-8")
    check = run_cli(project, "translate", "check", "--lang", "be")
    assert check.returncode == 1
    assert f"templates.po:{line}: error: invalid PO file: more plural forms than 'be' has (Plural-Forms: nplurals=3)" in check.stderr


def test_below_threshold_language_is_held_back(project: Path) -> None:
    path = po(project, "ru")
    catalog = pofile.read(path.read_bytes(), "ru")
    for message in list(catalog)[1:6]:
        message.string = ""
    path.write_bytes(pofile.write(catalog))
    result = run_cli(project, "build", "--format", "pdf", HANDOUT)
    assert result.returncode == 0, result.stderr
    assert "content/ep-vote-handout.md not built in 'ru': 69% translated, below min_translated 90%" in result.stderr  # 11 of 16
    assert not (project / "build" / "ru" / "ep-vote-handout.pdf").exists()
    assert (project / "build" / "be" / "ep-vote-handout.pdf").exists()
    status = run_cli(project, "translate", "status", "--check", "--lang", "ru")
    assert status.returncode == 1 and "below min_translated 90%" in status.stderr
