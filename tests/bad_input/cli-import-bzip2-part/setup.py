import zipfile
from pathlib import Path

from tests.hostile_docx import export, parts


def setup(project: Path) -> None:
    path = export(project)
    members = parts(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data, zipfile.ZIP_BZIP2 if name.endswith(".jpeg") else zipfile.ZIP_DEFLATED)
