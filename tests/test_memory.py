"""Translation memory and samizdat.toml's texts translated once: a document starts with
what the project has already translated, and every be/ru edition names the organisation
and the author in its own language."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from samizdat.localize import pofile
from tests.support import pdf_text, run_cli, squash, write_doc

SHARED = [  # (msgctxt, msgid) of ep-vote-handout, translated in the sample
    ("heading", "A clear majority"),
    ("heading", "Five demands"),
    ("list item", "Free every political prisoner now, with compensation for all victims of repression."),
    ("list item", "Support the democratic opposition politically, financially and with security."),
    ("list item", "Hold new elections, free and fair, under international supervision."),
]
CHANGED = "Hold new elections, free and fair, under strict international supervision."
FOLLOW_UP = """---
title: After the vote
date: 2026-12-01
template: handout
---

# A clear majority

# Five demands

1. Free every political prisoner now, with compensation for all victims of repression.
2. Support the democratic opposition politically, financially and with security.
3. Hold new elections, free and fair, under international supervision.
4. Hold new elections, free and fair, under strict international supervision.

Five demands

A sentence no document has said before.
"""
ORGANISATION = {"be": "Брыфінгі пра Беларусь", "ru": "Брифинги о\u00a0Беларуси"}  # typography: no break after "о"
AUTHOR = {"be": "Рэдакцыя праекта «Брыфінгі пра Беларусь»", "ru": "Редакция проекта «Брифинги о\u00a0Беларуси»"}


def catalog(project: Path, lang: str, domain: str):
    return pofile.read((project / "locales" / lang / "LC_MESSAGES" / f"{domain}.po").read_bytes(), lang)


def msgfmt_check(project: Path) -> None:
    """Every PO file samizdat wrote passes gettext's own checks."""
    for path in sorted((project / "locales").rglob("*.po")):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{path}: {result.stderr}"


def test_a_new_document_starts_with_what_another_one_translated(project: Path) -> None:
    write_doc(project, "ep-after-vote.md", FOLLOW_UP)
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    assert "wrote locales/be/LC_MESSAGES/ep-after-vote.po (from memory: 5 translated, 2 fuzzy)" in result.stdout
    handout, after = catalog(project, "be", "ep-vote-handout"), catalog(project, "be", "ep-after-vote")

    for context, msgid in SHARED:
        filled = after.get(msgid, context=context)
        assert filled.string == handout.get(msgid, context=context).string and not filled.fuzzy, msgid
        assert filled.user_comments == ["memory: ep-vote-handout.po"]
    text = (project / "locales" / "be" / "LC_MESSAGES" / "ep-after-vote.po").read_text(encoding="utf-8")
    assert '# memory: ep-vote-handout.po\n#: content/ep-after-vote.md:7\nmsgctxt "heading"\nmsgid "A clear majority"\n' in text

    # a changed sentence is offered, fuzzy, with the source it was translated from
    changed = after.get(CHANGED, context="list item")
    assert changed.fuzzy and changed.previous_id == [SHARED[4][1]]
    assert changed.string == handout.get(SHARED[4][1], context="list item").string
    assert changed.user_comments == ["memory fuzzy: ep-vote-handout.po, 95% alike"]
    assert f'#| msgid "{SHARED[4][1]}"\nmsgctxt "list item"\nmsgid "{CHANGED}"\n' in text
    # the same text in another role is offered too, never used as it is
    other = after.get("Five demands", context="paragraph")
    assert other.fuzzy and other.previous_id == ["Five demands"] and other.string == handout.get("Five demands", context="heading").string
    assert not after.get("A sentence no document has said before.", context="paragraph").string
    msgfmt_check(project)

    status = run_cli(project, "translate", "status", "--lang", "be")
    assert status.returncode == 0, status.stderr
    (row,) = [line for line in status.stdout.splitlines() if "ep-after-vote" in line]
    # translated, reviewed, fuzzy, untranslated, memory
    assert re.search(r"ep-after-vote\s*│ be\s*│\s*5 │\s*0 │\s*2 │\s*2 │ 5 \+ 2 fuzzy │", row), row
    assert "project.po (samizdat.toml's texts, in every edition): 2 translated, 0 fuzzy, 0 untranslated" in status.stdout

    # fuzzy is never printed: the build shows the English text there and says so
    toml = project / "samizdat.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("min_translated = 90", "min_translated = 0"), encoding="utf-8")
    build = run_cli(project, "build", "--format", "html", "--lang", "be", "content/ep-after-vote.md")
    assert build.returncode == 0, build.stderr
    assert "content/ep-after-vote.md:14: warning: fuzzy translation in locales/be/LC_MESSAGES/ep-after-vote.po" in build.stderr
    assert CHANGED in (project / "build" / "be" / "ep-after-vote.html").read_text(encoding="utf-8")


