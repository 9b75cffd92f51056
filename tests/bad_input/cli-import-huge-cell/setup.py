from pathlib import Path

from tests.hostile_docx import edit_table, export, row_with


def setup(project: Path) -> None:
    edit_table(export(project), lambda table: setattr(row_with(table, "Why it matters")[2], "text", "ы" * 200_000))
