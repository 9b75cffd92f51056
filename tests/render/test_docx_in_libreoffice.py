"""A real office suite opens every DOCX of the sample and shows all of its text."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import localized, missing_segments, pdf_text

LANGS = ("en", "be", "ru")
SLUGS = ("ep-resolution-briefing", "ep-vote-handout")

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (scripts/setup --test installs it; CI never skips)",
)


@pytest.fixture(scope="module")
def converted(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo")
    for lang in LANGS:
        sources = [str(sample_build / lang / f"{slug}.docx") for slug in SLUGS]
        profile = (out / "profile").as_uri()
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out / lang), *sources],
            capture_output=True, timeout=300, check=False,
        )
    return out


@needs_soffice
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_libreoffice_shows_every_segment(converted: Path, slug: str, lang: str) -> None:
    pdf = converted / lang / f"{slug}.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF (it exits 0 even when it fails)"
    missing = missing_segments(localized(slug, lang), pdf_text(pdf))
    assert not missing, "\n".join(missing)
