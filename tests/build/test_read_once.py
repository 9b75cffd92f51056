"""Each build reads every input once: what it fingerprints is exactly what it renders.

An editor saving a catalog while a build runs must never leave an output recorded as up to
date for bytes it was not built from.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from samizdat import inputs
from samizdat.build import build
from samizdat.config import load_config
from samizdat.errors import SamizdatError

PO = Path("locales/be/LC_MESSAGES/ep-vote-handout.po")
WHOLE, BROKEN = "Пяць патрабаванняў", "Пяць патраб"


def _build(project: Path, on_start=None):  # type: ignore[no-untyped-def]
    config = load_config(project)
    sources = [project / "content" / "ep-vote-handout.md", project / "content" / "ep-resolution-briefing"]
    return build(config, sources, ["be"], ["html"], project / "build", workers=2, on_start=on_start)


def test_a_catalog_saved_during_the_build_is_not_half_published(project: Path) -> None:
    po = project / PO
    whole = po.read_bytes()
    assert WHOLE.encode() in whole

    def editor_saves_mid_build(count: int) -> None:  # after fingerprinting, before the workers render
        po.write_bytes(whole.replace(WHOLE.encode(), BROKEN.encode()))

    result = _build(project, on_start=editor_saves_mid_build)
    assert not result.errors, result.errors
    page = (project / "build" / "be" / "ep-vote-handout.html").read_text(encoding="utf-8")
    assert WHOLE in page, "the page must show the bytes the build fingerprinted"

    entries = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    (recorded,) = [entry for target, entry in entries.items() if target.endswith("be/ep-vote-handout.html")]
    assert recorded["inputs"][str(PO)] == hashlib.sha256(whole).hexdigest(), "fingerprinted: the bytes rendered"

    # the editor's file stays as saved: the next build sees new bytes and builds again
    again = _build(project)
    assert any(p.name == "ep-vote-handout.html" for p in again.written)
    assert BROKEN in (project / "build" / "be" / "ep-vote-handout.html").read_text(encoding="utf-8")

    # and once whole again, built again: never "up to date" for bytes it was not built from
    po.write_bytes(whole)
    third = _build(project)
    assert any(p.name == "ep-vote-handout.html" for p in third.written)
    assert WHOLE in (project / "build" / "be" / "ep-vote-handout.html").read_text(encoding="utf-8")


def test_a_snapshot_reads_a_file_once_and_notices_a_large_file_changing(tmp_path: Path) -> None:
    small, large = tmp_path / "small.po", tmp_path / "photo.png"
    small.write_bytes(b"one")
    large.write_bytes(b"x" * (inputs.KEEP_BYTES + 1))
    with inputs.snapshot():
        first = inputs.digest(small)
        small.write_bytes(b"two")
        assert inputs.read_bytes(small) == b"one" and inputs.digest(small) == first
        inputs.read_bytes(large)
        large.write_bytes(b"y" * (inputs.KEEP_BYTES + 1))
        with pytest.raises(SamizdatError, match="changed while the build was running"):
            inputs.read_bytes(large)
        assert inputs.digest(tmp_path / "absent.po") == inputs.ABSENT
        (tmp_path / "absent.po").write_bytes(b"late")
        with pytest.raises(FileNotFoundError):
            inputs.read_bytes(tmp_path / "absent.po")
    assert inputs.read_bytes(small) == b"two"  # outside a build, files are simply read
