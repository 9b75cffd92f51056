from pathlib import Path

from tests.image_files import write_png


def setup(project: Path) -> None:
    write_png(project / "content" / "bomb.png", 30_000, 30_000)
