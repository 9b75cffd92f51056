import shutil
from pathlib import Path

SAMPLE_PNG = Path(__file__).resolve().parents[3] / "content" / "ep-resolution-briefing" / "hemicycle.png"


def setup(project: Path) -> None:
    shutil.copyfile(SAMPLE_PNG, project.parent / "outside.png")
