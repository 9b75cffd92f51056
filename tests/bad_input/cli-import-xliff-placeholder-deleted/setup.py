from pathlib import Path

from lxml import etree

from samizdat.config import load_config
from samizdat.content import discover, load_document
from samizdat.translate.xliff import NS, export_xliff


def setup(project: Path) -> None:
    """An export whose footnote call a translator deleted from one unit's target."""
    config = load_config(project)
    docs = [load_document(p, config) for p in discover(config) if p.stem == "ep-vote-handout"]
    (path,) = export_xliff(config, docs, "be", project / "build" / "translations")
    tree = etree.parse(str(path))
    for ph in tree.iterfind(f".//{{{NS}}}target/{{{NS}}}ph"):
        if ph.text == "[^winner]":
            ph.getparent().remove(ph)  # its tail (none here) would go with it
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
