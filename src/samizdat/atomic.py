"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Every output samizdat writes (PDF, DOCX, PO, POT, exports) goes through
:func:`atomic_target`: write to a temporary file beside the target, then rename it over
the target, keeping the target's permissions. A failure to write (disk full, no
permission, a file where a folder should be) is a :class:`~samizdat.filesystem.FileSystemError`
naming the target or its folder, never the temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from samizdat.filesystem import explain, reported


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it only if the block succeeds."""
    with reported(None, "create this folder"):
        target.parent.mkdir(parents=True, exist_ok=True)
    with reported(target.parent, "create a file in this folder"):
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except OSError as exc:
        if exc.errno is None or (exc.filename is not None and str(exc.filename) not in (name, str(target))):
            raise  # not a failure to write this file (an unreadable input, say): not ours to explain
        raise explain(exc, target, "write") from exc
    finally:
        temp.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_target(target) as temp:
        temp.write_bytes(data)


def _mode_for(target: Path) -> int:
    """The target's permissions, else the usual ones (mkstemp's 0600 would stick)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
