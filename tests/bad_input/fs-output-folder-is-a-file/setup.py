import shutil
from pathlib import Path


def setup(project: Path) -> None:
    shutil.rmtree(project / "build" / "en")
    (project / "build" / "en").write_text("not a folder\n", encoding="utf-8")
