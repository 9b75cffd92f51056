from pathlib import Path

from tests.hostile_docx import DOCUMENT, export, replace_part


def setup(project: Path) -> None:
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    replace_part(export(project), DOCUMENT, xml)
