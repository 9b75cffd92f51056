"""File-system failures as one clear message: which path, what went wrong, whose to fix it.

A full disk, a read-only build folder or a file where a folder should be is not a bug in
samizdat, so it is never an "internal error". The CLI exits 1 when the project's own files
are in the way (permissions, a file where a folder is needed: the user can fix them) and 3
when the machine's storage fails (disk full, quota, read-only file system, I/O error).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MACHINE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.EMFILE, errno.ENFILE, errno.ENOMEM}
CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EIO: "input/output error (a failing disk or a lost network drive?)",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files on this machine",
    errno.ENOMEM: "out of memory",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted (owned by another user, or marked immutable?)",
    errno.EISDIR: "is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ELOOP: "too many levels of symbolic links",
}
IN_THE_WAY = {errno.ENOTDIR, errno.EEXIST}  # mkdir or open under a path whose component is a file


class FileSystemError(Exception):
    """``path`` could not be read or written because of ``cause`` (``code`` is the errno)."""

    def __init__(self, path: str, action: str, code: int, cause: str) -> None:
        super().__init__(path, action, code, cause)  # the arguments, so that a worker can send it back
        self.path, self.action, self.code, self.cause = path, action, code, cause

    @property
    def machine(self) -> bool:
        """The machine's storage is at fault, not the project's files."""
        return self.code in MACHINE

    def __str__(self) -> str:
        return f"{self.path}: error: {f'cannot {self.action}: ' if self.action else ''}{self.cause}"


def concerns(exc: OSError) -> bool:
    """Whether ``exc`` is about a file (not, say, a socket)."""
    return exc.filename is not None or exc.errno in MACHINE


def explain(exc: OSError, path: Path | str | None = None, action: str = "") -> FileSystemError:
    """``exc`` as a :class:`FileSystemError` about ``path`` (default: the file it names)."""
    where = Path(path if path is not None else exc.filename or ".")
    code = exc.errno or 0
    if code in IN_THE_WAY and (blocker := _file_in_the_way(Path(exc.filename or where))) is not None:
        return FileSystemError(_shown(blocker), "", code, "is a file where a folder is needed")
    return FileSystemError(_shown(where), action, code, CAUSES.get(code) or exc.strerror or str(exc))


@contextmanager
def reported(path: Path | None, action: str) -> Iterator[None]:
    """A failed system call in the block (an OSError with an errno) reported as one about
    ``path`` (default: the file the error names)."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None:
            raise
        raise explain(exc, path, action) from exc


def _file_in_the_way(path: Path) -> Path | None:
    """The first of ``path`` and its folders that exists and is not a folder."""
    for candidate in reversed([path, *path.parents]):
        if candidate.exists() and not candidate.is_dir():
            return candidate
        if not candidate.exists():
            return None
    return None


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it lies inside it (the project, usually)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(absolute)
