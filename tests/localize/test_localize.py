from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader

from samizdat import languages
from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report
from samizdat.localize import localize, localizer, terms
from tests.support import ROOT, pdf_text, run_cli, write_doc


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


THEME_LANGUAGES = [lang for lang in languages.shipped()
                   if lang != languages.interface_code() and not languages.profile(lang).derive_from]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _key(message: Message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.parametrize("lang", THEME_LANGUAGES)
def test_the_theme_translates_every_interface_word_into_each_shipped_language(tmp_path: Path, lang: str) -> None:
    """A project that lists any language samizdat has a profile for gets its page furniture,
    captions, cross-references and web labels in that language without translating them."""
    from samizdat.localize import pofile
    from samizdat.translate.extract import templates_template

    (tmp_path / "samizdat.toml").write_text(f'[project]\nlanguages = ["en", "{lang}"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    wanted = {_key(message): message for message in templates_template(config) if message.id}
    (path,) = config.theme.catalogs(lang)
    shipped = pofile.read(path.read_bytes(), lang)
    assert shipped.locale_identifier == lang
    assert shipped.plural_forms == Catalog(locale=lang).plural_forms  # Babel's (CLDR's) rule for the language
    entries = {_key(message): message for message in shipped if message.id}
    assert entries.keys() == wanted.keys(), f"missing {sorted(wanted.keys() - entries.keys())}, stale {sorted(entries.keys() - wanted.keys())}"
    for key, message in entries.items():
        assert " ".join(message.auto_comments) == " ".join(wanted[key].auto_comments), key  # where it goes, any length limit
        forms = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        assert not message.fuzzy and all(forms), f"{key}: not translated"
        assert len(forms) == (shipped.num_plurals if len(ids) > 1 else 1), key
        assert all(sorted(PLACEHOLDER.findall(form)) == sorted(set(PLACEHOLDER.findall(ids[-1]))) for form in forms), f"{key}: {forms}"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# language: (PDF /Lang, the QR code's label, the vote chart's legend and counts, the page footer)
HANDOUT_WORDS = {
    "uk": ("uk-UA", "Читайте цю листівку онлайн", ["За", "Проти", "Утрималися", "458 голосів", "84 голоси"], r"Сторінка 1 з \d"),
    "de": ("de-DE", "Dieses Blatt online lesen", ["Dafür", "Dagegen", "Enthaltungen", "458 Stimmen"], r"Seite 1 von \d"),
    "fr": ("fr-FR", "Lire cette fiche en ligne", ["Pour", "Contre", "Abstentions", "458 voix"], r"Page 1 sur \d"),
}


def test_a_new_projects_ukrainian_german_and_french_handouts_have_their_interface_words(tmp_path: Path) -> None:
    """The sample handout, not yet translated (min_translated = 0 shows its text in English),
    built in uk, de and fr: every word samizdat itself prints is in the edition's language."""
    (tmp_path / "content").mkdir()
    shutil.copy(ROOT / "content" / "ep-vote-handout.md", tmp_path / "content")
    policies = "".join(f"\n[languages.{lang}]\nmin_translated = 0\n" for lang in HANDOUT_WORDS)
    (tmp_path / "samizdat.toml").write_text(f"[project]\nlanguages = {json.dumps(['en', *HANDOUT_WORDS])}\n{policies}"
                                            '\n[links]\nonline = "https://example.org/{lang}/{slug}/"\n', encoding="utf-8")
    result = run_cli(tmp_path, "build", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    for lang, (tag, online, legend, footer) in HANDOUT_WORDS.items():
        pdf = tmp_path / "build" / lang / "ep-vote-handout.pdf"
        text = pdf_text(pdf)
        assert "A clear majority" in text  # the document's own text falls back to English…
        assert online in text and "Read this handout online" not in text, f"{lang}: {text[:300]}"  # …its interface does not
        assert all(word in text for word in legend) and "Abstained" not in text, f"{lang}: {legend}"
        assert re.search(footer, text), f"{lang}: {text[-200:]}"
        assert PdfReader(pdf).trailer["/Root"]["/Lang"] == tag


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
