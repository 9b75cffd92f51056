"""XLIFF round trip of translations: export for a CAT tool, edit as Trados or memoQ would, import.

The export is read back with translate-toolkit (an independent XLIFF reader) and checked
against the OASIS XLIFF 1.2 strict schema when the machine has it (Debian's
php-symfony-translation ships it; scripts/setup --test installs it). Hostile and malformed
files that only need an exit code and a message are in tests/bad_input/ (cli-import-xliff-*).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from lxml import etree
from translate.storage import xliff as toolkit

from samizdat import model as m
from samizdat.config import Config, load_config
from samizdat.content import load_document
from samizdat.localize import pofile
from samizdat.translate import placeholders
from samizdat.translate.checks import markup
from samizdat.translate.entries import catalogue
from samizdat.translate.placeholders import CLOSE, OPEN, SOLO, BrokenCodes, Code, Tag
from tests.support import copy_project, run_cli
from tests.test_properties import SETTINGS, documents

HANDOUT = "ep-vote-handout"
EXPORT = f"build/translations/{HANDOUT}.be.xlf"
CONFLICTS = f"build/translations/{HANDOUT}.be.conflicts.txt"
NS = "urn:oasis:names:tc:xliff:document:1.2"
X = {"x": NS}
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
BOLD_PARAGRAPH = "by **458 votes to 18"
LINKS_PARAGRAPH = "Read the resolution on the"


def export(project: Path) -> Path:
    result = run_cli(project, "translate", "export", "--lang", "be", "--format", "xliff", f"content/{HANDOUT}.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {EXPORT}\n"
    return project / EXPORT


def po(project: Path) -> Path:
    return project / "locales" / "be" / "LC_MESSAGES" / f"{HANDOUT}.po"


def message(project: Path, fragment: str):
    found = [m for m in pofile.read(po(project).read_bytes(), "be") if m.id and fragment in m.id]
    assert len(found) == 1, fragment
    return found[0]


def unit_with(tree: etree._ElementTree, fragment: str) -> etree._Element:
    units = [u for u in tree.iterfind(".//x:trans-unit", X) if fragment in "".join(u.find("x:source", X).itertext())]
    assert len(units) == 1, fragment
    return units[0]


def set_target(unit: etree._Element, inline_xml: str, state: str = "translated") -> None:
    """Replace the unit's target as a CAT tool writes it (tags and text, in the XLIFF namespace)."""
    old = unit.find("x:target", X)
    new = etree.fromstring(f'<target xmlns="{NS}" state="{state}">{inline_xml}</target>')
    unit.replace(old, new)


def edit(path: Path, change) -> dict[str, int]:
    """Apply ``change(tree)`` to the exported file; return each unit's target line in the result."""
    tree = etree.parse(str(path))
    change(tree)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    reread = etree.parse(str(path))
    return {u.get("id"): u.find("x:target", X).sourceline for u in reread.iterfind(".//x:trans-unit", X)}


# --- export --------------------------------------------------------------------------------


def test_export_is_xliff_1_2_with_languages_units_states_and_protected_markup(project: Path) -> None:
    path = export(project)
    config = load_config(project)
    entries = catalogue(load_document(project / "content" / f"{HANDOUT}.md", config), "be", config).entries

    store = toolkit.xlifffile.parsefile(str(path))  # translate-toolkit, not samizdat, reads it
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en-GB", "be-BY")
    assert store.getfilenames() == [f"content/{HANDOUT}.md"]
    assert len(store.units) == len(entries) == 16
    for unit, entry in zip(store.units, entries):
        digest = hashlib.sha1(entry.segment.source.encode("utf-8")).hexdigest()[:10]
        exported = hashlib.sha1(entry.translation.encode("utf-8")).hexdigest()[:6]
        assert unit.getid() == f"content/{HANDOUT}.md\x04{entry.segment.context}|{digest}|{exported}"
        assert unit.xmlelement.get("resname") == entry.segment.context
        assert unit.source == entry.segment.source  # the tags' content is the Markdown they stand for
        assert unit.target == entry.translation
        assert unit.xmlelement.find(f"{{{NS}}}target").get("state") == "translated"
        assert unit.getlocations() == [str(entry.segment.loc)]
        assert f"{entry.segment.loc} · {entry.segment.context}" in unit.getnotes()

    (bold,) = [u for u in store.units if BOLD_PARAGRAPH in u.source]
    inline = [(type(e).__name__, e.xml_node.tag.split("}")[1], e.id, str(e)) for e in bold.rich_source[0].sub if hasattr(e, "xml_node")]
    assert inline == [("UnknownXML", "bpt", "1", "**"), ("UnknownXML", "ept", "1", "**"), ("UnknownXML", "ph", "2", "[^winner]")]
    assert str(bold.rich_source[0].sub[2]) == "458 votes to 18, with 84 abstentions"  # translatable, between the tags
    (links,) = [u for u in store.units if LINKS_PARAGRAPH in u.source]
    source = etree.tostring(links.xmlelement.find(f"{{{NS}}}source"), encoding="unicode")
    assert '<bpt id="1" ctype="link">[</bpt>European Parliament\'s website<ept id="1">](https://www.europarl.europa.eu/)</ept>' in source
    assert '<bpt id="2" ctype="link">[</bpt>tsikhanouskaya.org<ept id="2">](https://tsikhanouskaya.org/)</ept>' in source
    # the translation's tags carry the source's ids, so a CAT tool pairs them
    target = etree.tostring(links.xmlelement.find(f"{{{NS}}}target"), encoding="unicode")
    assert '<bpt id="1" ctype="link">[</bpt>сайце Еўрапейскага парламента<ept id="1">](https://www.europarl.europa.eu/)</ept>' in target


