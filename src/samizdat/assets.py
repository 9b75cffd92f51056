"""Resolving images and other files a document points at, inside the project only.

A content file is written by many hands; a path like ``../../etc/passwd``, a symlink out of
the project, ``file://`` or any network URL must never reach a renderer. Every renderer
resolves its images here, and embeds the bytes :func:`picture` gives (checked and, for an
SVG, sanitized: :mod:`samizdat.images`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from samizdat import images
from samizdat import model as m
from samizdat.errors import SamizdatError, error
from samizdat.svg_sanitizer import UnsafeSvg

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml"}


def resolve(src: str, loc: m.Loc, doc_dir: Path, root: Path) -> Path:
    """The file ``src`` names, relative to the document's folder, or a clear error."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        raise error(loc.path, loc.line, f"'{src}': only files inside the project can be used, not {parts.scheme or 'network'} URLs")
    relative = unquote(parts.path)
    if not relative:
        raise error(loc.path, loc.line, "empty image path")
    if relative.startswith("/"):
        raise error(loc.path, loc.line, f"'{src}': absolute paths are not allowed; write the path relative to the content file")
    candidate = (doc_dir / relative).resolve()
    project = root.resolve()
    if not candidate.is_relative_to(project):
        raise error(loc.path, loc.line, f"'{src}' points outside the project")
    if not candidate.is_file():
        raise error(loc.path, loc.line, f"image not found: '{src}' (looked for {candidate.relative_to(project)})")
    if candidate.suffix.lower() not in IMAGE_TYPES:
        raise error(loc.path, loc.line, f"'{src}': unsupported image type; use {', '.join(sorted(IMAGE_TYPES))}")
    kind = sniff(candidate)
    if kind != IMAGE_TYPES[candidate.suffix.lower()]:
        found = f"its content is {kind}" if kind else "its content is not an image samizdat can use"
        raise error(loc.path, loc.line, f"'{src}' is named like {IMAGE_TYPES[candidate.suffix.lower()]}, but {found}")
    return candidate


@dataclass(frozen=True)
class Picture:
    """An image as every writer embeds it: where it is, and the bytes to publish."""

    path: Path
    data: bytes


def picture(src: str, loc: m.Loc, doc_dir: Path, root: Path) -> Picture:
    """The image ``src`` names, resolved, with the bytes the load check passed."""
    path = resolve(src, loc, doc_dir, root)
    try:
        return Picture(path, images.published(path))
    except UnsafeSvg as exc:  # the file changed for the worse since the document was loaded
        raise error(loc.path, loc.line, f"'{src}' {exc}") from None


def sniff(path: Path) -> str:
    """The image type by the file's first bytes (names can lie), or ''."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return "image/svg+xml"
    return ""


ASSET_SCHEME = "samizdat-asset"


def asset_url(image: Picture, root: Path) -> str:
    """A project image as a URL that names it relative to the project.

    WeasyPrint names embedded images after their URL; a ``file://`` URL would put the
    checkout's absolute path into the PDF, and two checkouts would give different bytes.
    The PDF renderer's URL fetcher serves these URLs, from inside the project only.
    """
    import hashlib
    from urllib.parse import quote

    version = hashlib.sha256(image.data).hexdigest()[:12]  # an edited image is a new URL: caches stay right
    return f"{ASSET_SCHEME}:{quote(str(image.path.resolve().relative_to(root.resolve())))}?v={version}"


def document_dir(doc: m.Document, root: Path) -> Path:
    return (root / doc.path).parent


__all__ = ["resolve", "picture", "Picture", "document_dir", "asset_url", "ASSET_SCHEME", "SamizdatError", "IMAGE_TYPES"]
