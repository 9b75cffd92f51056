"""The screen PDFs claim PDF/UA-1; an independent checker of its machine-checkable rules
(the pdfua package, built on pikepdf) finds nothing in any of them, in any language:
every figure (the vote chart, the QR code, the hemicycle) has its text alternative in the
edition's language, and every table header cell its /Scope."""

from __future__ import annotations

from pathlib import Path

import pdfua
import pikepdf


def test_every_screen_pdf_passes_an_independent_pdf_ua_checker(sample_build: Path) -> None:
    pdfs = sorted(sample_build.glob("*/*.pdf"))
    assert len(pdfs) == 14  # the handout in 6 languages, the briefing and the flyer in 4
    found = {}
    for path in pdfs:
        report = pdfua.validate(str(path))
        found[path.relative_to(sample_build).as_posix()] = [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
    assert found == {name: [] for name in found}


def test_figures_speak_the_editions_language(sample_build: Path) -> None:
    alternatives = []
    with pikepdf.open(sample_build / "be" / "ep-vote-handout.pdf") as pdf:
        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    alternatives.append(str(node.get("/Alt", "")))
                walk(node.get("/K"))
            elif isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)

        walk(pdf.Root.StructTreeRoot)
    assert len(alternatives) == 2, alternatives  # the vote chart and the QR code
    assert any(text.startswith("Чытайце гэтую ўлётку") and "briefings.example.org/be/ep-vote-handout/" in text for text in alternatives)
    assert all(text.strip() for text in alternatives)
