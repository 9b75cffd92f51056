from pathlib import Path

from tests.hostile_docx import export, parts, write_parts


def setup(project: Path) -> None:
    path = export(project)
    write_parts(path, {**parts(path), **{f"word/media/empty{i}.bin": b"" for i in range(5000)}})
