import shutil
from pathlib import Path

SAMPLE_PNG = Path(__file__).resolve().parents[3] / "content" / "ep-resolution-briefing" / "hemicycle.png"


def setup(project: Path) -> None:
    outside = project.parent / "secret.png"
    shutil.copyfile(SAMPLE_PNG, outside)
    (project / "content" / "link.png").symlink_to(outside)
