"""Markdown beyond CommonMark reaches the model as typed nodes, never as literal markup:
strikethrough, GFM autolinks and task lists, definition lists, heading ids, image titles,
superscript and subscript, line blocks, inline notes; HTML comments are dropped and never
become translatable text; heading levels 1–6 are kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report, SamizdatError
from tests.support import write_doc

HEAD = "---\ntitle: T\n---\n"  # the body starts on line 4


def load(project: Path, body: str, report: Report | None = None) -> m.Document:
    return load_document(write_doc(project, "x.md", HEAD + body), load_config(project), report)


def only_paragraph(doc: m.Document) -> m.Segment:
    (para,) = doc.blocks
    assert isinstance(para, m.Paragraph)
    return para.text


def test_strikethrough(project: Path) -> None:
    text = only_paragraph(load(project, "A ~~struck *out*~~ word.\n"))
    assert text.inlines == (m.Text("A "), m.Strikeout((m.Text("struck "), m.Emph((m.Text("out"),)))), m.Text(" word."))
    assert text.plain() == "A struck out word."


def test_superscript_and_subscript(project: Path) -> None:
    text = only_paragraph(load(project, "2^10^ bytes of H~2~O, a\\~b and x^2\\ y^.\n"))
    assert text.inlines == (
        m.Text("2"), m.Superscript((m.Text("10"),)), m.Text(" bytes of H"), m.Subscript((m.Text("2"),)),
        m.Text("O, a~b and x"), m.Superscript((m.Text("2 y"),)), m.Text("."),
    )


def test_bare_urls_www_and_mail_addresses_are_links(project: Path) -> None:
    text = only_paragraph(load(project, "See https://example.org/a?b=1, www.example.com or info@example.org.\n"))
    links = [(node.url, node.children) for node in text.inlines if isinstance(node, m.Link)]
    assert links == [
        ("https://example.org/a?b=1", (m.Text("https://example.org/a?b=1"),)),
        ("http://www.example.com", (m.Text("www.example.com"),)),
        ("mailto:info@example.org", (m.Text("info@example.org"),)),
    ]
    assert text.plain() == "See https://example.org/a?b=1, www.example.com or info@example.org."


def test_autolinked_schemes_outside_the_allowed_ones_stay_text(project: Path) -> None:
    report = Report()
    text = only_paragraph(load(project, "Chat at xmpp:team@example.org today.\n", report))
    assert text.plain() == "Chat at xmpp:team@example.org today."
    assert not report.errors


def test_task_lists(project: Path) -> None:
    (tasks,) = load(project, "- [ ] Open task\n- [x] Done task\n- An ordinary item\n").blocks
    assert isinstance(tasks, m.TaskList) and tasks.start is None
    assert tasks.done == (False, True, None)
    texts = [item[0].text for item in tasks.items]
    assert [(t.source, t.context) for t in texts] == [("Open task", "task"), ("Done task", "task"), ("An ordinary item", "list item")]
    (numbered,) = load(project, "3. [X] Third\n4. [ ] Fourth\n").blocks
    assert isinstance(numbered, m.TaskList) and numbered.start == 3 and numbered.done == (True, False)
    (plain,) = load(project, "- one\n- two\n").blocks
    assert isinstance(plain, m.BulletList)


def test_definition_lists(project: Path) -> None:
    (dl,) = load(project, "Term *one*\n: First definition.\n\n    Its second paragraph.\n: Another definition.\n\nTerm two\n~ Short.\n").blocks
    assert isinstance(dl, m.DefinitionList) and dl.loc.line == 4
    one, two = dl.items
    assert (one.term.source, one.term.context, one.term.loc.line) == ("Term *one*", "definition term", 4)
    assert [[b.text.source for b in d] for d in one.definitions] == [["First definition.", "Its second paragraph."], ["Another definition."]]
    assert {b.text.context for d in one.definitions for b in d} == {"definition"}
    assert two.term.source == "Term two" and two.definitions[0][0].text.source == "Short."


def test_heading_ids(project: Path) -> None:
    doc = load(project, "# Intro {#custom-id}\n\n## Second {#sec:two .unnumbered}\n\n## custom id\n\n## A {#b} in the middle\n")
    headings = [b for b in doc.blocks if isinstance(b, m.Heading)]
    assert [(h.anchor, h.text.source) for h in headings] == [
        ("custom-id", "Intro"), ("sec:two", "Second"), ("custom-id-2", "custom id"), ("a-b-in-the-middle", "A {#b} in the middle"),
    ]


def test_an_id_given_twice_is_an_error_naming_both_lines(project: Path) -> None:
    with pytest.raises(SamizdatError) as info:
        load(project, "# One {#same}\n\nText.\n\n# Two {#same}\n")
    assert str(info.value.diagnostics[0]) == "content/x.md:8: error: heading id '#same' is already given to the heading at line 4"


def test_heading_levels_one_to_six_are_kept(project: Path) -> None:
    doc = load(project, "".join(f"{'#' * n} Level {n}\n\n" for n in range(1, 7)))
    assert [b.level for b in doc.blocks if isinstance(b, m.Heading)] == [1, 2, 3, 4, 5, 6]


def test_image_titles(project: Path) -> None:
    shutil.copy(project / "content" / "ep-resolution-briefing" / "hemicycle.png", project / "content" / "pic.png")
    figure, para = load(project, '![The hemicycle](pic.png "Seats by *group*")\n\nInline ![icon](pic.png "A title") here.\n').blocks
    assert isinstance(figure, m.Figure) and figure.alt.source == "The hemicycle"
    assert figure.title is not None and (figure.title.source, figure.title.context) == ("Seats by *group*", "image title")
    assert figure.title.inlines == (m.Text("Seats by "), m.Emph((m.Text("group"),)))
    assert m.InlineImage("pic.png", "icon", "A title") in para.text.inlines
    (untitled,) = load(project, "![The hemicycle](pic.png)\n").blocks
    assert untitled.title is None


def test_line_blocks_keep_lines_and_leading_spaces(project: Path) -> None:
    (block, after) = load(project, "| The first *line*\n|    indented by three\n|\n| after an empty line\n  continued\n\nA paragraph.\n").blocks
    assert isinstance(block, m.LineBlock) and block.text.context == "line block" and block.text.loc.line == 4
    assert block.text.plain() == "The first line\n\u00a0\u00a0\u00a0indented by three\n\nafter an empty line continued"
    assert isinstance(after, m.Paragraph)


def test_a_table_is_not_a_line_block(project: Path) -> None:
    (table,) = load(project, "| a | b |\n|---|---|\n| 1 | 2 |\n").blocks
    assert isinstance(table, m.Table)


def test_inline_notes_become_footnotes_with_their_own_segment(project: Path) -> None:
    doc = load(project, "Text.^[An inline *note*.] More.[^n] End.^[Second.]\n\n[^n]: A defined note.\n")
    text = only_paragraph(doc)
    first, _, second = doc.note_order
    assert [node for node in text.inlines if isinstance(node, m.NoteRef)] == [m.NoteRef(first), m.NoteRef("n"), m.NoteRef(second)]
    assert text.source == f"Text.[^{first}] More.[^n] End.[^{second}]"  # the msgid calls the note; its text is its own msgid
    (note,) = doc.notes[first]
    assert (note.text.source, note.text.context, note.text.loc.line) == ("An inline *note*.", "footnote", 4)
    assert doc.notes[second][0].text.source == "Second."
    assert first != second and "n" not in (first, second)


def test_inline_note_labels_stay_put_when_another_note_is_added(project: Path) -> None:
    before = load(project, "One.^[First.]\n\nTwo.^[Second.]\n").note_order
    after = load(project, "Zero.^[New.]\n\nOne.^[First.]\n\nTwo.^[Second.]\n").note_order
    assert after[1:] == before  # the translations of unchanged paragraphs stay valid


def test_html_comments_are_dropped_and_never_translatable(project: Path) -> None:
    report = Report()
    doc = load(project, "<!-- check this figure -->\n\nText <!-- a remark\nover lines --> goes on.\n\n- item <!-- x -->\n\n"
                        "<!--\nA block comment\n\nwith a blank line\n-->\n\nA <b>tag</b> stays.\n", report)
    segments = [segment for segment in m.iter_segments(doc) if segment.context not in ("title", "organisation", "author")]
    assert [s.source for s in segments] == ["Text goes on.", "item", "A <b>tag</b> stays."]
    assert [s.plain() for s in segments] == ["Text goes on.", "item", "A <b>tag</b> stays."]
    warnings = [str(d) for d in report.items]
    assert len(warnings) == 1 and "raw HTML '<b>', '</b>'" in warnings[0] and warnings[0].startswith("content/x.md:17:")


def test_comments_in_box_titles_image_titles_and_front_matter_are_dropped(project: Path) -> None:
    shutil.copy(project / "content" / "ep-resolution-briefing" / "hemicycle.png", project / "content" / "pic.png")
    source = ('---\ntitle: The vote <!-- check the count -->\nsummary: "A `<!-- code -->` stays"\n---\n'
              '::: note Facts <!-- to confirm --> here\nText.\n:::\n\n![Alt](pic.png "Seats <!-- 2024? -->")\n')
    doc = load_document(write_doc(project, "x.md", source), load_config(project))
    box, figure = doc.blocks
    assert (doc.meta.title.source, doc.meta.title.plain()) == ("The vote", "The vote")
    assert doc.meta.summary.plain() == "A <!-- code --> stays" and "<!-- code -->" in doc.meta.summary.source
    assert (box.title.source, box.title.plain()) == ("Facts here", "Facts here")
    assert (figure.title.source, figure.title.plain()) == ("Seats", "Seats")


def test_an_unclosed_comment_is_shown_and_warned_about(project: Path) -> None:
    report = Report()
    text = only_paragraph(load(project, "Text <!-- never closed\n", report))
    assert text.plain() == "Text <!-- never closed"
    assert any("'<!--'" in str(d) for d in report.items)


def test_text_after_a_comment_on_its_line_is_kept(project: Path) -> None:
    assert only_paragraph(load(project, "<!-- note --> Text after it.\n")).plain() == "Text after it."