@pytest.mark.skipif(not (SCHEMAS / "xliff-core-1.2-strict.xsd").is_file(), reason="no XLIFF 1.2 schema (apt-get install php-symfony-translation)")
def test_export_is_valid_against_the_xliff_1_2_strict_schema(project: Path) -> None:
    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context) if url.endswith("/xml.xsd") else None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))
    assert run_cli(project, "translate", "export", "--lang", "ru", "--format", "xliff").returncode == 0
    exported = sorted((project / "build" / "translations").glob("*.xlf"))
    assert len(exported) == 3
    for path in exported:
        assert schema.validate(etree.parse(str(path))), (path.name, schema.error_log.filter_from_errors()[:3])


def test_fuzzy_and_untranslated_units_have_their_states_and_a_confirmed_fuzzy_unit_is_no_longer_fuzzy(project: Path) -> None:
    catalog = pofile.read(po(project).read_bytes(), "be")
    fuzzy = catalog.get("Five demands", context="heading")
    fuzzy.flags.add("fuzzy")
    fuzzy.previous_id = ["Four demands"]
    catalog.get("Why it matters", context="box title").string = ""
    po(project).write_bytes(pofile.write(catalog))
    path = export(project)
    tree = etree.parse(str(path))
    assert unit_with(tree, "Five demands").find("x:target", X).get("state") == "needs-review-translation"
    assert "translated from an earlier source: Four demands" in "".join(unit_with(tree, "Five demands").itertext())
    assert unit_with(tree, "Why it matters").find("x:target", X).get("state") == "new"
    assert unit_with(tree, "Why it matters").find("x:target", X).text is None

    # confirmed in the CAT tool without a change: translated; left unconfirmed: still fuzzy
    edit(path, lambda t: unit_with(t, "Five demands").find("x:target", X).set("state", "translated"))
    result = run_cli(project, "translate", "import", EXPORT)
    assert result.returncode == 0, result.stderr
    assert f"locales/be/LC_MESSAGES/{HANDOUT}.po: 1 updated, 14 unchanged, 1 empty, 0 refused, 0 conflicts" in result.stdout
    confirmed = message(project, "Five demands")
    assert not confirmed.fuzzy and not confirmed.previous_id and confirmed.string == "Пяць патрабаванняў"


# --- round trips --------------------------------------------------------------------------


