"""WeasyPrint is imported as it ships: samizdat changes nothing about how it loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import samizdat

PROBE = """
import ctypes.util, json, sys
before = (ctypes.util.find_library, list(sys.meta_path))
from samizdat.render import engine
engine.load()
import cffi
import weasyprint.text.ffi as ffi
print(json.dumps({"untouched": (ctypes.util.find_library, list(sys.meta_path)) == before,
                  "parsed_ffi": isinstance(ffi.ffi, cffi.FFI)}))
"""


def test_weasyprint_loads_without_import_hooks_or_replaced_functions() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == {"untouched": True, "parsed_ffi": True}


def test_no_module_rewrites_a_dependency() -> None:
    package = Path(samizdat.__file__).parent
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("ffi.cdef", "find_library", "meta_path"):
            assert needle not in text, f"{path.relative_to(package)} mentions {needle}"
