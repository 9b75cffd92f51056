"""Incremental, parallel, reproducible builds: content hashes decide, outputs are atomic."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from samizdat.theme import BUILTIN
from tests.support import SAMIZDAT, copy_project, run_cli

HANDOUT = "content/ep-vote-handout.md"


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.suffix in (".pdf", ".docx")}


def built(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split("wrote build/", 1)[1] for line in result.stdout.splitlines() if line.startswith("wrote build/")}


@pytest.fixture
def built_project(project: Path) -> Path:
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def test_nothing_changed_builds_nothing_and_never_loads_weasyprint(built_project: Path) -> None:
    again = run_cli(built_project, "build")
    assert again.returncode == 0 and "0 files written, 42 up to date" in again.stdout
    probe = ("import sys; from pathlib import Path; from samizdat.cli import main; "
             "code = main(['-C', sys.argv[1], 'build', '-q']); "
             "print('weasyprint' in sys.modules, 'docx' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", probe, str(built_project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False False"


def test_only_what_an_edit_touches_is_rebuilt(built_project: Path) -> None:
    handout = built_project / HANDOUT
    handout.write_text(handout.read_text(encoding="utf-8").replace("A clear majority", "A large majority"), encoding="utf-8")
    assert built(run_cli(built_project, "build")) == {f"{l}/ep-vote-handout.{f}" for l in ("en", "be", "ru", "pl", "lt", "be-Latn") for f in ("pdf", "docx", "html")}

    po = built_project / "locales" / "ru" / "LC_MESSAGES" / "ep-resolution-briefing.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Реакция", "Отклик"), encoding="utf-8")
    # the Russian editions, and the web pages of the other languages: they link to the
    # Russian page only while its translation is published, so its catalog is their input
    assert built(run_cli(built_project, "build")) == {"ru/ep-resolution-briefing.pdf", "ru/ep-resolution-briefing.docx",
                                                       *(f"{l}/ep-resolution-briefing.html" for l in ("en", "be", "ru", "be-Latn"))}

    os.utime(handout, (time.time() + 100, time.time() + 100))  # a newer mtime alone changes nothing
    assert built(run_cli(built_project, "build")) == set()

    css = built_project / "templates" / "print.css"  # the designer overrides the theme's stylesheet
    css.write_text((BUILTIN / "print.css").read_text(encoding="utf-8") + "\n/* a designer's change */\n", encoding="utf-8")
    assert len(built(run_cli(built_project, "build"))) == 42


def test_a_damaged_output_is_rebuilt(built_project: Path) -> None:
    target = built_project / "build" / "be" / "ep-vote-handout.pdf"
    target.write_bytes(b"%PDF-1.7 damaged")
    assert built(run_cli(built_project, "build")) == {"be/ep-vote-handout.pdf"}
    assert len(PdfReader(target).pages) == 1


def test_manifest_records_inputs(built_project: Path) -> None:
    manifest = json.loads((built_project / "build" / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["outputs"]["be/ep-vote-handout.pdf"]
    assert {"content/ep-vote-handout.md", "locales/be/LC_MESSAGES/ep-vote-handout.po",
            "locales/be/LC_MESSAGES/templates.po", "samizdat.toml", "theme", "fonts"} <= set(entry["inputs"])
    assert entry["sha256"] == hashlib.sha256((built_project / "build" / "be" / "ep-vote-handout.pdf").read_bytes()).hexdigest()


def test_two_builds_are_byte_identical_and_jobs_do_not_matter(tmp_path: Path) -> None:
    one = copy_project(tmp_path / "one" if (tmp_path / "one").mkdir() is None else tmp_path)
    two = copy_project(tmp_path / "two" if (tmp_path / "two").mkdir() is None else tmp_path)
    assert run_cli(one, "build", "--jobs", "1").returncode == 0
    assert run_cli(two, "build", "--jobs", "2").returncode == 0
    first, second = hashes(one / "build"), hashes(two / "build")
    assert len(first) == 28 and first == second


def test_shards_split_the_work_without_overlap(project: Path) -> None:
    one = built(run_cli(project, "build", "--shard", "1/2"))
    two = built(run_cli(project, "build", "--shard", "2/2"))
    assert len(one) + len(two) == 42 and not one & two
    assert run_cli(project, "build", "--shard", "3/2").returncode == 2


def test_killed_build_leaves_only_complete_files(built_project: Path) -> None:
    before = hashes(built_project / "build")
    css = built_project / "templates" / "print.css"
    css.write_text((BUILTIN / "print.css").read_text(encoding="utf-8") + "\nbody { letter-spacing: 0.01em; }\n", encoding="utf-8")
    for delay in (0.4, 0.8, 1.2):
        process = subprocess.Popen([*SAMIZDAT, "-C", str(built_project), "build", "--jobs", "1"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for path in (built_project / "build").rglob("*"):
            if path.suffix == ".pdf":
                assert len(PdfReader(path).pages) >= 1, path
            elif path.suffix == ".docx":
                assert zipfile.ZipFile(path).testzip() is None, path
        assert set(hashes(built_project / "build")) == set(before), "no output lost, none half-written"
    finished = run_cli(built_project, "build")
    assert finished.returncode == 0
    assert not list((built_project / "build").rglob("*.part")), "leftovers of killed builds are cleared"
