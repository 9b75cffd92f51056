"""Input files read once per build: the fingerprint and every reader see the same bytes.

A build that read a PO file once to fingerprint it and again to render it could publish
half of a file an editor was saving, then record the output as up to date for the whole
file. While a :func:`snapshot` is active, :func:`read_bytes` hands every reader the bytes
first read for that path; the fingerprint is the digest of those bytes. Forked workers
inherit the snapshot, so they render what the build fingerprinted.

Files up to :data:`KEEP_BYTES` are kept in memory; a larger one (a photograph) keeps only
its digest and is read again when needed, and if its bytes changed meanwhile the build
stops with an error rather than render something it did not fingerprint. Outside a
snapshot (``translate check``, ``doctor``…) files are simply read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from samizdat.errors import error

KEEP_BYTES = 1 << 20  # larger files are re-read and verified instead of held: memory stays bounded
ABSENT = "absent"


class Snapshot:
    """The bytes (or, for large files, the digest) of every input read during one build."""

    def __init__(self) -> None:
        self._bytes: dict[Path, bytes] = {}
        self._digests: dict[Path, str] = {}

    def read(self, path: Path) -> bytes:
        """The file's bytes as first read in this build; FileNotFoundError if it was absent."""
        key = _key(path)
        if key in self._bytes:
            return self._bytes[key]
        if self._digests.get(key) == ABSENT:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        try:
            data = key.read_bytes()
        except FileNotFoundError:
            self._digests.setdefault(key, ABSENT)
            if self._digests[key] != ABSENT:
                raise error(path, None, "was deleted while the build was running; build again") from None
            raise
        digest = hashlib.sha256(data).hexdigest()
        recorded = self._digests.setdefault(key, digest)
        if recorded != digest:
            raise error(path, None, "changed while the build was running; build again")
        if len(data) <= KEEP_BYTES:
            self._bytes[key] = data
        return data

    def digest(self, path: Path) -> str:
        """SHA-256 of the bytes this build reads for ``path``, or ``"absent"``."""
        key = _key(path)
        if key not in self._digests:
            try:
                self.read(key)
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                self._digests[key] = ABSENT
        return self._digests[key]


_active: Snapshot | None = None


@contextmanager
def snapshot() -> Iterator[Snapshot]:
    """Make every :func:`read_bytes` inside the block read each file once."""
    global _active
    outer, _active = _active, Snapshot()
    try:
        yield _active
    finally:
        _active = outer


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``: this build's copy while a snapshot is active, else the file's."""
    return _active.read(path) if _active is not None else Path(path).read_bytes()


def digest(path: Path) -> str:
    """SHA-256 of what :func:`read_bytes` gives for ``path`` (``"absent"`` if there is none)."""
    if _active is not None:
        return _active.digest(path)
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return ABSENT


def _key(path: Path) -> Path:
    return Path(os.path.abspath(path))
