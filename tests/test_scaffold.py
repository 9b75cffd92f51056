"""``samizdat init`` makes a project that builds at once; ``samizdat new`` adds a document
from its template's skeleton. Neither overwrites a file. (Refusals that leave a project
untouched — an existing project, unknown language codes, bad slugs, existing files,
unknown templates — are cases in tests/bad_input/init-* and new-*.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.scaffold import parse_languages
from samizdat.translate import glossary
from tests.support import pdf_text, run_cli

TODAY = dt.date.today().isoformat()
STARTERS = ("briefing-example", "handout-example")  # the built-in theme's templates with a skeleton


def test_init_makes_a_project_that_builds_in_every_language(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "init", "x", "--languages", "en,be,ru", "--name", "Minsk Watch")
    assert result.returncode == 0, result.stderr
    project = tmp_path / "x"
    assert "next: cd" in result.stdout
    for name in ("samizdat.toml", "glossary.yaml", ".gitignore", "templates/README.md", "locales/templates.pot",
                 *(f"content/{slug}.md" for slug in STARTERS), *(f"locales/{slug}.pot" for slug in STARTERS)):
        assert (project / name).is_file(), name
        assert f"wrote {Path('x') / name}" in result.stdout.replace(str(tmp_path) + "/", "")
    for lang in ("be", "ru"):
        for domain in ("templates", *STARTERS):
            assert (project / "locales" / lang / "LC_MESSAGES" / f"{domain}.po").is_file()
    assert not (project / "locales" / "en").exists(), "the source language has no catalogs"
    assert (project / ".gitignore").read_text().split() == ["/build/", "/.venv/"]

    config = load_config(project)
    assert (config.source_language, config.languages) == ("en", ("en", "be", "ru"))
    assert config.locales == {"en": "en_US", "be": "be_BY", "ru": "ru_RU"}
    assert config.min_translated == {"be": 0.0, "ru": 0.0}, "nothing is translated yet: every language must build, by an explicit policy"
    assert config.defaults == {"template": "briefing", "organisation": "Minsk Watch"}
    assert set(config.profiles) == {"screen", "print"} and config.online_url
    assert "raise it (90, or 100)" in (project / "samizdat.toml").read_text()
    assert glossary.load(project, config.languages) == glossary.Glossary(), "the example glossary is all comments"
    handout = load_document(project / "content" / "handout-example.md", config)
    assert (handout.meta.title.source, handout.meta.template, handout.meta.date.isoformat()) == ("Example handout", "handout", TODAY)

    built = run_cli(project, "build")
    assert built.returncode == 0, built.stderr
    for lang in ("en", "be", "ru"):
        for slug in STARTERS:
            for fmt in ("pdf", "docx", "html", "md"):
                assert (project / "build" / lang / f"{slug}.{fmt}").stat().st_size > 500, (lang, slug, fmt)
    assert "Example briefing" in pdf_text(project / "build" / "be" / "briefing-example.pdf"), "untranslated: the source text"


def test_init_keeps_every_file_already_there(tmp_path: Path) -> None:
    project = tmp_path / "x"
    mine = {
        ".gitignore": "node_modules/\n",
        "content/handout-example.md": "---\ntitle: Our own handout\ntemplate: handout\n---\n\nOurs.\n",
        "locales/notes.txt": "our translators' notes\n",
    }
    for name, text in mine.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    result = run_cli(tmp_path, "init", "x", "--languages", "en,uk")
    assert result.returncode == 0, result.stderr
    for name, text in mine.items():
        assert (project / name).read_text(encoding="utf-8") == text
    assert "kept" in result.stdout and ".gitignore (already there)" in result.stdout
    assert "run 'samizdat translate extract'" in result.stdout, "locales/ held files: catalogs are left to the user"
    assert sorted(p.name for p in (project / "locales").rglob("*")) == ["notes.txt"]
    assert load_config(project).locales == {"en": "en_US", "uk": "uk_UA"}


def test_language_codes_and_their_locales() -> None:
    assert parse_languages(["en", "be", "ru", "uk"]) == {"en": "en_US", "be": "be_BY", "ru": "ru_RU", "uk": "uk_UA"}
    assert parse_languages(["be", "pt-BR", "sr"]) == {"be": "be_BY", "pt": "pt_BR", "sr": "sr_RS"}


@pytest.mark.parametrize("code, hint", [("bel", "did you mean 'be'?"), ("EN", "did you mean 'en'?"), ("iw", "did you mean 'he'?"),
                                        ("Belarussian", "did you mean 'be' for Belarusian?"), ("ukrainian", "did you mean 'uk' for Ukrainian?")])
def test_unknown_language_code_is_a_usage_error_with_a_suggestion(tmp_path: Path, code: str, hint: str) -> None:
    result = run_cli(tmp_path, "init", "x", "--languages", f"en,{code}")
    assert result.returncode == 2
    assert f"samizdat: error: unknown language code '{code}' ({hint})" in result.stderr
    assert not (tmp_path / "x").exists()


def test_new_fills_the_skeleton_and_the_document_builds(project: Path) -> None:
    title = 'Vote "today": Strasbourg \\ Minsk'
    result = run_cli(project, "new", "strasbourg-vote", "--template", "handout", "--title", title)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["wrote content/strasbourg-vote.md",
                                          "next: run 'samizdat translate extract' to add it to the catalogs, then 'samizdat build'"]
    path = project / "content" / "strasbourg-vote.md"
    skeleton = (Path(__file__).parents[1] / "src/samizdat/themes/default/skeletons/handout.md").read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").split("---", 2)[2] == skeleton.split("---", 2)[2], "the body is the skeleton's"
    doc = load_document(path, load_config(project))
    assert (doc.meta.title.source, doc.meta.template, doc.meta.date.isoformat()) == (title, "handout", TODAY)
    built = run_cli(project, "build", "--lang", "en", "content/strasbourg-vote.md")
    assert built.returncode == 0, built.stderr
    for fmt in ("pdf", "docx", "html"):  # the sample's formats
        assert (project / "build" / "en" / f"strasbourg-vote.{fmt}").is_file()
    assert 'Vote “today”: Strasbourg \\ Minsk' in pdf_text(project / "build" / "en" / "strasbourg-vote.pdf")


def test_new_without_options_uses_the_default_template_and_a_title_from_the_slug(project: Path) -> None:
    assert run_cli(project, "new", "ep-debate-2027").returncode == 0
    doc = load_document(project / "content" / "ep-debate-2027.md", load_config(project))
    assert (doc.meta.title.source, doc.meta.template) == ("Ep debate 2027", "briefing")  # samizdat.toml [defaults] template


def test_new_for_a_template_without_a_skeleton_writes_a_minimal_document(project: Path) -> None:
    """The sample's A5 flyer declares no skeleton; its document still builds, on one page."""
    assert run_cli(project, "new", "table-flyer", "--template", "flyer").returncode == 0
    doc = load_document(project / "content" / "table-flyer.md", load_config(project))
    assert doc.meta.template == "flyer"
    built = run_cli(project, "build", "--lang", "en", "--format", "pdf", "content/table-flyer.md")
    assert built.returncode == 0, built.stderr
    assert (project / "build" / "en" / "table-flyer.pdf").is_file()
