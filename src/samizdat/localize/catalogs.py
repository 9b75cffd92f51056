"""Gettext catalogs on disk: where they live, and reading them strictly (:mod:`pofile`).

``locales/<lang>/LC_MESSAGES/<domain>.po`` (the layout Poedit, Weblate and Crowdin read)
and ``locales/<domain>.pot`` for templates. Whatever ``msgfmt --check`` would refuse is a
``file:line: error`` for each problem, and nothing is built from the file.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from samizdat import inputs
from samizdat.config import Config
from samizdat.errors import Diagnostic, SamizdatError, Severity
from samizdat.localize import pofile

TEMPLATES_DOMAIN = "templates"
PROJECT_DOMAIN = "project"  # samizdat.toml's texts (content/project_strings.py)


def po_path(config: Config, lang: str, domain: str) -> Path:
    """Where ``lang``'s catalog of ``domain`` is (a derived edition's: its base language's)."""
    return config.locales_dir / config.catalog_language(lang) / "LC_MESSAGES" / f"{domain}.po"


def pot_path(config: Config, domain: str) -> Path:
    return config.locales_dir / f"{domain}.pot"


_cache: dict[tuple[Path, str, str], Catalog] = {}


def read_catalog(path: Path, lang: str, config: Config) -> Catalog | None:
    """The catalog at ``path`` or None when there is none. Parsed once per content."""
    try:
        data = inputs.read_bytes(path)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    lang = config.catalog_language(lang)
    key = (path, lang, hashlib.sha256(data).hexdigest())
    if key in _cache:
        return _cache[key]
    rel = config.rel(path)
    try:
        catalog = pofile.read(data, lang)
    except pofile.PoProblems as exc:
        raise SamizdatError(Diagnostic(rel, line, message) for line, message in exc.problems) from None
    _cache[key] = catalog
    return catalog


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def message_problems(message: Message, lang: str, num_plurals: int) -> list[str]:
    """What is wrong with a translated interface string: empty plural forms, placeholders
    that do not match the source's, text that Python's % formatting rejects."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    expected = set(_PLACEHOLDER.findall(" ".join(ids)))
    problems = []
    for index, string in enumerate(strings):
        label = f"form {index}" if len(strings) > 1 else "translation"
        if not string:
            problems.append(f"plural forms: {label} of '{ids[0]}' is empty; {lang} needs {num_plurals} forms")
            continue
        got = set(_PLACEHOLDER.findall(string))
        problems += [f"placeholders: {label} of '{ids[0]}' lacks %({name})s" for name in sorted(expected - got)]
        problems += [f"placeholders: {label} of '{ids[0]}' has unknown %({name})s" for name in sorted(got - expected)]
        if expected or "%" in string:
            try:
                string % {name: 1 for name in got | expected}
            except (TypeError, ValueError, KeyError):
                problems.append(f"placeholders: {label} of '{ids[0]}' has a stray '%' (write '%%' for a percent sign)")
    return problems


def usable(catalog: Catalog, lang: str, rel: str) -> tuple[Catalog, list[Diagnostic]]:
    """A copy of an interface catalog without the entries that would break a page
    (they fall back to the source text), and a warning for each one left out."""
    kept = copy.deepcopy(catalog)
    warnings = []
    for message in list(kept):
        if not message.id or not message.string or message.fuzzy:
            continue
        problems = message_problems(message, lang, catalog.num_plurals)
        if problems:
            warnings += [Diagnostic(rel, message.lineno, f"{p}; the source text is used", Severity.WARNING) for p in problems]
            kept.delete(message.id, context=message.context)
    return kept, warnings


def translations_for(catalog: Catalog | None) -> NullTranslations:
    """A gettext object from a catalog, without fuzzy entries (compiled in memory)."""
    if catalog is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)
