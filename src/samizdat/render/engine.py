"""Importing WeasyPrint once per process, without the two costs of its C bindings.

Every worker of a build imports WeasyPrint, so its start-up is paid once per core. Two parts
of it are avoidable on Linux, about 0.25 s of each worker's first 0.5 s:

* **Library search.** WeasyPrint opens Pango, HarfBuzz and fontconfig by trying each
  library's Windows, macOS and Linux names in turn; cffi hands every name it cannot open
  directly to ``ctypes.util.find_library``, which runs ``ldconfig -p``, ``gcc`` and ``ld``
  as subprocesses — about twenty failed lookups. While WeasyPrint is imported, lookups are
  answered from one reading of the loader cache (ctypes' own first strategy); a name that
  is not there fails at once and WeasyPrint goes on to the exact Linux soname it also
  lists, which the dynamic loader finds itself (``LD_LIBRARY_PATH`` included).
* **Declaration parsing.** WeasyPrint declares the C API as text (``ffi.cdef``) that cffi
  parses with pycparser on import, and parses again every type string such as
  ``'PangoRectangle *'`` the first time a process uses it. cffi's documented remedy is
  "out-of-line" ABI mode: the declarations compiled once into a small generated module.
  samizdat generates that module from WeasyPrint's own declarations (keyed by their hash
  and the cffi version, in ``~/.cache/samizdat``) and runs WeasyPrint's ``text/ffi.py``
  with it in place of the parsed one; the libraries, functions and types are the same, so
  the PDFs are byte-identical (tested).

Anything unexpected — another platform, a changed ``text/ffi.py``, an unwritable cache —
falls back to WeasyPrint's own import. ``SAMIZDAT_PLAIN_IMPORT=1`` turns both off.
"""

from __future__ import annotations

import ast
import ctypes.util
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import re
import struct
import subprocess
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, Sequence

FFI_MODULE = "weasyprint.text.ffi"
COMPILED_NAME = "_samizdat_compiled_ffi"  # the name WeasyPrint's ffi.py finds the compiled FFI under
_LOCK = threading.Lock()
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}  # ldconfig's tag for this process's word size


def load() -> ModuleType:
    """``weasyprint``, imported on the first call."""
    module = sys.modules.get("weasyprint")
    if module is not None and hasattr(module, "HTML"):
        return module
    with _LOCK:
        if os.environ.get("SAMIZDAT_PLAIN_IMPORT") or not sys.platform.startswith("linux"):
            import weasyprint

            return weasyprint
        stock = ctypes.util.find_library
        finder = _CompiledFFIFinder()
        if _loader_cache() is not None:
            ctypes.util.find_library = find_in_loader_cache
        sys.meta_path.insert(0, finder)
        try:
            import weasyprint

            return weasyprint
        except Exception:  # noqa: BLE001 — whatever went wrong, WeasyPrint's own import decides
            for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = stock
            sys.meta_path.remove(finder)
        import weasyprint
    return weasyprint


# --- library search ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _loader_cache() -> bytes | None:
    """``ldconfig -p``'s listing, read once; None when there is no ldconfig to ask."""
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            done = subprocess.run([ldconfig, "-p"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env={"LC_ALL": "C", "LANG": "C"}, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return done.stdout
    return None


def find_in_loader_cache(name: str) -> str | None:
    """The soname ``ctypes.util.find_library(name)`` would find in the loader cache, or None."""
    listing = _loader_cache() or b""
    machine = f"{os.uname().machine}-{struct.calcsize('l') * 8}"
    abi = _ABI.get(machine, "libc6").encode()
    found = re.search(rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name.encode()), abi), listing)
    return os.fsdecode(found.group(1)) if found else None


# --- compiled declarations ---------------------------------------------------------------


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "samizdat" / "cffi"


def rewrite(source: str, filename: str) -> tuple[CodeType, str] | None:
    """WeasyPrint's ``text/ffi.py`` compiled to use a ready FFI, and the declarations it
    would have parsed; None unless it has exactly the expected ``ffi = cffi.FFI()`` and one
    ``ffi.cdef('''…''')`` at top level."""
    tree = ast.parse(source, filename)
    creations = [node for node in tree.body if isinstance(node, ast.Assign) and _is_call(node.value, "cffi", "FFI")
                 and [ast.unparse(t) for t in node.targets] == ["ffi"]]
    cdefs = [node for node in tree.body if isinstance(node, ast.Expr) and _is_call(node.value, "ffi", "cdef")]
    if len(creations) != 1 or len(cdefs) != 1:
        return None
    call = cdefs[0].value
    assert isinstance(call, ast.Call)
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
        return None
    creations[0].value = ast.copy_location(ast.Name(COMPILED_NAME, ast.Load()), creations[0].value)
    tree.body.remove(cdefs[0])
    return compile(tree, filename, "exec"), call.args[0].value


def _is_call(node: ast.expr, owner: str, attr: str) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attr
            and isinstance(node.func.value, ast.Name) and node.func.value.id == owner)


def compiled_ffi(declarations: str) -> Any:
    """The out-of-line FFI for ``declarations``, generated into the cache on first use."""
    import cffi
    from cffi.recompiler import make_py_source  # emit_python_code() without its "generating …" line

    digest = hashlib.sha256(f"{cffi.__version__}\0{declarations}".encode()).hexdigest()[:20]
    name = f"_samizdat_weasyprint_{digest}"
    target = cache_dir() / f"{name}.py"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        builder = cffi.FFI()
        builder.cdef(declarations)
        with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
            made = Path(scratch) / target.name
            make_py_source(builder, name, str(made))
            os.replace(made, target)  # several workers may race here: each rename is whole
    spec = importlib.util.spec_from_file_location(name, target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ffi


class _CompiledFFIFinder(importlib.abc.MetaPathFinder):
    """Finds ``weasyprint.text.ffi`` and loads it with the compiled FFI; steps aside otherwise."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if fullname != FFI_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            return spec
        try:
            rewritten = rewrite(Path(spec.origin).read_text(encoding="utf-8"), spec.origin)
            if rewritten is None:
                return spec
            code, declarations = rewritten
            ffi = compiled_ffi(declarations)
        except Exception:  # noqa: BLE001 — any trouble here means WeasyPrint's own import
            return spec
        return importlib.util.spec_from_loader(fullname, _Loader(code, ffi), origin=spec.origin)


class _Loader(importlib.abc.Loader):
    def __init__(self, code: CodeType, ffi: Any) -> None:
        self.code, self.ffi = code, ffi

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.__file__ = module.__spec__.origin if module.__spec__ else None
        module.__dict__[COMPILED_NAME] = self.ffi
        exec(self.code, module.__dict__)  # noqa: S102 — WeasyPrint's own module, one assignment changed
        keep_loaded(module)


def keep_loaded(module: ModuleType) -> None:
    """Mark the libraries the compiled FFI opened as never to be unloaded. An out-of-line
    library object closes its library when it is freed, and at interpreter exit that can
    happen before the last Pango font map is released, whose destructor then jumps into
    unmapped code; ``RTLD_NODELETE`` makes that close a no-op, as for WeasyPrint's own FFI."""
    import ctypes

    for value in list(vars(module).values()):
        if type(value).__name__ == "Lib" and type(value).__module__ == "_cffi_backend":
            name = getattr(value, "__name__", "").removesuffix(".lib")
            ctypes.CDLL(name, mode=os.RTLD_NOW | os.RTLD_NOLOAD | os.RTLD_NODELETE)  # OSError if not that library
