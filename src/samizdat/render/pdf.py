"""HTML → PDF with WeasyPrint.

Takes a localized document and its HTML; writes a PDF with the document language
(``/Lang``), title/author metadata, bookmarks from headings, footnotes at page bottoms and
fonts subset by HarfBuzz. The stylesheets and the font configuration are parsed once per
process and reused for every document. Only files inside the project may be loaded.

A profile with ``colour = "cmyk"`` (print) gets the theme's print colours, CMYK images and
the press's ICC profile as output intent (:mod:`samizdat.colour`), then printer's marks
outside the bleed (:mod:`samizdat.render.marks`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from samizdat import inputs, theme
from samizdat import model as m
from samizdat.config import Config, Profile
from samizdat.errors import Diagnostic, Severity, error
from samizdat.render import engine, pdf_tags, press, wide_tables


@lru_cache(maxsize=1)
def font_config() -> Any:
    """WeasyPrint's font configuration, made once per process (the theme's and the marks' pages share it)."""
    engine.load()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=16)
def _stylesheets(paths: tuple[Path, ...], digests: tuple[str, ...]) -> tuple[tuple[Any, ...], tuple[tuple[Path, str], ...]]:
    """Parsed stylesheets and WeasyPrint's complaints about each, by file."""
    engine.load()
    from weasyprint import CSS

    sheets, complaints = [], []
    for path, digest in zip(paths, digests):
        if digest == inputs.ABSENT:
            continue
        with collect_warnings() as messages:
            text = inputs.read_bytes(path).decode("utf-8", errors="replace")
            sheets.append(CSS(string=text, base_url=path.as_uri(), font_config=font_config()))
        complaints += [(path, message) for message in messages]
    return tuple(sheets), tuple(complaints)


def _parsed(config: Config, template: str) -> tuple[tuple[Any, ...], tuple[tuple[Path, str], ...]]:
    """The stylesheets the theme gives ``template`` (or the bilingual layout), parsed again
    only when one of them is edited (keyed by the digests of the bytes this build reads)."""
    paths = tuple(path for name in config.theme.layout(template).css if (path := config.theme.find(name)))
    return _stylesheets(paths, tuple(inputs.digest(path) for path in paths))


def paper_of(config: Config, template: str) -> str | None:
    """The design's own paper, when its theme fixes one (an A5 flyer stays A5 in any profile)."""
    return getattr(config.theme.layout(template), "paper", None)


def stylesheets(config: Config, template: str) -> tuple[Any, ...]:
    return _parsed(config, template)[0]


def warm(config: Config, templates: list[str]) -> None:
    """Load WeasyPrint, its font configuration and the stylesheets before the first job."""
    for template in templates:
        stylesheets(config, template)


def stylesheet_messages(config: Config, template: str) -> set[str]:
    """WeasyPrint's raw complaints about the stylesheets (to tell them from layout warnings)."""
    return {message for _, message in _parsed(config, template)[1]}


def stylesheet_problems(config: Config, template: str) -> list[Diagnostic]:
    """Bad CSS in the designer's stylesheets, as ``templates/print.css:LINE: warning: …``."""
    import re

    found = []
    for path, message in _parsed(config, template)[1]:
        at = re.search(r" at (\d+):(\d+)", message)
        text = message.replace(at.group(0), "") if at else message
        found.append(Diagnostic(theme.shown(path, config.root), int(at.group(1)) if at else None,
                                f"CSS ignored: {text} (column {at.group(2)})" if at else f"CSS: {text}", Severity.WARNING))
    return found


