"""Tofu: characters that no configured font can draw, and fonts that were not configured.

Takes the text of an output and the project's font families; gives the characters none of
the families' files (regular, bold, italic, bold italic, as fontconfig resolves them)
covers, and — for PDFs — embedded fonts from other families, i.e. a silent fallback.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

STYLES = ("", ":bold", ":italic", ":bold:italic")


@lru_cache(maxsize=16)
def family_files(family: str) -> tuple[str, ...]:
    """The font files fontconfig uses for ``family`` in its four styles (only that family's)."""
    if not shutil.which("fc-match"):
        return ()
    files = []
    for style in STYLES:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{family}", family + style], capture_output=True, text=True, check=False).stdout
        path, _, families = out.partition("\t")
        if family.lower() in [f.strip().lower() for f in families.split(",")] and path not in files:
            files.append(path)
    return tuple(files)


@lru_cache(maxsize=64)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True, fontNumber=0).getBestCmap())


def coverage(family: str) -> frozenset[int]:
    """Characters every style of ``family`` has (a bold heading needs them as much as text)."""
    maps = [_cmap(path) for path in family_files(family)]
    return frozenset.intersection(*maps) if maps else frozenset()


def uncovered(text: str, families: tuple[str, ...]) -> dict[str, list[str]]:
    """Characters of ``text`` that one of ``families`` lacks → the families lacking it.

    Text may be set in any of the families (body, headings), so each must have it.
    """
    covered = {family: coverage(family) for family in families}
    missing: dict[str, list[str]] = {}
    for char in dict.fromkeys(text):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        lacking = [family for family, chars in covered.items() if ord(char) not in chars]
        if lacking:
            missing[char] = lacking
    return missing


def describe(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})"


def pdf_font_names(path: Path) -> set[str]:
    """Base names of the fonts a PDF embeds, without the subset prefix ('PT-Serif-Bold')."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object().get("/BaseFont", "")).lstrip("/").split("+", 1)[-1])
    return names


def family_of(base_name: str, families: tuple[str, ...]) -> str | None:
    squashed = base_name.replace("-", "").replace(" ", "").lower()
    for family in families:
        if squashed.startswith(family.replace(" ", "").lower()):
            return family
    return None


__all__ = ["uncovered", "describe", "pdf_font_names", "family_of", "family_files", "Path"]