def test_an_untouched_export_imports_to_a_byte_identical_catalog(project: Path) -> None:
    path = export(project)
    before = po(project).read_bytes()
    result = run_cli(project, "translate", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"locales/be/LC_MESSAGES/{HANDOUT}.po: 0 updated, 16 unchanged, 0 empty, 0 refused, 0 conflicts" in result.stdout
    assert po(project).read_bytes() == before
    assert not (project / CONFLICTS).exists()


def test_tags_reordered_by_the_translator_come_back_as_the_exact_markdown(project: Path) -> None:
    path = export(project)

    def translate(tree: etree._ElementTree) -> None:
        # the two links swapped; the ept's content altered (a CAT tool never shows it editable,
        # but the file is untrusted): the address comes from the project's msgid, not the file
        set_target(unit_with(tree, LINKS_PARAGRAPH),
                   'Сачыце за дзейнасцю дэмакратычных сіл на <bpt id="2">[</bpt>tsikhanouskaya.org<ept id="2">](https://evil.example/)</ept> '
                   'і чытайце рэзалюцыю на <bpt id="1">[</bpt>сайце Еўрапейскага парламента<ept id="1">](javascript:alert(1))</ept>.')
        # the footnote call moved before the bold text, and a space typed just inside the bold tags
        set_target(unit_with(tree, BOLD_PARAGRAPH),
                   'Аляксандр Лукашэнка не з’яўляецца легітымным прэзідэнтам Беларусі<ph id="2">[^winner]</ph>: так вырашыў '
                   'Еўрапейскі парламент, падтрымаўшы дэмакратычныя сілы на чале са Святланай Ціханоўскай '
                   '<bpt id="1">**</bpt> 458 галасамі супраць 18 (84 дэпутаты ўстрымаліся) <ept id="1">**</ept>.')

    edit(path, translate)
    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 0, result.stderr
    assert f"{HANDOUT}.po: 2 updated, 14 unchanged, 0 empty, 0 refused, 0 conflicts" in result.stdout
    assert message(project, LINKS_PARAGRAPH).string == (
        "Сачыце за дзейнасцю дэмакратычных сіл на [tsikhanouskaya.org](https://tsikhanouskaya.org/) "
        "і чытайце рэзалюцыю на [сайце Еўрапейскага парламента](https://www.europarl.europa.eu/).")
    assert message(project, BOLD_PARAGRAPH).string == (
        "Аляксандр Лукашэнка не з’яўляецца легітымным прэзідэнтам Беларусі[^winner]: так вырашыў Еўрапейскі "
        "парламент, падтрымаўшы дэмакратычныя сілы на чале са Святланай Ціханоўскай **458 галасамі супраць 18 "
        "(84 дэпутаты ўстрымаліся)**.")
    check = run_cli(project, "translate", "check", "--lang", "be")
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"{HANDOUT}.po" not in run_cli(project, "translate", "extract").stdout  # a catalog extract leaves alone


# --- refusals -------------------------------------------------------------------------------


def test_a_deleted_placeholder_is_refused_at_its_line_and_the_other_units_are_imported(project: Path) -> None:
    path = export(project)
    tree = etree.parse(str(path))
    bold_id = unit_with(tree, BOLD_PARAGRAPH).get("id")

    def translate(tree: etree._ElementTree) -> None:
        set_target(unit_with(tree, BOLD_PARAGRAPH), 'Парламент прыняў рэзалюцыю <bpt id="1">**</bpt>458 галасамі<ept id="1">**</ept>.')
        set_target(unit_with(tree, "Why it matters"), "Чаму гэта мае значэнне")

    lines = edit(path, translate)
    before = message(project, BOLD_PARAGRAPH).string
    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    assert result.stderr == (
        f"{EXPORT}:{lines[bold_id]}: error: unit '{bold_id}' (content/{HANDOUT}.md:20): placeholder 2 ('[^winner]') is missing; "
        "put it back where the translation needs it; translation not imported\n")
    assert f"{HANDOUT}.po: 1 updated, 14 unchanged, 0 empty, 1 refused, 0 conflicts" in result.stdout
    assert message(project, BOLD_PARAGRAPH).string == before
    assert message(project, "Why it matters").string == "Чаму гэта мае значэнне"


def test_a_doubled_unknown_or_crossed_placeholder_is_refused_at_its_own_line(project: Path) -> None:
    path = export(project)
    tree = etree.parse(str(path))
    bold_id, links_id = unit_with(tree, BOLD_PARAGRAPH).get("id"), unit_with(tree, LINKS_PARAGRAPH).get("id")
    before = po(project).read_bytes()

    def translate(tree: etree._ElementTree) -> None:
        set_target(unit_with(tree, BOLD_PARAGRAPH),
                   '<bpt id="1">**</bpt>458<ept id="1">**</ept><ph id="2">[^winner]</ph>\n<ph id="2">[^winner]</ph>\n<x id="7"/>')
        set_target(unit_with(tree, LINKS_PARAGRAPH),
                   '<bpt id="1">[</bpt>сайт <bpt id="2">[</bpt>і<ept id="1">)</ept> tsikhanouskaya.org<ept id="2">)</ept>')

    lines = edit(path, translate)
    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    bold, links = lines[bold_id], lines[links_id]
    assert result.stderr.splitlines() == [
        f"{EXPORT}:{bold + 1}: error: unit '{bold_id}' (content/{HANDOUT}.md:20): placeholder 2 ('[^winner]') is there twice "
        f"(also at line {bold}); keep one; translation not imported",
        f"{EXPORT}:{bold + 2}: error: unit '{bold_id}' (content/{HANDOUT}.md:20): <x id=\"7\"> is not a placeholder of this unit's "
        "source; delete it; translation not imported",
        f"{EXPORT}:{links}: error: unit '{links_id}' (content/{HANDOUT}.md:44): placeholder pair 1 ('](https://www.europarl.europa.eu/)') "
        "closes inside pair 2 ('['); a pair must close inside the pair it opened in; translation not imported",
    ]
    assert po(project).read_bytes() == before


def test_a_copied_unit_an_edited_id_and_an_edited_source_are_refused(project: Path) -> None:
    path = export(project)
    before = po(project).read_bytes()

    def tamper(tree: etree._ElementTree) -> None:
        copied = unit_with(tree, "Five demands")
        set_target(copied, "Пяць галоўных патрабаванняў")
        twin = etree.fromstring(etree.tostring(copied))
        set_target(twin, "Іншы пераклад")
        copied.addnext(twin)
        renamed = unit_with(tree, "Why it matters")
        renamed.set("id", "box title|0000000000|000000")
        set_target(renamed, "Чаму гэта мае значэнне")
        edited = unit_with(tree, "A clear majority")
        edited.find("x:source", X).text = "A narrow majority"
        set_target(edited, "Вузкая большасць")

    edit(path, tamper)
    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    assert f"{HANDOUT}.po: 0 updated, 13 unchanged, 0 empty, 4 refused, 0 conflicts" in result.stdout
    assert result.stderr.count("another unit has the same id; neither is imported") == 2
    assert "unit 'box title|0000000000|000000': the source changed since the export" in result.stderr
    assert f"(content/{HANDOUT}.md:18): its <source> is not the source its id stands for" in result.stderr
    assert po(project).read_bytes() == before


def test_units_whose_source_changed_since_the_export_are_refused(project: Path) -> None:
    path = export(project)
    edit(path, lambda t: set_target(unit_with(t, "Hold new elections"), "Новы пераклад, зроблены да змены крыніцы."))
    text = (project / "content" / f"{HANDOUT}.md").read_text(encoding="utf-8")
    (project / "content" / f"{HANDOUT}.md").write_text(text.replace("free and fair,", "free and fair and open to all,"), encoding="utf-8")
    assert run_cli(project, "translate", "extract").returncode == 0
    before = po(project).read_bytes()

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    assert f"(content/{HANDOUT}.md:34): the source changed since the export, so the translation was not imported" in result.stderr
    assert f"{EXPORT}:" in result.stderr and ": warning: unit 'list item|" in result.stderr
    assert po(project).read_bytes() == before


def test_a_unit_changed_in_both_the_po_file_and_the_xliff_is_a_conflict(project: Path) -> None:
    path = export(project)
    catalog = pofile.read(po(project).read_bytes(), "be")  # meanwhile, in Poedit
    catalog.get("Five demands", context="heading").string = "Пяць патрабаванняў Парламента"
    po(project).write_bytes(pofile.write(catalog))
    lines = edit(path, lambda t: set_target(unit_with(t, "Five demands"), "Пяць галоўных патрабаванняў"))
    line = lines[unit_with(etree.parse(str(path)), "Five demands").get("id")]

    result = run_cli(project, "translate", "import", EXPORT)

    assert result.returncode == 1
    assert f"{HANDOUT}.po: 0 updated, 15 unchanged, 0 empty, 0 refused, 1 conflict" in result.stdout
    assert f"{EXPORT}: warning: line {line} (content/{HANDOUT}.md:28): changed in the PO file since the export and in XLIFF" in result.stderr
    assert message(project, "Five demands").string == "Пяць патрабаванняў Парламента"
    conflicts = (project / CONFLICTS).read_text(encoding="utf-8")
    assert f"XLIFF file: {EXPORT}, imported" in conflicts
    assert f"line {line} · content/{HANDOUT}.md:28 · heading\n" in conflicts
    assert "PO file:  Пяць патрабаванняў Парламента\n" in conflicts
    assert "XLIFF:    Пяць галоўных патрабаванняў\n" in conflicts


def test_the_file_can_only_name_a_document_and_language_of_the_project(project: Path) -> None:
    path = export(project)
    before = po(project).read_bytes()
    for attribute, value, expected in [
        ("original", "../locales/ru/LC_MESSAGES/ep-vote-handout.po", "the file is for '../locales/ru/LC_MESSAGES/ep-vote-handout.po', "
                                                                      "which is not a document of this project"),
        ("target-language", "en-GB", "target-language 'en-GB' is not a configured target language (be, lt, pl, ru)"),
    ]:
        data = path.read_bytes()
        edit(path, lambda t, attribute=attribute, value=value: t.find("x:file", X).set(attribute, value))
        result = run_cli(project, "translate", "import", EXPORT)
        assert result.returncode == 1
        assert f"{EXPORT}:3: error: {expected}" in result.stderr
        assert po(project).read_bytes() == before
        path.write_bytes(data)


# --- the placeholder model -----------------------------------------------------------------


def as_tags(pieces: tuple[placeholders.Piece, ...]) -> list[str | Tag]:
    return [p if isinstance(p, str) else Tag(p.role, p.id, None, "ph") for p in pieces]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """A project to load generated documents in (their figures show picture.png)."""
    project = copy_project(tmp_path_factory.mktemp("xliff-properties"))
    shutil.copyfile(project / "content" / "ep-resolution-briefing" / "hemicycle.png", project / "content" / "picture.png")
    return load_config(project)


@SETTINGS
@given(source=documents())
def test_every_generated_segment_splits_into_codes_that_join_back_exactly(generated: Config, source: str) -> None:
    path = generated.content_dir / "generated.md"
    path.write_text(source, encoding="utf-8")
    doc = load_document(path, generated)
    for segment in m.iter_segments(doc):
        pieces = placeholders.split(segment.source, set(doc.notes))
        assert placeholders.markdown(pieces) == segment.source
        assert placeholders.join(as_tags(pieces), pieces, None) == segment.source.strip(" \t")
        codes = [p for p in pieces if isinstance(p, Code)]
        assert len(codes) >= sum(markup(segment.inlines).values())  # every piece of markup is protected
        reordered = [p for p in pieces if isinstance(p, Code) and p.role == SOLO] + [p for p in pieces if not (isinstance(p, Code) and p.role == SOLO)]
        assert sorted(placeholders.join(as_tags(tuple(reordered)), pieces, None)) == sorted(segment.source.strip(" \t"))


def test_each_kind_of_markup_becomes_a_code_holding_its_exact_markdown() -> None:
    source = ("See **the [report](<https://x.org/a b> \"Title\")**, `a `` b`, \\*not\\* &amp; @fig:votes{gen}, "
              "~~old~~ 2^10^ H~2~O <https://a.org> https://b.org/%C3%A9 ![a *chart*](c.png)[^1] x\\\ny")
    pieces = placeholders.split(source, {"1"})
    assert placeholders.markdown(pieces) == source
    assert [(p.role, p.markdown, p.ctype) for p in pieces if isinstance(p, Code)] == [
        (OPEN, "**", "bold"), (OPEN, "[", "link"), (CLOSE, '](<https://x.org/a b> "Title")', "link"), (CLOSE, "**", "bold"),
        (SOLO, "`a `` b`", "x-code"), (SOLO, "@fig:votes", "x-crossref"),
        (OPEN, "~~", "x-strikeout"), (CLOSE, "~~", "x-strikeout"), (OPEN, "^", "x-superscript"), (CLOSE, "^", "x-superscript"),
        (OPEN, "~", "x-subscript"), (CLOSE, "~", "x-subscript"), (SOLO, "<https://a.org>", "x-autolink"),
        (SOLO, "https://b.org/%C3%A9", "x-autolink"), (OPEN, "![", "x-image"), (OPEN, "*", "italic"), (CLOSE, "*", "italic"),
        (CLOSE, "](c.png)", "x-image"), (SOLO, "[^1]", "x-footnote"), (SOLO, "\\\n", "lb"),
    ]
    texts = [p for p in pieces if isinstance(p, str)]
    assert "report" in texts and ", \\*not\\* &amp; " in texts and "{gen}, " in texts  # escapes and forms stay the translator's
    with pytest.raises(BrokenCodes) as broken:
        placeholders.join([p for p in as_tags(pieces) if not (isinstance(p, Tag) and p.id == "1")], pieces, 9)
    assert [p.line for p in broken.value.problems] == [9, 9]
