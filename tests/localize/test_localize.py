from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report
from samizdat.localize import localize, localizer, terms
from tests.support import write_doc


def test_translation_replaces_segments_and_keeps_markup(project: Path) -> None:
    config = load_config(project)
    doc = load_document(project / "content" / "ep-vote-handout.md", config)
    report = Report()
    be = localize(doc, "be", config, report)
    assert be.lang == "be" and be.bcp47 == "be-BY"
    assert be.meta.title.source == "Europe stands with the people of Belarus"
    assert "Беларус" in be.meta.title.plain()
    para = next(b for b in be.blocks if isinstance(b, m.Paragraph))
    assert any(isinstance(i, m.Strong) for i in para.text.inlines)
    assert any(isinstance(i, m.NoteRef) and i.label == "winner" for i in para.text.inlines)
    assert not report.items


def test_fuzzy_and_missing_fall_back_with_warning(project: Path) -> None:
    config = load_config(project)
    path = project / "locales" / "ru" / "LC_MESSAGES" / "ep-vote-handout.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="ru")
    title = catalog.get("Europe stands with the people of Belarus", context="title")
    title.flags.add("fuzzy")
    subtitle = catalog.get("The European Parliament's resolution in brief", context="subtitle")
    subtitle.string = ""
    with path.open("wb") as handle:
        write_po(handle, catalog)
    report = Report()
    ru = localize(load_document(project / "content" / "ep-vote-handout.md", config), "ru", config, report)
    assert ru.meta.title.fallback and ru.meta.title.plain() == "Europe stands with the people of Belarus"
    assert ru.meta.subtitle.fallback
    assert not ru.meta.summary.fallback
    messages = [str(d) for d in report.warnings]
    assert any(msg.startswith("content/ep-vote-handout.md:2: warning: fuzzy translation") for msg in messages)
    assert any(msg.startswith("content/ep-vote-handout.md:3: warning: missing translation") for msg in messages)


def test_plural_forms_follow_cldr(project: Path) -> None:
    config = load_config(project)
    be, ru, en = (localizer(config, lang) for lang in ("be", "ru", "en"))
    forms = lambda ui: [terms.count_votes(ui, n) for n in (1, 3, 5, 21, 84, 458)]
    assert forms(be) == ["1 голас", "3 галасы", "5 галасоў", "21 голас", "84 галасы", "458 галасоў"]
    assert forms(ru) == ["1 голос", "3 голоса", "5 голосов", "21 голос", "84 голоса", "458 голосов"]
    assert forms(en) == ["1 vote", "3 votes", "5 votes", "21 votes", "84 votes", "458 votes"]


def test_cldr_formatting(project: Path) -> None:
    import datetime as dt

    config = load_config(project)
    be, ru, en = (localizer(config, lang) for lang in ("be", "ru", "en"))
    day = dt.date(2026, 11, 24)
    assert be.date(day) == "24 лістапада 2026\u00a0г."
    assert ru.date(day) == "24 ноября 2026\u00a0г."
    assert en.date(day) == "24 November 2026"
    assert ru.number(12345.5) == "12\u00a0345,5"
    assert en.percent(0.818) == "82%"
    assert be.list(["a", "b", "c"]) == "a, b і c"


def test_source_language_document_gets_typography_only(project: Path) -> None:
    config = load_config(project)
    doc = load_document(write_doc(project, "q.md", '---\ntitle: T\n---\nShe said "yes" - twice.\n'), config)
    (para,) = localize(doc, "en", config, Report()).blocks
    assert para.text.plain() == "She said \u201cyes\u201d \u2013 twice."


def test_the_theme_ships_interface_words_a_project_can_override(tmp_path: Path) -> None:
    """A new project's Belarusian edition has Belarusian furniture before anyone translates
    its templates.po; a translation in the project's own catalog wins over the theme's."""
    from samizdat.localize import localizer
    from samizdat.theme import BUILTIN

    (tmp_path / "samizdat.toml").write_text('[project]\nlanguages = ["en", "be"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.theme.catalogs("be") == [BUILTIN / "locales" / "be" / "LC_MESSAGES" / "templates.po"]
    be = localizer(config, "be")
    assert be.pgettext(*terms.PAGE_OF) % {"page": 1, "pages": 2} == "Старонка 1 з 2"
    assert be.pgettext("box", "Key facts") != "Key facts"
    own = tmp_path / "locales" / "be" / "LC_MESSAGES" / "templates.po"
    own.parent.mkdir(parents=True)
    own.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
                   'msgctxt "page footer"\nmsgid "Page %(page)s of %(pages)s"\nmsgstr "Бок %(page)s / %(pages)s"\n', encoding="utf-8")
    assert localizer(load_config(tmp_path), "be").pgettext(*terms.PAGE_OF) % {"page": 1, "pages": 2} == "Бок 1 / 2"


def test_the_themes_catalogs_translate_every_word_the_theme_uses(tmp_path: Path) -> None:
    from samizdat.localize import pofile
    from samizdat.translate.extract import templates_template

    (tmp_path / "samizdat.toml").write_text('[project]\nlanguages = ["en", "be", "ru"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in templates_template(config) if m.id}
    for lang in ("be", "ru"):
        (path,) = config.theme.catalogs(lang)
        shipped = pofile.read(path.read_bytes(), lang)
        done = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in shipped if m.id and m.string and not m.fuzzy}
        assert wanted <= done, f"{lang}: the theme's catalog lacks {sorted(wanted - done)}"


def test_every_interface_string_has_a_context_and_a_comment_for_translators(tmp_path: Path) -> None:
    """Where each word appears and how long it may be: without it, both translations of
    "Print edition" added "(PDF)" beside the PDF badge."""
    from samizdat.translate.extract import templates_template

    (tmp_path / "samizdat.toml").write_text('[project]\nlanguages = ["en", "be"]\n', encoding="utf-8")
    catalog = templates_template(load_config(tmp_path))
    messages = [message for message in catalog if message.id]
    assert len(messages) >= 30
    bare = [message.id for message in messages if not message.context or not message.auto_comments]
    assert not bare, f"interface strings without a msgctxt or a translator comment: {bare}"
    print_edition = next(message for message in messages if message.id == "Print edition")
    assert "do not add 'PDF'" in " ".join(print_edition.auto_comments)
