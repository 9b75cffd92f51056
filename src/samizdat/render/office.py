"""Page counts of DOCX files, as LibreOffice lays them out.

A DOCX has no fixed pages: Word and LibreOffice paginate it when they open it. When
LibreOffice is installed, one headless run converts every file that has a page budget to
PDF and the pages are counted; otherwise the budget is reported as not checked exactly.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = "soffice"


def available() -> bool:
    return shutil.which(SOFFICE) is not None


def page_counts(files: list[Path], timeout: int = 300) -> dict[Path, int]:
    """Pages of each DOCX in ``files`` (those LibreOffice could not convert are left out)."""
    from pypdf import PdfReader

    if not files:
        return {}
    with tempfile.TemporaryDirectory(prefix="samizdat-office-") as work:
        folder = Path(work)
        by_name: dict[str, Path] = {}
        for index, path in enumerate(files):  # unique names: editions share a file name
            copy = folder / "in" / f"{index}-{path.name}"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, copy)
            by_name[copy.stem] = path
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder / "out"), *sorted(str(p) for p in (folder / "in").iterdir())],
            capture_output=True, timeout=timeout, check=False,
        )
        counts = {}
        for pdf in (folder / "out").glob("*.pdf"):  # LibreOffice exits 0 even when it fails
            counts[by_name[pdf.stem]] = len(PdfReader(pdf).pages)
        return counts