def test_memory_never_replaces_a_translation_and_extract_settles(project: Path) -> None:
    write_doc(project, "ep-after-vote.md", FOLLOW_UP)
    assert run_cli(project, "translate", "extract").returncode == 0
    path = project / "locales" / "be" / "LC_MESSAGES" / "ep-after-vote.po"
    own = catalog(project, "be", "ep-after-vote")
    own.get("A clear majority", context="heading").string = "Пераканаўчая перамога"
    path.write_bytes(pofile.write(own))
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po*") if p.name != "compendium.po"}

    again = run_cli(project, "translate", "extract")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[:-1] == ["wrote locales/be/compendium.po"], again.stdout  # it learns the new wording
    assert {p: p.read_bytes() for p in before} == before
    assert catalog(project, "be", "ep-after-vote").get("A clear majority", context="heading").string == "Пераканаўчая перамога"
    third = run_cli(project, "translate", "extract")
    assert "0 catalogs written" in third.stdout, third.stdout


def test_the_compendium_keeps_a_deleted_documents_translations_for_the_next(project: Path) -> None:
    flyer = catalog(project, "ru", "ep-vote-flyer")
    title = flyer.get("458 votes for a free Belarus", context="title").string
    (project / "content" / "ep-vote-flyer.md").unlink()
    for lang in ("be", "ru"):
        (project / "locales" / lang / "LC_MESSAGES" / "ep-vote-flyer.po").unlink()
    assert run_cli(project, "translate", "extract").returncode == 0  # a release later: the flyer is gone

    write_doc(project, "ep-anniversary.md", "---\ntitle: 458 votes for a free Belarus\ntemplate: handout\n---\n\nOne year on.\n")
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    new = catalog(project, "ru", "ep-anniversary").get("458 votes for a free Belarus", context="title")
    assert (new.string, new.fuzzy, new.user_comments) == (title, False, ["memory: compendium"])
    msgfmt_check(project)


def test_the_compendium_holds_every_translation_of_the_sample() -> None:
    root = Path(__file__).resolve().parents[1]
    for lang in ("be", "ru"):
        compendium = pofile.read((root / "locales" / lang / "compendium.po").read_bytes(), lang)
        for path in (root / "locales" / lang / "LC_MESSAGES").glob("*.po"):
            if path.stem == "templates":
                continue
            for message in pofile.read(path.read_bytes(), lang):
                if message.id and message.string and not message.fuzzy:
                    assert compendium.get(message.id, context=message.context).string == message.string, (path.name, message.id)


def toml_line(project: Path, key: str) -> int:
    """The line of samizdat.toml that sets ``key`` (the [defaults] texts)."""
    lines = (project / "samizdat.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key} ="))


def test_samizdat_toml_texts_are_extracted_once_and_translated_in_every_writer(sample_build: Path) -> None:
    project = sample_build.parent
    pot = (project / "locales" / "project.pot").read_text(encoding="utf-8")
    assert f'#: samizdat.toml:{toml_line(project, "organisation")}\nmsgctxt "organisation"\nmsgid "Belarus Briefings"\n' in pot
    assert f'#: samizdat.toml:{toml_line(project, "author")}\nmsgctxt "author"\nmsgid "Belarus Briefings editorial team"\n' in pot
    assert "Belarus Briefings" not in (project / "locales" / "ep-vote-handout.pot").read_text(encoding="utf-8").split("msgid", 2)[2]
    for lang in ("be", "ru"):
        for slug in ("ep-resolution-briefing", "ep-vote-handout", "ep-vote-flyer"):
            assert PdfReader(sample_build / lang / f"{slug}.pdf").metadata.author == AUTHOR[lang]
            assert Document(str(sample_build / lang / f"{slug}.docx")).core_properties.author == AUTHOR[lang].replace("\u00a0", " ")
            page = (sample_build / lang / f"{slug}.html").read_text(encoding="utf-8")
            footer = page[page.index("<footer"):]
            assert f'<span class="organisation">{ORGANISATION[lang]}</span>' in footer
            assert f'<span class="author">{AUTHOR[lang]}</span>' in footer
            assert "Belarus Briefings" not in page
            printed = squash(pdf_text(sample_build / lang / f"{slug}.pdf"))  # the masthead is in capitals
            assert squash(ORGANISATION[lang]) in printed and squash("Belarus Briefings") not in printed


