from pathlib import Path


def setup(project: Path) -> None:
    """A 17 MB "XLIFF": a long note pasted into a file that is otherwise an export."""
    path = project / "build" / "translations" / "ep-vote-handout.be.xlf"
    path.parent.mkdir(parents=True, exist_ok=True)
    note = "<note>" + "Translator's remark. " * 850_000 + "</note>"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">{note}</xliff>\n',
                    encoding="utf-8")
