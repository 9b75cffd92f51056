"""Publishing policy at team scale: nothing goes out in a language without an explicit
policy; a translation that changes a number or loses a link is held back in every build
unless a waiver accepts that one difference; review marks, counted by status and required
by ``min_reviewed``, that no editor can carry over to a changed text.

(Bad-input cases of the same rules: tests/bad_input/policy-*, check-unknown-waiver,
check-number-changed-build.)
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from samizdat.localize import pofile
from tests.support import SAMPLE_LANGUAGES, pdf_text, run_cli

HANDOUT = "content/ep-vote-handout.md"
FOOTNOTE = "The resolution cites abundant evidence"
LINKS = "Read the resolution"


def po(project: Path, lang: str, slug: str = "ep-vote-handout") -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"


def edit_po(project: Path, lang: str, msgid_start: str, change=None, comment: str | None = None) -> int:
    """Change one entry's translation and/or add a translator comment; gives its msgid line."""
    path = po(project, lang)
    catalog = pofile.read(path.read_bytes(), lang)
    (message,) = [m for m in catalog if m.id and str(m.id).startswith(msgid_start)]
    if change:
        message.string = change(message.string)
    if comment:
        message.user_comments.append(comment)
    path.write_bytes(pofile.write(catalog))
    (again,) = [m for m in pofile.read(path.read_bytes(), lang) if m.id and str(m.id).startswith(msgid_start)]
    return again.lineno


def set_toml(project: Path, old: str, new: str) -> None:
    path = project / "samizdat.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_czech(project: Path, policy: str = "") -> None:
    """A language the sample neither translates nor describes in samizdat.toml."""
    set_toml(project, SAMPLE_LANGUAGES, SAMPLE_LANGUAGES.replace("]", ', "cs"]'))
    if policy:
        path = project / "samizdat.toml"
        path.write_text(path.read_text(encoding="utf-8") + f"\n[languages.cs]\n{policy}\n", encoding="utf-8")


# --- safe defaults ------------------------------------------------------------------------


def test_a_language_without_policy_is_never_written(project: Path) -> None:
    add_czech(project)
    asked = run_cli(project, "build", "--format", "pdf", "--lang", "cs", HANDOUT)
    assert asked.returncode == 1, asked.stderr
    assert ("samizdat.toml:6: error: 'cs' has no publishing policy, so nothing is built in it: "
            "add [languages.cs] with min_translated") in asked.stderr
    assert not (project / "build" / "cs").exists()

    everything = run_cli(project, "build", "--format", "pdf", HANDOUT)
    assert everything.returncode == 1, "a configured language that cannot be published is an error"
    assert "'cs' has no publishing policy" in everything.stderr
    assert all((project / "build" / lang / "ep-vote-handout.pdf").is_file() for lang in ("en", "be", "ru"))
    assert not (project / "build" / "cs").exists()
    summary = everything.stderr[everything.stderr.index("held back"):]
    assert summary.startswith("held back: cs/ep-vote-handout (no publishing policy)")

    status = run_cli(project, "translate", "status", "--check", "--lang", "cs")
    assert status.returncode == 1 and "'cs' has no publishing policy" in status.stderr


def test_an_explicit_policy_accepts_the_fallback_it_names(project: Path) -> None:
    add_czech(project, 'locale = "cs_CZ"\nmin_translated = 0')
    result = run_cli(project, "build", "--format", "pdf", "--lang", "cs", HANDOUT)
    assert result.returncode == 0, result.stderr
    assert "cs/ep-vote-handout: 18 segments shown in the source language" in result.stderr  # 16 of the document, 2 of samizdat.toml
    assert "Europe stands with the people of Belarus" in pdf_text(project / "build" / "cs" / "ep-vote-handout.pdf")


# --- checks hold an edition back in every build ---------------------------------------------


def test_a_changed_number_holds_back_only_that_edition_and_keeps_its_earlier_output(project: Path) -> None:
    first = run_cli(project, "build", "--format", "pdf", HANDOUT)
    assert first.returncode == 0, first.stderr
    earlier = (project / "build" / "ru" / "ep-vote-handout.pdf").read_bytes()

    line = edit_po(project, "ru", FOOTNOTE, lambda s: s.replace("2020", "2002"))
    result = run_cli(project, "build", "--format", "pdf,docx", HANDOUT)
    assert result.returncode == 1, result.stderr
    assert (f"locales/ru/LC_MESSAGES/ep-vote-handout.po:{line}: error: numbers: 2020 is in the source "
            "but not in the translation (content/ep-vote-handout.md:") in result.stderr
    for lang in ("en", "be"):
        assert (project / "build" / lang / "ep-vote-handout.docx").is_file(), f"{lang} is still built"
    assert not (project / "build" / "ru" / "ep-vote-handout.docx").exists()
    assert (project / "build" / "ru" / "ep-vote-handout.pdf").read_bytes() == earlier, "the earlier edition stays"
    assert "held back: ru/ep-vote-handout (1 translation problem)" in result.stderr


