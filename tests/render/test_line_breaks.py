"""Lines a Belarusian or Russian typesetter accepts, read from the sample's PDFs: no line
starts with a dash, and none ends with a one- or two-letter word of the language's
profile (prepositions, conjunctions, particles: "на", "ад", "і"), a number parted from
its word, or an initial parted from its name. The no-break spaces come
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
    lines = text.splitlines()
    for line, following in zip(lines, [*lines[1:], ""]):
        words, next_word = line.split(), (following.split() or [""])[0]
        if len(words) < 2 or all(len(word) <= 2 for word in words):  # a label, or letter-spaced capitals
            continue
        last = words[-1]
        if re.fullmatch(f"[{language.letters}]", last) or last.casefold() in short:
            found.append(f"ends with {last!r}: …{line[-40:]}")
        if re.fullmatch(r"\d[\d\u00a0.,]*", last) and not last.endswith(".") and next_word[:1].islower():
            found.append(f"ends with a number: …{line[-40:]}")
        if re.fullmatch(r"[^\W\d_]\.", last) and last[0].isupper() and not words[-2][0].isdigit() and next_word[:1].isupper():
            found.append(f"ends with an initial: …{line[-40:]}")
        if words[0] in ("\u2014", "\u2013"):
            found.append(f"starts with a dash: {line[:40]}…")
    return found


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_no_line_starts_with_a_dash_or_ends_with_a_short_word(sample_build: Path, lang: str) -> None:
    pdfs = sorted((sample_build / lang).glob("*.pdf"))
    assert len(pdfs) == 3
    found = {pdf.name: [line.replace("\u00a0", " ") for line in bad_lines(pdf, lang)] for pdf in pdfs}
    assert found == {pdf.name: [] for pdf in pdfs}


def segment(*inlines: m.Inline) -> m.Segment:
    return m.Segment("", inlines, m.Loc("x.md", 1))


def test_a_typed_dash_after_a_plain_space_is_joined_to_the_word_before() -> None:
    assert apply(segment(m.Text("супраць — 18")), profile("be")).plain() == "супраць\u00a0— 18"
    assert apply(segment(m.Text("against — 18")), profile("en")).plain() == "against — 18"  # English leaves it


def test_short_words_and_not_the_second_part_of_a_hyphenated_word() -> None:
    assert apply(segment(m.Text("ад рэжыму і па-за ім")), profile("be")).plain() == "ад\u00a0рэжыму і\u00a0па-за ім"


def test_a_number_stays_with_its_word_and_an_initial_with_its_name() -> None:
    be = apply(segment(m.Text("прагаласавалі 458 дэпутатаў у 2026 г., А. Лукашэнка")), profile("be")).plain()
    assert "458\u00a0дэпутатаў" in be and "2026\u00a0г." in be and "А.\u00a0Лукашэнка" in be
    en = apply(segment(m.Text("with 84 abstentions, 18 % against, as S. Tsikhanouskaya said; 1.5 million")), profile("en")).plain()
    assert "84\u00a0abstentions" in en and "18\u00a0%" in en and "S.\u00a0Tsikhanouskaya" in en and "1.5\u00a0million" in en
    assert apply(segment(m.Text("plan b. next")), profile("en")).plain() == "plan b. next"  # not an initial


def test_a_paragraph_does_not_end_on_a_short_last_word() -> None:
    text = "Дэпутаты зноў выказалі падтрымку беларускім дэмакратычным сілам на чале з усімі сіламі сій."
    assert apply(segment(m.Text(text)), profile("be")).plain().endswith(" сіламі\u00a0сій.")
    assert apply(segment(m.Text("Вынікі галасавання ў Еўрапейскім парламенце: сій.")), profile("be")).plain().endswith(" сій.")  # one line: no last line to mind
    long_words = "The Parliament reaffirmed its support for the democratic forces, calling for accountability internationally."
    assert apply(segment(m.Text(long_words)), profile("en")).plain() == long_words


def test_a_project_can_turn_the_rules_off(tmp_path: Path) -> None:
    from samizdat.languages import profile as described

    plain = described("en", {"nobreak_numbers": False, "nobreak_initials": False, "min_last_line": 0})
    text = "with 84 abstentions, as S. Tsikhanouskaya said in the end of it all."
    assert apply(segment(m.Text(text)), plain).plain() == text


def test_a_short_word_before_a_link_stays_with_it() -> None:
    """«на tsikhanouskaya.org»: joined by typography; the PDF keeps the two on one line."""
    joined = apply(segment(m.Text("новости — на "), m.Link("https://tsikhanouskaya.org", (m.Text("tsikhanouskaya.org"),))), profile("ru"))
    assert joined.plain() == "новости\u00a0— на\u00a0tsikhanouskaya.org"
