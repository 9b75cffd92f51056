"""Output formats come from one registry: the built-in writers, Markdown among them, and
writers other packages register through the ``samizdat.writers`` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from samizdat import writers
from samizdat.config import load_config
from samizdat.content import load_document
from tests.support import SAMIZDAT, run_cli

SRC = Path(__file__).resolve().parents[1] / "src"


def test_the_registry_knows_each_format_once_and_what_it_can_do() -> None:
    assert writers.names()[:4] == ("pdf", "docx", "html", "md")
    assert writers.bilingual() == ("pdf", "docx") and writers.downloads() == ("pdf", "docx")
    assert [w.name for w in writers.registry().values() if w.paged] == ["pdf"]
    assert {w.extension for w in writers.registry().values()} >= {".pdf", ".docx", ".html", ".md"}


def test_markdown_edition_in_every_language_reads_back(project: Path) -> None:
    result = run_cli(project, "build", "--format", "md", "content/ep-resolution-briefing")
    assert result.returncode == 0, result.stderr
    config = load_config(project)
    published = load_document(project / "content" / "ep-resolution-briefing" / "index.md", config).meta.languages
    assert published == ("en", "be", "ru", "be-Latn")
    assert not (project / "build" / "pl" / "ep-resolution-briefing.md").exists()  # front matter 'languages'
    for lang in published:
        path = project / "build" / lang / "ep-resolution-briefing.md"
        text = path.read_text(encoding="utf-8")
        assert f"lang: {lang}" in text
        assert "](assets/hemicycle-" in text, "images are copied beside the Markdown, as for the web edition"
        (image,) = (project / "build" / lang / "assets").glob("hemicycle-*.png")
        copy = project / "content" / "ep-resolution-briefing" / f"copy-{lang}.md"  # read it as a content file would be
        copy.write_text(text.replace("](assets/", "](../../build/" + lang + "/assets/"), encoding="utf-8")
        doc = load_document(copy, config)
        assert doc.meta.title.plain() and doc.blocks
    be = (project / "build" / "be" / "ep-resolution-briefing.md").read_text(encoding="utf-8")
    assert "Ціханоўск" in be and "458" in be


def test_an_unknown_format_names_the_writers(project: Path) -> None:
    result = run_cli(project, "build", "--format", "odt")
    assert result.returncode == 2
    assert "unknown format 'odt'; samizdat writes pdf, docx, html, md" in result.stderr


PLUGIN = '''
from samizdat.writers import Writer

def render(request):
    doc = request.docs[0]
    request.target.write_text(doc.meta.title.plain() + "\\n", encoding="utf-8")

WRITER = Writer("txt", ".txt", "the title as plain text", "samizdat_txt_writer:render")
'''


def test_a_writer_from_another_package_is_a_format_like_the_others(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "samizdat_txt_writer-0.1.dist-info").mkdir(parents=True)
    (site / "samizdat_txt_writer.py").write_text(PLUGIN, encoding="utf-8")
    (site / "samizdat_txt_writer-0.1.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: samizdat-txt-writer\nVersion: 0.1\n")
    (site / "samizdat_txt_writer-0.1.dist-info" / "entry_points.txt").write_text("[samizdat.writers]\ntxt = samizdat_txt_writer:WRITER\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(SRC)])}
    done = subprocess.run([*SAMIZDAT, "-C", str(project), "build", "--format", "txt", "--lang", "be", "content/ep-vote-handout.md"],
                          capture_output=True, text=True, env=env, timeout=300, cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "build" / "be" / "ep-vote-handout.txt").read_text(encoding="utf-8") == "Еўропа на\u00a0баку народа Беларусі\n"
    again = subprocess.run([*SAMIZDAT, "-C", str(project), "build", "--format", "txt", "--lang", "be", "content/ep-vote-handout.md"],
                           capture_output=True, text=True, env=env, timeout=300, cwd=project)
    assert "0 files written, 1 up to date" in again.stdout, "fingerprinted and skipped like any other output"
    assert sys.executable  # the plugin ran in the same interpreter as the tests
