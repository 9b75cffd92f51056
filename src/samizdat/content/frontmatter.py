"""Front matter: split the YAML header from the Markdown body and validate it.

Takes the text of a content file; gives a dict of checked values, the line of each key
(for later messages) and the line where the body starts. Every problem is collected and
reported as ``file:line: error: …`` with a "did you mean" where one fits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from samizdat import yamlfile
from samizdat.errors import Report, did_you_mean

# key -> (accepted types, meaning). The one place the front-matter schema is written down.
FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "title": ((str,), "document title (required, translated)"),
    "subtitle": ((str,), "line under the title (translated)"),
    "summary": ((str,), "one-paragraph summary for the masthead and metadata (translated)"),
    "date": ((dt.date,), "publication date, ISO 8601 (YYYY-MM-DD)"),
    "lang": ((str,), "language the file is written in; default: the project's source language"),
    "template": ((str,), "layout: one of the theme's templates ('briefing', 'handout' in the built-in theme)"),
    "author": ((str,), "author name, for the document properties and the web page's footer (translated)"),
    "organisation": ((str,), "publisher shown in the masthead (translated)"),
    "data": ((dict,), "free mapping for templates and charts, e.g. vote counts"),
    "pages": ((int,), "page budget in every language (default: samizdat.toml [pages] for the template)"),
    "languages": ((list,), "languages this document is published in, e.g. [en, be, ru] (default: all of samizdat.toml's)"),
    "toc": ((bool,), "table of contents: true or false (default: the template's toc_from_pages rule)"),
}
REQUIRED = ("title",)


@dataclass
class FrontMatter:
    values: dict[str, Any]
    lines: dict[str, int]  # key -> 1-based line in the file
    body: str
    body_line: int  # 1-based line where the body starts


def split(text: str) -> tuple[str | None, str, int]:
    """(yaml text or None, body, body's first line). Front matter is fenced by '---' lines.

    A front matter that is opened but never closed gives body line 0.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), "", 0


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as written when they are not real dates (reported later)."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)  # e.g. 2026-13-01: a string, flagged as a bad date


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse(text: str, path: str, report: Report, default_lang: str, defaults: dict[str, str],
          templates: tuple[str, ...]) -> FrontMatter:
    """Split and check the front matter; ``templates`` are the theme's (the first is the default)."""
    header, body, body_line = split(text)
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if header is None:
        report.error(path, 1, "missing front matter: the file must start with a '---' line, then at least 'title:'")
        return FrontMatter(values, lines, body, body_line)
    if body_line == 0:
        report.error(path, 1, "the front matter opened here is never closed: end it with a '---' line")
        return FrontMatter(values, lines, body, 1)
    try:
        node = yaml.compose(header, Loader=_Loader)
        loaded = yaml.load(header, Loader=_Loader) if node is not None else {}
    except yaml.YAMLError as exc:
        line, message = yamlfile.explain(exc, first_line=2, text=header)
        report.error(path, line, f"invalid YAML in front matter: {message}")
        return FrontMatter(values, lines, body, body_line)
    for line, key in yamlfile.duplicate_keys(node, first_line=2):
        report.error(path, line, f"'{key}' is given twice")
    if not isinstance(loaded, dict) or not isinstance(node, yaml.MappingNode):
        report.error(path, 2, "front matter must be a mapping of 'key: value' lines")
        return FrontMatter(values, lines, body, body_line)
    for key_node, _ in node.value:
        lines[str(key_node.value)] = key_node.start_mark.line + 2

    for key, value in loaded.items():
        key = str(key)
        line = lines.get(key, 2)
        if key not in FIELDS:
            report.error(path, line, f"unknown front-matter key '{key}'{did_you_mean(key, FIELDS)}")
            continue
        types, _meaning = FIELDS[key]
        if key == "date" and isinstance(value, dt.datetime):
            value = value.date()
        if key == "date" and not isinstance(value, dt.date):
            report.error(path, line, f"bad date {str(value)!r}: write it as YYYY-MM-DD, e.g. 2026-11-24")
            continue
        if value is None or not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = "a mapping" if dict in types else "a whole number" if int in types else "true or false" if bool in types else "text"
            report.error(path, line, f"'{key}' must be {expected}, not {yamlfile.describe(value)}")
            continue
        if key == "pages" and isinstance(value, int) and value < 1:
            report.error(path, line, "'pages' must be 1 or more")
            continue
        bad = _not_unicode(value)
        if bad:
            report.error(path, line, f"'{key}' holds {bad!r}, which is not a Unicode character")
            continue
        if isinstance(value, str) and not value.strip():
            report.error(path, line, f"'{key}' is empty")
            continue
        values[key] = value

    for key in REQUIRED:
        if key not in loaded:
            report.error(path, 2, f"missing required front-matter key '{key}'")
    values.setdefault("lang", default_lang)
    values.setdefault("template", defaults.get("template", templates[0]))
    if values["template"] not in templates:
        report.error(
            path,
            lines.get("template", 2),
            f"unknown template '{values['template']}'{did_you_mean(values['template'], templates)}; "
            f"choose one of: {', '.join(templates)}",
        )
    return FrontMatter(values, lines, body, body_line)


def _not_unicode(value: Any) -> str:
    """A lone surrogate (YAML allows "\\ud800") anywhere in ``value``, or ''."""
    if isinstance(value, str):
        return next((c for c in value if 0xD800 <= ord(c) <= 0xDFFF), "")
    if isinstance(value, dict):
        return next((bad for item in [*value.keys(), *value.values()] if (bad := _not_unicode(item))), "")
    if isinstance(value, list):
        return next((bad for item in value if (bad := _not_unicode(item))), "")
    return ""
