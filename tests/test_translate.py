"""translate extract: POT and PO files written with Babel, merged, idempotent."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from samizdat.localize import pofile
from tests.support import run_cli


def read(path: Path, lang: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def test_extract_is_idempotent_on_the_sample(project: Path) -> None:
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")}
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    assert "0 catalogs written" in result.stdout
    assert {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")} == before


def test_changed_segment_becomes_fuzzy_with_previous_source(project: Path) -> None:
    source = project / "content" / "ep-vote-handout.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Free every political prisoner now", "Free every political prisoner at once"), encoding="utf-8")
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    po = project / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po"
    catalog = pofile.read(po.read_bytes(), "be")
    changed = [m for m in catalog if m.id and "at once" in str(m.id)]
    assert len(changed) == 1 and changed[0].fuzzy
    assert "now" in changed[0].previous_id[0]
    assert changed[0].locations == [("content/ep-vote-handout.md", 30)]
    assert [m for m in catalog if m.id and m.fuzzy] == changed
    assert '#| msgid ""\n#| "Free every political prisoner now, with' in po.read_text(encoding="utf-8")
    # a second run changes nothing and keeps the previous source for the translator
    again = run_cli(project, "translate", "extract")
    assert "0 catalogs written" in again.stdout
    assert pofile.read(po.read_bytes(), "be").get(changed[0].id, context=changed[0].context).previous_id == changed[0].previous_id


def test_templates_catalog_holds_interface_strings(project: Path) -> None:
    pot = read(project / "locales" / "templates.pot")
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id}
    assert {"Briefing", "Page %(page)s of %(pages)s", "For", "Against", "Abstained", "%(num)s vote"} <= ids
    be = read(project / "locales" / "be" / "LC_MESSAGES" / "templates.po", "be")
    assert be.num_plurals == 3


def test_a_removed_then_restored_segment_gets_its_translation_back(project: Path) -> None:
    source = project / "content" / "ep-vote-handout.md"
    text = source.read_text(encoding="utf-8")
    box = "Each release of political prisoners has been followed by new arrests."
    po = project / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po"
    (translated,) = [m.string for m in pofile.read(po.read_bytes(), "be") if m.id and box in str(m.id)]
    paragraph = text[text.index(box) : text.index("in exile.") + len("in exile.")]
    source.write_text(text.replace(paragraph, "A new paragraph about something else entirely."), encoding="utf-8")
    assert run_cli(project, "translate", "extract").returncode == 0
    assert [m for m in pofile.read(po.read_bytes(), "be").obsolete.values() if box in str(m.id)]

    source.write_text(text, encoding="utf-8")
    result = run_cli(project, "translate", "extract")
    assert result.returncode == 0, result.stderr
    # Babel kept the obsolete entry beside the restored one: a duplicate msgfmt refuses
    catalog = pofile.read(po.read_bytes(), "be")
    assert [m.string for m in catalog if m.id and box in str(m.id)] == [translated]
    assert not [m for m in catalog.obsolete.values() if box in str(m.id)]
