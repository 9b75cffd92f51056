"""Lines a Belarusian or Russian typesetter accepts, read from the sample's PDFs: no line
starts with a dash, and none ends with a one- or two-letter word of the language's
profile (prepositions, conjunctions, particles: "на", "ад", "і"). The no-break spaces come
from the profiles; a dash the translator typed after a plain space is corrected."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from samizdat import model as m
from samizdat.languages import profile
from samizdat.localize.typography import apply


def bad_lines(pdf: Path, lang: str) -> list[str]:
    language = profile(lang)
    short = {word.casefold() for word in language.nobreak_after}
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in text.splitlines():
        words = line.split()
        if len(words) < 2 or all(len(word) <= 2 for word in words):  # a label, or letter-spaced capitals
            continue
        last = words[-1]
        if re.fullmatch(f"[{language.letters}]", last) or last.casefold() in short:
            found.append(f"ends with {last!r}: …{line[-40:]}")
        if words[0] in ("\u2014", "\u2013"):
            found.append(f"starts with a dash: {line[:40]}…")
    return found


# A short word right before a link keeps a plain space (WeasyPrint stretches a justified
# line badly when a no-break space joins text to a link): the one such line of the sample.
BEFORE_A_LINK = {("ru", "ep-vote-handout.pdf"): ["ends with 'на': …амента, новости демократических сил — на"]}


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_no_line_starts_with_a_dash_or_ends_with_a_short_word(sample_build: Path, lang: str) -> None:
    pdfs = sorted((sample_build / lang).glob("*.pdf"))
    assert len(pdfs) == 3
    found = {pdf.name: [line.replace("\u00a0", " ") for line in bad_lines(pdf, lang)] for pdf in pdfs}
    assert found == {pdf.name: BEFORE_A_LINK.get((lang, pdf.name), []) for pdf in pdfs}


def segment(*inlines: m.Inline) -> m.Segment:
    return m.Segment("", inlines, m.Loc("x.md", 1))


def test_a_typed_dash_after_a_plain_space_is_joined_to_the_word_before() -> None:
    assert apply(segment(m.Text("супраць — 18")), profile("be")).plain() == "супраць\u00a0— 18"
    assert apply(segment(m.Text("against — 18")), profile("en")).plain() == "against — 18"  # English leaves it


def test_short_words_and_not_the_second_part_of_a_hyphenated_word() -> None:
    assert apply(segment(m.Text("ад рэжыму і па-за ім")), profile("be")).plain() == "ад\u00a0рэжыму і\u00a0па-за ім"
