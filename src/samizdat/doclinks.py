"""Links between the project's documents: ``other.md#section`` → that document in the reader's language.

An author links another document by its content file, relative to the linking document
(``other.md``, ``../other/index.md``, or the folder of a folder document, ``other/``), with
an optional ``#section``. Every edition then points at that document in its own language:
the online edition (samizdat.toml ``[links] online``) in the PDF, DOCX and Markdown
editions, which travel on their own, and the page beside it on the web. An address from
the site's root (``/about/``) is a page of the publication's web site, the one
``[links] online`` names. Any other relative address would lead nowhere once published — a
PDF would even point into the folders of the machine that built it — so it is an error at
its line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit, urlunsplit

from samizdat import model as m
from samizdat.config import Config
from samizdat.errors import did_you_mean

Style = Literal["online", "web", "markdown"]  # what an edition links: online URLs, pages beside it, or either


class BadLink(ValueError):
    """A relative link that names no document of the project."""


@dataclass(frozen=True)
class Target:
    slug: str
    fragment: str = ""  # with its '#', or ''


def documents(config: Config) -> dict[Path, str]:
    """Each document's content file, and a folder document's folder, → its slug."""
    folder = config.content_dir.resolve()
    found = {path: path.stem for path in folder.glob("*.md") if path.is_file()}
    for index in folder.glob("*/index.md"):
        if index.is_file():
            found[index] = found[index.parent] = index.parent.name
    return found


def resolve(url: str, doc_path: str, config: Config) -> Target | None:
    """The document a relative link names; None for a web, mail or in-page link (kept as
    written). Raises :class:`BadLink` for a relative link that names no document."""
    parts = urlsplit(url)
    if not url.strip() or url == "#":  # a placeholder never filled in; a PDF would point at the build folder
        raise BadLink(f"link without an address{f' ({url!r})' if url else ''}: write a web address (https://…), "
                      "another document (other.md) or a section (#section)")
    if parts.scheme or url.startswith("#") or site_address(url, config):
        return None
    doc_dir = (config.root / doc_path).parent
    known = documents(config)
    path = unquote(parts.path)
    slug = None
    if path and not parts.netloc and not parts.query and not path.startswith("/"):
        slug = known.get((doc_dir / path).resolve())
    if slug is None:
        names = [os.path.relpath(file, doc_dir.resolve()) for file in known if file.suffix == ".md"]
        site = " (an address from the site's root needs samizdat.toml [links] online)" if path.startswith("/") else ""
        raise BadLink(f"link to '{unquote(url)[:80]}' leads to no document of the project{did_you_mean(path, names)}: "
                      f"link another document (other.md, other.md#section) or a web address (https://…){site}")
    return Target(slug, f"#{parts.fragment}" if parts.fragment else "")


def site_address(url: str, config: Config) -> str | None:
    """``/about/`` as the full address of that page on the site of ``[links] online``;
    None for any other address, or when the site is not known."""
    parts, online = urlsplit(url), urlsplit(config.online_url or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or not online.netloc or "{" in online.netloc:
        return None
    return urlunsplit((online.scheme, online.netloc, parts.path, parts.query, parts.fragment))


def href(url: str, doc: m.Document, config: Config, style: Style) -> str | None:
    """Where a link of ``doc`` points in an edition of ``style``, in ``doc``'s language.

    A link to another document: its online edition (``online``), its page beside this one
    (``web``), or the online edition, else its Markdown edition beside this one
    (``markdown``); a section of the document itself stays in the page. None when an
    online address is wanted and samizdat.toml has none: the text is shown without a link.
    """
    try:
        target = resolve(url, doc.path, config)
    except BadLink:
        return None  # reported when the document or its translation was loaded
    if target is None:
        return site_address(url, config) or url
    if target.slug == doc.slug and target.fragment:
        return target.fragment
    if style == "web":
        return f"{target.slug}.html{target.fragment}"
    if config.online_url:
        return config.online_url.format(lang=doc.lang, slug=target.slug) + target.fragment
    return f"{target.slug}.md{target.fragment}" if style == "markdown" else None


def links(inlines: tuple[m.Inline, ...]) -> Iterator[m.Link]:
    """Every link among ``inlines``, inside emphasis and other links too."""
    for node in inlines:
        if isinstance(node, m.Link):
            yield node
        yield from links(getattr(node, "children", ()))


def problems(segment: m.Segment, doc_path: str, config: Config) -> list[str]:
    """What is wrong with the relative links of ``segment``, one message each."""
    found = []
    for link in links(segment.inlines):
        try:
            resolve(link.url, doc_path, config)
        except BadLink as exc:
            found.append(str(exc))
    return found


def any_document_link(segments: list[m.Segment], doc_path: str, config: Config) -> m.Segment | None:
    """The first segment that links another document (to say once that it has no online address)."""
    for segment in segments:
        for link in links(segment.inlines):
            try:
                if resolve(link.url, doc_path, config) is not None:
                    return segment
            except BadLink:
                continue
    return None
