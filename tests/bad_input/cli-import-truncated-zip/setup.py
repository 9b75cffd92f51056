from pathlib import Path

from tests.hostile_docx import export


def setup(project: Path) -> None:
    path = export(project)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
