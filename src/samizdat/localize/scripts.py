"""Transliterations that make a derived edition from its base language's text.

A language profile with ``derive_from`` and ``transliterate`` (be-Latn: be, "lacinka") has
no catalogs of its own: its translations, interface words and CLDR dates are its base's,
passed through the function named here. Each takes inline Markdown and keeps its markup.
"""

from __future__ import annotations

from collections.abc import Callable

from samizdat.localize.lacinka import to_lacinka

TRANSLITERATIONS: dict[str, Callable[[str], str]] = {"lacinka": to_lacinka}


def transliteration(name: str) -> Callable[[str], str]:
    """The function ``name`` stands for; the identity for ""."""
    return TRANSLITERATIONS[name] if name else _same


def _same(text: str) -> str:
    return text
