"""LibreOffice's layouts are kept by the DOCX's hash: a file seen once is never converted again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from samizdat.render import office


def test_a_docx_seen_once_is_not_converted_again(sample_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = (sample_build / "en" / "ep-vote-handout.docx").read_bytes()
    with office.session() as lo:
        first = lo.layouts({"handout": data})
        assert lo.runs == 1 and first["handout"].pages == 1
        again = lo.layouts({"same": data})
        assert lo.runs == 1 and again["same"] == first["handout"]  # from the cache: LibreOffice not started
        changed = lo.layouts({"other": data + b"\0"})  # other bytes, another key: converted
        assert lo.runs == 2 and changed["other"].pages == 1
    assert len(list((tmp_path / "cache" / "samizdat" / "office-layouts").glob("*.json"))) == 2
