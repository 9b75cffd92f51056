"""samizdat as other teams get it: a wheel, installed into a fresh environment outside the
repository, starting a project of its own and building it.

Offline and quick: the wheel is built with the test's own pip and setuptools (no build
isolation, no index), installed without dependencies, and the new environment reaches
the dependencies already installed through a ``.pth`` line naming this interpreter's
site-packages. A plain path line does not run the ``.pth`` files inside that folder, so
an editable install of samizdat there stays invisible: the test proves it by asking the
new environment where ``samizdat`` comes from.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
THEMES = REPO / "src" / "samizdat" / "themes"
LANGS = ("en", "be", "ru")
FORMATS = ("pdf", "docx", "html", "md")


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(tmp_path: Path) -> Path:
    """The wheel of a copy of the checkout: setuptools leaves build/ and *.egg-info behind,
    and stale files in a build/lib would end up in the wheel."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(source)], tmp_path, env)
    (wheel,) = (tmp_path / "dist").glob("samizdat-*.whl")
    return wheel


def test_wheel_installs_and_starts_a_project_that_builds(tmp_path: Path) -> None:
    timings: dict[str, float] = {}

    def timed(step: str, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        start = time.perf_counter()
        result = run(command, cwd, env)
        timings[step] = time.perf_counter() - start
        return result

    start = time.perf_counter()
    wheel = build_wheel(tmp_path)
    timings["pip wheel"] = time.perf_counter() - start
    shipped = {name.removeprefix("samizdat/themes/") for name in zipfile.ZipFile(wheel).namelist() if name.startswith("samizdat/themes/")}
    in_repo = {p.relative_to(THEMES).as_posix() for p in THEMES.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert shipped == in_repo, f"theme files missing from the wheel: {sorted(in_repo - shipped)}; extra: {sorted(shipped - in_repo)}"
    assert {"default/theme.toml", "default/reference.docx", "default/skeletons/handout.md"} <= shipped

    venv = tmp_path / "venv"
    timed("venv", [sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    timed("pip install", [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
                          "--disable-pip-version-check", str(wheel)], tmp_path)
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(purelib) / "samizdat-test-dependencies.pth").write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")

    work = tmp_path / "work"
    work.mkdir()
    env = {"PATH": f"{venv / 'bin'}{os.pathsep}{os.defpath}", "HOME": os.environ.get("HOME", str(tmp_path)), "LANG": "C.UTF-8"}
    where = run([str(python), "-c", "import samizdat; print(samizdat.__file__)"], work, env).stdout.strip()
    assert Path(where).is_relative_to(venv), f"samizdat imported from {where}, not from the new environment"

    samizdat = str(venv / "bin" / "samizdat")
    timed("init", [samizdat, "init", "x", "--languages", ",".join(LANGS)], work, env)
    starters = sorted(p.stem for p in (work / "x" / "content").glob("*.md"))
    assert starters == ["briefing-example", "handout-example"]
    timed("build", [samizdat, "-C", "x", "build"], work, env)
    for slug in starters:
        for lang in LANGS:
            for fmt in FORMATS:
                assert (work / "x" / "build" / lang / f"{slug}.{fmt}").is_file(), (slug, lang, fmt)

    timed("new", [samizdat, "-C", "x", "new", "my-event", "--template", "handout"], work, env)
    timed("build again", [samizdat, "-C", "x", "build"], work, env)
    for lang in LANGS:
        for fmt in FORMATS:
            assert (work / "x" / "build" / lang / f"my-event.{fmt}").is_file(), (lang, fmt)
    print("install test timings: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items()))
