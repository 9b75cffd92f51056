"""WeasyPrint's quick import: compiled declarations, the loader-cache lookup, and the
guarantee that matters — the same PDF bytes as WeasyPrint's own import."""

from __future__ import annotations

import ctypes.util
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samizdat.render import engine
from tests.support import copy_project, run_cli

PROBE = """
import ctypes.util, json, sys
from samizdat.render import engine
before = ctypes.util.find_library
engine.load()
import weasyprint.text.ffi as ffi
print(json.dumps({"ffi": type(ffi.ffi).__module__, "pango": ffi.pango.pango_version(),
                  "units": ffi.TO_UNITS, "subset": ffi.harfbuzz_subset is not None,
                  "restored": ctypes.util.find_library is before, "pycparser": "pycparser" in sys.modules}))
"""


def probe(cache: Path, **env: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache), **env})
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1, f"the import printed something: {done.stdout!r}"
    return json.loads(done.stdout)


def test_compiled_declarations_replace_pycparser(tmp_path: Path) -> None:
    first = probe(tmp_path)
    assert first["ffi"] == "_cffi_backend"  # the out-of-line FFI, not cffi.api.FFI
    assert first["restored"] is True and first["subset"] is True
    made = list((tmp_path / "samizdat" / "cffi").glob("_samizdat_weasyprint_*.py"))
    assert len(made) == 1
    again = probe(tmp_path)  # the next process reuses the generated module: nothing to parse
    assert again == {**first, "pycparser": False}
    assert list((tmp_path / "samizdat" / "cffi").glob("_samizdat_weasyprint_*.py")) == made


def test_plain_import_and_unwritable_cache_fall_back(tmp_path: Path) -> None:
    plain = probe(tmp_path / "plain", SAMIZDAT_PLAIN_IMPORT="1")
    assert plain["ffi"] == "cffi.api" and plain["pycparser"] is True
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    fallback = probe(blocked)
    assert fallback["ffi"] == "cffi.api"
    assert {k: v for k, v in fallback.items() if k not in ("ffi", "pycparser")} == \
           {k: v for k, v in probe(tmp_path / "ok").items() if k not in ("ffi", "pycparser")}


@pytest.mark.parametrize("name", ["c", "m", "fontconfig", "harfbuzz", "no-such-library-here"])
def test_loader_cache_agrees_with_ctypes(name: str) -> None:
    assert engine.find_in_loader_cache(name) == ctypes.util.find_library(name)


def test_unexpected_ffi_source_is_left_alone() -> None:
    usual = "import cffi\nffi = cffi.FFI()\nffi.cdef('''int f(int);''')\nlib = ffi.dlopen('libc.so.6')\n"
    rewritten = engine.rewrite(usual, "ffi.py")
    assert rewritten is not None and rewritten[1] == "int f(int);"
    namespace = {engine.COMPILED_NAME: "ready", "__name__": "probe"}
    with pytest.raises(AttributeError):  # runs with the ready FFI in place: 'str' has no dlopen
        exec(rewritten[0], namespace)  # noqa: S102
    assert namespace["ffi"] == "ready"
    assert engine.rewrite(usual.replace("ffi.cdef(", "ffi.cdef(x + "), "ffi.py") is None
    assert engine.rewrite(usual + "ffi.cdef('int g(void);')\n", "ffi.py") is None
    assert engine.rewrite(usual.replace("cffi.FFI()", "cffi.FFI(backend)").replace("ffi = ", "ffi2 = "), "ffi.py") is None


def test_pdfs_are_byte_identical_to_weasyprints_own_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    digests = {}
    for mode in ("quick", "plain"):
        (tmp_path / mode).mkdir()
        project = copy_project(tmp_path / mode)
        with monkeypatch.context() as patch:
            if mode == "plain":
                patch.setenv("SAMIZDAT_PLAIN_IMPORT", "1")
            result = run_cli(project, "build", "--format", "pdf", "--jobs", "1", "-q")
        assert result.returncode == 0, result.stderr
        digests[mode] = {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                         for p in sorted((project / "build").rglob("*.pdf"))}
    assert len(digests["quick"]) == 6
    assert digests["quick"] == digests["plain"]


CLOSE_THEN_FREE = """
import gc
from samizdat.render import engine
engine.load()
from weasyprint import HTML
from weasyprint.text import ffi
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
HTML(string="<p style='font-family: PT Serif'>Прывітанне</p>").write_pdf(font_config=fonts)
for name in ("pangoft2", "fontconfig", "pango", "harfbuzz", "gobject"):
    ffi.ffi.dlclose(getattr(ffi, name))  # what freeing the library objects does at exit
del fonts
gc.collect()  # the font map's destructor runs in Pango: it must still be loaded
print("font map freed")
"""


def test_libraries_stay_loaded_until_the_last_font_map_is_freed() -> None:
    """At interpreter exit the compiled FFI's library objects may be freed before a cached
    font configuration; closing them must not unload Pango under it (a crash at exit)."""
    done = subprocess.run([sys.executable, "-c", CLOSE_THEN_FREE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.strip() == "font map freed"
