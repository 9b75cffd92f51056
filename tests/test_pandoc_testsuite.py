"""pandoc's classic ``testsuite.txt`` builds as a document: PDF, DOCX and HTML, then
``samizdat check`` on what was written.

The fixture project holds the file as pandoc ships it (``tests/conformance/pandoc``) with
two adaptations: its pandoc title block (``% title``, ``% authors``, ``% date``) becomes
the YAML front matter samizdat reads, with a page budget that fits its 20-odd pages; and
``[Empty]()``, a link without an address, which samizdat refuses by design (a placeholder
nobody filled in), links the site's root ``/``. The suite's other links from the site's
root (``/url/``) are pages of the site that ``[links] online`` names. Its
fonts are DejaVu Serif/Sans/Sans Mono, which have every character of the suite (no PT
font has '∈'), so a problem ``check`` reports is samizdat's, not the fonts'.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support import run_cli

SUITE = Path(__file__).parent / "conformance" / "pandoc"
CONFIG = """\
[project]
name = "Pandoc test suite"
source_language = "en"
languages = ["en"]
formats = ["pdf", "docx", "html"]

[fonts]
serif = "DejaVu Serif"
sans = "DejaVu Sans"
mono = "DejaVu Sans Mono"

[links]
online = "https://pandoc.example/{lang}/{slug}/"
"""


def front_matter(title_block: list[str]) -> str:
    title, authors, date = (line.removeprefix("% ").strip() for line in title_block)
    month, day, year = re.fullmatch(r"(\w+) (\d+), (\d{4})", date).groups()  # type: ignore[union-attr]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    return (f"---\ntitle: {title}\nauthor: {authors}\ndate: {year}-{months.index(month) + 1:02d}-{int(day):02d}\n"
            f"pages: 30\n---\n")


@pytest.fixture(scope="module")
def suite_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pandoc-testsuite")
    (root / "samizdat.toml").write_text(CONFIG, encoding="utf-8")
    folder = root / "content" / "testsuite"
    folder.mkdir(parents=True)
    for image in ("lalune.jpg", "movie.jpg"):
        shutil.copy(SUITE / image, folder / image)
    lines = (SUITE / "testsuite.txt").read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[3:]).replace("[Empty]().", "[Empty](/).")
    (folder / "index.md").write_text(front_matter(lines[:3]) + body, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def reports(suite_project: Path) -> tuple[str, str, int]:
    """What 'build' and 'check' printed, and check's exit code."""
    build = run_cli(suite_project, "build")
    check = run_cli(suite_project, "check")
    return build.stderr + build.stdout, check.stderr + check.stdout, check.returncode


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error:" in line or "internal error" in line]


def test_testsuite_builds_and_checks_with_no_problem(suite_project: Path, reports: tuple[str, str, int]) -> None:
    """Every construct of the suite loads, renders and reads back: all text there, no tofu,
    no fallback font, pictures and notes in place, no link into the build folder."""
    build, check, returncode = reports
    assert "internal error" not in build + check and "Traceback" not in build + check
    assert not errors(build) and returncode == 0 and "0 problems" in check, build + check
    for name in ("testsuite.pdf", "testsuite.docx", "testsuite.html"):
        assert (suite_project / "build" / "en" / name).stat().st_size > 0


def test_links_from_the_site_root_point_at_the_site(suite_project: Path, reports: tuple[str, str, int]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(suite_project / "build" / "en" / "testsuite.pdf")
    uris = {str(a.get_object()["/A"].get("/URI")) for page in reader.pages for a in page.get("/Annots", [])
            if "/A" in a.get_object()}
    assert "https://pandoc.example/url/" in uris and "https://pandoc.example/script?foo=1&bar=2" in uris
    assert not [uri for uri in uris if uri.startswith("file:")]
