"""DOCX files as LibreOffice lays them out: how many pages, and how full the last one is.

A DOCX has no fixed pages: Word and LibreOffice paginate it when they open it. Headless
LibreOffice converts a batch of DOCX files to PDF — its start-up costs more than a file,
so every file of a build goes in one run (split over a few processes when there are
many) — and PDFium reads the pages back: their number, and the lines of text on the last
page inside the text area (the running head and footer stand in the margins), which
tells a near-empty last page from a full one.

A layout depends only on the file's bytes and the LibreOffice that lays it out, so each is
kept in the user's cache (``~/.cache/samizdat/office-layouts``, by the file's SHA-256 and
the LibreOffice installation): another project, a clean build or a test that writes the
same DOCX starts no LibreOffice for it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

SOFFICE = "soffice"
START_TIMEOUT, FILE_TIMEOUT = 120, 30  # seconds a run may take: to start, and per file (about a second under load)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_POINT = 20


@dataclass(frozen=True)
class Layout:
    pages: int
    last_page_lines: int  # lines of text on the last page, running head and footer left out


def available() -> bool:
    return shutil.which(SOFFICE) is not None


class Office:
    """Headless LibreOffice with a private profile (no clash with a LibreOffice the user has
    open), kept for every run of one build; ``processes`` runs share out a large batch."""

    def __init__(self, folder: Path, processes: int = 1) -> None:
        self.folder, self.processes = folder, max(1, processes)
        self.runs = 0

    def layouts(self, files: dict[str, bytes]) -> dict[str, Layout]:
        """The layout of each DOCX in ``files`` (name → content); those LibreOffice could not
        convert are left out (it exits 0 even when it fails)."""
        keys = {name: _key(data) for name, data in files.items()}
        found = {name: layout for name, key in keys.items() if (layout := _cached(key)) is not None}
        converted = self._convert({name: data for name, data in files.items() if name not in found})
        for name, layout in converted.items():
            _keep(keys[name], layout)
        return found | converted

    def _convert(self, files: dict[str, bytes]) -> dict[str, Layout]:
        if not files:
            return {}
        self.runs += 1
        work = self.folder / f"run-{self.runs}"
        names = sorted(files)
        batches = [names[index::self.processes] for index in range(min(self.processes, len(names)))]
        for number, batch in enumerate(batches):
            for name in batch:
                (work / f"in-{number}").mkdir(parents=True, exist_ok=True)
                (work / f"in-{number}" / f"{name}.docx").write_bytes(files[name])
        with contextlib.ExitStack() as running:
            for number in range(len(batches)):
                running.enter_context(self._converting(work / f"in-{number}", work / "out", self.folder / f"profile-{number}"))
        found = {}
        for name in names:
            layout = measure(work / "out" / f"{name}.pdf", text_area(files[name]))
            if layout is not None:
                found[name] = layout
        shutil.rmtree(work, ignore_errors=True)
        return found

    @contextlib.contextmanager
    def _converting(self, sources: Path, out: Path, profile: Path) -> Iterator[None]:
        """One LibreOffice process converting ``sources`` while the block runs; waited for when
        it ends, and killed with its children if it takes far longer than it should."""
        files = sorted(str(p) for p in sources.iterdir())
        command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(out), *files]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)  # its own process group: soffice starts soffice.bin
        try:
            yield
            process.wait(timeout=START_TIMEOUT + FILE_TIMEOUT * len(files))
        except subprocess.TimeoutExpired:
            _kill(process)  # what it converted in time is counted
        except BaseException:
            _kill(process)
            raise


def _cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "samizdat" / "office-layouts"


@functools.cache
def _installation() -> str:
    """Which LibreOffice lays the files out: its program file, size and date (an upgrade
    changes them, and with them every key)."""
    program = Path(shutil.which(SOFFICE) or SOFFICE).resolve()
    try:
        stat = program.stat()
    except OSError:
        return str(program)
    return f"{program}:{stat.st_size}:{stat.st_mtime_ns}"


def _key(data: bytes) -> str:
    return hashlib.sha256(data + b"\0" + _installation().encode()).hexdigest()


def _cached(key: str) -> Layout | None:
    try:
        values = json.loads((_cache() / f"{key}.json").read_text())
        return Layout(int(values["pages"]), int(values["last_page_lines"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep(key: str, layout: Layout) -> None:
    """Kept atomically (builds run side by side); a cache that cannot be written is skipped."""
    folder = _cache()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{key}.{os.getpid()}.part"
        temp.write_text(json.dumps({"pages": layout.pages, "last_page_lines": layout.last_page_lines}))
        temp.replace(folder / f"{key}.json")
    except OSError:
        pass


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@contextlib.contextmanager
def session(processes: int = 1) -> Iterator[Office]:
    """LibreOffice for one build: its profile and files in a temporary folder, removed after."""
    with tempfile.TemporaryDirectory(prefix="samizdat-office-") as work:
        yield Office(Path(work), processes)


def text_area(docx: bytes) -> tuple[float, float]:
    """Bottom and top of the last section's text area, in PDF points from the page's foot."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    sections = root.findall(f".//{W}sectPr")
    size = sections[-1].find(f"{W}pgSz") if sections else None
    margins = sections[-1].find(f"{W}pgMar") if sections else None
    height = _twips(size, "h", 16838)
    top, bottom = abs(_twips(margins, "top", 1440)), abs(_twips(margins, "bottom", 1440))
    return bottom / TWIPS_PER_POINT, (height - top) / TWIPS_PER_POINT


def _twips(element: etree._Element | None, name: str, default: int) -> int:
    value = element.get(f"{W}{name}") if element is not None else None
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def measure(pdf: Path, area: tuple[float, float], slack: float = 1.0) -> Layout | None:
    """Pages of ``pdf``, and lines of text on its last page between ``area``'s bottom and top;
    None when LibreOffice wrote no usable PDF."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, FileNotFoundError):
        return None
    try:
        pages = len(document)
        if not pages:
            return None
        text = document[pages - 1].get_textpage()
        rects = [text.get_rect(index) for index in range(text.count_rects())]
    finally:
        document.close()
    bottom, top = area
    lines: list[tuple[float, float]] = []  # (bottom, top) of each line found
    for _, low, _, high in sorted(rects, key=lambda rect: -rect[3]):
        middle = (low + high) / 2
        if bottom - slack <= middle <= top + slack and not any(b <= middle <= t for b, t in lines):
            lines.append((low, high))
    return Layout(pages, len(lines))
