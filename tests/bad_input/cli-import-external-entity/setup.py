from pathlib import Path

from tests.hostile_docx import CORE, export, parts, replace_part


def setup(project: Path) -> None:
    path = export(project)
    core = parts(path)[CORE].replace(b"?>", b'?>\n<!DOCTYPE p [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', 1)
    replace_part(path, CORE, core.replace(b"samizdat-translation:ep-vote-handout:be", b"&secret;"))
