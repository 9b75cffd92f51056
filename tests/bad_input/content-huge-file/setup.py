from pathlib import Path


def setup(project: Path) -> None:
    paragraph = ("A long paragraph of words. " * 40 + "\n\n").encode()
    data = b"---\ntitle: Huge\n---\n\n" + paragraph * (2_100_000 // len(paragraph) + 1)
    (project / "content" / "huge.md").write_bytes(data)
