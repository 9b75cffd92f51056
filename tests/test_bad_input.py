"""A corpus of bad inputs, one folder each in ``tests/bad_input/<case>/``, run end to end.

A case folder holds the files that replace or add to a copy of the sample project
(``content/bad.md``, ``locales/ru/LC_MESSAGES/templates.po``, ``samizdat.toml``…) and an
``expected.txt``::

    # why the case exists (comment lines start with '#')
    command: build --format pdf --lang en          # samizdat arguments, split like a shell
    exit: 1                                        # expected exit code (default 1)
    stderr: content/bad.md:3: error: unknown …     # a substring stderr must contain (repeatable)
    stderr-re: content/deep\\.md:\\d+: error: .*   # a regular expression (multiline) for stderr
    stderr-not: content/x.md: warning: PDF          # a substring stderr must not contain
    remove: templates/handout.html.j2              # a project file deleted before the run
    creates: build/en/bom.pdf                      # a file the run may (and must) create
    xfail: why samizdat is wrong today             # a known bug: strict xfail until it is fixed

A ``setup.py`` beside it may define ``setup(project: Path) -> None`` for what files cannot
say (a 2 MB file, a symlink, a file outside the project). ``tests/bad_input/.gitattributes``
keeps every case file byte for byte (BOMs, CR line endings, invalid UTF-8).

Every case asserts: the exit code (never 70, the code for a bug); the messages; no
traceback and no "internal error"; no diagnostic printed twice; and — the point of
"nothing written" — every file of the project, earlier outputs in build/ included, is
byte-identical afterwards, with no new file (no partial output, no .part) except those
the case declares with ``creates:``; and a folder beside the project (``../outside``, with
a PO-shaped file a hostile path could aim at) is untouched. Only ``build/manifest.json`` may change, and only
when the run reports another output it finished ("wrote …").

The sample is built once per session; each case runs in a copy of that built project.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shlex
import shutil
import socket
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import SamizdatError
from tests.support import copy_project, run_cli, write_doc

CASES = Path(__file__).parent / "bad_input"
SPECIAL = {"expected.txt", "setup.py", "__pycache__"}


@dataclass
class Case:
    name: str
    folder: Path
    command: list[str]
    exit: int = 1
    stderr: list[str] = field(default_factory=list)
    stderr_re: list[str] = field(default_factory=list)
    stderr_not: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    creates: list[str] = field(default_factory=list)
    xfail: str = ""

    @property
    def files(self) -> list[Path]:
        """The case's project files, relative to the case folder."""
        return sorted(
            p.relative_to(self.folder) for p in self.folder.rglob("*")
            if p.is_file() and not (set(p.relative_to(self.folder).parts) & SPECIAL) and not p.name.endswith(".pyc")
        )


