"""``samizdat doctor``: can this machine build the project, and if not, what to install.

Reports the Python packages, Pango, the font file fontconfig picks for each configured
family and whether it covers every letter of the configured languages (Belarusian ў and
і included), and whether WeasyPrint can subset fonts with HarfBuzz. What is missing is
followed by the command that installs it on Debian/Ubuntu, Fedora and macOS, this
machine's first: people install samizdat with pipx on all three.
"""

from __future__ import annotations

import platform
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from samizdat import languages
from samizdat.config import CONFIG_NAME, DEFAULT_FONTS, Config

PACKAGES = ("weasyprint", "python-docx", "babel", "markdown-it-py", "mdit-py-plugins", "jinja2", "pyyaml")



# What provides each thing doctor can find missing: Debian packages (those scripts/setup
# installs), Fedora packages, Homebrew formulae and casks. Fonts are known by family.
FIXES: dict[str, dict[str, tuple[str, ...]]] = {
    "pango": {"debian": ("libpango-1.0-0", "libpangoft2-1.0-0"), "fedora": ("pango",), "brew": ("pango",)},
    "harfbuzz-subset": {"debian": ("libharfbuzz-subset0",), "fedora": ("harfbuzz",), "brew": ("harfbuzz",)},
    "fontconfig": {"debian": ("fontconfig",), "fedora": ("fontconfig",), "brew": ("fontconfig",)},
    "PT Serif": {"debian": ("fonts-paratype",), "fedora": ("paratype-pt-serif-fonts",), "cask": ("font-pt-serif",)},
    "PT Sans": {"debian": ("fonts-paratype",), "fedora": ("paratype-pt-sans-fonts",), "cask": ("font-pt-sans",)},
    "PT Mono": {"debian": ("fonts-paratype",), "fedora": ("paratype-pt-mono-fonts",), "cask": ("font-pt-mono",)},
}
PLATFORMS = {"debian": "Debian/Ubuntu (as root)", "fedora": "Fedora (as root)", "macos": "macOS (Homebrew)"}
LIKE = {"debian": "debian", "ubuntu": "debian", "fedora": "fedora", "rhel": "fedora", "centos": "fedora"}


def platform_of(system: str, os_release: str | None) -> str | None:
    """'debian', 'fedora' or 'macos' from ``platform.system()`` and /etc/os-release's ID
    and ID_LIKE (Mint is like Ubuntu, Rocky like RHEL); None for anything else."""
    if system == "Darwin":
        return "macos"
    fields = {}
    for line in (os_release or "").splitlines():
        key, _, value = line.partition("=")
        try:
            fields[key.strip()] = " ".join(shlex.split(value))
        except ValueError:  # an unbalanced quote: skip the line as os-release(5) readers do
            continue
    for name in (fields.get("ID", "") + " " + fields.get("ID_LIKE", "")).lower().split():
        if name in LIKE:
            return LIKE[name]
    return None


def install_commands(missing: Iterable[str], system: str, os_release: str | None) -> list[str]:
    """One line per platform that installs everything in ``missing`` that a package
    provides, this machine's platform first (all three when it is not recognised)."""
    known = [FIXES[item] for item in dict.fromkeys(missing) if item in FIXES]
    if not known:
        return []

    def packages(manager: str) -> str:
        return " ".join(dict.fromkeys(name for fix in known for name in fix.get(manager, ())))

    brew, casks = packages("brew"), packages("cask")
    commands = {
        "debian": f"apt-get install {packages('debian')}",
        "fedora": f"dnf install {packages('fedora')}",
        "macos": " && ".join(([f"brew install {brew}"] if brew else []) + ([f"brew install --cask {casks}"] if casks else [])),
    }
    here = platform_of(system, os_release)
    order = sorted(commands, key=lambda name: name != here)
    return [f"{PLATFORMS[name]}{' — this machine' if name == here else ''}: {commands[name]}" for name in order]


def read_os_release() -> str | None:
    for path in (Path("/etc/os-release"), Path("/usr/lib/os-release")):
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return None


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
    """Check and report; True when the machine can build ``config`` (None: outside a project)."""
    ok = True
    missing: list[str] = []  # keys of FIXES, or font families

    def line(good: bool, text: str, needs: str | None = None) -> None:
        nonlocal ok
        ok = ok and good
        if not good and needs:
            missing.append(needs)
        print(f"{'ok  ' if good else 'FAIL'} {text}")

    for name in PACKAGES:
        try:
            line(True, f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            line(False, f"{name} is not installed (reinstall samizdat: 'pipx reinstall samizdat', or scripts/setup in a checkout)")
    try:
        from samizdat.render import engine

        engine.load()
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset, pango

        number = pango.pango_version()
        version = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
        line(number >= 14400, f"Pango {version} (WeasyPrint needs 1.44 or newer)", "pango")
        has_subset = bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))
        line(has_subset, "HarfBuzz subsetting available" if has_subset else
             "HarfBuzz subsetting missing (WeasyPrint falls back to slow fontTools)", "harfbuzz-subset")
    except Exception as exc:  # a missing system library shows up here as OSError or ImportError
        line(False, f"WeasyPrint cannot load its libraries (Pango): {exc}", "pango")
    if config is None:
        print(f"(no {CONFIG_NAME} here: checking the fonts 'samizdat init' configures, for {', '.join(languages.shipped())})")
    codes = config.languages if config else languages.shipped()
    needed = "".join((config.language(lang) if config else languages.profile(lang)).alphabet for lang in codes)
    _fonts(config.fonts if config else DEFAULT_FONTS, codes, needed, line)
    hints = install_commands(missing, platform.system(), read_os_release())
    if hints:
        print("\nTo install what is missing:")
        for hint in hints:
            print(f"  {hint}")
    return ok


def _fonts(fonts: dict[str, str], codes: tuple[str, ...], needed: str, line: Callable[..., None]) -> None:
    """Each configured font is installed and has every letter of ``needed``: the alphabets
    of the languages ``codes``, from their profiles."""
    for role, family in sorted(fonts.items()):
        found = font_file(family)
        if found is None:
            line(False, "fc-match not found (fontconfig is not installed)", "fontconfig")
            return
        path, matched = found
        if matched.lower() != family.lower():
            instead = f"fontconfig substitutes '{matched}'" if matched else "fontconfig finds no font at all"
            line(False, f"font '{family}' ({role}) not installed; {instead}", family)
            continue
        missing = missing_characters(path, needed)
        line(not missing, f"font '{family}' ({role}): {path}" + (f" lacks {missing!r}" if missing else f", covers {', '.join(codes)}"))
