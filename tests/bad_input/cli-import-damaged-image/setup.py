from pathlib import Path

from tests.hostile_docx import damage, export


def setup(project: Path) -> None:
    damage(export(project), "docProps/thumbnail.jpeg")
