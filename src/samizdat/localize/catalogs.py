"""Gettext catalogs on disk: where they live, and reading them with Babel's ``pofile``.

``locales/<lang>/LC_MESSAGES/<domain>.po`` (the layout Poedit, Weblate and Crowdin read)
and ``locales/<domain>.pot`` for templates. A syntax error becomes ``file:line: error``.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError
from babel.support import NullTranslations, Translations

from samizdat.config import Config
from samizdat.errors import error
from samizdat.localize import pofile

TEMPLATES_DOMAIN = "templates"


def po_path(config: Config, lang: str, domain: str) -> Path:
    return config.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def pot_path(config: Config, domain: str) -> Path:
    return config.locales_dir / f"{domain}.pot"


_cache: dict[tuple[Path, int, int], Catalog] = {}


def read_catalog(path: Path, lang: str, config: Config) -> Catalog | None:
    """The catalog at ``path`` or None when there is none. Cached by size and mtime."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key in _cache:
        return _cache[key]
    rel = config.rel(path)
    try:
        catalog = pofile.read(path.read_bytes(), lang)
    except PoFileError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc).split(" on ")[0] if " on " in str(exc) else str(exc)
        raise error(rel, line, f"invalid PO file: {message}") from None
    except UnicodeDecodeError as exc:
        raise error(rel, None, f"not valid UTF-8 ({exc.reason})") from None
    except Exception as exc:  # Babel raises ValueError and friends on some malformed input
        raise error(rel, None, f"cannot read PO file: {exc}") from None
    _cache[key] = catalog
    return catalog


def translations_for(catalog: Catalog | None) -> NullTranslations:
    """A gettext object from a catalog, without fuzzy entries (compiled in memory)."""
    if catalog is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)
