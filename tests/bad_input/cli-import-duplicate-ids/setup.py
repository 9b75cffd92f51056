import copy
from pathlib import Path

from docx import Document

from tests.hostile_docx import export, row_with


def setup(project: Path) -> None:
    path = export(project)
    word = Document(str(path))
    cells = row_with(word.tables[0], "Why it matters")
    cells[2].text = "Чаму гэта мае значэнне"
    pasted = copy.deepcopy(cells[0]._tc.getparent())
    cells[0]._tc.getparent().addnext(pasted)
    cells[2].text = "Чаму гэта важна"
    word.save(str(path))