def test_lost_emphasis_is_still_only_refused_with_strict(project: Path) -> None:
    edit_po(project, "ru", "The European Parliament adopted", lambda s: s.replace("**", ""))
    normal = run_cli(project, "build", "--format", "pdf", "--lang", "ru", HANDOUT)
    assert normal.returncode == 0, normal.stderr
    strict = run_cli(project, "build", "--strict", "--format", "pdf", "--lang", "ru", HANDOUT)
    assert strict.returncode == 1 and "markup: the translation lost the **strong emphasis**" in strict.stderr


# --- waivers -----------------------------------------------------------------------------


def russian_page(text: str) -> str:
    return text.replace("](https://tsikhanouskaya.org/)", "](https://tsikhanouskaya.org/ru/)")


def test_a_deliberate_difference_is_refused_until_waived(project: Path) -> None:
    line = edit_po(project, "ru", LINKS, russian_page)
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 1
    assert f"ep-vote-handout.po:{line}: error: markup: the translation lost the link to https://tsikhanouskaya.org/" in check.stderr
    held = run_cli(project, "build", "--format", "pdf", "--lang", "ru", HANDOUT)
    assert held.returncode == 1 and not (project / "build" / "ru" / "ep-vote-handout.pdf").exists()

    line = edit_po(project, "ru", LINKS, comment="samizdat-allow: link — the Russian page of the site")
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 0, check.stderr
    assert (f"locales/ru/LC_MESSAGES/ep-vote-handout.po:{line}: waived (link): markup: the translation lost the link "
            "to https://tsikhanouskaya.org/ (content/ep-vote-handout.md:44)") in check.stdout
    assert "translations are consistent with their sources, 2 waived" in check.stdout  # the old link lost, the new one added
    built = run_cli(project, "build", "--strict", "--format", "pdf", "--lang", "ru", HANDOUT)
    assert built.returncode == 0, built.stderr
    assert (project / "build" / "ru" / "ep-vote-handout.pdf").is_file()


def test_a_waiver_accepts_only_the_check_it_names(project: Path) -> None:
    edit_po(project, "ru", LINKS, russian_page, comment="samizdat-allow: number")
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 1 and "error: markup: the translation lost the link" in check.stderr


def test_an_unknown_waiver_is_an_error_on_its_entry(project: Path) -> None:
    line = edit_po(project, "ru", LINKS, comment="samizdat-allow: lnik")
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 1
    assert (f"locales/ru/LC_MESSAGES/ep-vote-handout.po:{line}: error: unknown check 'lnik' in "
            "'# samizdat-allow: lnik' (did you mean 'link'?)") in check.stderr
    build = run_cli(project, "build", "--format", "pdf", "--lang", "ru", HANDOUT)
    assert build.returncode == 1 and "unknown check 'lnik'" in build.stderr


def test_a_waiver_survives_a_round_trip_through_extract(project: Path) -> None:
    edit_po(project, "ru", LINKS, russian_page, comment="samizdat-allow: link")
    assert run_cli(project, "translate", "extract").returncode == 0
    assert "# samizdat-allow: link\n" in po(project, "ru").read_text(encoding="utf-8")
    assert run_cli(project, "translate", "check", "--lang", "ru").returncode == 0


def test_the_glossary_can_allow_a_variant_in_one_language(project: Path) -> None:
    edit_po(project, "ru", "The European Parliament adopted", lambda s: s.replace("Лукашенко", "Лукашэнко"))
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 1 and "glossary: 'Lukashenko' should be rendered as 'Лукашенк…'" in check.stderr
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("ru: Лукашенк*", "ru: [Лукашенк*, Лукашэнк*]"), encoding="utf-8")
    assert run_cli(project, "translate", "check", "--lang", "ru").returncode == 0


def test_the_glossary_can_except_a_phrase_from_a_forbidden_variant(project: Path) -> None:
    edit_po(project, "ru", FOOTNOTE, lambda s: s + " (см. «Правда Белоруссии»)")
    check = run_cli(project, "translate", "check", "--lang", "ru")
    assert check.returncode == 1 and "glossary: 'Белоруссии' is not used; write 'Беларусь'" in check.stderr
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("not: [Белорусси*, Белоруссия]", "not: [Белорусси*, Белоруссия]\n      allow: [Правда Белоруссии]"),
                        encoding="utf-8")
    assert run_cli(project, "translate", "check", "--lang", "ru").returncode == 0


# --- review --------------------------------------------------------------------------------


def status_row(output: str, slug: str, lang: str) -> list[str]:
    (row,) = [line for line in output.splitlines() if line.split("│")[1:3] and
              [c.strip() for c in line.split("│")[1:3]] == [slug, lang]]
    return [cell.strip() for cell in row.split("│")[1:-1]]


