"""Builds in one build folder take turns (``build/.samizdat.lock``), and the manifest keeps
every document's entries: two builds of different documents at once lose nothing."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from samizdat.build.manifest import Manifest
from tests.support import SAMIZDAT, run_cli

HANDOUT = "content/ep-vote-handout.md"
BRIEFING = "content/ep-resolution-briefing/index.md"
WAIT = 60  # seconds: every wait here is bounded


def start(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*SAMIZDAT, "-C", str(project), "build", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=project)


def holding(project: Path, build: subprocess.Popen[str]) -> None:
    """Returns once ``build`` holds the lock (it records its pid there)."""
    lock = project / "build" / ".samizdat.lock"
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if lock.is_file() and lock.read_text(encoding="utf-8").startswith(f"{build.pid}\n"):
            return
        assert build.poll() is None, build.communicate()
        time.sleep(0.02)
    raise AssertionError("the build never took the lock")


def test_two_builds_at_once_take_turns_and_keep_every_entry(project: Path) -> None:
    first = start(project, "--jobs", "1", HANDOUT)
    try:
        holding(project, first)
        second = start(project, BRIEFING)
        refused = run_cli(project, "build", "--no-wait", BRIEFING)
        _, first_err = first.communicate(timeout=600)
        _, second_err = second.communicate(timeout=600)
    finally:
        first.kill()
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    holder = f"build by pid {first.pid} (samizdat -C {project} build --jobs 1 {HANDOUT})"
    assert second_err.count(f"samizdat: waiting for {holder} to finish") == 1, second_err
    assert refused.returncode == 1, refused.stderr
    assert f"build/.samizdat.lock: error: {holder} is running in build/" in refused.stderr
    assert "Traceback" not in first_err + second_err + refused.stderr

    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["outputs"]) == 30, sorted(manifest["outputs"])  # the handout in 6 languages, the briefing in 4
    again = run_cli(project, "build", HANDOUT, BRIEFING)
    assert again.returncode == 0 and "0 files written, 30 up to date" in again.stdout, again.stdout + again.stderr


def test_a_manifest_save_keeps_what_another_build_saved_meanwhile(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    mine, theirs = Manifest(tmp_path), Manifest(tmp_path)  # both read before either saved
    for name, manifest in (("a.pdf", mine), ("b.pdf", theirs)):
        (tmp_path / "en" / name).write_bytes(name.encode())
        manifest.record(tmp_path / "en" / name, f"key of {name}", {}, [], [])
        manifest.save()
    on_disk = Manifest(tmp_path).entries
    assert sorted(on_disk) == ["en/a.pdf", "en/b.pdf"]
    assert on_disk["en/a.pdf"].key == "key of a.pdf"
