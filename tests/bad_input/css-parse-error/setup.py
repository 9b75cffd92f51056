from pathlib import Path

from samizdat.theme import BUILTIN


def setup(project: Path) -> None:
    """The project overrides the theme's print.css with a copy that has unbalanced braces and an empty value."""
    css = project / "templates" / "print.css"
    css.write_text((BUILTIN / "print.css").read_text(encoding="utf-8") + "\n.broken { color: ; \n}}\n", encoding="utf-8")
