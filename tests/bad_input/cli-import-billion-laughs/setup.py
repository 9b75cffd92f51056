from pathlib import Path

from tests.hostile_docx import BILLION_LAUGHS, DOCUMENT, export, replace_part


def setup(project: Path) -> None:
    replace_part(export(project), DOCUMENT, BILLION_LAUGHS)
