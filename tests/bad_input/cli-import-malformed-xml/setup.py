from pathlib import Path

from tests.hostile_docx import DOCUMENT, export, parts, replace_part


def setup(project: Path) -> None:
    path = export(project)
    xml = parts(path)[DOCUMENT]
    replace_part(path, DOCUMENT, xml[: len(xml) // 2])
