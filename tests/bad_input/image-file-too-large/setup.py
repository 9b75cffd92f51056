from pathlib import Path

from tests.image_files import SAMPLE_PNG


def setup(project: Path) -> None:
    data = SAMPLE_PNG.read_bytes()
    (project / "content" / "heavy.png").write_bytes(data + b"\0" * (26_000_000 - len(data)))
