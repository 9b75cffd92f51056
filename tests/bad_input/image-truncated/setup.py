from pathlib import Path

from tests.image_files import SAMPLE_PNG


def setup(project: Path) -> None:
    data = SAMPLE_PNG.read_bytes()
    (project / "content" / "half.png").write_bytes(data[: len(data) // 2])
    (project / "content" / "head.png").write_bytes(data[:20])
