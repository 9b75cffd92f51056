"""The texts of ``samizdat.toml`` that editions print, as segments translated once.

``[defaults] organisation`` and ``author`` stand in for a document's own, and ``[project]
name`` is the organisation of last resort. Each is written once, so it is translated once:
in ``locales/<lang>/LC_MESSAGES/project.po``, which every edition reads. Not in each
document's catalog, where it would be one more entry per document to translate (and drift
apart); nor in ``templates.po``, which holds the theme's interface words — read with the
theme's own catalogs as fallback, checked as placeholders and plural forms — while these
are the project's own text, inline Markdown checked like any segment (markup, numbers,
glossary). A segment located in ``samizdat.toml`` is one of these: extraction, translation
and checks tell them apart by that location, and messages point at the line that wrote it.
"""

from __future__ import annotations

from samizdat import model as m
from samizdat.config import CONFIG_NAME, Config
from samizdat.content.markdown import normalize_source, parse_inlines, without_comments


def segments(config: Config) -> dict[str, m.Segment]:
    """The front-matter fields ``samizdat.toml`` fills for a document that sets none, by
    field name ("organisation", "author"); the msgctxt is the field's, as in a document."""
    found: dict[str, m.Segment] = {}
    for field in ("organisation", "author"):
        if config.defaults.get(field):
            found[field] = segment(config.defaults[field], field, config.lines.get(f"defaults.{field}", 1))
    if "organisation" not in found and "project.name" in config.lines:
        found["organisation"] = segment(config.name, "organisation", config.lines["project.name"])
    return found


def segment(text: str, context: str, line: int) -> m.Segment:
    source = normalize_source(without_comments(text))
    return m.Segment(source, parse_inlines(source, set()), m.Loc(CONFIG_NAME, line), context=context)


def is_project(segment: m.Segment) -> bool:
    """Whether ``segment`` is one of samizdat.toml's texts, translated in project.po."""
    return segment.loc.path == CONFIG_NAME
