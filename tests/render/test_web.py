"""The web edition (format "html") of the sample publication, parsed back with lxml: language,
title, landmarks, language and download links, notes with working links both ways, every
segment's text, images beside the page, nothing escaped wrongly."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from babel import Locale

from samizdat import model as m
from samizdat.build import build
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report, SamizdatError
from samizdat.languages import profile
from samizdat.localize import localize
from samizdat.render import web
from tests.support import copy_project, localized, missing_segments, squash, write_doc

LANGS = {"en": "en-GB", "be": "be-BY", "ru": "ru-RU"}  # every document is in these
EVERY = {code: profile(code).tag for code in ("en", "be", "ru", "pl", "lt", "be-Latn")}  # the handout is in all of them
SLUGS = ("ep-resolution-briefing", "ep-vote-flyer", "ep-vote-handout")


@pytest.fixture(scope="module")
def web_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project's web edition, every language, built once for this module."""
    project = copy_project(tmp_path_factory.mktemp("web"))
    config = load_config(project)
    assert config.languages == tuple(EVERY)
    result = build(config, [], list(EVERY), ["html"], config.output_dir)
    assert not result.errors, result.errors
    assert len(result.written) == len(LANGS) * len(SLUGS) + len(EVERY) - len(LANGS) + 2  # be-Latn: the briefing and flyer too
    return project / "build"


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def page_of(build_dir: Path, slug: str, lang: str) -> tuple[Path, lxml.html.HtmlElement]:
    path = build_dir / lang / f"{slug}.html"
    return path, parse(path)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_language_title_and_viewport(web_build: Path, slug: str, lang: str) -> None:
    _, page = page_of(web_build, slug, lang)
    doc = localized(slug, lang)
    assert page.get("lang") == LANGS[lang]
    assert page.findtext(".//title") == doc.meta.title.plain()
    assert page.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]
    assert [h.text_content() for h in page.xpath("//h1")] == [doc.meta.title.plain()]


@pytest.mark.parametrize("lang", LANGS)
def test_links_to_the_other_languages_in_their_own_names(web_build: Path, lang: str) -> None:
    slug = "ep-vote-handout"
    path, page = page_of(web_build, slug, lang)
    links = page.xpath("//nav[contains(@class, 'languages')]//a")
    others = [other for other in EVERY if other != lang]
    assert [a.get("href") for a in links] == [f"../{other}/{slug}.html" for other in others]
    assert [a.get("hreflang") for a in links] == [EVERY[other] for other in others]
    assert [a.get("lang") for a in links] == [EVERY[other] for other in others]
    assert [a.text_content() for a in links] == [profile(other).name for other in others]
    assert profile("be").name == Locale.parse("be").get_display_name("be") == "беларуская"  # CLDR's, in itself
    for a in links:
        assert (path.parent / a.get("href")).resolve().is_file()
    (current,) = page.xpath("//nav[contains(@class, 'languages')]//*[@aria-current='page']")
    assert current.tag != "a" and current.get("lang") == LANGS[lang]
    alternates = page.xpath("//link[@rel='alternate']")
    assert {(a.get("hreflang"), a.get("href")) for a in alternates} == {(EVERY[o], f"../{o}/{slug}.html") for o in others}


