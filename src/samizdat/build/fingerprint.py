"""What an output is made from, as content hashes: the basis of incremental builds.

Takes a job and the loaded document; gives a key that changes when any input changes —
the content file and its images, the job's PO catalogs, every template, samizdat.toml,
glossary.yaml, the fonts fontconfig picks, the versions of samizdat and its renderers,
and the build options. Hashes of file contents, never modification times, so a checkout,
a copy or a touch does not force a rebuild, and an edit always does.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import samizdat
from samizdat import model as m
from samizdat import writers
from samizdat.build.plan import Job
from samizdat.config import CONFIG_NAME, Config
from samizdat.content import referenced_images
from samizdat.inputs import digest as read_digest
from samizdat.localize.catalogs import PROJECT_DOMAIN, TEMPLATES_DOMAIN, po_path

RENDERERS = ("weasyprint", "python-docx", "babel", "markdown-it-py", "jinja2", "pydyf")


class Hasher:
    """Digests of input files: of the very bytes the build renders (``samizdat.inputs``)."""

    def __init__(self) -> None:
        self._themes: dict[tuple[Path, ...], str] = {}

    def file(self, path: Path) -> str:
        return read_digest(path)

    def theme(self, config: Config) -> str:
        """One digest of every file the project's theme resolves (its templates/ included)."""
        layers = config.theme.layers
        if layers not in self._themes:
            digest = hashlib.sha256()
            for name, path in sorted(config.theme.files().items()):
                digest.update(f"{name}\0{self.file(path)}\n".encode())
            self._themes[layers] = digest.hexdigest()
        return self._themes[layers]


@lru_cache(maxsize=1)
def versions() -> str:
    """samizdat's version and the hash of its own code (a fix rebuilds), and its renderers'."""
    package = Path(samizdat.__file__).parent
    code = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.toml")]):  # the language profiles are code's data
        code.update(path.read_bytes())
    found = {"samizdat": f"{samizdat.__version__}+{code.hexdigest()[:16]}"}
    for name in RENDERERS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return json.dumps(found, sort_keys=True)


@lru_cache(maxsize=8)
def font_files(families: tuple[str, ...]) -> str:
    """The files fontconfig resolves the configured families to, with their sizes."""
    if not shutil.which("fc-match"):
        return "no fontconfig"
    parts = []
    for family in families:
        out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=False).stdout
        path = Path(out)
        parts.append(f"{family}={out}:{path.stat().st_size if path.is_file() else 'absent'}")
    return ";".join(parts)


def inputs(job: Job, doc: m.Document, config: Config, options: dict[str, Any], hasher: Hasher) -> dict[str, str]:
    """Every input of ``job`` with its digest (recorded in the manifest)."""
    root = config.root
    found = {
        "samizdat+renderers": hashlib.sha256(versions().encode()).hexdigest(),
        "options": hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode()).hexdigest(),
        CONFIG_NAME: config.digest or hasher.file(root / CONFIG_NAME),
        "glossary.yaml": hasher.file(root / "glossary.yaml"),
        "theme": hasher.theme(config),
        doc.path: hasher.file(job.source),
    }
    folder = job.source.parent
    for src, _ in referenced_images(doc.blocks, doc.notes):
        path = (folder / src).resolve()
        found[config.rel(path)] = hasher.file(path)
    for lang in job.langs:
        for domain in (doc.slug, TEMPLATES_DOMAIN, PROJECT_DOMAIN):
            path = po_path(config, lang, domain)
            found[config.rel(path)] = hasher.file(path)
    writer = writers.get(job.fmt)
    if writer.links_editions:  # its language links depend on how far each translation has got
        for lang in config.languages:
            path = po_path(config, lang, doc.slug)
            found[config.rel(path)] = hasher.file(path)
    if writer.paged:  # laid out in the configured fonts
        found["fonts"] = hashlib.sha256(font_files(tuple(sorted(config.fonts.values()))).encode()).hexdigest()
    return found


def key(found: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()
