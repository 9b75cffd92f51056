from pathlib import Path

from tests.hostile_docx import DOCUMENT, export, parts, write_parts


def setup(project: Path) -> None:
    path = export(project)
    write_parts(path, {name: data for name, data in parts(path).items() if name != DOCUMENT})
