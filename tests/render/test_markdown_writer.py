"""The Markdown edition reads back as the same model: for the sample in every language, and
for generated documents full of characters that look like markup."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import discover, load_document
from samizdat.errors import Report
from samizdat.localize import localize
from samizdat.render.markdown import render

IGNORED = {"loc", "anchor", "ui", "locale", "bcp47", "path", "slug", "bars", "label", "shown", "source", "context"}  # set by localize, not read


def shape(node: Any) -> Any:
    """What a reader sees of a model node: types, texts and settings, not where they came from."""
    if isinstance(node, tuple):
        merged: list[Any] = []
        for item in node:  # adjacent texts (escaped or not), or emphasis of one kind, are one however they were split
            if isinstance(item, m.Text) and merged and isinstance(merged[-1], m.Text) and merged[-1].literal == item.literal:
                merged[-1] = m.Text(merged[-1].text + item.text, item.literal)
            elif isinstance(item, m.SPANS) and merged and type(merged[-1]) is type(item):
                merged[-1] = type(item)((*merged[-1].children, *item.children))
            elif isinstance(item, m.Code) and merged and isinstance(merged[-1], m.Code):
                merged[-1] = m.Code(merged[-1].text + item.text)
            else:
                merged.append(item)
        return tuple(shape(item) for item in merged)
    if isinstance(node, dict):
        return {key: shape(value) for key, value in node.items()}
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return (type(node).__name__, *((f.name, shape(getattr(node, f.name))) for f in dataclasses.fields(node) if f.name not in IGNORED))
    return node


def read_back(doc: m.Document, folder: Path, project: Path) -> m.Document:
    path = folder / f"roundtrip-{doc.lang}.md"
    path.write_text(render(doc), encoding="utf-8")
    try:
        return load_document(path, load_config(project))
    finally:
        path.unlink()


def test_sample_in_every_language_reads_back_the_same(project: Path) -> None:
    config = load_config(project)
    for source in discover(config):
        for lang in filter(load_document(source, config).meta.publishes, config.languages):
            doc = localize(load_document(source, config), lang, config, Report())
            back = read_back(doc, source.parent, project)
            assert shape(back.blocks) == shape(doc.blocks), (source.name, lang)
            assert shape(back.notes) == shape(doc.notes) and back.note_order == doc.note_order
            assert shape(dataclasses.replace(back.meta, lang=doc.meta.lang)) == shape(doc.meta), (source.name, lang)


# --- generated documents ------------------------------------------------------------------

TRICKY = "*_`[]<>&|~\\#-+=:!()1.\"' \u00a0абвЎў"
words = st.text(alphabet=st.sampled_from(list("abc xyz") + list(TRICKY)), min_size=1, max_size=12).filter(lambda t: t.strip() != "")
LOC = m.Loc("content/x.md", 1)


def segment(inlines: tuple[m.Inline, ...]) -> m.Segment:
    return m.Segment("", inlines, LOC)


plain = words.map(lambda t: m.Text(t))
# Emphasis a reader can give: its text starts and ends with a letter (CommonMark's flanking
# rules make '1*:*' plain text, so no Markdown reads as Text('1') + Emph(':')).
emphasised = st.builds(lambda a, t, b: m.Text(a + t + b), st.sampled_from("abЎ"), words, st.sampled_from("xyў"))
inline = st.one_of(
    plain,
    emphasised.map(lambda t: m.Emph((t,))),
    emphasised.map(lambda t: m.Strong((t,))),
    st.text(alphabet="abc`* ", min_size=1, max_size=8).filter(lambda t: t.strip(" ") != "" and t == t.strip(" ")).map(m.Code),
    plain.map(lambda t: m.Link("https://example.org/a_b(c)", (t,))),
    st.sampled_from(['"', "'", "-", "--", '"\'']).map(lambda t: m.Text(t, literal=True)),  # escaped: typography leaves them
)


def tidy(nodes: list[m.Inline]) -> tuple[m.Inline, ...]:
    """Texts as a reader gives them back: no leading or trailing spaces in a block's text."""
    joined = shape(tuple(nodes))
    del joined
    out = list(nodes)
    if out and isinstance(out[0], m.Text):
        out[0] = m.Text(out[0].text.lstrip(" \u00a0") or "x")
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text.rstrip(" \u00a0") or "x")
    return tuple(out)


line = st.lists(inline, min_size=1, max_size=5).map(tidy).filter(lambda n: all(
    not isinstance(node, (m.Emph, m.Strong, m.Link)) or node.children[0].text == node.children[0].text.strip(" \u00a0")
    for node in n))
paragraph = line.map(lambda n: m.Paragraph(segment(n)))
block = st.one_of(
    paragraph,
    st.builds(lambda n, level: m.Heading(level, segment(n), ""), line, st.integers(2, 3)),
    st.lists(paragraph.map(lambda p: (p,)), min_size=1, max_size=3).map(lambda items: m.BulletList(tuple(items), LOC)),
    st.lists(paragraph.map(lambda p: (p,)), min_size=1, max_size=3).map(lambda items: m.OrderedList(tuple(items), LOC, 1)),
    st.lists(paragraph, min_size=1, max_size=2).map(lambda ps: m.Quote(tuple(ps), LOC)),
    st.text(alphabet="ab`~ \n", max_size=20).map(lambda t: m.CodeBlock(t.strip("\n") + "\n" if t.strip() else "", "", LOC)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(block, min_size=1, max_size=4))
def test_generated_documents_read_back_the_same(project: Path, blocks: list[m.Block]) -> None:
    title = segment((m.Text("Title"),))
    doc = m.Document("x", "content/x.md", m.Meta(title, "en", "briefing"), tuple(blocks), {}, (), "en")
    back = read_back(doc, project / "content", project)
    assert shape(back.blocks) == shape(doc.blocks)


def test_escaped_quotes_and_hyphens_read_back_escaped(project: Path) -> None:
    """What the author escaped stays escaped (typography leaves it); a hyphen escaped only to
    keep a line from starting a list reads back as an ordinary one."""
    blocks = (
        m.Paragraph(segment((m.Text("a "), m.Text('"', literal=True), m.Text("b"), m.Text('"', literal=True), m.Text(" c \u201cd\u201d")))),
        m.Paragraph(segment((m.Text("- x "), m.Text("--", literal=True), m.Text(" y")))),
        m.Paragraph(segment((m.Text("-"), m.Emph((m.Text("ax"),))))),
        m.Paragraph(segment((m.Text("-x"),))),
    )
    title = segment((m.Text("Title"),))
    doc = m.Document("x", "content/x.md", m.Meta(title, "en", "briefing"), blocks, {}, (), "en")
    text = render(doc)
    assert 'a \\"b\\" c \u201cd\u201d' in text and "&#45; x \\-\\- y" in text and "\n-*ax*\n" in text and "\n-x\n" in text
    back = read_back(doc, project / "content", project)
    assert back.blocks[0].text.inlines == blocks[0].text.inlines
    assert back.blocks[2].text.inlines == blocks[2].text.inlines
    assert shape(back.blocks) == shape(doc.blocks)