def test_review_marks_count_and_min_reviewed_holds_back(project: Path) -> None:
    set_toml(project, 'locale = "be_BY"\nmin_translated = 90', 'locale = "be_BY"\nmin_translated = 90\nmin_reviewed = 100')
    held = run_cli(project, "build", "--format", "pdf", "--lang", "be", HANDOUT)
    assert held.returncode == 0, held.stderr  # below a threshold: held back with a warning, like min_translated
    assert ("warning: content/ep-vote-handout.md not built in 'be': 0% reviewed, below min_reviewed 100%") in held.stderr
    assert not (project / "build" / "be" / "ep-vote-handout.pdf").exists()
    status = run_cli(project, "translate", "status", "--check", "--lang", "be", HANDOUT)
    assert status.returncode == 1 and "0% reviewed, below min_reviewed 100%" in status.stderr

    review = run_cli(project, "translate", "review", HANDOUT, "--lang", "be")
    assert review.returncode == 0, review.stderr
    assert "locales/be/LC_MESSAGES/ep-vote-handout.po: 16 entries marked reviewed" in review.stdout
    assert po(project, "be").read_text(encoding="utf-8").count("# samizdat-reviewed: ") == 16
    status = run_cli(project, "translate", "status", "--check", "--lang", "be", HANDOUT)
    assert status.returncode == 0, status.stderr
    row = status_row(status.stdout, "ep-vote-handout", "be")
    assert row[2:4] == ["16", "16"], row  # translated, reviewed
    assert run_cli(project, "build", "--format", "pdf", "--lang", "be", HANDOUT).returncode == 0
    assert (project / "build" / "be" / "ep-vote-handout.pdf").is_file()


def test_a_changed_translation_or_source_loses_its_review_mark(project: Path) -> None:
    assert run_cli(project, "translate", "review", HANDOUT, "--lang", "ru").returncode == 0
    # a translator edits one entry in a PO editor, which keeps the comment: it no longer counts
    edit_po(project, "ru", FOOTNOTE, lambda s: s.replace("многочисленные", "обильные"))
    status = run_cli(project, "translate", "status", "--lang", "ru", HANDOUT)
    assert status_row(status.stdout, "ep-vote-handout", "ru")[2:4] == ["16", "15"]
    # the source of another changes: extract makes it fuzzy, and both stale marks go
    handout = project / HANDOUT
    handout.write_text(handout.read_text(encoding="utf-8").replace("under international supervision", "under international observation"),
                       encoding="utf-8")
    assert run_cli(project, "translate", "extract").returncode == 0
    assert po(project, "ru").read_text(encoding="utf-8").count("# samizdat-reviewed: ") == 14
    status = run_cli(project, "translate", "status", "--lang", "ru", HANDOUT)
    assert status_row(status.stdout, "ep-vote-handout", "ru")[2:5] == ["15", "14", "1"]


def test_a_translation_changed_in_word_loses_its_review_mark_on_import(project: Path) -> None:
    assert run_cli(project, "translate", "review", HANDOUT, "--lang", "be").returncode == 0
    assert run_cli(project, "translate", "export", HANDOUT, "--lang", "be", "--out", "exchange").returncode == 0
    path = project / "exchange" / "ep-vote-handout.be.docx"
    word = Document(str(path))
    (row,) = [row.cells for row in word.tables[0].rows[1:] if "Why it matters" in row.cells[1].text]
    row[2].text = "Чаму гэта мае значэнне"
    word.save(str(path))
    result = run_cli(project, "translate", "import", str(path))
    assert result.returncode == 0, result.stderr
    text = po(project, "be").read_text(encoding="utf-8")
    assert text.count("# samizdat-reviewed: ") == 15
    assert "# samizdat-reviewed: " not in text[:text.index('msgstr "Чаму гэта мае значэнне"')].rsplit("\n\n", 1)[-1]


# --- document paths ------------------------------------------------------------------------


def test_status_and_check_take_document_paths(project: Path) -> None:
    edit_po(project, "ru", FOOTNOTE, lambda s: s.replace("2020", "2002"))
    other = run_cli(project, "translate", "check", "content/ep-resolution-briefing/index.md", "--lang", "ru")
    assert other.returncode == 0, other.stderr
    mine = run_cli(project, "translate", "check", HANDOUT, "--lang", "ru")
    assert mine.returncode == 1 and "numbers: 2020" in mine.stderr
    status = run_cli(project, "translate", "status", HANDOUT)
    slugs = {cells[0] for line in status.stdout.splitlines() if (cells := [c.strip() for c in line.split("│")[1:-1]])
             and cells[0] and cells[0] != "document"}
    assert slugs == {"ep-vote-handout"}