@pytest.mark.parametrize("lang", LANGS)
def test_links_to_the_pdf_and_docx_editions(web_build: Path, lang: str) -> None:
    slug = "ep-resolution-briefing"
    _, page = page_of(web_build, slug, lang)
    hrefs = page.xpath("//nav[contains(@class, 'downloads')]//a/@href")
    assert hrefs == [f"{slug}.pdf", f"{slug}.docx"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_landmarks_skip_link_and_heading_order(web_build: Path, slug: str, lang: str) -> None:
    _, page = page_of(web_build, slug, lang)
    body = page.find("body")
    skip = body.xpath("./a[1]")[0]
    assert "skip-link" in skip.get("class") and skip.get("href") == "#main"
    assert page.get_element_by_id("main").tag == "main"
    assert body.xpath("./header") and body.xpath("./footer") and len(page.xpath("//main")) == 1
    for nav in page.xpath("//nav"):
        assert nav.get("aria-label"), "every navigation region is named"
    levels = [int(h.tag[1]) for h in page.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [slug for slug in SLUGS if slug != "ep-vote-flyer"])  # the flyer has no notes
def test_notes_section_links_both_ways(web_build: Path, slug: str, lang: str) -> None:
    _, page = page_of(web_build, slug, lang)
    doc = localized(slug, lang)
    calls = page.xpath("//a[@role='doc-noteref']")
    notes = page.xpath("//section[contains(@class, 'notes')]/ol/li")
    assert len(notes) == len(doc.note_order) > 0
    assert [a.text_content() for a in calls] == [str(n) for n in range(1, len(calls) + 1)]
    for call, note, label in zip(calls, notes, doc.note_order):
        assert call.get("href") == f"#{note.get('id')}"
        back = note.xpath(".//a[@role='doc-backlink']")
        assert [a.get("href") for a in back] == [f"#{call.get('id')}"]
        text = squash(note.text_content())
        for segment in m.iter_segments(document_of(doc.notes[label])):
            assert squash(segment.plain()) in text
    section = page.xpath("//section[contains(@class, 'notes')]")[0]
    assert section.get("aria-labelledby") == section.find("h2").get("id")
    assert not page.xpath("//*[contains(@class, 'footnote')]"), "no print footnotes on the web"


def document_of(blocks: tuple[m.Block, ...]) -> m.Document:
    """A throwaway document holding ``blocks``, to walk their segments with iter_segments."""
    title = m.Segment("", (), m.Loc("", 0))
    return m.Document("x", "x.md", m.Meta(title, "en", "briefing"), blocks, {}, (), "en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_segment_is_on_the_page(web_build: Path, slug: str, lang: str) -> None:
    _, page = page_of(web_build, slug, lang)
    missing = missing_segments(localized(slug, lang), page.find("body").text_content())
    assert not missing, "segments missing from the web page:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", LANGS)
def test_images_are_relative_and_beside_the_page(web_build: Path, lang: str) -> None:
    path, page = page_of(web_build, "ep-resolution-briefing", lang)
    images = page.xpath("//img")
    assert images
    source = web_build.parent / "content" / "ep-resolution-briefing" / "hemicycle.png"
    for img in images:
        src = img.get("src")
        parts = urlsplit(src)
        assert not parts.scheme and not parts.netloc and not src.startswith("/"), src
        target = (path.parent / src).resolve()
        assert target.is_relative_to(web_build.resolve()) and target.is_file()
        assert target.read_bytes() == source.read_bytes()
        assert img.get("alt")
    assert "file:" not in path.read_text(encoding="utf-8")


def test_chart_is_inline_svg(web_build: Path) -> None:
    _, page = page_of(web_build, "ep-vote-handout", "be")
    (svg,) = page.xpath("//figure[contains(@class, 'chart')]/svg")
    assert svg.get("role") == "img" and svg.get("aria-label")
    assert "458 галасоў" in svg.text_content()


def test_page_is_standalone(web_build: Path) -> None:
    path, page = page_of(web_build, "ep-vote-handout", "en")
    assert not page.xpath("//link[@rel='stylesheet'] | //script")
    (style,) = page.xpath("//style")
    assert "--font-serif: \"PT Serif\"" in style.text and "#b3261e" in style.text and "70ch" in style.text


def render_one(project: Path, name: str, text: str) -> Path:
    """Write ``text`` as content/<name>, render its English web page, return the page's path."""
    config = load_config(project)
    doc = localize(load_document(write_doc(project, name, text), config), "en", config, Report())
    target = project / "build" / "en" / name.replace(".md", ".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    web.render(doc, config, target)
    return target


def test_content_is_escaped(project: Path) -> None:
    config = load_config(project)
    target = render_one(project, "x.md", '---\ntitle: "<b>T</b></title><script>alert(1)</script>"\n---\n'
                                         "A <img src=x onerror=alert(1)> & [l](#top)\n")
    text = target.read_text(encoding="utf-8")
    page = parse(target)
    assert page.findtext(".//title") == "<b>T</b></title><script>alert(1)</script>"
    assert not page.xpath("//script") and not page.xpath("//img")
    assert "&lt;img src=x onerror=alert(1)&gt; &amp;" in text
    assert not page.xpath("//a[starts-with(@href, 'javascript:')]")
    # a javascript: link never gets this far: the reader refuses it with its line
    with pytest.raises(SamizdatError) as refused:
        load_document(write_doc(project, "y.md", "---\ntitle: Y\n---\n\n[l](javascript:alert(1))\n"), config)
    assert str(refused.value) == ("content/y.md:5: error: link to 'javascript:alert(1)' is not allowed: "
                                  "use web (https://), mail (mailto:) or #anchor links")


def test_a_note_called_twice_links_back_to_both_calls(project: Path) -> None:
    target = render_one(project, "twice.md", "---\ntitle: Twice\n---\nOne.[^a] Two.[^b] Three.[^a]\n\n"
                                             "[^a]: First note.\n[^b]: Second note.\n")
    page = parse(target)
    assert [a.text_content() for a in page.xpath("//a[@role='doc-noteref']")] == ["1", "2", "1"]
    first, second = page.xpath("//section[contains(@class, 'notes')]/ol/li")
    backs = first.xpath(".//a[@role='doc-backlink']/@href")
    assert backs == ["#fnref-1", "#fnref-1-2"]
    for href in backs + second.xpath(".//a[@role='doc-backlink']/@href"):
        assert page.get_element_by_id(href[1:]).get("role") == "doc-noteref"


def language_hrefs(page: lxml.html.HtmlElement) -> list[str]:
    return page.xpath("//nav[contains(@class, 'languages')]//a/@href")


def test_a_language_held_back_gets_no_link_until_it_is_published(project: Path) -> None:
    """Russian below min_translated is not built, so no page may link to it; once the
    translation is done, the pages built before are rebuilt with the link."""
    slug = "ep-vote-handout"
    po = project / "locales" / "ru" / "LC_MESSAGES" / f"{slug}.po"
    translated = po.read_text(encoding="utf-8")
    po.write_text(translated.replace('#: ', '#, fuzzy\n#: '), encoding="utf-8")  # every message needs review
    config = load_config(project)
    first = build(config, [project / "content" / f"{slug}.md"], list(LANGS), ["html"], config.output_dir)
    assert (slug, "ru") in first.held
    assert not (config.output_dir / "ru" / f"{slug}.html").exists()
    for lang in ("en", "be"):
        _, page = page_of(config.output_dir, slug, lang)
        hrefs = language_hrefs(page)
        assert f"../ru/{slug}.html" not in hrefs
        assert not page.xpath("//link[@rel='alternate'][@hreflang='ru-RU']")
        assert hrefs == [f"../{other}/{slug}.html" for other in EVERY if other not in (lang, "ru")]
    po.write_text(translated, encoding="utf-8")
    second = build(config, [project / "content" / f"{slug}.md"], list(LANGS), ["html"], config.output_dir)
    assert sorted(p.parent.name for p in second.written) == ["be", "en", "ru"]  # en and be relinked, ru new
    for lang in LANGS:
        _, page = page_of(config.output_dir, slug, lang)
        assert {f"../{other}/{slug}.html" for other in LANGS if other != lang} <= set(language_hrefs(page))


def test_an_edited_image_replaces_the_old_copy(project: Path) -> None:
    """Images are copied under a content-hashed name; after an edit the old copy goes, and
    files samizdat did not write stay."""
    from PIL import Image

    slug = "ep-resolution-briefing"
    image = project / "content" / slug / "hemicycle.png"
    config = load_config(project)
    source = [project / "content" / slug / "index.md"]
    build(config, source, ["en"], ["html"], config.output_dir)
    assets = config.output_dir / "en" / web.ASSETS
    (old,) = assets.glob("hemicycle-*.png")
    (assets / "press-photo.png").write_bytes(b"kept")
    with Image.open(image) as picture:
        picture.rotate(180).save(image)
    result = build(config, source, ["en"], ["html"], config.output_dir)
    assert result.written == [config.output_dir / "en" / f"{slug}.html"]
    (new,) = assets.glob("hemicycle-*.png")
    assert new != old and new.read_bytes() == image.read_bytes()
    _, page = page_of(config.output_dir, slug, "en")
    assert page.xpath("//img/@src") == [f"{web.ASSETS}/{new.name}"]
    assert (assets / "press-photo.png").read_bytes() == b"kept"


def test_a_table_scrolls_inside_its_own_box(project: Path) -> None:
    """On a phone a wide table scrolls sideways in a focusable box, not the whole page."""
    page = parse(render_one(project, "table.md", "---\ntitle: T\n---\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"))
    (box,) = page.xpath("//div[@class='table-scroll']")
    assert box.get("tabindex") == "0" and box.xpath("./table")
