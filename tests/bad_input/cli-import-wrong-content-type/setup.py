from pathlib import Path

from tests.hostile_docx import export, parts, replace_part

TYPES = "[Content_Types].xml"


def setup(project: Path) -> None:
    path = export(project)
    types = parts(path)[TYPES].replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
    replace_part(path, TYPES, types)