def test_the_project_name_is_the_organisation_of_last_resort_and_its_translation_rebuilds(project: Path) -> None:
    toml = project / "samizdat.toml"
    toml.write_text(re.sub(r'organisation = "Belarus Briefings"\nauthor = .*\n', "", toml.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_cli(project, "translate", "extract").returncode == 0
    project_po = catalog(project, "be", "project")
    name = project_po.get("Belarus Briefings", context="organisation")
    assert name.locations == [("samizdat.toml", 4)] and name.string == "Брыфінгі пра Беларусь"
    assert project_po.obsolete and not project_po.get("Belarus Briefings editorial team", context="author")

    args = ("build", "--format", "html", "--lang", "be", "content/ep-vote-handout.md")
    assert run_cli(project, *args).returncode == 0
    page = project / "build" / "be" / "ep-vote-handout.html"
    assert '<span class="organisation">Брыфінгі пра Беларусь</span>' in page.read_text(encoding="utf-8")
    name.string = "Беларускія брыфінгі"
    (project / "locales" / "be" / "LC_MESSAGES" / "project.po").write_bytes(pofile.write(project_po))
    assert "wrote" in run_cli(project, *args).stdout  # project.po is an input of every edition
    assert '<span class="organisation">Беларускія брыфінгі</span>' in page.read_text(encoding="utf-8")


def test_a_missing_project_translation_points_at_samizdat_toml(project: Path) -> None:
    po = catalog(project, "ru", "project")
    po.get("Belarus Briefings editorial team", context="author").string = ""
    (project / "locales" / "ru" / "LC_MESSAGES" / "project.po").write_bytes(pofile.write(po))
    result = run_cli(project, "build", "--format", "docx", "--lang", "ru", "content/ep-vote-handout.md")
    assert result.returncode == 0, result.stderr
    assert (f"samizdat.toml:{toml_line(project, 'author')}: warning: missing translation in locales/ru/LC_MESSAGES/project.po, using the source text: "
            "'Belarus Briefings editorial team'") in result.stderr
    assert Document(str(project / "build" / "ru" / "ep-vote-handout.docx")).core_properties.author == "Belarus Briefings editorial team"


def test_check_reads_project_po_like_a_document(project: Path) -> None:
    po = catalog(project, "ru", "project")
    entry = po.get("Belarus Briefings editorial team", context="author")
    entry.string = "Редакция проекта «Брифинги о Белоруссии»"
    (project / "locales" / "ru" / "LC_MESSAGES" / "project.po").write_bytes(pofile.write(po))
    result = run_cli(project, "translate", "check", "--lang", "ru")
    assert result.returncode == 1
    assert (f"locales/ru/LC_MESSAGES/project.po:{entry.lineno}: error: glossary: 'Белоруссии' is not used; write 'Беларусь' "
            f"(samizdat.toml:{toml_line(project, 'author')})") in result.stderr


def test_every_catalog_of_the_sample_passes_msgfmt_check(project: Path) -> None:
    assert run_cli(project, "translate", "extract").returncode == 0
    msgfmt_check(project)


def test_an_exact_match_beats_babels_guess_and_the_guessed_translation_is_kept(project: Path) -> None:
    old, new = "Hold new elections, free and fair, under international supervision.", "New elections, free and fair, under international observers."
    path = project / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po"
    handout = catalog(project, "be", "ep-vote-handout")
    handout.get(old, context="list item").string = "Правесці новыя выбары пад пільным міжнародным наглядам."  # not yet seen by extract
    path.write_bytes(pofile.write(handout))
    source = project / "content" / "ep-vote-handout.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Hold new elections, free and fair, under international supervision.", new), encoding="utf-8")

    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    entry = catalog(project, "be", "ep-vote-handout").get(new, context="list item")
    flyer = catalog(project, "be", "ep-vote-flyer").get(new, context="list item")
    assert (entry.string, entry.fuzzy, entry.previous_id, entry.user_comments) == (flyer.string, False, [], ["memory: ep-vote-flyer.po"])
    compendium = pofile.read((project / "locales" / "be" / "compendium.po").read_bytes(), "be")
    assert compendium.get(old, context="list item").string == "Правесці новыя выбары пад пільным міжнародным наглядам."
    msgfmt_check(project)
