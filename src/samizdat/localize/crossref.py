"""Cross-references and numbered captions in the document's language.

Takes a localized document (its segments translated, ``ui`` set); gives it with each
:class:`model.CrossRef` reading as it should ("Figure 2", "малюнка 2", the section's
title) and each numbered figure and table carrying its caption label ("Малюнак 1. ").

Belarusian and Russian nouns inflect: "на малюнку 2", "паводле малюнка 2". The words
are interface strings in ``templates.po``, one per grammatical case (msgctxt
"cross-reference, genitive"…, ``localize.terms.REFERENCES``), translated once for every
document; the translator of a sentence picks the case with ``@fig:votes{gen}``, or writes
the word themselves and takes only the number with ``@fig:votes{num}``. samizdat never
guesses a case, so a translation stays correct when the number changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from samizdat import model as m
from samizdat.content import crossref as source
from samizdat.localize import terms


def resolve(doc: m.Document) -> m.Document:
    """``doc`` with reference texts and caption labels in its language."""
    ui = doc.ui
    if ui is None:
        raise ValueError("resolve() needs a localized document")
    targets = source.ids(doc)

    def shown(ref: m.CrossRef) -> str:
        block = targets.get(ref.target)
        kind = ref.target.partition(":")[0]
        if isinstance(block, m.Heading):
            title = block.text.plain()
            return title if ref.form == "num" else _format(ui.pgettext(*terms.REFERENCES[("sec", "")]), title=title)
        if not isinstance(block, (m.Figure, m.Chart, m.Table)):
            return f"@{ref.target}"  # refused when the document was loaded; never drawn
        if ref.form == "num":
            return str(block.numbered.number)
        return _format(ui.pgettext(*terms.REFERENCES[(kind, ref.form)]), num=block.numbered.number)

    def segment(seg: m.Segment) -> m.Segment:
        inlines = _replace(seg.inlines, shown)
        return seg if inlines == seg.inlines else dataclasses.replace(seg, inlines=inlines)

    def label(block: m.Block) -> m.Block:
        if not isinstance(block, (m.Figure, m.Chart, m.Table)) or not block.numbered.number:
            return block
        template = ui.pgettext(*terms.CAPTIONS["tbl" if isinstance(block, m.Table) else "fig"])
        prefix = _format(template.partition("%(caption)s")[0], num=block.numbered.number)
        if _caption(block) is None:
            prefix = prefix.rstrip().rstrip(".:")
        return dataclasses.replace(block, numbered=dataclasses.replace(block.numbered, label=prefix))

    return dataclasses.replace(
        doc,
        meta=m.map_segments(doc.meta, segment),
        blocks=m.map_segments(m.map_blocks(doc.blocks, label), segment),
        notes={name: m.map_segments(blocks, segment) for name, blocks in doc.notes.items()},
    )


def _caption(block: m.Figure | m.Chart | m.Table) -> m.Segment | None:
    return (block.alt if block.alt.source else None) if isinstance(block, m.Figure) else block.caption


def _format(template: str, **values: object) -> str:
    """A translated template with its placeholders filled; one a translator broke (the
    catalog check reports it) falls back to the values alone rather than failing."""
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        return " ".join(str(value) for value in values.values())


def _replace(nodes: tuple[m.Inline, ...], shown: Callable[[m.CrossRef], str]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.CrossRef):
            node = dataclasses.replace(node, shown=shown(node))
        elif isinstance(getattr(node, "children", None), tuple):  # emphasis, links…
            node = dataclasses.replace(node, children=_replace(node.children, shown))  # type: ignore[union-attr, arg-type]
        out.append(node)
    return tuple(out)
