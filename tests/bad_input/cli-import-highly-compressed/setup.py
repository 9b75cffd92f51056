from pathlib import Path

from tests.hostile_docx import export, zip_bomb


def setup(project: Path) -> None:
    zip_bomb(export(project), inflated=30 << 20)
