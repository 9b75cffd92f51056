"""One build at a time in a build folder: ``build/.samizdat.lock``.

Two builds at once would each read ``manifest.json`` at their start and write it back at
their end, the later one dropping what the other recorded; and each clears the ``.part``
files it finds, the other's unfinished outputs among them. So a build holds an exclusive
``flock`` on the lock file from before it reads the manifest until after it saves it. The
kernel drops the lock with the last descriptor, so a build killed with ``kill -9`` (its
workers die with it) never leaves a stale one. The file records the holder's pid and
command, for the message of a build that has to wait.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from samizdat.errors import error
from samizdat.filesystem import reported

NAME = ".samizdat.lock"


@contextmanager
def exclusive(folder: Path, shown: str, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``folder`` (``shown`` as in messages) for the block.

    Another build holding it: wait for it (saying so once through ``on_wait``), or with
    ``wait=False`` fail with an error naming it."""
    fd = _open(folder / NAME)
    if fd is None:  # a folder this user cannot write to: no build can change it, nothing to guard
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise error(f"{shown}/{NAME}", None, f"{holder} is running in {shown}/; "
                                                      "run again when it has finished (or without --no-wait to wait for it)") from None
            if on_wait:
                on_wait(f"waiting for {holder} to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        _record(fd, f"{os.getpid()}\n{command()}\n")
        try:
            yield
        finally:
            _record(fd, "")
            fcntl.flock(fd, fcntl.LOCK_UN)  # now, even if a forked child still shares the descriptor
    finally:
        os.close(fd)


def command() -> str:
    """This process's command line, as ``samizdat build …`` when it is the samizdat command."""
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    if program in ("__main__.py", "samizdat"):
        program = "samizdat"
    return shlex.join([program, *sys.argv[1:]])


def _open(path: Path) -> int | None:
    with reported(None, "create the lock file"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
    try:  # read-only here: still take the lock if there is one, so a writer elsewhere is awaited
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None


def _holder(fd: int) -> str:
    """'build by pid N (command)', from what the holder recorded (it may not have yet)."""
    pid, _, cmd = os.pread(fd, 4096, 0).decode("utf-8", errors="replace").partition("\n")
    if not pid.strip().isdigit():
        return "another build"
    return f"build by pid {pid.strip()}" + (f" ({cmd.strip()})" if cmd.strip() else "")


def _record(fd: int, text: str) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode("utf-8"), 0)
    except OSError:
        pass  # a read-only descriptor or a full disk: the lock holds all the same, the message is vaguer
