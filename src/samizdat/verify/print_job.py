"""A project's print files put through preflight (:mod:`samizdat.verify.preflight`).

Takes the configuration, a profile and the documents a PDF was made from; gives what the
PDF must be (its design's paper, the profile's bleed and colour) and the images its
documents use, by pixel size, so that a finding about an image names the file and the line
that placed it. A profile is for print when it asks for CMYK or a bleed: ``build`` then
preflights every PDF it writes, and ``samizdat preflight`` without files every PDF the
profile's last build wrote (those its manifest lists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from samizdat import assets, images
from samizdat import model as m
from samizdat.build.manifest import Manifest
from samizdat.build.plan import profile_folder
from samizdat.config import Config, Profile
from samizdat.content import discover, load_document, referenced_images, slug_of
from samizdat.errors import Diagnostic, SamizdatError
from samizdat.theme import BILINGUAL
from samizdat.verify.preflight import Expect, ImageSources, preflight


def for_print(profile: Profile) -> bool:
    """A print shop's profile: CMYK colour or a bleed. Its PDFs are preflighted as they are built."""
    return profile.cmyk or bool(profile.bleed)


def expect(config: Config, profile: Profile, template: str | None, docs: Sequence[m.Document] = ()) -> Expect:
    """What a PDF of ``template`` (None: not known, any paper will do) must be in ``profile``."""
    if template is None:
        return Expect(bleed=profile.bleed, cmyk=profile.cmyk, images=image_sources(docs, config))
    from samizdat.render.pdf import paper_of

    return Expect((paper_of(config, template) or profile.paper,), profile.bleed, profile.cmyk, image_sources(docs, config))


def image_sources(docs: Sequence[m.Document], config: Config) -> ImageSources:
    """The raster images the documents place, by pixel size (read from their headers)."""
    found: ImageSources = {}
    for doc in docs:
        folder = (config.root / doc.path).parent
        for src, loc in referenced_images(doc.blocks, doc.notes):
            try:
                path = assets.resolve(src, loc, folder, config.root)
                kind = assets.IMAGE_TYPES[path.suffix.lower()]
                if kind not in images.HEADER_READERS:
                    continue  # an SVG is drawn, not placed as pixels
                size = images.dimensions(path, kind)
            except (SamizdatError, images.ImageError, OSError):
                continue  # the build reports it where it loads the document
            if (src, loc) not in found.get(size, []):
                found.setdefault(size, []).append((src, loc))
    return found


def check(path: Path, shown: str, expected: Expect) -> list[Diagnostic]:
    """Preflight findings for the PDF at ``path``, named ``shown`` (the file it becomes)."""
    return [finding.diagnostic(shown) for finding in preflight(path, expected)]


@dataclass(frozen=True)
class PrintFile:
    path: Path
    template: str | None  # None when its document is gone or cannot be read
    docs: tuple[m.Document, ...]


def built(config: Config, profile: Profile, out: Path | None = None) -> list[PrintFile]:
    """The PDFs the profile's last build wrote (its manifest's), with the documents they were made from."""
    folder = out or profile_folder(config.output_dir, profile)
    names = sorted(name for name in Manifest(folder).entries if name.endswith(".pdf") and (folder / name).is_file())
    sources = {slug_of(path): path for path in discover(config)}
    documents: dict[str, m.Document | None] = {}
    found = []
    for name in names:
        target = folder / name
        slug = target.stem
        if slug not in documents:
            documents[slug] = _load(sources.get(slug), config)
        doc = documents[slug]
        if doc is None:
            found.append(PrintFile(target, None, ()))
        else:
            found.append(PrintFile(target, BILINGUAL if "+" in target.parent.name else doc.meta.template, (doc,)))
    return found


def _load(source: Path | None, config: Config) -> m.Document | None:
    if source is None:
        return None
    try:
        return load_document(source, config)
    except SamizdatError:
        return None
