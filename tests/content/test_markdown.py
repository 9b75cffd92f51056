import shutil
from pathlib import Path

import pytest

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import SamizdatError
from tests.support import write_doc

HEAD = "---\ntitle: T\ndata:\n  votes: {for: 3, against: 1}\n---\n"


def load(project: Path, body: str) -> m.Document:
    return load_document(write_doc(project, "x.md", HEAD + body), load_config(project))


def test_blocks_and_lines(project: Path) -> None:
    doc = load(project, "## Heading *one*\n\nA paragraph\nover two lines.\n\n- a\n- b\n\n1. x\n2. y\n")
    heading, para, bullets, numbers = doc.blocks
    assert isinstance(heading, m.Heading) and heading.level == 2 and heading.anchor == "heading-one"
    assert heading.text.loc == m.Loc("content/x.md", 6)
    assert para.text.source == "A paragraph over two lines."  # re-wrapping keeps the msgid
    assert para.text.loc.line == 8
    assert isinstance(bullets, m.BulletList) and len(bullets.items) == 2
    assert isinstance(numbers, m.OrderedList) and numbers.start == 1


def test_footnotes_links_and_emphasis(project: Path) -> None:
    doc = load(project, "See [site](https://example.org) and **bold**.[^n]\n\n[^n]: The *note*.\n")
    (para,) = doc.blocks
    kinds = [type(i).__name__ for i in para.text.inlines]
    assert kinds == ["Text", "Link", "Text", "Strong", "Text", "NoteRef"]
    assert para.text.inlines[1].url == "https://example.org"
    assert doc.note_order == ("n",)
    assert doc.notes["n"][0].text.source == "The *note*."


def test_table_callout_chart_and_figure(project: Path, tmp_path: Path) -> None:
    shutil.copy(project / "content" / "ep-resolution-briefing" / "hemicycle.png", project / "content" / "pic.png")
    doc = load(project, "| A | B |\n|:--|--:|\n| 1 | 2 |\n\n::: key-facts Facts\n- one\n:::\n\n::: chart votes\nCaption.\n:::\n\n![Alt text](pic.png)\n")
    table, callout, chart, figure = doc.blocks
    assert [c.text.source for c in table.head] == ["A", "B"]
    assert [c.align for c in table.rows[0]] == ["left", "right"]
    assert callout.kind == "key-facts" and callout.title.source == "Facts"
    assert chart.data == {"for": 3, "against": 1} and chart.caption.source == "Caption."
    assert isinstance(figure, m.Figure) and figure.alt.source == "Alt text" and figure.src == "pic.png"


def test_raw_html_is_text_not_markup(project: Path) -> None:
    (para,) = load(project, "Hello <script>alert(1)</script> there\n").blocks
    assert para.text.plain() == "Hello <script>alert(1)</script> there"


def test_unknown_box_is_an_error(project: Path) -> None:
    with pytest.raises(SamizdatError) as info:
        load(project, "::: callot\nx\n:::\n")
    assert str(info.value.diagnostics[0]) == (
        "content/x.md:6: error: unknown box '::: callot'; known: note, key-facts, warning, chart"
    )
    with pytest.raises(SamizdatError) as info:
        load(project, "::: keyfacts\nx\n:::\n")
    assert "unknown box '::: keyfacts' (did you mean 'key-facts'?)" in str(info.value.diagnostics[0])


def test_chart_needs_data(project: Path) -> None:
    with pytest.raises(SamizdatError) as info:
        load(project, "::: chart vots\nx\n:::\n")
    assert "content/x.md:6: error: '::: chart vots' needs a mapping" in str(info.value.diagnostics[0])
    assert "did you mean 'votes'" in str(info.value.diagnostics[0])


def test_contexts_say_what_a_segment_is_and_repeats_get_their_own(project: Path) -> None:
    doc = load(project, "## Yes\n\nYes\n\n- Yes\n\n| Yes |\n|---|\n| Yes |\n\nYes\n\n[^n]: Yes\n\nSee.[^n]\n")
    contexts = [(s.context, s.source) for s in m.iter_segments(doc) if s.source in ("Yes", "See.[^n]")]
    assert contexts == [
        ("heading", "Yes"), ("paragraph", "Yes"), ("list item", "Yes"), ("table header", "Yes"),
        ("table cell", "Yes"), ("paragraph #2", "Yes"), ("paragraph", "See.[^n]"), ("footnote", "Yes"),
    ]
