"""Languages are data: samizdat's profiles for en, be, ru, uk, pl, lt, de and fr, and a
language a project describes itself in samizdat.toml, with no change to the code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from samizdat import languages
from samizdat.config import load_config
from samizdat.localize import pofile
from tests.support import SAMPLE_LANGUAGES, copy_project, pdf_text, run_cli

SRC = Path(__file__).parents[2] / "src" / "samizdat"


def test_every_shipped_profile_is_complete() -> None:
    assert set(languages.shipped()) >= {"en", "be", "ru", "uk", "pl", "lt", "de", "fr", "be-Latn"}
    for code in languages.shipped():
        language = languages.profile(code)
        assert language.locale.split("_")[0] == code.split("-")[0], language
        assert re.fullmatch(r"[a-z]{2}-[A-Z]{2}", language.tag) or language.tag == code, language  # be-Latn: no territory
        assert bool(language.derive_from) == bool(language.transliterate), language
        assert len(set(language.quotes)) >= 3 and language.dash.strip() in ("–", "—") and language.alphabet, language


def test_no_module_compares_language_codes() -> None:
    """The issue's own check (grep '"be"\\|"ru"\\|"en"' src/samizdat), for every shipped
    language: codes appear only in the shipped profile data."""
    pattern = re.compile(r'"(?:en|be|ru|uk|pl|lt|de|fr)"')
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py")) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []


ESPERANTO = """
[languages.eo]
locale = "eo"
tag = "eo"
quotes = ["“", "”", "‘", "’"]
dash = "\\u00a0— "
nobreak_letters = 1
letters = "a-zA-ZĉĝĥĵŝŭĈĜĤĴŜŬ"
alphabet = "ĉĝĥĵŝŭĈĜĤĴŜŬ“”‘’—"
min_translated = 0
"""


def test_a_language_added_with_configuration_and_a_catalog_only(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    toml = project / "samizdat.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(SAMPLE_LANGUAGES, SAMPLE_LANGUAGES.replace("]", ', "eo"]'))
                    + ESPERANTO, encoding="utf-8")
    config = load_config(project)
    assert config.language("eo").quotes[0] == "“" and config.bcp47("eo") == "eo"
    assert run_cli(project, "translate", "extract").returncode == 0
    po = project / "locales" / "eo" / "LC_MESSAGES" / "ep-vote-handout.po"
    catalog = pofile.read(po.read_bytes(), "eo")
    catalog.get("Europe stands with the people of Belarus", context="title").string = 'Eŭropo staras kun la popolo de "Belarusio" - a bone'
    po.write_bytes(pofile.write(catalog))
    result = run_cli(project, "build", "content/ep-vote-handout.md", "--lang", "eo", "--format", "pdf,html")
    assert result.returncode == 0, result.stderr
    pdf = project / "build" / "eo" / "ep-vote-handout.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "eo"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Eŭropo staras kun la popolo de “Belarusio”\u00a0— a\u00a0bone" in text.replace("\n", " ") or \
        "“Belarusio”" in text, text[:400]
    assert '<html lang="eo"' in (project / "build" / "eo" / "ep-vote-handout.html").read_text(encoding="utf-8")


def test_a_projects_profile_keys_are_checked(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    toml = project / "samizdat.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        '[languages.be]\n', '[languages.be]\nquotes = ["«", "»"]\nletters = "я-а"\ndate_format = "d QQQQQQQ"\nhyphenation_rules = "welsh"\n'),
        encoding="utf-8")
    result = run_cli(project, "build", "--lang", "be")
    assert result.returncode == 1
    assert re.search(r"samizdat.toml:\d+: error: quotes for 'be' must be four marks", result.stderr), result.stderr
    assert re.search(r"samizdat.toml:\d+: error: letters for 'be' is not a character class", result.stderr), result.stderr
    assert re.search(r"samizdat.toml:\d+: error: date_format for 'be' is not a CLDR date pattern", result.stderr), result.stderr
    assert re.search(r"samizdat.toml:\d+: error: hyphenation_rules for 'be' must be one of: '', 'belarusian'", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_a_project_sets_its_own_date_format(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    toml = project / "samizdat.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('[languages.pl]\n', '[languages.pl]\ndate_format = "d.MM.y"\n'), encoding="utf-8")
    result = run_cli(project, "build", "--lang", "pl,lt", "--format", "pdf", "content/ep-vote-handout.md")
    assert result.returncode == 0, result.stderr
    assert "24.11.2026" in pdf_text(project / "build" / "pl" / "ep-vote-handout.pdf")
    assert "lapkričio 24" in pdf_text(project / "build" / "lt" / "ep-vote-handout.pdf").lower()  # CLDR's long format
