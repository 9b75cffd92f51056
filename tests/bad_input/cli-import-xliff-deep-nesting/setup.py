from pathlib import Path


def setup(project: Path) -> None:
    """A target of 100,000 nested <g> tags: well-formed XML, deeper than any parser should follow."""
    path = project / "build" / "translations" / "ep-vote-handout.be.xlf"
    path.parent.mkdir(parents=True, exist_ok=True)
    nested = '<g id="1">' * 100_000 + "x" + "</g>" * 100_000
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '  <file original="content/ep-vote-handout.md" source-language="en-GB" target-language="be-BY" datatype="x-markdown">\n'
        '    <body>\n      <trans-unit id="heading|7581ac00d9|8a0157" xml:space="preserve">\n'
        f'        <source>A clear majority</source>\n        <target state="translated">{nested}</target>\n'
        '      </trans-unit>\n    </body>\n  </file>\n</xliff>\n', encoding="utf-8")
