from pathlib import Path


def setup(project: Path) -> None:
    """The sample's flyer (last table of its theme.toml) names a skeleton file that is not there."""
    theme = project / "templates" / "theme.toml"
    theme.write_text(theme.read_text(encoding="utf-8") + 'skeleton = "skeletons/flyer.md"\n', encoding="utf-8")
