"""A build folder that cannot be written is one clear message naming the path and the
cause, never an internal error: exit 1 when the project's files are in the way
(permissions), exit 3 when the machine's storage fails (read-only file system, disk full).

The tests run as root in CI, where ``chmod`` blocks nothing: a read-only folder is then
read-only for the unprivileged user the build runs as (``setpriv``), and the read-only and
full file systems are real mounts (a read-only bind mount, a 64 KiB tmpfs) made in a mount
namespace of the build's own (``unshare``), gone when it ends. The cases a folder can
express (a file where a folder is needed) are in ``tests/bad_input/fs-*``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import SAMIZDAT, copy_project, run_cli

HANDOUT = "content/ep-vote-handout.md"
NOBODY = 65534


def assert_clear(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    assert result.returncode == code, f"exit {result.returncode}\n{result.stderr}"
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


@pytest.fixture
def shared_project() -> Iterator[Path]:
    """A built copy of the sample project that every user can read (pytest's tmp_path is
    private to root)."""
    top = Path(tempfile.mkdtemp(prefix="samizdat-fs-"))
    try:
        top.chmod(0o755)
        project = top / "project"
        project.mkdir()
        copy_project(project)
        first = run_cli(project, "build", "--format", "pdf", "--lang", "en", HANDOUT)
        assert first.returncode == 0, first.stderr
        handout = project / HANDOUT
        handout.write_text(handout.read_text(encoding="utf-8").replace("A clear majority", "A large majority"), encoding="utf-8")
        yield project
    finally:
        shutil.rmtree(top)


def test_a_build_folder_without_write_permission_is_an_input_error(shared_project: Path) -> None:
    project = shared_project
    before = (project / "build" / "en" / "ep-vote-handout.pdf").read_bytes()
    command = [*SAMIZDAT, "-C", str(project), "build", "--format", "pdf", "--lang", "en", HANDOUT]
    if os.geteuid() == 0:  # root writes anywhere: build as nobody, for whom root's folders are read-only
        cache = Path(tempfile.mkdtemp(prefix="samizdat-cache-"))
        cache.chmod(0o777)
        try:
            result = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command],
                                    capture_output=True, text=True, cwd=project, timeout=600,
                                    env={**os.environ, "HOME": str(cache), "XDG_CACHE_HOME": str(cache)})
        finally:
            shutil.rmtree(cache)
    else:
        for folder in (project / "build", project / "build" / "en"):
            folder.chmod(0o555)
        try:
            result = subprocess.run(command, capture_output=True, text=True, cwd=project, timeout=600)
        finally:
            for folder in (project / "build", project / "build" / "en"):
                folder.chmod(0o755)
    assert_clear(result, 1, "build/en: error: cannot create a file in this folder: permission denied")
    assert (project / "build" / "en" / "ep-vote-handout.pdf").read_bytes() == before, "the earlier output is kept"


def in_mount_namespace(mount: str, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The build run after ``mount`` (a shell line over ``$B``, the build folder) in a mount
    namespace of its own; then the ``.part`` files left in the build folder are listed."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode:
        pytest.skip("needs unshare --mount (root, or user namespaces)")
    script = f'set -e; {mount}; set +e; "$@"; code=$?; find "$B" -name "*.part"; exit $code'
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                           *SAMIZDAT, "-C", str(project), "build", *args],
                          capture_output=True, text=True, cwd=project, timeout=600,
                          env={**os.environ, "B": str(project / "build")})


def test_a_read_only_file_system_is_the_machines_error(shared_project: Path) -> None:
    result = in_mount_namespace('mount --bind "$B" "$B" && mount -o remount,bind,ro "$B"', shared_project,
                                "--format", "pdf", "--lang", "en", HANDOUT)
    assert_clear(result, 3, "build/en: error: cannot create a file in this folder: the file system is read-only")


def test_a_full_disk_is_the_machines_error_and_leaves_no_partial_file(project: Path) -> None:
    (project / "build").mkdir()
    result = in_mount_namespace('mount -t tmpfs -o size=64k samizdat-full "$B"', project, "--jobs", "2")
    assert result.returncode == 3, result.stderr
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1 and lines[0].startswith("build/") and lines[0].endswith(": error: cannot write: the disk is full"), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert ".part" not in result.stdout, f"partial files left: {result.stdout}"


def test_an_output_folder_under_a_file_is_named_in_any_command(project: Path) -> None:
    result = run_cli(project, "translate", "export", "--lang", "be", "--out", "samizdat.toml/exports")
    assert_clear(result, 1, "samizdat.toml: error: is a file where a folder is needed")