def read_case(folder: Path) -> Case:
    case = Case(folder.name, folder, [])
    for number, line in enumerate((folder / "expected.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        value = value.strip()
        if not sep:
            raise ValueError(f"{folder.name}/expected.txt:{number}: expected 'key: value'")
        if key == "command":
            case.command = shlex.split(value)
        elif key == "exit":
            case.exit = int(value)
        elif key == "stderr":
            case.stderr.append(value)
        elif key == "stderr-re":
            case.stderr_re.append(value)
        elif key == "stderr-not":
            case.stderr_not.append(value)
        elif key == "remove":
            case.remove.append(value)
        elif key == "creates":
            case.creates.append(value)
        elif key == "xfail":
            case.xfail = value
        else:
            raise ValueError(f"{folder.name}/expected.txt:{number}: unknown key '{key}'")
    if not case.command:
        raise ValueError(f"{folder.name}/expected.txt: no 'command:'")
    if not (case.stderr or case.stderr_re or case.creates):
        raise ValueError(f"{folder.name}/expected.txt: say what must be printed ('stderr:') or made ('creates:')")
    return case


def all_cases() -> list:
    params = []
    for folder in sorted(p for p in CASES.iterdir() if (p / "expected.txt").is_file()):
        case = read_case(folder)
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with every output built once: the 'earlier outputs' of each case."""
    project = copy_project(tmp_path_factory.mktemp("built-sample"))
    result = run_cli(project, "build", "-q")
    assert result.returncode == 0, result.stderr
    assert list((project / "build" / "en").glob("*.pdf")) and list((project / "build" / "ru").glob("*.docx"))
    return project


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root``: its hash ('' for a folder)."""
    found = {}
    for path in root.rglob("*"):
        rel = str(path.relative_to(root))
        if "__pycache__" in path.parts:
            continue
        if path.is_symlink() or path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "dangling"
        elif path.is_dir():
            found[rel] = ""
    return found


def apply_case(case: Case, project: Path) -> None:
    """Copy the case's files over the project, delete what it removes, run its setup."""
    for rel in case.files:
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case.folder / rel, target)
    for rel in case.remove:
        (project / rel).unlink()
    if (case.folder / "setup.py").is_file():
        spec = importlib.util.spec_from_file_location(f"bad_input_{case.name}", case.folder / "setup.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        module.setup(project)


def duplicated_diagnostics(stderr: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if re.search(r": (error|warning): ", line)]
    return [line for line, count in Counter(lines).items() if count > 1]


@pytest.mark.parametrize("case", all_cases())
def test_bad_input(case: Case, built_sample: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_sample, project, symlinks=True)
    outside = tmp_path / "outside"  # a neighbour of the project that no run may touch
    (outside / "locales" / "be" / "LC_MESSAGES").mkdir(parents=True)
    (outside / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    apply_case(case, project)
    before = snapshot(project)  # the broken input included: a failing run must not touch it either
    neighbours = snapshot(outside)

    result = run_cli(project, *case.command)
    out = result.stdout + result.stderr

    assert "Traceback" not in out, out
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == case.exit, f"exit {result.returncode}, expected {case.exit}\n{result.stderr}"
    for text in case.stderr:
        assert text in result.stderr, f"expected in stderr: {text!r}\n--- stderr:\n{result.stderr}"
    for pattern in case.stderr_re:
        assert re.search(pattern, result.stderr, re.M), f"expected in stderr: /{pattern}/\n--- stderr:\n{result.stderr}"
    for text in case.stderr_not:
        assert text not in result.stderr, f"not expected in stderr: {text!r}\n--- stderr:\n{result.stderr}"
    assert not duplicated_diagnostics(result.stderr), f"printed more than once: {duplicated_diagnostics(result.stderr)}"

    after = snapshot(project)
    allowed_new = set(case.creates)
    if "wrote " in result.stdout:  # another job of the build finished: its record is bookkeeping, not output
        allowed_new.add("build/manifest.json")
    changed = sorted(rel for rel, digest in before.items() if rel not in allowed_new and after.get(rel) != digest)
    added = sorted(rel for rel in after if rel not in before and rel not in allowed_new)
    assert not changed, f"files changed or removed by a failing run: {changed}"
    assert not added, f"files created by a failing run: {added}"
    assert not list(project.rglob("*.part")), "a partial output was left behind"
    assert snapshot(outside) == neighbours, "a file outside the project was changed"
    for rel in case.creates:
        assert (project / rel).is_file(), f"{rel} was not written\n{result.stderr}"


def test_corpus_is_large_enough() -> None:
    assert len(all_cases()) >= 30


# --- checks the folder format cannot express ----------------------------------------


def test_network_image_makes_no_connection(project: Path) -> None:
    """A listening socket on localhost sees no connection attempt from a build."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.setblocking(False)
        port = server.getsockname()[1]
        write_doc(project, "net.md", f"---\ntitle: T\n---\n\n![Remote](http://127.0.0.1:{port}/x.png)\n\n"
                                     f"Inline ![remote](http://127.0.0.1:{port}/y.png) too.\n")
        result = run_cli(project, "build", "--format", "pdf,docx", "--lang", "en", "content/net.md")
        with pytest.raises(BlockingIOError):
            server.accept()
    assert result.returncode == 1, result.stderr
    assert f"content/net.md:5: error: 'http://127.0.0.1:{port}/x.png': only files inside the project can be used, not http URLs" in result.stderr
    assert f"content/net.md:7: error: 'http://127.0.0.1:{port}/y.png'" in result.stderr
    assert not (project / "build").exists()


def test_nesting_limit_message_counts_what_the_author_wrote(project: Path) -> None:
    """A list 16 levels deep either loads whole, or the message's limit is below 16."""
    lines = ["  " * level + f"- level{level}" for level in range(16)]
    path = write_doc(project, "sixteen.md", "---\ntitle: Sixteen\n---\n\n" + "\n".join(lines) + "\n")
    try:
        doc = load_document(path, load_config(project))
    except SamizdatError as exc:
        (diagnostic,) = exc.diagnostics
        stated = int(re.search(r"more than (\d+) levels", diagnostic.message).group(1))
        assert stated < 16, f"the file has 16 levels, the message says: {diagnostic}"
        return
    text = " ".join(s.plain() for s in m.iter_segments(doc))
    assert all(f"level{level}" in text for level in range(16))


def test_corpus_files_are_what_they_claim() -> None:
    """Guard the corpus itself: byte-level cases must keep their bytes (no editor 'fixes')."""
    assert (CASES / "content-bom" / "content" / "bom.md").read_bytes().startswith(b"\xef\xbb\xbf---")
    assert b"\xe9" in (CASES / "content-invalid-utf8" / "content" / "bad.md").read_bytes()
    assert (CASES / "content-utf16" / "content" / "bad.md").read_bytes().startswith(b"\xff\xfe")
    assert b"\r" in (CASES / "content-cr-line-endings" / "content" / "cr.md").read_bytes()
    assert b"\r\n" in (CASES / "content-crlf-line-endings" / "content" / "crlf.md").read_bytes()
    assert b"\t" in (CASES / "yaml-tab-indentation" / "content" / "bad.md").read_bytes()
    po = (CASES / "po-invalid-utf8" / "locales" / "ru" / "LC_MESSAGES" / "ep-vote-handout.po").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        po.decode("utf-8")
