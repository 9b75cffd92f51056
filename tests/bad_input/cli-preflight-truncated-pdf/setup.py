from pathlib import Path


def setup(project: Path) -> None:
    data = (project / "build" / "en" / "ep-vote-handout.pdf").read_bytes()
    (project / "print").mkdir()
    (project / "print" / "handout.pdf").write_bytes(data[: len(data) // 2])
