"""Worker processes live no longer than the build that forked them: a build killed with
SIGKILL (no handler runs) takes its workers along, and SIGTERM or SIGINT stop the pool
cleanly: no traceback, no process left, only complete outputs."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from tests.support import SAMIZDAT

WAIT = 60  # seconds for the workers to appear (they fork while the build is still checking)
GONE = 5  # seconds in which every worker must be gone once the build is


def start_build(project: Path) -> subprocess.Popen[str]:
    """A full build with two workers, in a session of its own (so nothing can leak into ours)."""
    return subprocess.Popen([*SAMIZDAT, "-C", str(project), "build", "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def workers_of(build: subprocess.Popen[str]) -> list[psutil.Process]:
    """The build's two workers, once both are forked."""
    parent = psutil.Process(build.pid)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        children = parent.children(recursive=True)
        if len(children) >= 2:
            return children
        assert build.poll() is None, f"the build ended before forking its workers: {build.communicate()}"
        time.sleep(0.05)
    pytest.fail("no worker processes appeared")


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    def running(process: psutil.Process) -> bool:
        try:  # is_running() compares start times: a reused pid is not our worker
            return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    return [p for p in processes if running(p)]


def outlive(processes: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    """Those of ``processes`` still running after ``seconds`` (polled, so usually less)."""
    deadline = time.monotonic() + seconds
    while (left := alive(processes)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.fixture
def cleanup():
    """Kills what a failing test left behind, so one failure does not poison the machine."""
    started: list[subprocess.Popen[str]] = []
    yield started.append
    for build in started:
        try:
            os.killpg(build.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        build.communicate()


def test_workers_die_with_a_killed_build(project: Path, cleanup) -> None:
    build = start_build(project)
    cleanup(build)
    workers = workers_of(build)
    os.kill(build.pid, signal.SIGKILL)  # the parent only: no handler runs, no shutdown is sent
    build.wait(WAIT)
    left = outlive(workers, GONE)
    assert not left, f"workers outlived the killed build: {[p.pid for p in left]}"


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_terminate_and_interrupt_stop_the_pool_cleanly(project: Path, cleanup, sig: signal.Signals, code: int) -> None:
    build = start_build(project)
    cleanup(build)
    workers = workers_of(build)
    time.sleep(1)  # let the workers get into their jobs
    os.kill(build.pid, sig)
    _, stderr = build.communicate(timeout=WAIT)
    assert build.returncode == code, stderr
    assert "samizdat: interrupted; finished outputs are complete, unfinished ones were not written" in stderr
    assert "Traceback" not in stderr, stderr
    assert not alive(workers), "the pool is shut down before the build exits"
    assert not list((project / "build").rglob("*.part")), "no partial output is left"
