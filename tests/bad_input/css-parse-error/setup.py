from pathlib import Path


def setup(project: Path) -> None:
    """Unbalanced braces and an empty value appended to the project's own print.css."""
    css = project / "templates" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.broken { color: ; \n}}\n", encoding="utf-8")
