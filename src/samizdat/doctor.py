"""``samizdat doctor``: can this machine build the project?

Reports the Python packages, Pango, the font file fontconfig picks for each configured
family and whether it covers every letter of the configured languages (Belarusian ў and
і included), and whether WeasyPrint can subset fonts with HarfBuzz.
"""

from __future__ import annotations

import shutil
import subprocess
from importlib import metadata

from samizdat.config import Config

PACKAGES = ("weasyprint", "python-docx", "babel", "markdown-it-py", "mdit-py-plugins", "jinja2", "pyyaml")

# Letters each language needs beyond ASCII; be and ru include their whole alphabets.
ALPHABETS = {
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюяАБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ’«»„“—",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ«»„“—№",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ’«»—",
    "en": "“”‘’–—",
}


def font_file(family: str) -> tuple[str, str] | None:
    """(file, family fontconfig matched) for a family name, or None without fc-match."""
    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(["fc-match", "-f", "%{file}\t%{family[0]}", family], capture_output=True, text=True, check=False).stdout
    path, _, matched = out.partition("\t")
    return path, matched


def missing_characters(path: str, text: str) -> str:
    from fontTools.ttLib import TTFont

    cmap = TTFont(path, lazy=True, fontNumber=0).getBestCmap()
    return "".join(sorted({c for c in text if ord(c) not in cmap}))


def run(config: Config | None) -> bool:
    ok = True

    def line(good: bool, text: str) -> None:
        nonlocal ok
        ok = ok and good
        print(f"{'ok  ' if good else 'FAIL'} {text}")

    for name in PACKAGES:
        try:
            line(True, f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            line(False, f"{name} is not installed (run scripts/setup)")
    try:
        from samizdat.render import engine

        engine.load()
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset, pango

        number = pango.pango_version()
        version = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
        line(number >= 14400, f"Pango {version} (WeasyPrint needs 1.44 or newer)")
        has_subset = bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))
        line(has_subset, "HarfBuzz subsetting available" if has_subset else
             "HarfBuzz subsetting missing: install libharfbuzz-subset0 (WeasyPrint falls back to slow fontTools)")
    except Exception as exc:  # a missing system library shows up here as OSError or ImportError
        line(False, f"WeasyPrint cannot load its libraries: {exc}")
    if config is None:
        return False
    needed = "".join(ALPHABETS.get(lang, "") for lang in config.languages)
    for role, family in sorted(config.fonts.items()):
        found = font_file(family)
        if found is None:
            line(False, "fc-match not found (install fontconfig)")
            break
        path, matched = found
        if matched.lower() != family.lower():
            line(False, f"font '{family}' ({role}) not installed; fontconfig substitutes '{matched}' (Debian: fonts-paratype)")
            continue
        missing = missing_characters(path, needed)
        line(not missing, f"font '{family}' ({role}): {path}" + (f" lacks {missing!r}" if missing else f", covers {', '.join(config.languages)}"))
    return ok
