"""``samizdat doctor`` names what is missing and the command that installs it, this
machine's platform first: chosen from /etc/os-release texts as the distributions ship them."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from samizdat.doctor import install_commands, platform_of, read_os_release
from tests.support import run_cli

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n'
UBUNTU = 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n'
MINT = 'NAME="Linux Mint"\nVERSION="22 (Wilma)"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
FEDORA = 'NAME="Fedora Linux"\nVERSION="40 (Workstation Edition)"\nID=fedora\nVERSION_ID=40\n'
ROCKY = 'NAME="Rocky Linux"\nVERSION="9.4 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\n'
ARCH = 'NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\n'
BROKEN = 'NAME="unterminated\nID=ubuntu\n'


@pytest.mark.parametrize("system, os_release, expected", [
    ("Linux", DEBIAN, "debian"),
    ("Linux", UBUNTU, "debian"),
    ("Linux", MINT, "debian"),
    ("Linux", FEDORA, "fedora"),
    ("Linux", ROCKY, "fedora"),
    ("Linux", ARCH, None),
    ("Linux", None, None),
    ("Linux", BROKEN, "debian"),
    ("Darwin", None, "macos"),
])
def test_platform_from_os_release(system: str, os_release: str | None, expected: str | None) -> None:
    assert platform_of(system, os_release) == expected


def test_missing_fonts_and_pango_give_one_command_per_platform_this_one_first() -> None:
    missing = ["pango", "PT Serif", "PT Sans", "PT Serif"]
    fedora = install_commands(missing, "Linux", FEDORA)
    assert fedora == [
        "Fedora (as root) — this machine: dnf install pango paratype-pt-serif-fonts paratype-pt-sans-fonts",
        "Debian/Ubuntu (as root): apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-paratype",
        "macOS (Homebrew): brew install pango && brew install --cask font-pt-serif font-pt-sans",
    ]
    assert install_commands(missing, "Linux", MINT)[0].startswith("Debian/Ubuntu (as root) — this machine: apt-get install")
    assert install_commands(missing, "Darwin", None)[0] == (
        "macOS (Homebrew) — this machine: brew install pango && brew install --cask font-pt-serif font-pt-sans")
    unknown = install_commands(missing, "Linux", ARCH)
    assert [line.split(":")[0] for line in unknown] == ["Debian/Ubuntu (as root)", "Fedora (as root)", "macOS (Homebrew)"]
    assert "this machine" not in "".join(unknown)


def test_only_libraries_missing_on_macos_needs_no_cask() -> None:
    assert install_commands(["harfbuzz-subset", "fontconfig"], "Darwin", None)[0] == (
        "macOS (Homebrew) — this machine: brew install harfbuzz fontconfig")


def test_a_font_no_package_provides_gets_no_command() -> None:
    assert install_commands(["Corporate Serif"], "Linux", DEBIAN) == []


def test_doctor_without_the_fonts_says_what_to_install(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig pointed at an empty font folder: the PT families are missing for real."""
    fonts, cache = tmp_path / "fonts", tmp_path / "cache"
    fonts.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    result = run_cli(project, "doctor")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "FAIL font 'PT Serif' (serif) not installed" in result.stdout
    hints = result.stdout.split("To install what is missing:\n")[1].splitlines()
    assert len(hints) == 3
    assert any("apt-get install fonts-paratype" in hint for hint in hints)
    assert any("dnf install paratype-pt-mono-fonts paratype-pt-sans-fonts paratype-pt-serif-fonts" in hint for hint in hints)
    assert any("brew install --cask font-pt-mono font-pt-sans font-pt-serif" in hint for hint in hints)
    here = platform_of(platform.system(), read_os_release())
    assert ("this machine" in hints[0]) == (here is not None)


def test_doctor_outside_a_project_checks_the_fonts_init_configures(tmp_path: Path) -> None:
    """Just installed, before 'samizdat init': the machine is checked, not refused."""
    result = run_cli(tmp_path, "doctor")
    assert "no samizdat.toml here: checking the fonts 'samizdat init' configures" in result.stdout
    assert "font 'PT Serif' (serif)" in result.stdout and "covers en, be, be-Latn, ru, uk, pl, lt, de, fr" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