@lru_cache(maxsize=4)
def project_fetcher(root: Path, press: Path | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves project files (``samizdat-asset:`` URLs, and
    ``file://`` inside the project) and refuses everything else — other paths, symlinks
    leading out, http, ftp, data: — without opening a connection. Images are served as
    checked when the document was loaded: an SVG sanitized, so that it fetches nothing.
    With a ``press`` profile (CMYK print) raster images are served converted to it."""
    from urllib.parse import unquote, urlsplit

    engine.load()

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    from samizdat.assets import ASSET_SCHEME, IMAGE_TYPES
    from samizdat.colour import cmyk_image
    from samizdat.images import published

    project = root.resolve()

    class ProjectFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == ASSET_SCHEME:
                path = (project / unquote(parts.path)).resolve()
                kind = IMAGE_TYPES.get(path.suffix.lower())
                if kind and path.is_relative_to(project) and path.is_file():
                    if press is None or path.suffix.lower() == ".svg":
                        return URLFetcherResponse(url, published(path), {"Content-Type": kind})
                    return URLFetcherResponse(url, cmyk_image(published(path), press), {"Content-Type": "image/jpeg"})
            elif parts.scheme == "file" and Path(unquote(parts.path)).resolve().is_relative_to(project):
                return super().fetch(url, headers)
            raise ValueError(f"refused to load {url[:80]!r}: only files inside the project are allowed")

    return ProjectFetcher(allowed_protocols={"file", ASSET_SCHEME})


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings (bad CSS, refused URLs) to report them with the document."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@lru_cache(maxsize=8)
def _page_css(css: str) -> Any:
    engine.load()
    from weasyprint import CSS

    return CSS(string=css, font_config=font_config())


_IMAGES: dict[str, dict[str, Any]] = {}  # WeasyPrint's image caches by colour space, shared by every document this process renders


def _manual_hyphens(config: Config) -> str:
    """Languages with hyphenation rules of their own (soft hyphens in the HTML) break only
    there: the dictionary WeasyPrint would take from ``lang`` breaks their words badly."""
    tags = [config.language(lang).tag for lang in config.languages if config.language(lang).hyphenation_rules]
    return "".join(f":lang({tag}) {{ hyphens: manual !important; }}\n" for tag in tags)


def _layout(doc: m.Document, html: str, config: Config, template: str | None, profile: Profile, extra_css: str) -> Any:
    engine.load()
    from weasyprint import HTML

    name = template or doc.meta.template
    press = profile.press(config.root) if profile.cmyk else None
    sheets = [_page_css(config.theme.palette_css(profile.cmyk)), *stylesheets(config, name),
              _page_css(profile.page_css(paper_of(config, name)))]
    if extra_css:
        sheets.append(_page_css(extra_css))
    if manual := _manual_hyphens(config):
        sheets.append(_page_css(manual))
    base = (config.root / doc.path).parent
    document = HTML(string=html, base_url=str(base) + "/", url_fetcher=project_fetcher(config.root, press)).render(
        stylesheets=sheets, font_config=font_config(), pdf_tags=bool(profile.pdf_variant and "ua" in profile.pdf_variant),
        cache=_IMAGES.setdefault(profile.colour, {}),
        output_intent="device-cmyk" if press else None,  # transparency groups blend in CMYK; press.finish embeds the profile
    )
    document.metadata.lang = doc.bcp47 or doc.lang
    return document


def layout(doc: m.Document, html: str, config: Config, template: str | None = None,
           profile: Profile | None = None, extra_css: str = "") -> Any:
    """WeasyPrint's laid-out document: pages can be counted before anything is written.
    Tables too wide for their column are fitted as the theme says (``wide_tables``)."""
    profile = profile or config.profile(None)
    document = _layout(doc, html, config, template, profile, extra_css)
    return wide_tables.fit(document, lambda css: _layout(doc, html, config, template, profile, extra_css + css),
                           config.theme.template(doc.meta.template).wide_tables,
                           paper_of(config, template or doc.meta.template) or profile.paper, doc)


def write(document: Any, doc: m.Document, target: Path, profile: Profile, config: Config) -> None:
    """Write the laid-out ``document``; a print profile's file then gets its boxes and marks."""
    try:
        document.write_pdf(target, pdf_identifier=f"{doc.slug}-{doc.lang}".encode(), pdf_variant=profile.pdf_variant or None,
                           finisher=pdf_tags.header_scopes)
        if profile.marks or profile.bleed or profile.cmyk:
            press.finish(target, doc, profile, config)
    except OSError as exc:
        raise error(str(target), None, f"cannot write PDF: {exc.strerror or exc}") from None


def render(doc: m.Document, html: str, config: Config, target: Path, template: str | None = None,
           profile: Profile | None = None) -> list[str]:
    """Write the PDF; returns WeasyPrint's warnings for the build report."""
    profile = profile or config.profile(None)
    with collect_warnings() as messages:
        write(layout(doc, html, config, template, profile), doc, target, profile, config)
    return messages


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
