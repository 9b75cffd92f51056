"""The PDFs of the sample publication, opened and read back: text, language, fonts,
metadata, bookmarks, localized dates and plurals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from samizdat import model as m
from tests.support import localized, missing_segments, pdf_text

LANGS = ("en", "be", "ru")
SLUGS = ("ep-resolution-briefing", "ep-vote-handout")
AUTHORS = {"en": "Belarus Briefings editorial team", "be": "Рэдакцыя праекта «Брыфінгі пра Беларусь»",
           "ru": "Редакция проекта «Брифинги о\u00a0Беларуси»"}  # typography: no break after "о"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_segment_is_in_the_pdf(sample_build: Path, slug: str, lang: str) -> None:
    doc = localized(slug, lang)
    missing = missing_segments(doc, pdf_text(sample_build / lang / f"{slug}.pdf"))
    assert not missing, "segments missing from the PDF:\n" + "\n".join(missing)
    if lang != "en":
        assert not any(s.fallback for s in m.iter_segments(doc)), "sample translations are complete"


@pytest.mark.parametrize("lang, tag", [("en", "en-GB"), ("be", "be-BY"), ("ru", "ru-RU")])
def test_language_metadata_and_bookmarks(sample_build: Path, lang: str, tag: str) -> None:
    reader = PdfReader(sample_build / lang / "ep-resolution-briefing.pdf")
    doc = localized("ep-resolution-briefing", lang)
    assert reader.trailer["/Root"]["/Lang"] == tag
    assert reader.metadata.title == doc.meta.title.plain()
    assert reader.metadata.author == AUTHORS[lang]  # samizdat.toml's, translated in project.po
    outline = reader.outline
    assert outline[0].title == doc.meta.title.plain()
    headings = [b.text.plain() for b in doc.blocks if isinstance(b, m.Heading)]
    assert [item.title for item in outline[1]] == headings


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_only_configured_fonts_are_embedded(sample_build: Path, slug: str, lang: str) -> None:
    fonts = set()
    for page in PdfReader(sample_build / lang / f"{slug}.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
            assert "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"], "font is embedded"
    assert fonts, "text is set in some font"
    assert all(name.startswith(("PT-Serif", "PT-Sans", "PT-Mono")) for name in fonts), fonts


@pytest.mark.parametrize(
    "lang, date, votes, page",
    [
        ("en", "24 November 2026", ["458 votes", "18 votes", "84 votes"], "Page 1 of 1"),
        ("be", "24 лістапада 2026 г.", ["458 галасоў", "18 галасоў", "84 галасы"], "Старонка 1 з 1"),
        ("ru", "24 ноября 2026 г.", ["458 голосов", "18 голосов", "84 голоса"], "Страница 1 из 1"),
    ],
)
def test_dates_plurals_and_page_numbers_are_localized(sample_build: Path, lang: str, date: str, votes: list[str], page: str) -> None:
    text = pdf_text(sample_build / lang / "ep-vote-handout.pdf")
    assert date.casefold() in text.casefold()
    for phrase in votes:
        assert phrase in text
    assert page in text


def test_handout_fits_one_page_in_every_language(sample_build: Path) -> None:
    for lang in LANGS:
        assert len(PdfReader(sample_build / lang / "ep-vote-handout.pdf").pages) == 1, lang


def test_briefing_is_two_to_three_pages(sample_build: Path) -> None:
    for lang in LANGS:
        assert 2 <= len(PdfReader(sample_build / lang / "ep-resolution-briefing.pdf").pages) <= 3, lang


def test_footnotes_sit_on_the_page_of_their_call(sample_build: Path) -> None:
    reader = PdfReader(sample_build / "en" / "ep-resolution-briefing.pdf")
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    call = next(i for i, t in enumerate(pages) if "held on to power unlawfully" in t)
    assert "largest protests" in pages[call]


def test_quotes_follow_the_language(sample_build: Path) -> None:
    assert "“an important step in our struggle for freedom”" in pdf_text(sample_build / "en" / "ep-resolution-briefing.pdf")
    be = pdf_text(sample_build / "be" / "ep-resolution-briefing.pdf")
    assert "«" in be and "»" in be and '"' not in be
