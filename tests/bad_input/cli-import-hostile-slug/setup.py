from pathlib import Path

from tests.hostile_docx import edit_table, export, row_with, set_identifier


def setup(project: Path) -> None:
    path = export(project)
    edit_table(path, lambda table: setattr(row_with(table, "Why it matters")[2], "text", "Чаму гэта мае значэнне"))
    set_identifier(path, "samizdat-translation:../../ru/LC_MESSAGES/ep-vote-handout:be")
