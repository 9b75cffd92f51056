"""The handout in five languages: the sample's Polish and Lithuanian translations build
beside English, Belarusian and Russian, each edition within the handout's page budget,
tagged with its language and holding none of the English source's sentences. Read back
from the files (pdftotext, pypdf, python-docx, lxml).

The copy lists exactly these five languages (the sample adds be-Latn), as a project of
the Vilnius or Warsaw office would.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import docx
import pytest
from babel.messages.catalog import Message
from docx.oxml.ns import qn
from lxml import html
from pypdf import PdfReader

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.localize import localizer, pofile, terms
from samizdat.translate.extract import templates_template
from tests.support import ROOT, copy_project, pdf_text, pieces, run_cli, squash

SLUG = "ep-vote-handout"
LANGUAGES = ("en", "be", "ru", "pl", "lt")
TAGS = {"en": "en-GB", "be": "be-BY", "ru": "ru-RU", "pl": "pl-PL", "lt": "lt-LT"}
# Words only a real translation holds: the inflected names, the country, the chart's
# legend and counts (their plural forms) from the interface catalog.
WORDS = {
    "be": ["Ціханоўскай", "Беларусі", "Лукашэнка", "Устрымаліся"],
    "ru": ["Тихановской", "Беларуси", "Лукашенко", "Воздержались"],
    "pl": ["Cichanouskiej", "Białorusi", "Łukaszenka", "Wstrzymało się", "84 głosy", "18 głosów"],
    "lt": ["Cichanouskajos", "Baltarusijos", "Lukašenka", "Susilaikė", "458 balsai", "18 balsų"],
}
DOCX_WORDS = {lang: words[:3] for lang, words in WORDS.items()}  # the chart is a picture in Word


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("five"))
    config = project / "samizdat.toml"
    text = config.read_text(encoding="utf-8")
    listed = re.sub(r"(?m)^languages = \[.*\]$", f"languages = {list(LANGUAGES)!r}".replace("'", '"'), text, count=1)
    assert listed != text
    config.write_text(listed, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(five: Path) -> Path:
    result = run_cli(five, "build", "-q", "--format", "pdf,docx,html", f"content/{SLUG}.md")
    assert result.returncode == 0, result.stderr
    return five / "build"


def english_sentences() -> list[str]:
    """The source's texts of four words or more (a link's address or 'OSCE' is in every edition)."""
    doc = load_document(ROOT / "content" / f"{SLUG}.md", load_config(ROOT))
    return [piece for segment in m.iter_segments(doc) if segment is not doc.meta.author
            for piece in pieces(segment) if len(piece.split()) >= 4]


def english_left(text: str) -> list[str]:
    """The source's sentences found in ``text`` (typographic apostrophes read as typed)."""
    flat = squash(text.replace("\u2019", "'"))
    return [sentence for sentence in english_sentences() if squash(sentence) in flat]


def docx_text(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)


def html_text(path: Path) -> str:
    return str(html.parse(str(path)).getroot().text_content())


def test_the_catalogs_pass_the_translation_checks_and_the_glossary(five: Path) -> None:
    result = run_cli(five, "translate", "check", "--lang", "pl,lt", f"content/{SLUG}.md")
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_cli(five, "translate", "status", "--lang", "pl,lt", f"content/{SLUG}.md")
    assert result.returncode == 0, result.stderr
    assert re.search(r"ep-vote-handout\s*│\s*pl\s*│\s*16\s*│", result.stdout), result.stdout
    assert re.search(r"ep-vote-handout\s*│\s*lt\s*│\s*16\s*│", result.stdout), result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_fits_its_budget_and_speaks_its_language(built: Path, lang: str) -> None:
    path = built / lang / f"{SLUG}.pdf"
    assert path.is_file()
    budget = tomllib.loads((ROOT / "samizdat.toml").read_text(encoding="utf-8"))["pages"]["handout"]
    reader = PdfReader(path)
    assert 1 <= len(reader.pages) <= budget
    assert reader.trailer["/Root"]["/Lang"] == TAGS[lang]
    text = pdf_text(path)
    if lang == "en":  # the check below can see English where it is
        assert len(english_left(text)) == len(english_sentences()) >= 10
        return
    assert [word for word in WORDS[lang] if word not in text] == []
    assert english_left(text) == []


@pytest.mark.parametrize("lang", ["pl", "lt"])
def test_docx_is_tagged_and_translated(built: Path, lang: str) -> None:
    path = built / lang / f"{SLUG}.docx"
    document = docx.Document(str(path))
    tags = {element.get(qn("w:val")) for part in (document.styles.element, document.element)
            for element in part.iter(qn("w:lang"))}
    assert tags == {TAGS[lang]}
    text = docx_text(path)
    assert [word for word in DOCX_WORDS[lang] if word not in text] == []
    assert english_left(text) == []


@pytest.mark.parametrize("lang", ["pl", "lt"])
def test_web_page_is_tagged_and_translated(built: Path, lang: str) -> None:
    path = built / lang / f"{SLUG}.html"
    page = html.parse(str(path)).getroot()
    assert page.get("lang") == TAGS[lang]
    text = html_text(path)
    assert [word for word in WORDS[lang][:3] if word not in text] == []
    assert english_left(text) == []


@pytest.mark.parametrize(("lang", "footer", "legend"), [("pl", "Strona 1 z 2", "Wstrzymało się"),
                                                         ("lt", "Puslapis 1 iš 2", "Susilaikė")])
def test_the_theme_ships_polish_and_lithuanian_interface_words(tmp_path: Path, lang: str, footer: str, legend: str) -> None:
    """A new project's pl or lt edition has its furniture before anyone translates templates.po:
    every word the theme uses, translated."""
    (tmp_path / "samizdat.toml").write_text(f'[project]\nlanguages = ["en", "{lang}"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    wanted = {(message.context, _msgid(message)) for message in templates_template(config) if message.id}
    (path,) = config.theme.catalogs(lang)
    shipped = pofile.read(path.read_bytes(), lang)
    done = {(message.context, _msgid(message)) for message in shipped if message.id and message.string and not message.fuzzy}
    assert sorted(wanted - done) == []
    ui = localizer(config, lang)
    assert ui.pgettext(*terms.PAGE_OF) % {"page": 1, "pages": 2} == footer
    assert ui.pgettext(*terms.CHART_LABELS["abstained"]) == legend


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]
